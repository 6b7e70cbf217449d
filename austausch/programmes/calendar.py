"""iCalendar for meetings: feeds per programme, town and person, and one meeting as a download."""

from __future__ import annotations

import calendar as months
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from austausch.lib.i18n import gettext as _
from austausch.lib.provenance import DatePrecision
from austausch.programmes.models import Meeting

# icalendar is imported where a calendar is written, not at every start-up (the feeds' URLs load this module).
if TYPE_CHECKING:
    from icalendar import Event

PRODUCT_ID = "-//Austausch//Programmes//EN"
TOKEN_SALT = "austausch.programmes.calendar"  # noqa: S105 - a key-derivation salt, not a secret


def calendar_of(meetings: Iterable[Meeting], *, name: str, base_url: str, with_sessions: bool = False) -> bytes:
    """A VCALENDAR with one all-day VEVENT per meeting (and, for a single meeting, one per agenda session)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for meeting in meetings:
        calendar.add_component(_meeting_event(meeting, base_url=base_url, stamp=stamp))
        if with_sessions:
            for session in meeting.sessions.all():
                event = Event()
                event.add("uid", f"session-{session.pk}@austausch")
                event.add("dtstamp", stamp)
                event.add("summary", f"{session.get_kind_display()}: {session.title}")
                event.add("dtstart", session.starts_at)
                event.add("dtend", session.ends_at)
                if session.room or meeting.venue:
                    event.add("location", ", ".join(part for part in (session.room, meeting.venue) if part))
                if session.speakers:
                    event.add("description", session.speakers)
                calendar.add_component(event)
    return calendar.to_ical()


def _meeting_event(meeting: Meeting, *, base_url: str, stamp: object) -> Event:
    from icalendar import Event

    hosts = ", ".join(town.name for town in meeting.host_municipalities.all())
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@austausch")
    event.add("dtstamp", stamp)
    event.add("summary", meeting.title)
    first, last = known_span(meeting)
    event.add("dtstart", first)
    event.add("dtend", last + timedelta(days=1))  # DTEND of an all-day event is exclusive
    event.add("location", ", ".join(part for part in (meeting.venue, hosts) if part))
    event.add("categories", [meeting.get_kind_display()])
    event.add("url", base_url + meeting.get_absolute_url())
    unknown_days = {
        DatePrecision.MONTH.value: _("The source gives only the month, not the days."),
        DatePrecision.YEAR.value: _("The source gives only the year, not the days."),
    }.get(meeting.date_precision, "")
    description = "\n\n".join(part for part in (unknown_days, meeting.description) if part)
    if description:
        event.add("description", description)
    return event


def known_span(meeting: Meeting) -> tuple[date, date]:
    """The days a meeting may have taken: its dates, or the whole months or years when only those are known,
    so that no calendar shows a day the source does not give."""
    first, last = meeting.starts_on, meeting.ends_on
    if meeting.date_precision == DatePrecision.MONTH:
        return first.replace(day=1), last.replace(day=months.monthrange(last.year, last.month)[1])
    if meeting.date_precision == DatePrecision.YEAR:
        return date(first.year, 1, 1), date(last.year, 12, 31)
    return first, last


def person_token(person: AbstractBaseUser) -> str:
    """A secret for a person's feed URL. It changes with their password, which revokes old links."""
    return salted_hmac(TOKEN_SALT, f"{person.pk}:{person.password}", secret=settings.SECRET_KEY).hexdigest()[:32]


def token_matches(person: AbstractBaseUser, token: str) -> bool:
    return constant_time_compare(person_token(person), token)
