"""Who may change an organisation: its editors and its town's editors; nobody else, by page or API."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from austausch.accounts.models import User
from austausch.audit.models import AuditEntry
from austausch.organisations.models import Organisation
from tests.organisations.conftest import PASSWORD


def signed_in(user: User | None) -> Client:
    client = Client(enforce_csrf_checks=False)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(("persona", "allowed"), [("owner", True), ("town_editor", True), ("member", False),
                                                  ("outsider", False)])  # fmt: skip
def test_only_editors_may_edit_by_page(
    request: pytest.FixtureRequest, organisation: Organisation, persona: str, allowed: bool
) -> None:
    client = signed_in(request.getfixturevalue(persona))
    url = f"/en/organisations/{organisation.pk}/edit/"
    form = {"name_en": "Stadt Wittenberge", "kind": "town_administration", "sector": "public_agency"}
    assert client.get(url).status_code == (200 if allowed else 403)
    response = client.post(url, form)
    assert response.status_code == (302 if allowed else 403)
    organisation.refresh_from_db()
    assert (organisation.name == "Stadt Wittenberge") is allowed


def test_anonymous_visitors_are_sent_to_sign_in(organisation: Organisation) -> None:
    response = Client().get(f"/en/organisations/{organisation.pk}/edit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.parametrize(("persona", "status"), [("owner", 200), ("town_editor", 200), ("member", 403),
                                                 ("outsider", 403)])  # fmt: skip
def test_only_editors_may_patch_by_api(
    request: pytest.FixtureRequest, organisation: Organisation, persona: str, status: int
) -> None:
    client = signed_in(request.getfixturevalue(persona))
    response = client.patch(
        f"/api/v1/organisations/{organisation.pk}", json.dumps({"abbreviation": "SVW"}), content_type="application/json"
    )
    assert response.status_code == status, response.content
    organisation.refresh_from_db()
    assert (organisation.abbreviation == "SVW") is (status == 200)
    if status == 403:
        assert response.json()["detail"]


def test_the_api_refuses_anonymous_writes(organisation: Organisation) -> None:
    response = Client().patch(
        f"/api/v1/organisations/{organisation.pk}", json.dumps({"name": "x"}), content_type="application/json"
    )
    assert response.status_code == 401


def test_the_api_checks_csrf_for_session_writes(organisation: Organisation, owner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.post("/en/accounts/login/", {"username": owner.email, "password": PASSWORD})
    response = client.patch(
        f"/api/v1/organisations/{organisation.pk}", json.dumps({"name": "x"}), content_type="application/json"
    )
    assert response.status_code == 403


def test_an_editor_cannot_move_an_organisation_to_a_town_they_do_not_edit(
    organisation: Organisation, owner: User
) -> None:
    response = signed_in(owner).patch(
        f"/api/v1/organisations/{organisation.pk}",
        json.dumps({"municipality": "DE-15002000"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.municipality.key == "DE-12070424"  # type: ignore[union-attr]


def test_town_editors_add_organisations_to_their_town_only(town_editor: User, outsider: User) -> None:
    payload = {"name": "Digitalwerkstatt", "kind": "nonprofit", "sector": "nonprofit", "municipality": "DE-12070424"}
    assert (
        signed_in(outsider).post("/api/v1/organisations", payload, content_type="application/json").status_code == 403
    )
    response = signed_in(town_editor).post("/api/v1/organisations", payload, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["municipality"] == "DE-12070424"


def test_bad_input_names_the_field_and_saves_nothing(organisation: Organisation, owner: User) -> None:
    client = signed_in(owner)
    response = client.patch(
        f"/api/v1/organisations/{organisation.pk}",
        json.dumps({"website": "not a url"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("website:")
    response = client.patch(
        f"/api/v1/organisations/{organisation.pk}", json.dumps({"sector": "church"}), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("sector:")
    organisation.refresh_from_db()
    assert organisation.website == ""
    assert not AuditEntry.objects.filter(action="organisations.organisation.changed").exists()


def test_every_change_is_audited_and_shown_to_editors_only(
    organisation: Organisation, owner: User, member: User
) -> None:
    signed_in(owner).patch(
        f"/api/v1/organisations/{organisation.pk}", json.dumps({"abbreviation": "SVW"}), content_type="application/json"
    )
    entry = AuditEntry.objects.get(action="organisations.organisation.changed")
    assert (entry.actor, entry.before, entry.after) == (owner, {"abbreviation": ""}, {"abbreviation": "SVW"})
    log_url = f"/en/audit/organisations/organisation/{organisation.pk}/"
    assert "organisations.organisation.changed" in signed_in(owner).get(log_url).text
    assert signed_in(member).get(log_url).status_code == 403
    assert "Change log" not in signed_in(member).get(organisation.get_absolute_url()).text
    assert signed_in(None).get(log_url).status_code == 302


def test_the_public_reads_organisations(organisation: Organisation) -> None:
    client = Client()
    assert client.get("/en/organisations/").status_code == 200
    assert "Stadtverwaltung Wittenberge" in client.get(organisation.get_absolute_url()).text
    body = client.get("/api/v1/organisations", {"municipality": "DE-12070424"}).json()
    assert body["count"] == 1
    assert client.get("/api/v1/organisations/999999").status_code == 404
