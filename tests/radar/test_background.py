"""Texts handed in on the web are read by the background worker; the reviewer follows on a progress page."""

from __future__ import annotations

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from austausch.accounts.models import User
from austausch.radar.models import Ingestion, IngestionState, Source
from austausch.radar.services import ingesting
from tests.radar.queue import read_queued
from tests.radar.samples import PASSWORD, seed


@pytest.fixture
def client(reviewer: User) -> Client:
    client = Client()
    client.force_login(reviewer)
    return client


def test_the_request_only_queues_the_text_and_the_page_follows_it_until_done(
    client: Client, registry_sample: frozenset[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def not_in_the_request(**_: object) -> None:
        raise AssertionError("the text was read in the request")

    client.get("/en/radar/upload/")  # every module the site imports is loaded before the patch
    with monkeypatch.context() as patched:
        patched.setattr(ingesting, "ingest", not_in_the_request)
        response = client.post("/en/radar/upload/", {"text": seed("003").decode()})

    ingestion = Ingestion.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/radar/readings/{ingestion.pk}/"
    assert ingestion.state == IngestionState.QUEUED and not Source.objects.exists()
    assert DBTaskResult.objects.ready().count() == 1
    waiting = client.get(response["Location"]).content.decode()
    assert "Waiting to be read" in waiting
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in waiting
    assert 'hx-trigger="every 2s"' in waiting

    assert read_queued() == 1

    ingestion.refresh_from_db()
    source = Source.objects.get()
    assert ingestion.state == IngestionState.DONE and not ingestion.files.exists()
    done = client.get(response["Location"]).content.decode()
    assert f'href="/en/radar/sources/{source.pk}/"' in done and "Review the facts" in done
    assert 'http-equiv="refresh"' not in done and "hx-trigger" not in done


def test_a_text_being_read_says_so(client: Client, reviewer: User) -> None:
    ingestion = Ingestion.objects.create(uploaded_by=reviewer, state=IngestionState.READING)
    page = client.get(ingestion.get_absolute_url()).content.decode()
    assert ("Being read" in page or "Wird eingelesen" in page) and 'http-equiv="refresh"' in page


def test_a_failed_reading_shows_why(
    client: Client, registry_sample: frozenset[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**_: object) -> None:
        raise RuntimeError("disk full")

    response = client.post("/en/radar/upload/", {"text": seed("003").decode()})
    monkeypatch.setattr(ingesting, "ingest", broken)
    read_queued()

    ingestion = Ingestion.objects.get()
    assert ingestion.state == IngestionState.FAILED and not ingestion.files.exists()
    page = client.get(response["Location"]).content.decode()
    assert "An internal error stopped the reading" in page and "disk full" not in page
    assert 'http-equiv="refresh"' not in page


def test_a_reviewer_who_lost_the_role_meanwhile_is_told(
    client: Client, reviewer: User, registry_sample: frozenset[str]
) -> None:
    response = client.post("/en/radar/upload/", {"text": seed("003").decode()})
    User.objects.filter(pk=reviewer.pk).update(is_staff=False)
    read_queued()
    assert Ingestion.objects.get().failure == "Only editors and coordinators may use the radar."
    assert not Source.objects.exists()
    assert client.get(response["Location"]).status_code == 200


def test_a_text_over_the_length_budget_is_read_in_part_and_says_so(
    client: Client, registry_sample: frozenset[str], settings: object
) -> None:
    settings.RADAR_BUDGET_CHARACTERS = 400  # type: ignore[attr-defined]
    text = seed("003").decode()
    response = client.post("/en/radar/upload/", {"text": text})
    read_queued()

    source = Source.objects.get()
    assert len(source.text) > 400  # the whole text is kept; its facts are from its beginning
    assert all(end <= 400 for fact in source.facts.exclude(kind="practice") for _, end in fact.spans)
    page = client.get(response["Location"]).content.decode()
    assert "the text is too long to read in full: the first" in page


def test_a_text_over_the_time_budget_is_stopped_with_a_message(
    client: Client, registry_sample: frozenset[str], settings: object
) -> None:
    settings.RADAR_BUDGET_SECONDS = 1e-9  # type: ignore[attr-defined]
    response = client.post("/en/radar/upload/", {"text": seed("003").decode()})
    read_queued()

    assert not Source.objects.get().facts.exclude(kind="practice").exists()
    page = client.get(response["Location"]).content.decode()
    assert "the text could not be read within the 1e-09 seconds allowed" in page


def test_only_the_uploader_and_staff_see_the_progress(reviewer: User, db: None) -> None:
    ingestion = Ingestion.objects.create(uploaded_by=reviewer)
    other = User.objects.create_user("otto@example.org", PASSWORD, name="Otto")
    client = Client()
    client.force_login(other)
    assert client.get(ingestion.get_absolute_url()).status_code == 403
    assert Client().get(ingestion.get_absolute_url()).status_code == 302


def test_the_worker_writes_its_messages_in_the_uploaders_language(
    client: Client, registry_sample: frozenset[str]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation

    german = client.post("/de/radar/upload/", {"uploads": [SimpleUploadedFile("leer.txt", b"")]})
    english = client.post("/en/radar/upload/", {"uploads": [SimpleUploadedFile("empty.txt", b"")]})
    for worker_language in ("en", "de"):  # whatever the worker's own language is
        with translation.override(worker_language):
            read_queued()
    assert "leer.txt: Die Datei ist leer." in client.get(german["Location"]).content.decode()
    assert "empty.txt: the file is empty." in client.get(english["Location"]).content.decode()
