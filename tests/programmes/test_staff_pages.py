"""Coordinators' pages: each write goes through a service; bad input is named at its field and saves nothing."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core import mail
from django.test import Client

from austausch.accounts.models import Invitation, Role, RoleAssignment, User
from austausch.accounts.services import accept_invitation
from austausch.audit.models import AuditEntry
from austausch.programmes.models import (
    AgendaSession,
    Cost,
    DelegationInvitation,
    Meeting,
    Participation,
    ParticipationStatus,
    Programme,
)
from austausch.programmes.services.registrations import register
from tests.programmes.conftest import days_from_now


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def meeting_form(**overrides: str) -> dict[str, str]:
    form = {
        "kind": "study_visit",
        "title_en": "Return visit",
        "starts_on": days_from_now(20).isoformat(),
        "ends_on": days_from_now(22).isoformat(),
        "host_municipalities_text": "Wittenberge\nDE-13004000",
        "venue": "Rathaus",
        "published": "on",
    }
    form.update(overrides)
    return form


def test_staff_create_a_programme_and_become_its_coordinator(coordinator: User, registry_sample: frozenset) -> None:
    response = as_user(coordinator).post(
        "/en/programmes/new/",
        {"name_de": "Kleinstadtakademie", "status": "running", "countries": "de", "published": "on"},
    )
    programme = Programme.objects.get()
    assert response.status_code == 302 and response["Location"] == "/en/programmes/kleinstadtakademie/"
    assert programme.countries == ["DE"]
    assert RoleAssignment.objects.filter(user=coordinator, role=Role.COORDINATOR, scope_id=programme.pk).exists()
    assert AuditEntry.objects.filter(action="programmes.programme.created").exists()


def test_a_programme_that_ends_before_it_starts_is_refused_at_its_field(coordinator: User, db: None) -> None:
    response = as_user(coordinator).post(
        "/en/programmes/new/", {"name_en": "X", "status": "planned", "starts_on": "2023-05-01", "ends_on": "2023-01-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"] == ["The programme ends before it starts."]
    assert not Programme.objects.exists()


def test_people_without_the_staff_role_may_not_create_or_edit(outsider: User, programme: Programme) -> None:
    client = as_user(outsider)
    assert client.get("/en/programmes/new/").status_code == 403
    assert client.get("/en/programmes/tcot/edit/").status_code == 403
    assert client.post("/en/programmes/tcot/rounds/", {"title": "x"}).status_code == 403
    assert Client().get("/en/programmes/tcot/edit/").status_code == 302  # to the sign-in page


def test_a_coordinator_adds_rounds_and_a_meeting_with_host_municipalities_by_name_and_key(
    coordinator: User, programme: Programme
) -> None:
    client = as_user(coordinator)
    client.post("/en/programmes/tcot/rounds/", {"title": "Germany"})
    round_ = programme.rounds.get()
    response = client.post("/en/programmes/tcot/meetings/new/", meeting_form(round=str(round_.pk)))
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/programmes/meetings/{meeting.pk}/manage/"
    assert sorted(meeting.host_municipalities.values_list("key", flat=True)) == ["DE-12070424", "DE-13004000"]
    assert meeting.round == round_


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        (
            {"host_municipalities_text": "Halle"},
            "host_municipalities_text",
            "“Halle” matches 4 towns; give the key of one: Halle (Saale)",
        ),
        (
            {"host_municipalities_text": "Atlantis"},
            "host_municipalities_text",
            "No town matches “Atlantis”; give a key",
        ),
        ({"ends_on": days_from_now(1).isoformat()}, "ends_on", "The meeting ends before it starts."),
        ({"registration_open": "on"}, "capacity", "An open event needs a number of seats."),
    ],
)
def test_bad_meetings_are_named_at_their_field_and_nothing_is_saved(
    coordinator: User, programme: Programme, overrides: dict, field: str, message: str
) -> None:
    response = as_user(coordinator).post("/en/programmes/tcot/meetings/new/", meeting_form(**overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Meeting.objects.exists()


def test_an_agenda_session_outside_the_dates_is_refused_and_a_good_one_is_added(
    coordinator: User, visit: Meeting
) -> None:
    client = as_user(coordinator)
    day = days_from_now(30).isoformat()
    response = client.post(
        f"/en/programmes/meetings/{visit.pk}/sessions/",
        {"kind": "workshop", "title": "Late", "starts_at": f"{day}T10:00", "ends_at": f"{day}T11:00"},
    )
    assert response.status_code == 422
    assert "outside the meeting" in " ".join(response.context["session_form"].errors["starts_at"])
    day = days_from_now(11).isoformat()
    response = client.post(
        f"/en/programmes/meetings/{visit.pk}/sessions/",
        {"kind": "workshop", "title": "Coworking", "starts_at": f"{day}T10:00", "ends_at": f"{day}T11:00"},
    )
    assert response.status_code == 302
    assert AgendaSession.objects.filter(meeting=visit, title="Coworking").exists()


def test_costs_and_delegations_are_added_by_town_name(coordinator: User, visit: Meeting) -> None:
    client = as_user(coordinator)
    response = client.post(f"/en/programmes/meetings/{visit.pk}/delegations/", {"town": "Wittenberge"})
    assert response.status_code == 302
    assert visit.delegations.filter(municipality__key="DE-12070424").exists()
    response = client.post(f"/en/programmes/meetings/{visit.pk}/delegations/", {"town": "Halle"})
    assert response.status_code == 422 and "matches 4 towns" in str(response.context["delegation_form"].errors["town"])
    response = client.post(
        f"/en/programmes/meetings/{visit.pk}/costs/",
        {
            "description": "Train",
            "amount": "80.00",
            "currency": "EUR",
            "town_text": "Wittenberge",
            "municipality_share": "0",
        },
    )
    assert response.status_code == 302
    assert Cost.objects.get(description="Train").municipality.key == "DE-12070424"


def test_inviting_someone_without_an_account_sends_an_invitation_and_keeps_their_seat(
    coordinator: User, visit: Meeting
) -> None:
    hamburg = visit.delegations.get(municipality__key="DE-02000000")
    response = as_user(coordinator).post(
        f"/en/programmes/meetings/{visit.pk}/invite/",
        {"delegation": hamburg.pk, "email": "New.Person@example.org", "sector": "university", "role": "Professor"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new.person@example.org")
    assert invitation.role == Role.PARTICIPANT and invitation.scope == visit.programme
    assert DelegationInvitation.objects.filter(delegation=hamburg, email="new.person@example.org").exists()
    token = re.search(r"/accounts/invitation/([^/]+)/", str(mail.outbox[-1].body))
    assert token
    person = accept_invitation(token=token.group(1), name="Nora New", password="a long enough passphrase 42")

    client = as_user(person)
    page = client.get("/en/programmes/mine/")
    participation = Participation.objects.get(person=person)
    assert participation.sector == "university" and participation.status == ParticipationStatus.INVITED
    assert "Study visit to Philadelphia and Trenton" in page.content.decode()
    client.post(f"/en/programmes/participations/{participation.pk}/answer/", {"answer": "confirm"})
    participation.refresh_from_db()
    assert participation.status == ParticipationStatus.CONFIRMED
    assert not DelegationInvitation.objects.exists()


def test_inviting_an_account_holder_twice_is_refused_at_the_email_field(
    coordinator: User, participant: User, visit: Meeting
) -> None:
    schwerin = visit.delegations.get(municipality__key="DE-13004000")
    response = as_user(coordinator).post(
        f"/en/programmes/meetings/{visit.pk}/invite/", {"delegation": schwerin.pk, "email": participant.email}
    )
    assert response.status_code == 422
    assert "already in a delegation" in str(response.context["invite_form"].errors["email"])


def test_only_the_invited_person_answers_their_invitation(outsider: User, participant: User, visit: Meeting) -> None:
    participation = Participation.objects.get(person=participant)
    response = as_user(outsider).post(
        f"/en/programmes/participations/{participation.pk}/answer/", {"answer": "decline"}
    )
    assert response.status_code == 403
    participation.refresh_from_db()
    assert participation.status == ParticipationStatus.INVITED


def test_the_organiser_checks_people_in_and_exports_the_list(coordinator: User, open_event: Meeting) -> None:
    registration, _ = register(meeting=open_event, name="=cmd()", email="ada@example.org", organisation="FES")
    client = as_user(coordinator)
    page = client.get(f"/en/programmes/meetings/{open_event.pk}/registrations/")
    assert "1 of 3 seats taken, 0 waiting" in page.content.decode()
    client.post(f"/en/programmes/meetings/{open_event.pk}/registrations/{registration.pk}/check-in/")
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    export = client.get(f"/en/programmes/meetings/{open_event.pk}/registrations.csv")
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0][:4] == ["Name", "E-mail address", "Organisation", "Status"]
    assert rows[1][:4] == ["'=cmd()", "ada@example.org", "FES", "Confirmed"]  # no formula for spreadsheets
    assert rows[1][5]
    german = list(
        csv.reader(
            io.StringIO(client.get(f"/de/programmes/meetings/{open_event.pk}/registrations.csv").content.decode())
        )
    )
    assert german[0][:6] == ["Name", "E-Mail-Adresse", "Organisation", "Status", "Angemeldet", "Eingecheckt"]


def test_outsiders_see_no_check_in_list_or_export(outsider: User, open_event: Meeting) -> None:
    client = as_user(outsider)
    assert client.get(f"/en/programmes/meetings/{open_event.pk}/registrations/").status_code == 403
    assert client.get(f"/en/programmes/meetings/{open_event.pk}/registrations.csv").status_code == 403
    assert client.get(f"/en/programmes/meetings/{open_event.pk}/manage/").status_code == 403


@pytest.mark.parametrize(
    "slug,message",
    [("network", "taken by a page of the platform"), ("tcot", "Another programme has this short name")],
)
def test_a_programme_short_name_must_be_free(coordinator: User, programme: Programme, slug: str, message: str) -> None:
    response = as_user(coordinator).post("/en/programmes/new/", {"name_en": "X", "slug": slug, "status": "planned"})
    assert message in " ".join(response.context["form"].errors["slug"])
    assert Programme.objects.count() == 1


def test_a_coordinator_edits_the_programme_and_its_funders(coordinator: User, programme: Programme) -> None:
    from austausch.organisations.models import Organisation, OrganisationKind, Sector

    funder = Organisation.objects.create(name="BMWK", kind=OrganisationKind.MINISTRY, sector=Sector.PUBLIC_AGENCY)
    client = as_user(coordinator)
    assert client.get("/en/programmes/tcot/edit/").status_code == 200
    response = client.post(
        "/en/programmes/tcot/edit/",
        {"name_en": "TCoT", "slug": "tcot", "status": "completed", "funders": [funder.pk], "published": "on"},
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name == "TCoT" and list(programme.funders.all()) == [funder]
    assert AuditEntry.objects.filter(action="programmes.programme.changed").exists()


def test_editing_a_meeting_with_an_unknown_host_town_changes_nothing(coordinator: User, visit: Meeting) -> None:
    client = as_user(coordinator)
    form = meeting_form(title_en="Renamed", host_municipalities_text="Atlantis", starts_on=visit.starts_on.isoformat(),
                        ends_on=visit.ends_on.isoformat())  # fmt: skip
    response = client.post(f"/en/programmes/meetings/{visit.pk}/edit/", form)
    assert response.status_code == 200 and "Atlantis" in str(
        response.context["form"].errors["host_municipalities_text"]
    )
    visit.refresh_from_db()
    assert visit.title == "Study visit to Philadelphia and Trenton" and visit.host_municipalities.count() == 2
    form["host_municipalities_text"] = "DE-12070424"
    assert client.post(f"/en/programmes/meetings/{visit.pk}/edit/", form).status_code == 302
    visit.refresh_from_db()
    assert visit.title == "Renamed" and list(visit.host_municipalities.values_list("key", flat=True)) == ["DE-12070424"]


def test_moving_a_meeting_away_from_its_agenda_is_refused(coordinator: User, visit: Meeting) -> None:
    form = meeting_form(host_municipalities_text="DE-12070424", starts_on=days_from_now(40).isoformat(),
                        ends_on=days_from_now(41).isoformat())  # fmt: skip
    response = as_user(coordinator).post(f"/en/programmes/meetings/{visit.pk}/edit/", form)
    assert "Welcome at City Hall" in str(response.context["form"].errors["ends_on"])
    visit.refresh_from_db()
    assert visit.starts_on == days_from_now(10) and visit.host_municipalities.count() == 2
