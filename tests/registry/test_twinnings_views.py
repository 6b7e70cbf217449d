from __future__ import annotations

from pathlib import Path

from django.test import Client

from austausch.accounts.models import User
from austausch.audit.services import entries_for
from austausch.registry.models import Partnership
from tests.registry.conftest import ELMSHORN, HALLE, WITTENBERGE

PAGE = f"/en/municipalities/{WITTENBERGE}/partnerships/"
ADD = f"/en/municipalities/{WITTENBERGE}/partnerships/new/"


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def elmshorn_tie() -> Partnership:
    return Partnership.objects.get(municipality__key=ELMSHORN, partner_municipality__key=WITTENBERGE)


def test_the_town_page_lists_the_partnerships_with_a_map(twinnings: Path, client: Client) -> None:
    page = client.get(f"/en/municipalities/{HALLE}/").text
    assert "Partnerships" in page
    for name in ("Grenoble", "Savannah", "Ufa", "Hildesheim"):
        assert name in page
    assert 'href="/en/municipalities/US-1840015830/"' in page  # Savannah, Georgia: a registry town, linked
    assert 'class="partner-map"' in page
    assert page.count('class="partner partner--active"') == 8


def test_a_dormant_partnership_is_shown_as_such(twinnings: Path, client: Client) -> None:
    Partnership.objects.filter(pk=elmshorn_tie().pk).update(status="dormant")
    page = client.get(PAGE).text
    assert "partnership--dormant" in page
    assert 'class="partner partner--dormant"' in page
    assert "kern-badge--warning" in page


def test_editors_may_add_and_change_others_may_not(wittenberge_editor: User, outsider: User, client: Client) -> None:
    assert "Add a partnership" in signed_in(wittenberge_editor).get(PAGE).text
    assert "Add a partnership" not in signed_in(outsider).get(PAGE).text
    assert "Add a partnership" not in client.get(PAGE).text
    assert client.get(ADD).status_code == 302  # to the sign-in
    assert signed_in(outsider).get(ADD).status_code == 403
    edit = f"/en/municipalities/{WITTENBERGE}/partnerships/{elmshorn_tie().pk}/edit/"
    assert signed_in(outsider).post(edit, {"kind": "contact", "status": "ended"}).status_code == 403
    assert elmshorn_tie().status == "active"


def test_an_editor_adds_a_partnership_with_a_registry_town(wittenberge_editor: User) -> None:
    response = signed_in(wittenberge_editor).post(
        ADD, {"partner_town": "Halle (Saale)", "kind": "project", "since": "2019", "status": "active"}
    )
    assert response.status_code == 302
    tie = Partnership.objects.get(municipality__key=WITTENBERGE, partner_municipality__key=HALLE)
    assert (tie.kind, tie.since, tie.edited_by_hand) == ("project", 2019, True)
    assert [entry.action for entry in entries_for(tie)] == ["registry.partnership.added"]


def test_an_editor_adds_a_partner_place_abroad(wittenberge_editor: User) -> None:
    response = signed_in(wittenberge_editor).post(
        ADD, {"partner_name": "Gniezno", "partner_country": "pl", "kind": "friendship", "status": "dormant"}
    )
    assert response.status_code == 302
    tie = Partnership.objects.get(municipality__key=WITTENBERGE, partner_place__name="Gniezno")
    assert (tie.partner_place.country, tie.status) == ("PL", "dormant")  # type: ignore[union-attr]


def test_the_add_form_explains_what_is_wrong(wittenberge_editor: User) -> None:
    client = signed_in(wittenberge_editor)
    cases = [
        ({"partner_town": "Nowhereville"}, "No town matches “Nowhereville”"),
        ({"partner_town": "Wittenberge"}, "A town cannot be its own partner."),
        ({"partner_town": "Elmshorn"}, "This partnership is already recorded; change it instead."),
        ({"partner_town": "Halle"}, "Halle (Saale), Sachsen-Anhalt (DE-15002000)"),  # ambiguous: the candidates
        ({"partner_town": "Elmshorn", "partner_name": "Gniezno"}, "Name one partner"),
        ({}, "Name the partner"),
        ({"partner_name": "Gniezno"}, "Give the country of the partner place."),
        ({"partner_name": "Gniezno", "partner_country": "Polen"}, "Ensure this value has at most 2 characters"),
        ({"partner_town": "Halle (Saale)", "since": "2999"}, "The year lies in the future."),
    ]
    for fields, message in cases:
        response = client.post(ADD, {"kind": "partnership", "status": "active", **fields})
        assert response.status_code == 200, fields
        assert message in response.text, (fields, message)
    assert not Partnership.objects.filter(edited_by_hand=True).exists()


def test_the_partner_towns_editor_ends_a_shared_partnership_and_the_log_shows_it(wittenberge_editor: User) -> None:
    # The tie is stored with Elmshorn first; Wittenberge's editors change it all the same.
    client = signed_in(wittenberge_editor)
    edit = f"/en/municipalities/{WITTENBERGE}/partnerships/{elmshorn_tie().pk}/edit/"
    assert "Elmshorn" in client.get(edit).text
    response = client.post(edit, {"kind": "partnership", "since": "1990", "status": "ended"})
    assert response.status_code == 302
    tie = elmshorn_tie()
    assert (tie.status, tie.since, tie.edited_by_hand) == ("ended", 1990, True)
    entry = entries_for(tie).get()
    assert (entry.action, entry.before["status"], entry.after["status"]) == (
        "registry.partnership.changed",
        "active",
        "ended",
    )
    page = client.get(PAGE).text
    assert "registry.partnership.changed" in page
    assert "kern-badge--danger" in page


def test_a_partnership_of_another_town_is_not_found_under_this_one(wittenberge_editor: User) -> None:
    halle_tie = Partnership.objects.filter(municipality__key=HALLE).first()
    assert halle_tie is not None
    response = signed_in(wittenberge_editor).get(f"/en/municipalities/{WITTENBERGE}/partnerships/{halle_tie.pk}/edit/")
    assert response.status_code == 404
