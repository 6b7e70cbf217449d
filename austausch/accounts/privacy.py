"""Who sees a person's contact data. Private by default: themselves and the coordinators of their scopes."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef

from austausch.accounts.models import Role, RoleAssignment, User, Visibility

# Each contact field and the field holding its owner's choice of who may see it.
CONTACT_FIELDS = {"email": "email_visibility", "phone": "phone_visibility"}


def visible_contact(person: User, viewer: Any) -> dict[str, str]:
    """The contact fields of `person` that `viewer` (a user or AnonymousUser) may see; empty fields left out."""
    if not person.is_active:
        return {}
    if _sees_everything(person, viewer):
        allowed = set(CONTACT_FIELDS)
    else:
        signed_in = viewer is not None and viewer.is_authenticated and viewer.is_active
        allowed = {
            field
            for field, visibility_field in CONTACT_FIELDS.items()
            if getattr(person, visibility_field) == Visibility.PUBLIC
            or (signed_in and getattr(person, visibility_field) == Visibility.MEMBERS)
        }
    return {field: getattr(person, field) for field in CONTACT_FIELDS if field in allowed and getattr(person, field)}


def _sees_everything(person: User, viewer: Any) -> bool:
    if viewer is None or not viewer.is_authenticated or not viewer.is_active:
        return False
    if viewer.pk == person.pk or viewer.is_superuser:
        return True
    return coordinates_someone_of(viewer, person)


def coordinates_someone_of(coordinator: User, person: User) -> bool:
    """True when `coordinator` coordinates an object (a programme) on which `person` holds a role."""
    same_scope = RoleAssignment.objects.filter(
        user=person, scope_type=OuterRef("scope_type"), scope_id=OuterRef("scope_id")
    )
    return RoleAssignment.objects.filter(user=coordinator, role=Role.COORDINATOR).filter(Exists(same_scope)).exists()
