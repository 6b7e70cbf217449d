from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from austausch.accounts.models import User
from austausch.accounts.roles import Role, has_role
from austausch.audit.services import log_action, snapshot, update_audited
from austausch.lib.permissions import require
from austausch.organisations.models import Organisation
from austausch.registry.models import Municipality

FIELDS = ("name", "abbreviation", "kind", "sector", "municipality", "website", "description")


def can_create_organisation(user: Any, municipality: Municipality | None) -> bool:
    """Admins anywhere; a town's editors for their town."""
    if municipality is None:
        return bool(user.is_authenticated and user.is_superuser)
    return has_role(user, Role.EDITOR, municipality)


@transaction.atomic
def create_organisation(*, actor: User, **fields: Any) -> Organisation:
    require(can_create_organisation(actor, fields.get("municipality")), _("You may not add organisations here."))
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    log_action("organisations.organisation.created", actor=actor, target=organisation,
               after=snapshot(organisation, FIELDS))  # fmt: skip
    return organisation


@transaction.atomic
def update_organisation(*, actor: User, organisation: Organisation, **changes: Any) -> Organisation:
    require(organisation.editable_by(actor), _("You may not edit this organisation."))
    # Moving an organisation to another town needs the right to add it there.
    moves = "municipality" in changes and changes["municipality"] != organisation.municipality
    require(
        not moves or can_create_organisation(actor, changes["municipality"]),
        _("You may not move this organisation to that town."),
    )
    return update_audited(organisation, changes, actor=actor, action="organisations.organisation.changed")
