"""Meetings and their agenda. The rules on dates and seats are the model's (`Meeting.clean`)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.audit.services import log_action, snapshot, update_audited
from austausch.lib.permissions import require
from austausch.programmes.models import AgendaSession, Delegation, Meeting
from austausch.programmes.services.programmes import can_create_programme
from austausch.registry.models import Municipality

MEETING_FIELDS = (
    "programme",
    "round",
    "kind",
    "title",
    "description",
    "starts_on",
    "ends_on",
    "venue",
    "published",
    "registration_open",
    "capacity",
    "registration_questions",
    "attendance",
    "report",
)


def _needs_hosts(host_municipalities: list[Municipality]) -> None:
    if not host_municipalities:
        raise ValidationError({"host_municipalities": _("A meeting needs at least one host town.")})


@transaction.atomic
def create_meeting(*, actor: User, host_municipalities: list[Municipality], **fields: Any) -> Meeting:
    programme = fields.get("programme")
    require(
        programme.editable_by(actor) if programme else can_create_programme(actor),
        _("You may not add meetings to this programme."),
    )
    if fields.get("round") is not None and fields["round"].programme_id != getattr(programme, "pk", None):
        raise ValidationError({"round": _("This round belongs to another programme.")})
    _needs_hosts(host_municipalities)
    meeting = Meeting(**fields)
    meeting.full_clean()
    meeting.save()
    meeting.host_municipalities.set(host_municipalities)
    if programme is None:
        RoleAssignment.objects.create(
            user=actor,
            role=Role.COORDINATOR,
            scope_type=ContentType.objects.get_for_model(meeting),
            scope_id=meeting.pk,
        )
    log_action(
        "programmes.meeting.created",
        actor=actor,
        target=meeting,
        after={**snapshot(meeting, MEETING_FIELDS), "host_municipalities": [town.key for town in host_municipalities]},
    )
    return meeting


@transaction.atomic
def update_meeting(
    *, actor: User, meeting: Meeting, host_municipalities: list[Municipality] | None = None, **changes: Any
) -> Meeting:
    require(meeting.editable_by(actor), _("You may not edit this meeting."))
    if host_municipalities is not None:
        _needs_hosts(host_municipalities)
    return update_audited(
        meeting,
        changes,
        actor=actor,
        action="programmes.meeting.changed",
        many={"host_municipalities": host_municipalities} if host_municipalities is not None else None,
    )


@transaction.atomic
def add_session(*, actor: User, meeting: Meeting, **fields: Any) -> AgendaSession:
    require(meeting.editable_by(actor), _("You may not edit this meeting."))
    session = AgendaSession(meeting=meeting, **fields)
    if session.starts_at and session.ends_at and session.ends_at < session.starts_at:
        raise ValidationError({"ends_at": _("The session ends before it starts.")})
    if session.starts_at and session.ends_at and not meeting.spans(session):
        raise ValidationError(
            {
                "starts_at": _("The session lies outside the meeting's dates (%(first)s to %(last)s).")
                % {"first": meeting.starts_on, "last": meeting.ends_on}
            }
        )
    session.full_clean()
    session.save()
    log_action(
        "programmes.session.created",
        actor=actor,
        target=meeting,
        after={"session": session.pk, "title": session.title, "starts_at": session.starts_at.isoformat()},
    )
    return session


@transaction.atomic
def create_bilateral_exchange(
    *,
    actor: User,
    host: Municipality,
    visiting: Municipality,
    coordinators: list[User],
    **fields: Any,
) -> Meeting:
    """A published meeting outside any programme that one town's editors agreed with another: `host` receives
    the delegation of `visiting`. The editor who agrees and `coordinators` (the other side) coordinate it."""
    require(
        host.editable_by(actor) or visiting.editable_by(actor),
        _("Only the editors of the host or the visiting town may agree on an exchange between them."),
    )
    if host == visiting:
        raise ValidationError({"host_municipalities": _("A town does not visit itself.")})
    meeting = Meeting(programme=None, published=True, **fields)
    meeting.full_clean()
    meeting.save()
    meeting.host_municipalities.set([host])
    Delegation.objects.create(meeting=meeting, municipality=visiting)
    scope_type = ContentType.objects.get_for_model(meeting)
    for person in {actor, *coordinators}:
        RoleAssignment.objects.get_or_create(
            user=person, role=Role.COORDINATOR, scope_type=scope_type, scope_id=meeting.pk
        )
    log_action(
        "programmes.meeting.created",
        actor=actor,
        target=meeting,
        after={**snapshot(meeting, MEETING_FIELDS), "host_municipalities": [host.key], "delegations": [visiting.key]},
    )
    return meeting
