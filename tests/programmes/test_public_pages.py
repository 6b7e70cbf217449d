"""The public pages: what everyone sees, what only coordinators see, and what nobody public sees."""

from __future__ import annotations

import pytest
from django.test import Client

from austausch.accounts.models import User
from austausch.programmes.models import Meeting, Programme
from austausch.programmes.services.meetings import update_meeting
from austausch.programmes.services.programmes import update_programme


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_programme_list_shows_published_programmes(client: Client, visit: Meeting) -> None:
    page = client.get("/en/programmes/")
    assert page.status_code == 200
    assert "Transatlantic Cities of Tomorrow" in page.content.decode()


def test_the_programme_page_shows_rounds_meetings_networks_towns_costs_and_sectors(
    client: Client, visit: Meeting
) -> None:
    html = client.get("/en/programmes/tcot/").content.decode()
    assert "Round 1" in html and "Digitalisation" in html
    assert "Study visit to Philadelphia and Trenton" in html
    assert "Digitale Arbeitswelten" in html and "Wittenberge</a> (lead town)" in html
    assert "Hamburg" in html and "Schwerin" in html and "Trenton" in html
    assert "Hamburg pays nothing" in html  # the trip costs the city nothing, as a recorded fact
    assert "12,000.00 USD" in html
    assert 'role="img"' in html and "Public agency" in html  # the sector chart and its table


def test_the_meeting_page_shows_agenda_delegations_costs_and_report(client: Client, visit: Meeting) -> None:
    html = client.get(f"/en/programmes/meetings/{visit.pk}/").content.decode()
    assert "Welcome at City Hall" in html and "Room 400" in html
    assert "Public agency: 1" in html
    assert "<strong>learned</strong>" in html
    assert "Attendance: 12" in html


def test_the_public_never_sees_participants_names_or_contact_data(client: Client, visit: Meeting) -> None:
    html = client.get(f"/en/programmes/meetings/{visit.pk}/").content.decode()
    assert "Pia Participant" not in html
    assert "pia@example.org" not in html and "1234" not in html


def test_coordinators_see_who_is_in_a_delegation(coordinator: User, visit: Meeting) -> None:
    html = signed_in(coordinator).get(f"/en/programmes/meetings/{visit.pk}/").content.decode()
    assert "Pia Participant (Invited" in html


@pytest.mark.parametrize(
    "lang,heading,kind", [("de", "Austauschprogramme", "Studienreise"), ("en", "Exchange programmes", "Study visit")]
)
def test_pages_speak_both_languages(client: Client, visit: Meeting, lang: str, heading: str, kind: str) -> None:
    html = client.get(f"/{lang}/programmes/").content.decode()
    assert f'<html lang="{lang}">' in html and f"<h1>{heading}</h1>" in html
    assert kind in client.get(f"/{lang}/programmes/tcot/").content.decode()


def test_a_draft_programme_is_not_found_by_the_public_but_shown_to_its_coordinator(
    client: Client, coordinator: User, outsider: User, visit: Meeting, programme: Programme
) -> None:
    update_programme(actor=coordinator, programme=programme, published=False)
    assert client.get("/en/programmes/tcot/").status_code == 404
    assert signed_in(outsider).get("/en/programmes/tcot/").status_code == 404
    assert client.get(f"/en/programmes/meetings/{visit.pk}/").status_code == 404
    assert "tcot" not in client.get("/en/programmes/").content.decode()
    page = signed_in(coordinator).get("/en/programmes/tcot/")
    assert page.status_code == 200 and "Draft, not public" in page.content.decode()


def test_a_draft_meeting_is_hidden_from_the_public(client: Client, coordinator: User, visit: Meeting) -> None:
    update_meeting(actor=coordinator, meeting=visit, published=False)
    assert client.get(f"/en/programmes/meetings/{visit.pk}/").status_code == 404
    assert "Study visit" not in client.get("/en/programmes/tcot/").content.decode()
    assert signed_in(coordinator).get(f"/en/programmes/meetings/{visit.pk}/").status_code == 200


def test_the_network_pages_draw_the_towns_and_list_the_ties(client: Client, visit: Meeting) -> None:
    for url in ("/en/programmes/tcot/network/", "/en/programmes/network/"):
        html = client.get(url).content.decode()
        assert '<svg class="network"' in html and '<title id="network-title">' in html
        assert "Wittenberge" in html and "Dippoldiswalde" in html
        assert "Philadelphia" in html


def test_the_town_page_shows_its_exchange_history(client: Client, visit: Meeting) -> None:
    html = client.get("/en/municipalities/DE-02000000/").content.decode()
    assert "Exchange history" in html
    assert "visited Philadelphia, Trenton with Schwerin" in " ".join(html.split())
    html = client.get("/en/municipalities/US-1840000673/").content.decode()
    assert "host together with Trenton; visitors: Hamburg, Schwerin" in " ".join(html.split())
