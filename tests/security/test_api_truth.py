"""The API keeps to its schema: bounded pages, nulls refused where they cannot be stored, errors as JSON."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from austausch.accounts.models import User
from austausch.api import api
from austausch.organisations.models import Organisation
from austausch.registry.models import Municipality
from austausch.web.pagination import MAX_PAGE, MAX_PAGE_SIZE
from tests.accounts.conftest import PASSWORD

SCHEMA = api.get_openapi_schema()
LIST_PATHS = sorted(
    path
    for path, operations in SCHEMA["paths"].items()
    if any(parameter["name"] == "page" for parameter in operations.get("get", {}).get("parameters", []))
)
# Required query parameters of some lists, so that only the page is wrong.
REQUIRED = {"/api/v1/comments": "&target=meeting:1"}
# Lists for signed-in people only (a person's own exchange requests).
SIGNED_IN = {path for path in LIST_PATHS if SCHEMA["paths"][path]["get"].get("security")}


def client_for(path: str) -> Client:
    client = Client(raise_request_exception=False)
    if path in SIGNED_IN:
        client.force_login(User.objects.create_user("reader@example.org", PASSWORD, name="Reader"))
    return client


def test_the_lists_are_found() -> None:
    assert len(LIST_PATHS) >= 12
    assert "/api/v1/municipalities" in LIST_PATHS


@pytest.mark.parametrize("path", LIST_PATHS)
def test_every_list_states_its_page_bounds_in_the_schema(path: str) -> None:
    parameters = {parameter["name"]: parameter["schema"] for parameter in SCHEMA["paths"][path]["get"]["parameters"]}
    assert (parameters["page"]["minimum"], parameters["page"]["maximum"]) == (1, MAX_PAGE)
    assert (parameters["page_size"]["minimum"], parameters["page_size"]["maximum"]) == (1, MAX_PAGE_SIZE)


@pytest.mark.parametrize("path", LIST_PATHS)
@pytest.mark.parametrize(
    "query",
    ["page=576460752303423487", "page=0", f"page={MAX_PAGE + 1}", "page_size=0", f"page_size={MAX_PAGE_SIZE + 1}"],
)
def test_every_list_answers_422_to_a_page_out_of_bounds(db: None, path: str, query: str) -> None:
    response = client_for(path).get(f"{path}?{query}{REQUIRED.get(path, '')}")
    assert response.status_code == 422, response.content
    assert response.json()["detail"].startswith(query.split("=")[0])


@pytest.mark.parametrize("path", LIST_PATHS)
def test_every_list_answers_the_last_allowed_page(db: None, path: str) -> None:
    response = client_for(path).get(f"{path}?page={MAX_PAGE}&page_size={MAX_PAGE_SIZE}{REQUIRED.get(path, '')}")
    assert response.status_code in (200, 404), response.content  # 404: the comment target does not exist
    if response.status_code == 200:
        assert response.json()["items"] == []


@pytest.fixture
def organisation_editor(registry_sample: frozenset[str], settings: Any) -> tuple[Client, Organisation]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    organisation = Organisation.objects.create(
        name="Bürgerstiftung Wittenberge",
        abbreviation="BSW",
        kind="foundation",
        sector="nonprofit",
        website="https://example.org",
        description="Fördert Projekte in der Stadt.",
        municipality=Municipality.objects.get(key="DE-12070424"),
    )
    admin = User.objects.create_superuser("admin@example.org", PASSWORD, name="Ada Admin")
    client = Client(enforce_csrf_checks=False)
    client.force_login(admin)
    return client, organisation


@pytest.mark.parametrize("field", ["website", "abbreviation", "description", "name", "kind", "sector"])
def test_a_null_where_the_organisation_needs_a_value_is_refused_with_422(
    organisation_editor: tuple[Client, Organisation], field: str
) -> None:
    client, organisation = organisation_editor
    response = client.patch(f"/api/v1/organisations/{organisation.pk}", {field: None}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"].startswith(field)
    before = Organisation.objects.get(pk=organisation.pk)
    assert getattr(before, field) == getattr(organisation, field)


def test_a_null_town_takes_the_organisation_out_of_its_town(organisation_editor: tuple[Client, Organisation]) -> None:
    client, organisation = organisation_editor
    assert organisation.municipality is not None
    response = client.patch(
        f"/api/v1/organisations/{organisation.pk}",
        {"municipality": None, "website": ""},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["municipality"] is None
    assert Organisation.objects.get(pk=organisation.pk).website == ""


def test_the_schema_lists_the_errors_of_each_operation() -> None:
    patch = SCHEMA["paths"]["/api/v1/organisations/{organisation_id}"]["patch"]
    assert {401, 403, 404, 422, "default"} <= set(patch["responses"])
    assert SCHEMA["components"]["schemas"]["Error"]["required"] == ["detail"]


def test_an_unexpected_error_under_the_api_is_a_json_500(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("austausch.organisations.api.paginate", broken)
    response = Client(raise_request_exception=False).get("/api/v1/organisations")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Internal Server Error"}
    assert "a bug" not in response.text


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("get", "/api/v1/no-such-thing", 404), ("get", "/api/nothing", 404), ("delete", "/api/v1/programmes", 405)],
)
def test_errors_from_outside_the_routes_are_json_too(db: None, method: str, path: str, status: int) -> None:
    response = getattr(Client(), method)(path)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_pages_outside_the_api_keep_their_html_error_pages(db: None) -> None:
    response = Client().get("/en/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_the_served_schema_holds_the_bounds_and_the_errors(db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    page = next(p for p in schema["paths"]["/api/v1/municipalities"]["get"]["parameters"] if p["name"] == "page")
    assert page["schema"]["maximum"] == MAX_PAGE
    assert set(schema["paths"]["/api/v1/organisations/{organisation_id}"]["patch"]["responses"]) >= {"422", "default"}
