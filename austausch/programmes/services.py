"""Writes about programmes. Each checks the actor's rights, validates, runs in a transaction and is audited."""

from __future__ import annotations

import secrets
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from austausch.accounts.models import Role, RoleAssignment, User, hash_token
from austausch.accounts.services import invite
from austausch.audit.services import log_action, snapshot
from austausch.lib.uploads import HEAD_SIZE, MAX_FILE_SIZE, sniff
from austausch.organisations.models import Organisation
from austausch.programmes.models import (
    AgendaSession,
    Cost,
    Delegation,
    DelegationInvitation,
    FileKind,
    Meeting,
    MeetingFile,
    Network,
    NetworkMembership,
    Participation,
    ParticipationStatus,
    Programme,
    Registration,
    RegistrationStatus,
    Round,
)
from austausch.registry.models import Municipality

PROGRAMME_FIELDS = (
    "name",
    "slug",
    "description",
    "organiser",
    "countries",
    "min_population",
    "max_population",
    "starts_on",
    "ends_on",
    "status",
    "published",
    "website",
)
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


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def can_create_programme(user: Any) -> bool:
    """Platform admins and staff set programmes up; whoever creates one coordinates it."""
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.is_staff))


@transaction.atomic
def create_programme(*, actor: User, funders: list[Organisation] | None = None, **fields: Any) -> Programme:
    _require(can_create_programme(actor), _("You may not create programmes."))
    programme = Programme(**fields)
    programme.full_clean()
    programme.save()
    programme.funders.set(funders or [])
    RoleAssignment.objects.create(
        user=actor,
        role=Role.COORDINATOR,
        scope_type=ContentType.objects.get_for_model(programme),
        scope_id=programme.pk,
    )
    log_action(
        "programmes.programme.created", actor=actor, target=programme, after=snapshot(programme, PROGRAMME_FIELDS)
    )
    return programme


@transaction.atomic
def update_programme(
    *, actor: User, programme: Programme, funders: list[Organisation] | None = None, **changes: Any
) -> Programme:
    _require(programme.editable_by(actor), _("You may not edit this programme."))
    before = snapshot(programme, changes)
    for name, value in changes.items():
        setattr(programme, name, value)
    programme.full_clean()
    programme.save()
    after = snapshot(programme, changes)
    if funders is not None:
        before["funders"] = sorted(programme.funders.values_list("pk", flat=True))
        programme.funders.set(funders)
        after["funders"] = sorted(funder.pk for funder in funders)
    log_action("programmes.programme.changed", actor=actor, target=programme, before=before, after=after)
    return programme


@transaction.atomic
def add_round(*, actor: User, programme: Programme, title: str = "") -> Round:
    _require(programme.editable_by(actor), _("You may not edit this programme."))
    number = (programme.rounds.aggregate(models.Max("number"))["number__max"] or 0) + 1
    round_ = Round.objects.create(programme=programme, number=number, title=title)
    log_action("programmes.round.created", actor=actor, target=programme, after={"round": number, "title": title})
    return round_


@transaction.atomic
def create_meeting(*, actor: User, host_towns: list[Municipality], **fields: Any) -> Meeting:
    programme = fields.get("programme")
    _require(
        programme.editable_by(actor) if programme else can_create_programme(actor),
        _("You may not add meetings to this programme."),
    )
    if fields.get("round") is not None and fields["round"].programme_id != getattr(programme, "pk", None):
        raise ValidationError({"round": _("This round belongs to another programme.")})
    if not host_towns:
        raise ValidationError({"host_towns": _("A meeting needs at least one host town.")})
    meeting = Meeting(**fields)
    _validate_meeting(meeting)
    meeting.save()
    meeting.host_towns.set(host_towns)
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
        after={**snapshot(meeting, MEETING_FIELDS), "host_towns": [town.key for town in host_towns]},
    )
    return meeting


@transaction.atomic
def update_meeting(
    *, actor: User, meeting: Meeting, host_towns: list[Municipality] | None = None, **changes: Any
) -> Meeting:
    _require(meeting.editable_by(actor), _("You may not edit this meeting."))
    before = snapshot(meeting, changes)
    for name, value in changes.items():
        setattr(meeting, name, value)
    _validate_meeting(meeting)
    outside = [session.title for session in meeting.sessions.all() if not _within(meeting, session)]
    if outside:
        raise ValidationError(
            {
                "ends_on": _("These agenda sessions would fall outside the meeting: %(titles)s")
                % {"titles": ", ".join(outside)}
            }
        )
    meeting.save()
    after = snapshot(meeting, changes)
    if host_towns is not None:
        if not host_towns:
            raise ValidationError({"host_towns": _("A meeting needs at least one host town.")})
        before["host_towns"] = [town.key for town in meeting.host_towns.all()]
        meeting.host_towns.set(host_towns)
        after["host_towns"] = [town.key for town in host_towns]
    log_action("programmes.meeting.changed", actor=actor, target=meeting, before=before, after=after)
    return meeting


@transaction.atomic
def update_report(
    *,
    actor: User,
    meeting: Meeting,
    attendance: int | None,
    report: str,
    organisations_present: list[Organisation],
) -> Meeting:
    """The closing report: how many came, which organisations were there, what came of it."""
    _require(meeting.editable_by(actor), _("You may not edit this meeting."))
    fields = ("attendance", "report")
    before = snapshot(meeting, fields)
    before["organisations_present"] = sorted(meeting.organisations_present.values_list("pk", flat=True))
    meeting.attendance, meeting.report = attendance, report
    meeting.full_clean(exclude=["host_towns"])
    meeting.save(update_fields=list(fields))
    meeting.organisations_present.set(organisations_present)
    after = snapshot(meeting, fields)
    after["organisations_present"] = sorted(organisation.pk for organisation in organisations_present)
    log_action("programmes.meeting.report_changed", actor=actor, target=meeting, before=before, after=after)
    return meeting


def _validate_meeting(meeting: Meeting) -> None:
    if meeting.starts_on and meeting.ends_on and meeting.ends_on < meeting.starts_on:
        raise ValidationError({"ends_on": _("The meeting ends before it starts.")})
    if meeting.registration_open and not meeting.capacity:
        raise ValidationError({"capacity": _("An open event needs a number of seats.")})
    meeting.full_clean(exclude=["host_towns"])


def _within(meeting: Meeting, session: AgendaSession) -> bool:
    first, last = timezone.localtime(session.starts_at).date(), timezone.localtime(session.ends_at).date()
    return meeting.starts_on <= first and last <= meeting.ends_on


@transaction.atomic
def add_session(*, actor: User, meeting: Meeting, **fields: Any) -> AgendaSession:
    _require(meeting.editable_by(actor), _("You may not edit this meeting."))
    session = AgendaSession(meeting=meeting, **fields)
    if session.starts_at and session.ends_at and session.ends_at < session.starts_at:
        raise ValidationError({"ends_at": _("The session ends before it starts.")})
    if session.starts_at and session.ends_at and not _within(meeting, session):
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


def add_file(
    *, actor: User, meeting: Meeting, kind: str, title: str, caption: str = "", upload: UploadedFile
) -> MeetingFile:
    """Keep a photo or document of a meeting. Its type is read from its first bytes, and it is stored
    under the extension of that type, whatever its name said."""
    _require(meeting.editable_by(actor), _("You may not add files to this meeting."))
    if upload.size is None or upload.size > MAX_FILE_SIZE:
        raise ValidationError(
            {
                "upload": _("The file is %(size)s; files may be at most %(limit)s.")
                % {"size": filesizeformat(upload.size or 0), "limit": filesizeformat(MAX_FILE_SIZE)}
            }
        )
    upload.seek(0)
    file_type = sniff(upload.read(HEAD_SIZE))
    upload.seek(0)
    if file_type is None:
        raise ValidationError({"upload": _("Please upload a JPEG, PNG or WebP picture or a PDF document.")})
    if kind == FileKind.PHOTO and not file_type.is_image:
        raise ValidationError({"upload": _("A photo must be a JPEG, PNG or WebP picture.")})
    if kind == FileKind.PHOTO and not caption.strip():
        raise ValidationError({"caption": _("Please describe what the photo shows, for people who cannot see it.")})
    stem = get_valid_filename((upload.name or "file").rsplit(".", 1)[0])[:80] or "file"
    meeting_file = MeetingFile(
        meeting=meeting,
        kind=kind,
        title=title.strip(),
        caption=caption.strip(),
        content_type=file_type.content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    meeting_file.full_clean(exclude=["file", "size", "content_type"])
    meeting_file.file.save(f"{stem}.{file_type.extension}", upload, save=False)
    try:
        with transaction.atomic():
            meeting_file.save()
            log_action(
                "programmes.file.added",
                actor=actor,
                target=meeting,
                after={
                    "file": meeting_file.pk,
                    "kind": kind,
                    "title": meeting_file.title,
                    "name": meeting_file.file.name,
                    "content_type": file_type.content_type,
                    "size": meeting_file.size,
                },
            )
    except Exception:
        meeting_file.file.delete(save=False)
        raise
    return meeting_file


@transaction.atomic
def remove_file(*, actor: User, meeting_file: MeetingFile) -> None:
    meeting = meeting_file.meeting
    _require(meeting.editable_by(actor), _("You may not remove files of this meeting."))
    name = meeting_file.file.name or ""
    log_action(
        "programmes.file.removed",
        actor=actor,
        target=meeting,
        before={"file": meeting_file.pk, "kind": meeting_file.kind, "title": meeting_file.title, "name": name},
    )
    meeting_file.delete()  # its bytes go once the deletion is committed (models.forget_file_bytes)


@transaction.atomic
def add_cost(*, actor: User, programme: Programme | None = None, meeting: Meeting | None = None, **fields: Any) -> Cost:
    target = meeting or programme
    _require(target is not None and target.editable_by(actor), _("You may not record costs here."))
    cost = Cost(programme=programme, meeting=meeting, **fields)
    cost.full_clean()
    cost.save()
    log_action(
        "programmes.cost.recorded",
        actor=actor,
        target=target,
        after={
            "cost": cost.pk,
            "description": cost.description,
            "amount": _money(cost.amount),
            "currency": cost.currency,
            "paid_by": cost.paid_by_id,
        },
    )
    return cost


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)


@transaction.atomic
def add_delegation(*, actor: User, meeting: Meeting, municipality: Municipality) -> Delegation:
    _require(meeting.editable_by(actor), _("You may not edit this meeting."))
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
    _require(meeting.editable_by(actor), _("You may not invite people to this meeting."))
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
def answer_invitation(*, person: User, participation: Participation, accept: bool) -> Participation:
    _require(participation.person_id == person.pk, _("This invitation is for someone else."))
    before = snapshot(participation, ["status"])
    participation.status = ParticipationStatus.CONFIRMED if accept else ParticipationStatus.DECLINED
    participation.save(update_fields=["status"])
    log_action(
        "programmes.participant.answered",
        actor=person,
        target=participation.delegation.meeting,
        before=before,
        after=snapshot(participation, ["status"]),
    )
    return participation


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
    _require(meeting.editable_by(actor), _("You may not invite people to this meeting."))
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


class RegistrationError(Exception):
    """Why a registration cannot be taken, in words for the person registering."""


def register(
    *,
    meeting: Meeting,
    name: str,
    email: str,
    organisation: str = "",
    answers: dict[str, str] | None = None,
    cancel_link_base: str = "",
) -> tuple[Registration, str]:
    """Take a seat, or a place on the waiting list when the seats are gone. Returns the cancellation token.

    The meeting row is locked for the count, so two people cannot both get the last seat.
    """
    email = email.strip().lower()
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if not (meeting.published and meeting.registration_open):
            raise RegistrationError(_("This event does not take registrations."))
        if meeting.ends_on < timezone.localdate():
            raise RegistrationError(_("This event is over."))
        active = meeting.registrations.exclude(status=RegistrationStatus.CANCELLED)
        if active.filter(email=email).exists():
            raise RegistrationError(_("%(email)s is already registered for this event.") % {"email": email})
        missing = [
            question
            for question in meeting.registration_questions
            if question.get("required") and not (answers or {}).get(question["id"], "").strip()
        ]
        if missing:
            raise RegistrationError(
                _("Please answer: %(questions)s") % {"questions": ", ".join(q["label"] for q in missing)}
            )
        confirmed = active.filter(status=RegistrationStatus.CONFIRMED).count()
        status = RegistrationStatus.CONFIRMED if confirmed < (meeting.capacity or 0) else RegistrationStatus.WAITING
        token = secrets.token_urlsafe(24)
        try:
            registration = Registration.objects.create(
                meeting=meeting,
                name=name.strip(),
                email=email,
                organisation=organisation.strip(),
                answers=answers or {},
                status=status,
                token_hash=hash_token(token),
            )
        except IntegrityError as error:  # pragma: no cover - a token collision is astronomically unlikely
            raise RegistrationError(_("Please try again.")) from error
        log_action(
            "programmes.registration.created",
            actor=None,
            target=meeting,
            after={"registration": registration.pk, "status": status},
        )
    _mail_registration(registration, token, cancel_link_base)
    return registration, token


def _mail_registration(registration: Registration, token: str, cancel_link_base: str) -> None:
    meeting = registration.meeting
    if registration.status == RegistrationStatus.CONFIRMED:
        subject = _("Your registration: %(title)s") % {"title": meeting.title}
        body = _("You have a seat at %(title)s on %(date)s, %(venue)s.")
    else:
        subject = _("Waiting list: %(title)s") % {"title": meeting.title}
        body = _(
            "All seats at %(title)s on %(date)s are taken; you are on the waiting list "
            "and hear from us if a seat frees up."
        )
    body = body % {"title": meeting.title, "date": meeting.starts_on.isoformat(), "venue": meeting.venue}
    if cancel_link_base:
        body += "\n\n" + _("To cancel: %(link)s") % {"link": f"{cancel_link_base}{token}/cancel/"}
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[registration.email])


def find_registration(token: str) -> Registration | None:
    return Registration.objects.select_related("meeting").filter(token_hash=hash_token(token)).first()


def cancel_registration(*, token: str) -> Registration:
    """Cancel by the link from the e-mail; the first person waiting moves up into the freed seat."""
    with transaction.atomic():
        registration = find_registration(token)
        if registration is None:
            raise RegistrationError(_("This cancellation link is not valid."))
        Meeting.objects.select_for_update().get(pk=registration.meeting_id)
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CANCELLED:
            raise RegistrationError(_("This registration was already cancelled."))
        freed_seat = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.save(update_fields=["status"])
        log_action(
            "programmes.registration.cancelled",
            actor=None,
            target=registration.meeting,
            after={"registration": registration.pk},
        )
        promoted = None
        if freed_seat:
            promoted = registration.meeting.registrations.filter(status=RegistrationStatus.WAITING).first()
            if promoted is not None:
                promoted.status = RegistrationStatus.CONFIRMED
                promoted.save(update_fields=["status"])
                log_action(
                    "programmes.registration.promoted",
                    actor=None,
                    target=registration.meeting,
                    after={"registration": promoted.pk},
                )
    if promoted is not None:
        send_mail(
            subject=_("A seat for you: %(title)s") % {"title": promoted.meeting.title},
            message=_("A seat has become free at %(title)s on %(date)s; it is yours.")
            % {"title": promoted.meeting.title, "date": promoted.meeting.starts_on.isoformat()},
            from_email=None,
            recipient_list=[promoted.email],
        )
    return registration


@transaction.atomic
def check_in(*, actor: User, registration: Registration, at: datetime | None = None) -> Registration:
    _require(registration.meeting.editable_by(actor), _("You may not check people in here."))
    registration.checked_in_at = at or timezone.now()
    registration.save(update_fields=["checked_in_at"])
    log_action(
        "programmes.registration.checked_in",
        actor=actor,
        target=registration.meeting,
        after={"registration": registration.pk},
    )
    return registration


@transaction.atomic
def create_network(
    *,
    actor: User,
    programme: Programme | None,
    name: str,
    topic: str,
    lead: Municipality | None,
    partners: list[Municipality],
) -> Network:
    """A lead town with its partners; without a lead, a group of equal members."""
    _require(
        programme.editable_by(actor) if programme else can_create_programme(actor),
        _("You may not add networks here."),
    )
    if lead is not None and lead in partners:
        raise ValidationError({"partners": _("The lead town is not also its own partner.")})
    network = Network.objects.create(programme=programme, name=name, topic=topic)
    if lead is not None:
        NetworkMembership.objects.create(network=network, municipality=lead, is_lead=True)
    NetworkMembership.objects.bulk_create(NetworkMembership(network=network, municipality=town) for town in partners)
    log_action(
        "programmes.network.created",
        actor=actor,
        target=network,
        after={"lead": lead.key if lead else None, "partners": [town.key for town in partners], "topic": topic},
    )
    return network
