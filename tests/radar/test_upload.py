"""Putting texts into the radar: pasted, uploaded, zipped; bad files named; a text seen before recognised."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.audit.models import AuditEntry
from austausch.radar.models import Comment, Fact, FactKind, Source
from austausch.radar.services.ingesting import MAX_FILE_SIZE, ingest
from austausch.registry.models import Municipality
from tests.radar.queue import read_queued
from tests.radar.samples import PASSWORD, as_user, seed


@pytest.fixture
def outsider(db: None) -> User:
    return User.objects.create_user("otto@example.org", PASSWORD, name="Otto Outsider")


def test_a_pasted_press_release_is_stored_with_its_facts_and_spans(
    reviewer: User, registry_sample: frozenset[str]
) -> None:
    text = seed("003").decode()
    client = as_user(reviewer)
    response = client.post("/en/radar/upload/", {"text": text})
    read_queued()

    source = Source.objects.get()
    assert f"/en/radar/sources/{source.pk}/" in client.get(response["Location"]).content.decode()
    assert source.uploaded_by == reviewer and source.language == "de"
    # The main text without the navigation and the photo credits around it.
    assert "Wittenberge war am 24. und 25. April Gastgeber" in source.text
    towns = {fact.value["key"]: fact for fact in source.facts.filter(kind=FactKind.MUNICIPALITY)}
    wittenberge = Municipality.objects.get(name="Wittenberge")
    assert wittenberge.key in towns
    # Every span points at the words in the stored text.
    assert all("Wittenberge" in quote for quote in towns[wittenberge.key].quotes())
    assert source.facts.filter(kind=FactKind.EVENT).exists()
    assert AuditEntry.objects.filter(action="radar.source.ingested", actor=reviewer).count() == 1


def test_the_same_text_ingested_twice_is_recognised(reviewer: User, registry_sample: frozenset[str]) -> None:
    text = seed("000").decode()
    client = as_user(reviewer)
    client.post("/en/radar/upload/", {"text": text})
    read_queued()
    first = Source.objects.get()
    facts = Fact.objects.count()

    # The same words, wrapped and spaced differently, uploaded as a file.
    again = SimpleUploadedFile("copy.txt", ("\n\n" + text.replace("\n", "\n\n") + "  \n").encode())
    response = client.post("/en/radar/upload/", {"uploads": [again]})
    read_queued()

    assert Source.objects.count() == 1 and Fact.objects.count() == facts
    page = client.get(response["Location"]).content.decode()
    assert "already ingested on" in page
    assert first.get_absolute_url() in page


def test_people_without_an_editor_or_coordinator_role_may_not_upload(
    outsider: User, registry_sample: frozenset[str]
) -> None:
    client = as_user(outsider)
    assert client.get("/en/radar/upload/").status_code == 403
    assert client.post("/en/radar/upload/", {"text": "Wittenberge war Gastgeber."}).status_code == 403
    assert Client().get("/en/radar/upload/").status_code == 302
    assert not Source.objects.exists()
    with pytest.raises(Exception, match="Only editors and coordinators"):
        ingest(actor=outsider, files=[("a.txt", b"Wittenberge war Gastgeber.")])


def test_a_town_editor_may_use_the_radar(outsider: User, registry_sample: frozenset[str]) -> None:
    town = Municipality.objects.get(name="Wittenberge")
    RoleAssignment.objects.create(
        user=outsider, role=Role.EDITOR, scope_type=ContentType.objects.get_for_model(town), scope_id=town.pk
    )
    assert as_user(outsider).get("/de/radar/upload/").status_code == 200


def test_bad_files_each_get_a_message_and_the_good_one_is_still_read(
    reviewer: User, registry_sample: frozenset[str]
) -> None:
    files = [
        SimpleUploadedFile("empty.txt", b""),
        SimpleUploadedFile("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20),
        SimpleUploadedFile("good.txt", seed("003")),
    ]
    client = as_user(reviewer)
    response = client.post("/en/radar/upload/", {"uploads": files})
    read_queued()

    assert [source.name for source in Source.objects.all()] == ["good.txt"]
    page = client.get(response["Location"]).content.decode()
    for name in ("empty.txt", "picture.txt", "good.txt"):
        assert name in page
    assert page.count('class="errorlist"') >= 2


def test_a_file_over_5_mb_is_refused_without_being_read(reviewer: User, registry_sample: frozenset[str]) -> None:
    huge = SimpleUploadedFile("huge.txt", b"Wittenberge " * (MAX_FILE_SIZE // 12 + 10))
    client = as_user(reviewer)
    response = client.post("/en/radar/upload/", {"uploads": [huge]})
    read_queued()
    assert "at most 5.0" in client.get(response["Location"]).content.decode()
    assert not Source.objects.exists()


def test_a_windows_1252_file_keeps_its_umlauts(reviewer: User, registry_sample: frozenset[str]) -> None:
    text = seed("003").decode()
    outcomes = ingest(actor=reviewer, files=[("latin.txt", text.encode("cp1252", errors="replace"))])
    assert outcomes[0].source is not None
    assert "Mölln" in outcomes[0].source.text and "Dießen am Ammersee" in outcomes[0].source.text


def test_a_zip_archive_is_read_file_by_file(reviewer: User, registry_sample: frozenset[str]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("texts/003.txt", seed("003"))
        archive.writestr("texts/004.txt", seed("004"))
        archive.writestr("texts/empty.txt", b"")
        archive.writestr("texts/again.txt", seed("003"))
    outcomes = ingest(actor=reviewer, files=[("press.zip", buffer.getvalue())])

    assert [outcome.name for outcome in outcomes] == [
        "press.zip/texts/003.txt",
        "press.zip/texts/004.txt",
        "press.zip/texts/empty.txt",
        "press.zip/texts/again.txt",
    ]
    assert [outcome.created for outcome in outcomes] == [True, True, False, False]
    assert outcomes[2].errors and outcomes[3].duplicate_of == outcomes[0].source
    assert Source.objects.count() == 2


def test_a_damaged_zip_archive_is_named(reviewer: User, registry_sample: frozenset[str]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", seed("003"))
    damaged = buffer.getvalue()[:-30]
    outcomes = ingest(actor=reviewer, files=[("broken.zip", damaged), ("good.txt", seed("004"))])
    assert outcomes[0].errors and not outcomes[0].created
    assert outcomes[-1].created


def test_reader_comments_are_kept_apart_from_the_text(reviewer: User, registry_sample: frozenset[str]) -> None:
    outcome = ingest(actor=reviewer, files=[("halle.txt", seed("001"))])[0]
    assert outcome.source is not None
    comments = list(Comment.objects.filter(source=outcome.source))
    assert any("eAkte" in comment.text for comment in comments)
    assert "eAkte" not in outcome.source.text


def test_the_api_is_for_reviewers_only(outsider: User, reviewer: User, registry_sample: frozenset[str]) -> None:
    source = ingest(actor=reviewer, files=[("003.txt", seed("003"))])[0].source
    assert source is not None
    assert Client().get(f"/api/v1/radar/sources/{source.pk}").status_code == 401
    assert as_user(outsider).get(f"/api/v1/radar/sources/{source.pk}").status_code == 403
    refused = as_user(outsider).post("/api/v1/radar/sources", {"text": "Wittenberge war Gastgeber."})
    assert refused.status_code == 403 and refused.json()["detail"]
    assert Source.objects.count() == 1
    assert as_user(reviewer).get("/api/v1/radar/sources/999999").status_code == 404


def test_an_html_page_gives_its_article_without_navigation_or_teasers(
    reviewer: User, registry_sample: frozenset[str]
) -> None:
    article = seed("003").decode().split("\n\n")
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in article if len(paragraph) > 80)
    html = (
        "<html><head><title>Stadt Wittenberge</title></head><body>"
        "<nav><ul><li><a href='/'>Startseite</a></li><li><a href='/rathaus'>Rathaus und Verwaltung</a></li></ul></nav>"
        f"<article><h1>Erfahrungsaustausch in Wittenberge</h1>{paragraphs}</article>"
        "<aside><h2>Weitere Meldungen</h2><ul><li><a href='/x'>Neue Parkplätze am Bahnhof in Perleberg</a></li></ul>"
        "</aside><footer>Impressum · Datenschutz</footer></body></html>"
    )
    outcome = ingest(actor=reviewer, files=[("wittenberge.html", html.encode())])[0]
    assert outcome.source is not None, outcome.errors
    assert "Gastgeber für einen Erfahrungsaustausch" in outcome.source.text
    assert "Rathaus und Verwaltung" not in outcome.source.text and "Perleberg" not in outcome.source.text
    assert outcome.source.facts.filter(kind=FactKind.MUNICIPALITY, value__key__startswith="DE-").exists()


def test_broken_html_is_still_read_or_named(reviewer: User, registry_sample: frozenset[str]) -> None:
    outcomes = ingest(
        actor=reviewer,
        files=[
            ("broken.html", b"<html><body><div><p>Wittenberge war am 24. und 25. April 2023 Gastgeber f\xfcr einen "
             b"Erfahrungsaustausch der Kleinstadtakademie mit 27 Kleinst\xe4dten.<div><p>Unclosed <b>tags"),
            ("nothing.html", b"<html><body><script>alert(1)</script></body></html>"),
        ],
    )  # fmt: skip
    assert outcomes[0].source is not None and "Kleinstädten" in outcomes[0].source.text
    assert outcomes[1].source is None and outcomes[1].errors
