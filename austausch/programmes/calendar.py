"""iCalendar for meetings: feeds per programme, town and person, and one meeting as a download."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

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
    event.add("dtstart", meeting.starts_on)
    event.add("dtend", meeting.ends_on + timedelta(days=1))  # DTEND of an all-day event is exclusive
    event.add("location", ", ".join(part for part in (meeting.venue, hosts) if part))
    event.add("categories", [meeting.get_kind_display()])
    event.add("url", base_url + meeting.get_absolute_url())
    if meeting.description:
        event.add("description", meeting.description)
    return event


def person_token(person: AbstractBaseUser) -> str:
    """A secret for a person's feed URL. It changes with their password, which revokes old links."""
    return salted_hmac(TOKEN_SALT, f"{person.pk}:{person.password}", secret=settings.SECRET_KEY).hexdigest()[:32]


def token_matches(person: AbstractBaseUser, token: str) -> bool:
    return constant_time_compare(person_token(person), token)
