"""Delegations of towns to meetings: who is invited, by account or by e-mail, and how they answer."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.accounts.services import invite
from austausch.audit.services import log_action, update_audited
from austausch.lib.permissions import require
from austausch.organisations.models import Organisation
from austausch.programmes.models import (
    Delegation,
    DelegationInvitation,
    Meeting,
    Participation,
    ParticipationStatus,
)
from austausch.registry.models import Municipality


@transaction.atomic
def add_delegation(*, actor: User, meeting: Meeting, municipality: Municipality) -> Delegation:
    require(meeting.editable_by(actor), _("You may not edit this meeting."))
    delegation, created = Delegation.objects.get_or_create(meeting=meeting, municipality=municipality)
    if created:
        log_action("programmes.delegation.created", actor=actor, target=meeting, after={"town": municipality.key})
    return delegation


@transaction.atomic
def invite_participant(
    *,
    actor: User,
    delegation: Delegation,
    person: User,
    organisation: Organisation | None = None,
    sector: str = "",
    role: str = "",
) -> Participation:
    """Put a person with an account into a delegation; they confirm themselves."""
    meeting = delegation.meeting
    require(meeting.editable_by(actor), _("You may not invite people to this meeting."))
    if Participation.objects.filter(delegation__meeting=meeting, person=person).exists():
        raise ValidationError({"person": _("%(name)s is already in a delegation to this meeting.") % {"name": person}})
    participation = Participation.objects.create(
        delegation=delegation,
        person=person,
        organisation=organisation,
        sector=sector or (organisation.sector if organisation else ""),
        role=role,
    )
    scope = meeting.programme or meeting
    RoleAssignment.objects.get_or_create(
        user=person, role=Role.PARTICIPANT, scope_type=ContentType.objects.get_for_model(scope), scope_id=scope.pk
    )
    log_action(
        "programmes.participant.invited",
        actor=actor,
        target=meeting,
        after={"participation": participation.pk, "person": person.pk, "town": delegation.municipality.key},
    )
    return participation


@transaction.atomic
def add_named_participant(
    *,
    actor: User,
    delegation: Delegation,
    public_name: str,
    organisation: Organisation | None = None,
    sector: str = "",
    role: str = "",
) -> Participation:
    """Record someone without an account whom a public source names in a public role (a press release's
    speaker, say); shown by name on the meeting's page to everyone, confirmed because the source says so."""
    meeting = delegation.meeting
    require(meeting.editable_by(actor), _("You may not edit this meeting."))
    public_name = public_name.strip()
    if not public_name:
        raise ValidationError({"public_name": _("Please give the name as the source gives it.")})
    participation = Participation(
        delegation=delegation,
        public_name=public_name,
        organisation=organisation,
        sector=sector or (organisation.sector if organisation else ""),
        role=role,
        status=ParticipationStatus.CONFIRMED,
    )
    participation.full_clean()
    participation.save()
    log_action(
        "programmes.participant.named",
        actor=actor,
        target=meeting,
        after={"participation": participation.pk, "name": public_name, "town": delegation.municipality.key},
    )
    return participation


@transaction.atomic
def answer_invitation(*, person: User, participation: Participation, accept: bool) -> Participation:
    require(participation.person_id == person.pk, _("This invitation is for someone else."))
    return update_audited(
        participation,
        {"status": ParticipationStatus.CONFIRMED if accept else ParticipationStatus.DECLINED},
        actor=person,
        action="programmes.participant.answered",
        target=participation.delegation.meeting,
    )


@transaction.atomic
def invite_by_email(
    *,
    actor: User,
    delegation: Delegation,
    email: str,
    link_base: str,
    organisation: Organisation | None = None,
    sector: str = "",
    role: str = "",
) -> Participation | DelegationInvitation:
    """Invite a person by e-mail: into the delegation at once if they have an account, otherwise by an
    accounts invitation (role participant), keeping their seat until they sign up and open their page."""
    email = User.objects.normalize_email(email.strip()).lower()
    person = User.objects.filter(email__iexact=email, is_active=True).first()
    if person is not None:
        return invite_participant(
            actor=actor, delegation=delegation, person=person, organisation=organisation, sector=sector, role=role
        )
    meeting = delegation.meeting
    require(meeting.editable_by(actor), _("You may not invite people to this meeting."))
    if DelegationInvitation.objects.filter(delegation__meeting=meeting, email=email).exists():
        raise ValidationError({"email": _("%(email)s has already been invited to this meeting.") % {"email": email}})
    pending = DelegationInvitation.objects.create(
        delegation=delegation,
        email=email,
        organisation=organisation,
        sector=sector or (organisation.sector if organisation else ""),
        role=role,
    )
    invite(inviter=actor, email=email, role=Role.PARTICIPANT, scope=meeting.programme or meeting, link_base=link_base)
    log_action(
        "programmes.participant.invited_by_email",
        actor=actor,
        target=meeting,
        after={"pending": pending.pk, "email": email, "town": delegation.municipality.key},
    )
    return pending


@transaction.atomic
def claim_invitations(*, person: User) -> list[Participation]:
    """Turn the delegation seats kept for this person's e-mail into invitations they can answer."""
    claimed = []
    pending = DelegationInvitation.objects.select_for_update().filter(email__iexact=person.email)
    for invitation in pending.select_related("delegation__meeting", "delegation__municipality"):
        meeting = invitation.delegation.meeting
        if not Participation.objects.filter(delegation__meeting=meeting, person=person).exists():
            participation = Participation.objects.create(
                delegation=invitation.delegation,
                person=person,
                organisation=invitation.organisation,
                sector=invitation.sector,
                role=invitation.role,
            )
            claimed.append(participation)
            log_action(
                "programmes.participant.claimed",
                actor=person,
                target=meeting,
                after={"participation": participation.pk, "town": invitation.delegation.municipality.key},
            )
        invitation.delete()
    return claimed
