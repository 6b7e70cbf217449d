"""Request bodies are what the schema says: a JSON object, with the lengths the database keeps."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from austausch.accounts.models import User
from austausch.api import api
from austausch.organisations.models import Organisation
from tests.accounts.conftest import PASSWORD

SCHEMA = api.get_openapi_schema()


@pytest.fixture
def admin(db: None, settings: Any) -> Client:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client = Client()
    client.force_login(User.objects.create_superuser("admin@example.org", PASSWORD, name="Ada Admin"))
    return client


@pytest.fixture
def organisation(db: None) -> Organisation:
    return Organisation.objects.create(name="Bürgerstiftung", kind="foundation", sector="nonprofit")


@pytest.mark.parametrize("body", ["[null, null]", "[]", "42", '"name"', "null"])
def test_a_body_that_is_no_object_is_refused_and_changes_nothing(
    admin: Client, organisation: Organisation, body: str
) -> None:
    response = admin.patch(f"/api/v1/organisations/{organisation.pk}", body, content_type="application/json")
    assert response.status_code == 422, response.content
    assert "JSON object" in response.json()["detail"]
    assert Organisation.objects.get(pk=organisation.pk).name == "Bürgerstiftung"


@pytest.mark.parametrize("path", ["/api/v1/programmes/{slug}/rounds", "/api/v1/commitments/{commitment_id}/updates"])
def test_other_writes_refuse_a_list_too(admin: Client, path: str) -> None:
    response = admin.post(path.format(slug="any", commitment_id=1), "[]", content_type="application/json")
    assert response.status_code == 422, response.content


def test_an_empty_object_still_means_every_field_left_out(admin: Client, organisation: Organisation) -> None:
    response = admin.patch(f"/api/v1/organisations/{organisation.pk}", {}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["name"] == "Bürgerstiftung"


def test_the_schema_states_the_lengths_the_database_keeps() -> None:
    name = SCHEMA["components"]["schemas"]["OrganisationIn"]["properties"]["name"]
    assert (name["minLength"], name["maxLength"]) == (1, 200)
    title = SCHEMA["components"]["schemas"]["CommitmentIn"]["properties"]["title"]
    assert (title["minLength"], title["maxLength"]) == (1, 200)


def test_an_empty_name_is_refused_by_the_schema_before_the_model(admin: Client) -> None:
    body = {"name": "", "kind": "foundation", "sector": "nonprofit"}
    response = admin.post("/api/v1/organisations", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("name")
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("on", [0, 1_700_000_000, 1.5, True])
def test_a_date_sent_as_a_number_is_refused(admin: Client, on: object) -> None:
    response = admin.post(
        "/api/v1/commitments/1/updates", {"on": on, "text": "Begonnen"}, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert response.json()["detail"].startswith("on")


def test_the_peer_query_lists_the_countries_it_takes() -> None:
    parameters = SCHEMA["paths"]["/api/v1/municipalities/{key}/peers"]["get"]["parameters"]
    countries = next(parameter for parameter in parameters if parameter["name"] == "countries")
    assert countries["schema"]["items"]["enum"] == ["DE", "US"]


def test_files_sent_as_a_text_field_are_refused_not_passed_over(admin: Client) -> None:
    response = admin.post("/api/v1/radar/sources", {"files": "report.txt", "text": "true"})
    assert response.status_code == 422, response.content
    assert response.json()["detail"].startswith("files")
