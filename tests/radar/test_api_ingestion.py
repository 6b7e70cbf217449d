"""Texts handed in through the API are read in the background, as on the web; the client follows the reading."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_tasks_db.models import DBTaskResult

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.radar.models import Ingestion, IngestionState, Source
from austausch.radar.services import ingesting
from austausch.registry.models import Municipality
from tests.radar.queue import read_queued
from tests.radar.samples import PASSWORD, as_user, seed


@pytest.fixture
def town_editor(registry_sample: frozenset[str]) -> User:
    """A reviewer who is not staff: sees only the readings of what they handed in."""
    editor = User.objects.create_user("edda@example.org", PASSWORD, name="Edda Editor")
    town = Municipality.objects.get(name="Wittenberge")
    RoleAssignment.objects.create(
        user=editor, role=Role.EDITOR, scope_type=ContentType.objects.get_for_model(town), scope_id=town.pk
    )
    return editor


def test_the_api_queues_the_files_and_answers_202_with_where_to_follow(
    reviewer: User, registry_sample: frozenset[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def not_in_the_request(**_: object) -> None:
        raise AssertionError("the text was read in the request")

    client = as_user(reviewer)
    with monkeypatch.context() as patched:
        patched.setattr(ingesting, "ingest", not_in_the_request)
        response = client.post(
            "/api/v1/radar/sources",
            {"files": [SimpleUploadedFile("003.txt", seed("003")), SimpleUploadedFile("empty.txt", b"")]},
        )

    ingestion = Ingestion.objects.get()
    url = f"/api/v1/radar/ingestions/{ingestion.pk}"
    assert response.status_code == 202
    assert response.json() == {"ingestion": ingestion.pk, "state": "queued", "url": url}
    assert response["Location"] == url
    assert not Source.objects.exists() and DBTaskResult.objects.ready().count() == 1
    waiting = client.get(url).json()
    assert waiting["state"] == "queued" and waiting["outcomes"] == [] and waiting["failure"] == ""

    assert read_queued() == 1

    done = client.get(url).json()
    source = Source.objects.get()
    assert done["state"] == "done"
    assert done["outcomes"][0] == {"file": "003.txt", "source": source.pk, "duplicate_of": None, "errors": []}
    assert done["outcomes"][1]["file"] == "empty.txt" and done["outcomes"][1]["errors"]
    assert done["outcomes"][1]["source"] is None

    read = client.get(f"/api/v1/radar/sources/{source.pk}").json()
    assert read["language"] == "de" and read["facts"]
    start, end = read["facts"][0]["spans"][0]
    assert read["text"][start:end]


def test_a_text_seen_before_names_the_source_it_duplicates(reviewer: User, registry_sample: frozenset[str]) -> None:
    client = as_user(reviewer)
    client.post("/api/v1/radar/sources", {"text": seed("003").decode()})
    again = client.post("/api/v1/radar/sources", {"files": [SimpleUploadedFile("copy.txt", seed("003"))]})
    read_queued()
    first = Source.objects.get()
    outcome = client.get(again.json()["url"]).json()["outcomes"][0]
    assert outcome == {"file": "copy.txt", "source": None, "duplicate_of": first.pk, "errors": []}


def test_a_file_over_the_limit_is_named_in_the_outcome_without_being_read(
    reviewer: User, registry_sample: frozenset[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingesting, "MAX_FILE_SIZE", 100)
    client = as_user(reviewer)
    big = SimpleUploadedFile("big.txt", b"Wittenberge " * 20)
    # The messages about each file are in the language of the request that handed it in.
    response = client.post("/api/v1/radar/sources", {"files": [big]}, headers={"Accept-Language": "en"})
    assert response.status_code == 202
    read_queued()
    outcome = client.get(response.json()["url"]).json()["outcomes"][0]
    assert outcome["source"] is None and "files may be at most 100" in outcome["errors"][0]


def test_nothing_to_read_is_refused_at_once(reviewer: User) -> None:
    response = as_user(reviewer).post("/api/v1/radar/sources", {"text": "   "})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("files: please send at least one file")
    assert not Ingestion.objects.exists()


def test_a_failed_reading_says_why(
    reviewer: User, registry_sample: frozenset[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**_: object) -> None:
        raise RuntimeError("disk full")

    client = as_user(reviewer)
    english = {"Accept-Language": "en"}
    url = client.post("/api/v1/radar/sources", {"text": seed("003").decode()}, headers=english).json()["url"]
    monkeypatch.setattr(ingesting, "ingest", broken)
    read_queued()
    answer = client.get(url).json()
    assert answer["state"] == IngestionState.FAILED and answer["outcomes"] == []
    assert "internal error" in answer["failure"] and "disk full" not in answer["failure"]


def test_a_reading_is_seen_only_by_who_handed_it_in_and_by_staff(
    reviewer: User, town_editor: User, registry_sample: frozenset[str]
) -> None:
    url = as_user(town_editor).post("/api/v1/radar/sources", {"text": seed("003").decode()}).json()["url"]
    staff_url = as_user(reviewer).post("/api/v1/radar/sources", {"text": seed("004").decode()}).json()["url"]

    assert as_user(town_editor).get(url).status_code == 200
    assert as_user(reviewer).get(url).status_code == 200  # staff
    other = as_user(town_editor).get(staff_url)
    assert other.status_code == 404 and other.json()["detail"]
    assert as_user(reviewer).get("/api/v1/radar/ingestions/999999").status_code == 404
    assert Client().get(url).status_code == 401


def test_someone_without_a_role_cannot_follow_a_reading(reviewer: User, registry_sample: frozenset[str]) -> None:
    url = as_user(reviewer).post("/api/v1/radar/sources", {"text": seed("003").decode()}).json()["url"]
    outsider = User.objects.create_user("otto@example.org", PASSWORD, name="Otto Outsider")
    assert as_user(outsider).get(url).status_code == 403
