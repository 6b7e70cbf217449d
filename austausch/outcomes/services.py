"""Writes about outcomes. Each checks the actor's rights on the object, validates, runs in a transaction
and is audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from austausch.audit.services import log_action, snapshot, update_audited
from austausch.knowledge.models import Practice
from austausch.lib.permissions import require
from austausch.lib.uploads import checked_type
from austausch.outcomes.models import (
    Commitment,
    CommitmentState,
    CommitmentUpdate,
    Transfer,
    may_record_for,
)
from austausch.outcomes.signals import update_published
from austausch.programmes.models import Meeting, Programme
from austausch.registry.models import Municipality

COMMITMENT_FIELDS = (
    "municipality",
    "title",
    "description",
    "owner_role",
    "owner_organisation",
    "due_on",
    "success_indicator",
    "meeting",
    "programme",
    "practice",
    "state",
    "dropped_reason",
    "published",
)
TRANSFER_FIELDS = (
    "municipality",
    "practice",
    "origin_municipality",
    "state",
    "started_on",
    "changed_on",
    "adaptations",
    "meeting",
    "programme",
    "published",
)


def _origin_of_exchange(meeting: Meeting | None, programme: Programme | None) -> Programme | None:
    """A meeting's programme is the programme; naming another one is a mistake, not a choice."""
    if meeting is None:
        return programme
    if programme is not None and meeting.programme_id != programme.pk:
        raise ValidationError({"programme": _("The meeting belongs to another programme.")})
    return meeting.programme


def _still_yours(actor: Any, record: Commitment | Transfer, changes: dict[str, Any], message: str) -> None:
    """Put the programme of the (changed) meeting into `changes`, then refuse a record moved out of the
    actor's reach: to another town, meeting or programme they may not record for."""
    meeting = changes.get("meeting", record.meeting)
    changes["programme"] = _origin_of_exchange(meeting, changes.get("programme", record.programme))
    require(
        may_record_for(actor, changes.get("municipality", record.municipality), changes["programme"], meeting), message
    )


@transaction.atomic
def create_commitment(
    *,
    actor: Any,
    municipality: Municipality,
    meeting: Meeting | None = None,
    programme: Programme | None = None,
    **fields: Any,
) -> Commitment:
    """Record a commitment. A due date in the past is allowed (it is recorded late); the commitment is overdue."""
    programme = _origin_of_exchange(meeting, programme)
    require(
        may_record_for(actor, municipality, programme, meeting),
        _("You may record commitments only for your own town or for your programme's meetings."),
    )
    commitment = Commitment(municipality=municipality, meeting=meeting, programme=programme, **fields)
    commitment.created_by = actor if actor is not None and actor.is_authenticated else None
    commitment.full_clean()
    commitment.save()
    log_action(
        "outcomes.commitment.created",
        actor=actor,
        target=commitment,
        after=snapshot(commitment, COMMITMENT_FIELDS),
    )
    return commitment


@transaction.atomic
def update_commitment(*, actor: Any, commitment: Commitment, **changes: Any) -> Commitment:
    """Change what was promised. The state changes through `post_update`, so that it has a dated history."""
    require(commitment.editable_by(actor), _("You may not change this commitment: it belongs to another town."))
    if "state" in changes:
        raise ValidationError({"state": _("Post an update to change the state.")})
    _still_yours(
        actor, commitment, changes, _("You may not move this commitment to a town or programme that is not yours.")
    )
    return update_audited(commitment, changes, actor=actor, action="outcomes.commitment.changed")


def post_update(
    *,
    actor: Any,
    commitment: Commitment,
    on: date,
    text: str,
    link: str = "",
    new_state: str = "",
    dropped_reason: str = "",
    document: UploadedFile | None = None,
) -> CommitmentUpdate:
    """A dated report on a commitment, with its evidence; it may move the commitment to a new state."""
    require(commitment.editable_by(actor), _("You may not report on this commitment: it belongs to another town."))
    if on > timezone.localdate():
        raise ValidationError({"on": _("An update cannot be dated in the future.")})
    if new_state == commitment.state:
        new_state = ""
    if new_state == CommitmentState.DROPPED and not dropped_reason.strip():
        raise ValidationError({"dropped_reason": _("Please give the reason why it was dropped.")})
    update = CommitmentUpdate(
        commitment=commitment,
        on=on,
        text=text.strip(),
        link=link,
        new_state=new_state,
        author=actor if actor is not None and actor.is_authenticated else None,
    )
    update.full_clean(exclude=["document"])
    if document is not None:
        file_type = checked_type(document, field="document")
        stem = get_valid_filename((document.name or "document").rsplit(".", 1)[0])[:80] or "document"
        update.document_type, update.document_size = file_type.content_type, document.size
        update.document.save(f"{stem}.{file_type.extension}", document, save=False)
    # Logged with every update, the state unchanged or not, so that the log shows each report.
    state = {"state": commitment.state, "dropped_reason": commitment.dropped_reason}
    if new_state:
        reason = dropped_reason.strip() if new_state == CommitmentState.DROPPED else ""
        state = {"state": new_state, "dropped_reason": reason}
    try:
        with transaction.atomic():
            update.save()
            update_audited(
                commitment,
                state,
                actor=actor,
                action="outcomes.commitment.update_posted",
                noted={"update": update.pk, "on": on.isoformat(), "link": link, "document": update.document.name or ""},
            )
            if commitment.is_public:
                transaction.on_commit(
                    lambda: update_published.send(sender=Commitment, commitment=commitment, update=update)
                )
    except Exception:
        if update.document:
            update.document.delete(save=False)
        raise
    return update


def _origin_municipality(practice: Practice, origin: Municipality | None) -> Municipality:
    """The town whose practice is adopted: the one given, or the practice's only town."""
    towns = list(practice.municipalities.all()) + [
        organisation.municipality for organisation in practice.organisations.all() if organisation.municipality
    ]
    if origin is None:
        if len({town.pk for town in towns}) == 1:
            return towns[0]
        raise ValidationError({"origin_municipality": _("Name the town the practice comes from.")})
    if towns and origin.pk not in {town.pk for town in towns}:
        raise ValidationError(
            {
                "origin_municipality": _("The practice is recorded for %(towns)s, not for %(town)s.")
                % {"towns": ", ".join(sorted({town.name for town in towns})), "town": origin.name}
            }
        )
    return origin


def _may_adopt(practice: Practice, actor: Any) -> None:
    if not practice.is_published and not practice.editable_by(actor):
        raise ValidationError({"practice": _("This practice is not published.")})


@transaction.atomic
def create_transfer(
    *,
    actor: Any,
    municipality: Municipality,
    practice: Practice,
    origin_municipality: Municipality | None = None,
    meeting: Meeting | None = None,
    programme: Programme | None = None,
    started_on: date | None = None,
    changed_on: date | None = None,
    **fields: Any,
) -> Transfer:
    """Write "municipality adopted practice of origin_municipality" into the ledger."""
    programme = _origin_of_exchange(meeting, programme)
    require(
        may_record_for(actor, municipality, programme, meeting),
        _("You may record transfers only for your own town or for your programme's meetings."),
    )
    _may_adopt(practice, actor)
    started_on = started_on or timezone.localdate()
    transfer = Transfer(
        municipality=municipality,
        practice=practice,
        origin_municipality=_origin_municipality(practice, origin_municipality),
        meeting=meeting,
        programme=programme,
        started_on=started_on,
        changed_on=changed_on or started_on,
        **fields,
    )
    transfer.created_by = actor if actor is not None and actor.is_authenticated else None
    transfer.full_clean()
    transfer.save()
    log_action("outcomes.transfer.created", actor=actor, target=transfer, after=snapshot(transfer, TRANSFER_FIELDS))
    return transfer


@transaction.atomic
def update_transfer(*, actor: Any, transfer: Transfer, **changes: Any) -> Transfer:
    """Change a ledger line; a new state without a date counts from today."""
    require(transfer.editable_by(actor), _("You may not change this transfer: it belongs to another town."))
    if changes.get("state", transfer.state) != transfer.state and not changes.get("changed_on"):
        changes["changed_on"] = timezone.localdate()
    if "origin_municipality" in changes or "practice" in changes:
        changes["origin_municipality"] = _origin_municipality(
            changes.get("practice", transfer.practice), changes.get("origin_municipality")
        )
    _still_yours(actor, transfer, changes, _("You may not move this transfer to a town that is not yours."))
    _may_adopt(changes.get("practice", transfer.practice), actor)
    return update_audited(transfer, changes, actor=actor, action="outcomes.transfer.changed")
