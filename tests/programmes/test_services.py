from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, time

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone, translation

from austausch.accounts.models import User
from austausch.programmes.models import Meeting, MeetingKind, Programme, Registration, RegistrationStatus
from austausch.programmes.services.meetings import add_session, create_meeting
from austausch.programmes.services.registrations import RegistrationError, cancel_registration, register
from austausch.registry.models import Municipality
from tests.programmes.conftest import days_from_now


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    """The messages are asserted in English."""
    with translation.override("en"):
        yield


def at(day: int, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(days_from_now(day), time(hour)))


def test_a_meeting_that_ends_before_it_starts_is_refused(coordinator: User, programme: Programme) -> None:
    with pytest.raises(ValidationError) as refused:
        create_meeting(
            actor=coordinator,
            programme=programme,
            host_municipalities=[Municipality.objects.get(key="DE-15002000")],
            kind=MeetingKind.STUDY_VISIT,
            title="Visit",
            starts_on=days_from_now(5),
            ends_on=days_from_now(3),
        )
    assert "ends before it starts" in str(refused.value)
    assert not Meeting.objects.exists()


def test_a_meeting_needs_a_host_town(coordinator: User, programme: Programme) -> None:
    with pytest.raises(ValidationError, match="host town"):
        create_meeting(
            actor=coordinator,
            programme=programme,
            host_municipalities=[],
            kind=MeetingKind.WORKSHOP,
            title="Workshop",
            starts_on=days_from_now(1),
            ends_on=days_from_now(1),
        )
    assert not Meeting.objects.exists()


def test_only_coordinators_add_meetings(programme: Programme) -> None:
    stranger = User.objects.create_user("stranger@example.org", "a long enough passphrase 42", name="Stranger")
    with pytest.raises(PermissionDenied):
        create_meeting(
            actor=stranger,
            programme=programme,
            host_municipalities=[Municipality.objects.get(key="DE-15002000")],
            kind=MeetingKind.WORKSHOP,
            title="Workshop",
            starts_on=days_from_now(1),
            ends_on=days_from_now(1),
        )


def test_an_agenda_session_outside_the_meeting_is_refused(coordinator: User, open_event: Meeting) -> None:
    with pytest.raises(ValidationError, match="outside the meeting"):
        add_session(
            actor=coordinator,
            meeting=open_event,
            kind="talk",
            title="Too late",
            starts_at=at(31, 10),
            ends_at=at(31, 11),
        )
    session = add_session(
        actor=coordinator, meeting=open_event, kind="talk", title="Welcome", starts_at=at(30, 10), ends_at=at(30, 11)
    )
    assert list(open_event.sessions.all()) == [session]


def test_seats_then_the_waiting_list_then_moving_up(open_event: Meeting) -> None:
    tokens = [register(meeting=open_event, name=f"Person {n}", email=f"p{n}@example.org")[1] for n in range(5)]
    statuses = list(open_event.registrations.values_list("status", flat=True))
    assert statuses == ["confirmed"] * 3 + ["waiting"] * 2
    assert len(mail.outbox) == 5

    cancel_registration(token=tokens[1])
    statuses = dict(open_event.registrations.values_list("email", "status"))
    assert statuses["p1@example.org"] == "cancelled"
    assert statuses["p3@example.org"] == "confirmed"  # the first on the waiting list moved up
    assert statuses["p4@example.org"] == "waiting"
    assert mail.outbox[-1].to == ["p3@example.org"]
    with pytest.raises(RegistrationError, match="already cancelled"):
        cancel_registration(token=tokens[1])


def test_registering_twice_is_refused(open_event: Meeting) -> None:
    register(meeting=open_event, name="Ada", email="ada@example.org")
    with pytest.raises(RegistrationError, match="already registered"):
        register(meeting=open_event, name="Ada L.", email="ADA@example.org ")
    assert open_event.registrations.count() == 1


@pytest.mark.django_db(transaction=True)
def test_exactly_one_person_gets_the_last_seat(open_event: Meeting) -> None:
    """Parallel registrations for the last seat: one confirmed, the rest waiting (real concurrency on PostgreSQL)."""
    register(meeting=open_event, name="One", email="one@example.org")
    register(meeting=open_event, name="Two", email="two@example.org")
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def attempt(number: int) -> None:
        try:
            barrier.wait()
            register(meeting=open_event, name=f"Racer {number}", email=f"racer{number}@example.org")
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] or connection.vendor == "sqlite"  # SQLite serialises writers; it may say "locked"
    racers = Registration.objects.filter(meeting=open_event, email__startswith="racer")
    assert racers.filter(status=RegistrationStatus.CONFIRMED).count() == 1
    assert racers.count() + len(errors) == 4
