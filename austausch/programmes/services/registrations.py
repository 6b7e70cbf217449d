"""Public registration for open meetings: seats, the waiting list, cancellation by link, check-in."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from austausch.accounts.models import User, hash_token
from austausch.audit.services import log_action
from austausch.lib.permissions import require
from austausch.programmes.models import Meeting, Registration, RegistrationStatus


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
    body = body % {"title": meeting.title, "date": date_format(meeting.starts_on), "venue": meeting.venue}
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
            % {"title": promoted.meeting.title, "date": date_format(promoted.meeting.starts_on)},
            from_email=None,
            recipient_list=[promoted.email],
        )
    return registration


@transaction.atomic
def check_in(*, actor: User, registration: Registration, at: datetime | None = None) -> Registration:
    require(registration.meeting.editable_by(actor), _("You may not check people in here."))
    registration.checked_in_at = at or timezone.now()
    registration.save(update_fields=["checked_in_at"])
    log_action(
        "programmes.registration.checked_in",
        actor=actor,
        target=registration.meeting,
        after={"registration": registration.pk},
    )
    return registration
