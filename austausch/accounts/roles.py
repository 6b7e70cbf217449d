"""Who holds which role on which object. Each model decides what its roles allow (`editable_by`)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from austausch.accounts.models import Role, RoleAssignment

__all__ = ["Role", "has_role", "holders", "scopes_of"]


def has_role(user: Any, role: Role | str, scope: models.Model) -> bool:
    """True for platform admins and for anyone given `role` on `scope`."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return RoleAssignment.objects.filter(
        user=user, role=role, scope_type=ContentType.objects.get_for_model(scope), scope_id=scope.pk
    ).exists()


def holders(role: Role | str, scope: models.Model) -> models.QuerySet:
    """The people holding `role` on `scope`."""
    from austausch.accounts.models import User

    return User.objects.filter(
        roles__role=role,
        roles__scope_type=ContentType.objects.get_for_model(scope),
        roles__scope_id=scope.pk,
        is_active=True,
    )


def scopes_of(user: Any, role: Role | str) -> list[models.Model]:
    if not user.is_authenticated:
        return []
    return [assignment.scope for assignment in user.roles.filter(role=role).select_related("scope_type")]
