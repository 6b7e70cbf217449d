"""Asking for an exchange, answering it and talking it through; every write is audited.

The other side hears of a request by e-mail, one message per person so that nobody sees another's address,
and in their workspace. A visit accepted with dates becomes a meeting through the programmes services.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, mail_admins
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from austausch.accounts.models import User
from austausch.accounts.roles import Role, holders
from austausch.audit.services import log_action, snapshot, update_audited
from austausch.exchanges.conf import number
from austausch.exchanges.models import (
    MESSAGE_MAX_LENGTH,
    VISITS,
    AbuseReport,
    ExchangeKind,
    ExchangeMessage,
    ExchangeRequest,
    ExpertListing,
    RequestState,
)
from austausch.knowledge.models import Practice, Topic
from austausch.lib.permissions import require
from austausch.programmes.models import MeetingKind
from austausch.programmes.services.meetings import create_bilateral_exchange
from austausch.registry.models import Municipality

REQUEST_FIELDS = (
    "kind",
    "topic",
    "message",
    "proposed_from",
    "proposed_to",
    "delegation",
    "requester_municipality",
    "municipality",
    "practice",
    "person",
)


class RateLimited(Exception):
    """Too many requests, messages or reports from one account within the last hour."""


def _plain(text: str) -> str:
    """The text without control characters (line breaks and tabs stay); HTML stays as typed and is shown as text."""
    return "".join(
        char for char in text if char in "\n\t" or unicodedata.category(char) not in {"Cc", "Cf", "Co", "Cs"}
    ).replace("\r", "")


def clean_message(text: str, field: str = "message") -> str:
    text = _plain(text or "").strip()
    if not text:
        raise ValidationError({field: [_("Please write a message.")]})
    if len(text) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {
                field: [
                    _("Please write at most %(limit)d characters (you wrote %(count)d).")
                    % {"limit": MESSAGE_MAX_LENGTH, "count": len(text)}
                ]
            }
        )
    return text


def _check_rate(objects: models.QuerySet[Any], setting: str) -> None:
    if objects.filter(created_at__gte=timezone.now() - timedelta(hours=1)).count() >= number(setting):
        raise RateLimited(setting)


def _check_dates(first: date | None, last: date | None, *, today: date) -> None:
    if first is not None and first < today:
        raise ValidationError({"proposed_from": [_("The first day lies in the past; please propose a later date.")]})
    if last is not None and last < today:
        raise ValidationError({"proposed_to": [_("The last day lies in the past; please propose a later date.")]})
    if first is not None and last is not None and last < first:
        raise ValidationError({"proposed_to": [_("The last day comes before the first day.")]})


def answering_people(exchange: ExchangeRequest) -> list[User]:
    """Who answers for what was asked: the person, the town's editors, or the editors of the practice."""
    if exchange.person is not None:
        return [exchange.person] if exchange.person.is_active else []
    if exchange.municipality is not None:
        return list(holders(Role.EDITOR, exchange.municipality).order_by("pk"))
    if exchange.practice is None:
        return []
    people: dict[int, User] = {}
    for scope in [*exchange.practice.municipalities.all(), *exchange.practice.organisations.all()]:
        people.update({person.pk: person for person in holders(Role.EDITOR, scope)})
    return [people[pk] for pk in sorted(people)]


def other_town(exchange: ExchangeRequest) -> Municipality | None:
    """The town on the asked side: the town asked, or the practice's first town."""
    if exchange.municipality is not None:
        return exchange.municipality
    if exchange.practice is not None:
        return exchange.practice.municipalities.order_by("name").first()
    return None


# Asking -----------------------------------------------------------------------------------------


@transaction.atomic
def ask(
    *,
    actor: Any,
    kind: str,
    topic: Topic,
    message: str,
    municipality: Municipality | None = None,
    practice: Practice | None = None,
    person: User | None = None,
    requester_municipality: Municipality | None = None,
    proposed_from: date | None = None,
    proposed_to: date | None = None,
    delegation: str = "",
    site_url: str = "",
) -> ExchangeRequest:
    """Ask a town, a practice's people or a person for an exchange; they hear of it at once."""
    require(actor.is_authenticated and actor.is_active, _("Please sign in to ask for an exchange."))
    if sum(addressee is not None for addressee in (municipality, practice, person)) != 1:
        raise ValidationError({"municipality": [_("Ask one town, one practice or one person.")]})
    if kind not in ExchangeKind.values:
        raise ValidationError({"kind": [_("Choose what you ask for: a question, a call, a visit or an offer.")]})
    if practice is not None and not practice.is_published:
        raise ValidationError({"practice": [_("This practice is not published.")]})
    if requester_municipality is not None and not requester_municipality.editable_by(actor):
        raise ValidationError(
            {"requester_municipality": [_("You may ask only on behalf of a town whose pages you edit.")]}
        )
    exchange = ExchangeRequest(
        requester=actor,
        requester_municipality=requester_municipality,
        municipality=municipality,
        practice=practice,
        person=person,
        kind=kind,
        topic=topic,
        message=clean_message(message),
        proposed_from=proposed_from,
        proposed_to=proposed_to,
        delegation=_plain(delegation or "").strip(),
    )
    if person == actor or (municipality is not None and municipality == requester_municipality):
        raise ValidationError({"municipality": [_("You cannot ask yourself for an exchange.")]})
    if exchange.answers_for(actor):
        raise ValidationError({"municipality": [_("You answer for this yourself; ask another town.")]})
    if kind in VISITS:
        if requester_municipality is None:
            raise ValidationError({"requester_municipality": [_("A visit is between two towns: choose yours.")]})
        if other_town(exchange) is None:
            raise ValidationError({"kind": [_("A visit needs a town on the other side; ask a person a question.")]})
    _check_dates(proposed_from, proposed_to, today=timezone.localdate())
    # One account's requests are counted one after the other: the row lock makes parallel requests wait.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    _check_rate(ExchangeRequest.objects.filter(requester=actor), "EXCHANGES_REQUESTS_PER_HOUR")
    exchange.full_clean()
    exchange.save()
    log_action("exchanges.request.created", actor=actor, target=exchange, after=snapshot(exchange, REQUEST_FIELDS))
    _notify(
        answering_people(exchange),
        subject=_("Exchange request: %(kind)s on %(topic)s") % {"kind": exchange.get_kind_display(), "topic": topic},
        lines=[
            _("%(name)s%(town)s asks for an exchange.")
            % {
                "name": actor.name or _("Someone"),
                "town": f" ({requester_municipality.name})" if requester_municipality else "",
            },
            "",
            exchange.message,
        ],
        exchange=exchange,
        site_url=site_url,
    )
    return exchange


def _notify(people: list[User], *, subject: str, lines: list[str], exchange: ExchangeRequest, site_url: str) -> None:
    """One e-mail per person, so that nobody sees the others' addresses; no sender's address is given away."""
    link = (site_url or settings.BASE_URL).rstrip("/") + exchange.get_absolute_url()
    body = "\n".join([*lines, "", _("Read and answer it here (you need to sign in):"), link])
    for person in people:
        if person.email:
            EmailMessage(subject=subject, body=body, to=[person.email]).send()


# Talking ----------------------------------------------------------------------------------------


@transaction.atomic
def post_message(*, actor: Any, exchange: ExchangeRequest, body: str, site_url: str = "") -> ExchangeMessage:
    require(exchange.involves(actor), _("Only the two sides of a request talk in its thread."))
    text = clean_message(body, field="body")
    User.objects.select_for_update().filter(pk=actor.pk).first()
    _check_rate(ExchangeMessage.objects.filter(author=actor), "EXCHANGES_MESSAGES_PER_HOUR")
    posted = ExchangeMessage.objects.create(request=exchange, author=actor, body=text)
    log_action("exchanges.message.posted", actor=actor, target=exchange, after={"message": posted.pk})
    others = [person for person in [exchange.requester, *answering_people(exchange)] if person.pk != actor.pk]
    _notify(
        list({person.pk: person for person in others}.values()),
        subject=_("New message on the exchange request: %(request)s") % {"request": exchange},
        lines=[_("%(name)s wrote:") % {"name": actor.name or _("Someone")}, "", text],
        exchange=exchange,
        site_url=site_url,
    )
    return posted


@transaction.atomic
def report_abuse(*, actor: Any, exchange: ExchangeRequest, reason: str) -> AbuseReport:
    require(exchange.involves(actor), _("Only the two sides of a request may report it."))
    text = clean_message(reason, field="reason")
    if AbuseReport.objects.filter(request=exchange, reporter=actor).exists():
        raise ValidationError({"reason": [_("You have already reported this request.")]})
    _check_rate(AbuseReport.objects.filter(reporter=actor), "EXCHANGES_REPORTS_PER_HOUR")
    report = AbuseReport.objects.create(request=exchange, reporter=actor, reason=text)
    log_action("exchanges.request.reported", actor=actor, target=exchange, after={"report": report.pk})
    mail_admins(
        f"Exchange request {exchange.pk} reported as abusive",
        f"Report {report.pk} on exchange request {exchange.pk}:\n\n{text}",
    )
    return report


# Answering --------------------------------------------------------------------------------------


def _move(exchange: ExchangeRequest, *, actor: Any, to: str, allowed_from: tuple[str, ...], **changes: Any) -> None:
    if exchange.state not in allowed_from:
        raise ValidationError(
            {
                "state": [
                    _("A request that is %(state)s cannot become %(new)s.")
                    % {"state": exchange.get_state_display(), "new": RequestState(to).label}
                ]
            }
        )
    update_audited(exchange, {"state": to, **changes}, actor=actor, action=f"exchanges.request.{to}")


@transaction.atomic
def accept(
    *,
    actor: Any,
    exchange: ExchangeRequest,
    starts_on: date | None = None,
    ends_on: date | None = None,
    site_url: str = "",
) -> ExchangeRequest:
    """The asked side agrees; a visit with dates (given here or proposed) is scheduled as a meeting at once."""
    require(exchange.answers_for(actor), _("Only the asked side may accept a request."))
    _move(exchange, actor=actor, to=RequestState.ACCEPTED, allowed_from=(RequestState.OPEN,))
    starts_on, ends_on = starts_on or exchange.proposed_from, ends_on or exchange.proposed_to or starts_on
    if starts_on is not None:
        schedule(actor=actor, exchange=exchange, starts_on=starts_on, ends_on=ends_on or starts_on)
    _notify(
        [exchange.requester],
        subject=_("Your exchange request was accepted: %(request)s") % {"request": exchange},
        lines=[_("%(name)s accepted your request.") % {"name": actor.name or _("Someone")}],
        exchange=exchange,
        site_url=site_url,
    )
    return exchange


@transaction.atomic
def decline(*, actor: Any, exchange: ExchangeRequest, site_url: str = "") -> ExchangeRequest:
    require(exchange.answers_for(actor), _("Only the asked side may decline a request."))
    _move(exchange, actor=actor, to=RequestState.DECLINED, allowed_from=(RequestState.OPEN,))
    _notify(
        [exchange.requester],
        subject=_("Your exchange request was declined: %(request)s") % {"request": exchange},
        lines=[_("%(name)s declined your request.") % {"name": actor.name or _("Someone")}],
        exchange=exchange,
        site_url=site_url,
    )
    return exchange


@transaction.atomic
def schedule(*, actor: Any, exchange: ExchangeRequest, starts_on: date, ends_on: date) -> ExchangeRequest:
    """Fix the dates of an accepted request; a visit becomes a published meeting of the two towns."""
    require(exchange.involves(actor), _("Only the two sides of a request may schedule it."))
    _check_dates(starts_on, ends_on, today=timezone.localdate())
    meeting = exchange.meeting
    if exchange.kind in VISITS and meeting is None:
        meeting = _meeting_for(exchange, actor=actor, starts_on=starts_on, ends_on=ends_on)
    _move(
        exchange,
        actor=actor,
        to=RequestState.SCHEDULED,
        allowed_from=(RequestState.ACCEPTED,),
        proposed_from=starts_on,
        proposed_to=ends_on,
        meeting=meeting,
    )
    return exchange


def _meeting_for(exchange: ExchangeRequest, *, actor: Any, starts_on: date, ends_on: date) -> Any:
    asked, asking = other_town(exchange), exchange.requester_municipality
    if asked is None or asking is None:  # `ask` refuses such a visit; a town's record may have gone since
        raise ValidationError({"state": [_("A visit needs a town on each side.")]})
    host, visiting = (asked, asking) if exchange.kind == ExchangeKind.STUDY_VISIT else (asking, asked)
    title = _("%(topic)s: %(visiting)s visits %(host)s") % {
        "topic": exchange.topic,
        "visiting": visiting.name,
        "host": host.name,
    }
    description = exchange.delegation and _("Who comes: %(delegation)s") % {"delegation": exchange.delegation}
    return create_bilateral_exchange(
        actor=actor,
        host=host,
        visiting=visiting,
        coordinators=[exchange.requester],
        kind=MeetingKind.STUDY_VISIT,
        title=title[:200],
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
    )


@transaction.atomic
def mark_done(*, actor: Any, exchange: ExchangeRequest) -> ExchangeRequest:
    require(exchange.involves(actor), _("Only the two sides of a request may close it."))
    _move(exchange, actor=actor, to=RequestState.DONE, allowed_from=(RequestState.ACCEPTED, RequestState.SCHEDULED))
    return exchange


@transaction.atomic
def withdraw(*, actor: Any, exchange: ExchangeRequest) -> ExchangeRequest:
    require(exchange.requester_id == actor.pk, _("Only the person who asked may withdraw a request."))
    _move(exchange, actor=actor, to=RequestState.WITHDRAWN, allowed_from=(RequestState.OPEN, RequestState.ACCEPTED))
    return exchange


# People to ask -----------------------------------------------------------------------------------


@transaction.atomic
def list_me(
    *, actor: Any, topics: list[Topic], organisation: str = "", languages: str = "", how_to_reach: str = ""
) -> ExpertListing:
    """List the actor as a person to ask (their consent is this call); a second call updates the listing."""
    require(actor.is_authenticated and actor.is_active, _("Please sign in to list yourself."))
    if not topics:
        raise ValidationError({"topics": [_("Choose at least one topic.")]})
    listing, created = ExpertListing.objects.update_or_create(
        person=actor,
        defaults={
            "organisation": _plain(organisation).strip(),
            "languages": _plain(languages).strip(),
            "how_to_reach": _plain(how_to_reach).strip(),
            "consented_at": timezone.now(),
        },
    )
    listing.topics.set(topics)
    log_action(
        "exchanges.listing.created" if created else "exchanges.listing.changed",
        actor=actor,
        target=listing,
        after={"topics": sorted(topic.slug for topic in topics), "organisation": listing.organisation},
    )
    return listing


@transaction.atomic
def unlist_me(*, actor: Any) -> None:
    """Withdraw the consent: the listing is deleted, not hidden."""
    deleted, _counts = ExpertListing.objects.filter(person=actor).delete()
    if deleted:
        log_action("exchanges.listing.removed", actor=actor)
