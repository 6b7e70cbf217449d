"""Public registration: the form with the event's questions, seats then waiting list, and the cancel link."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client
from django.utils.dateformat import format as date_format

from austausch.accounts.models import User
from austausch.programmes.models import Meeting, RegistrationStatus
from austausch.programmes.services.meetings import update_meeting


def ask_questions(coordinator: User, meeting: Meeting) -> None:
    update_meeting(
        actor=coordinator,
        meeting=meeting,
        registration_questions=[{"id": "q1", "label": "Which workshop?", "required": True}],
    )


def test_the_form_asks_the_events_questions_and_names_a_missing_answer(
    client: Client, coordinator: User, open_event: Meeting
) -> None:
    ask_questions(coordinator, open_event)
    url = f"/en/programmes/meetings/{open_event.pk}/register/"
    assert "Which workshop?" in client.get(url).content.decode()
    response = client.post(url, {"name": "Ada", "email": "ada@example.org"})
    assert response.status_code == 200
    assert response.context["form"].errors["answer_q1"] == ["This field is required."]
    assert not open_event.registrations.exists()


def test_registering_confirms_a_seat_and_mails_a_cancellation_link(client: Client, open_event: Meeting) -> None:
    response = client.post(
        f"/en/programmes/meetings/{open_event.pk}/register/", {"name": "Ada", "email": "ada@example.org"}
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "You are registered" in page.content.decode()
    link = re.search(r"https?://\S+/en/programmes/registration/(\S+)/cancel/", str(mail.outbox[-1].body))
    assert link, mail.outbox[-1].body
    assert date_format(open_event.starts_on, "F j, Y") in str(mail.outbox[-1].body)  # not 2026-01-05

    cancel_page = client.get(link.group(0))
    assert "Cancel the registration of Ada" in cancel_page.content.decode()
    assert open_event.registrations.get().status == RegistrationStatus.CONFIRMED  # a GET changes nothing
    done = client.post(link.group(0))
    assert "is cancelled" in done.content.decode()
    assert open_event.registrations.get().status == RegistrationStatus.CANCELLED
    again = client.post(link.group(0))
    assert "already cancelled" in again.content.decode()


def test_when_the_seats_are_gone_people_join_the_waiting_list(client: Client, open_event: Meeting) -> None:
    url = f"/en/programmes/meetings/{open_event.pk}/register/"
    for number in range(3):
        client.post(url, {"name": f"P{number}", "email": f"p{number}@example.org"})
    assert "All seats are taken" in client.get(f"/en/programmes/meetings/{open_event.pk}/").content.decode()
    response = client.post(url, {"name": "Late", "email": "late@example.org"})
    assert "You are on the waiting list" in client.get(response["Location"]).content.decode()
    assert open_event.registrations.get(email="late@example.org").status == RegistrationStatus.WAITING


def test_registering_twice_is_refused_with_a_message(client: Client, open_event: Meeting) -> None:
    url = f"/en/programmes/meetings/{open_event.pk}/register/"
    client.post(url, {"name": "Ada", "email": "ada@example.org"})
    response = client.post(url, {"name": "Ada", "email": "ADA@example.org"})
    assert response.status_code == 200
    assert "ada@example.org is already registered for this event." in response.content.decode()
    assert open_event.registrations.count() == 1


def test_an_unknown_cancellation_link_is_not_found(client: Client, db: None) -> None:
    response = client.get("/en/programmes/registration/not-a-token/cancel/")
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_events_without_registration_and_drafts_take_no_registrations(
    client: Client, coordinator: User, open_event: Meeting, visit: Meeting
) -> None:
    assert client.get(f"/en/programmes/meetings/{visit.pk}/register/").status_code == 404
    update_meeting(actor=coordinator, meeting=open_event, published=False)
    assert (
        client.post(
            f"/en/programmes/meetings/{open_event.pk}/register/", {"name": "A", "email": "a@example.org"}
        ).status_code
        == 404
    )
