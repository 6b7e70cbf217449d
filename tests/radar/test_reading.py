"""Reading uploaded bytes: encodings, HTML, ZIP archives, and every kind of bad input as a plain message."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import pytest
from django.utils.translation import override

from austausch.radar.extraction import extract, extract_all
from austausch.radar.extraction.reading import MAX_BYTES, read_document
from tests.radar.samples import seed

PRESS_RELEASE = (
    "Delegation aus Kaiserslautern besucht Davenport\n\n"
    "Pressemitteilung vom 02.05.2006\n\n"
    "Zehn Bürgerinnen und Bürger aus Kaiserslautern besuchen vom 01. bis zum 09. Mai die Partnerstadt Davenport "
    "in den USA. Oberbürgermeister Bernhard Deubig verabschiedete die Gruppe am Freitag im Rathaus; die Reise "
    "soll die älteste Städtepartnerschaft der Stadt weiter stärken und neue Kontakte zwischen Schulen knüpfen.\n"
)


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    """The messages are English by default (the CLI); the site's default language is German."""
    with override("en"):
        yield


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_an_empty_file_gets_a_message_and_no_facts() -> None:
    result = extract("leer.txt", b"  \n\t ")
    assert result["errors"] == ["leer.txt: the file is empty."]
    assert result["municipalities"] == [] and result["events"] == []


def test_the_messages_are_translated_for_the_web_ui() -> None:
    with override("de"):
        assert extract("leer.txt", b" ")["errors"] == ["leer.txt: Die Datei ist leer."]
        assert extract("bild.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)["errors"] == [
            "bild.txt: Das ist ein PNG-Bild, kein Text; gelesen werden nur reiner Text, HTML- und ZIP-Dateien."
        ]
        assert "überschreitet die Grenze von 5 MB" in extract("gross.txt", b"a" * (MAX_BYTES + 1))["errors"][0]


def test_a_binary_file_is_named_for_what_it_is() -> None:
    assert "PNG image" in extract("bild.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)["errors"][0]
    assert "binary file" in extract("daten.bin", b"abc\x00\x01\x02def" * 20)["errors"][0]


def test_a_file_over_five_megabytes_is_not_read() -> None:
    result = extract("gross.txt", b"a" * (MAX_BYTES + 1))
    assert "over the 5 MB limit" in result["errors"][0]
    assert result["text"] == ""


def test_latin_1_and_windows_1252_are_recognised() -> None:
    latin = extract("latin.txt", PRESS_RELEASE.encode("latin-1"))
    assert latin["errors"] == []
    assert "Bürgerinnen" in latin["text"]
    assert {town["key"] for town in latin["municipalities"]} == {"DE-07312000", "US-1840007081"}

    windows = extract("cp1252.txt", ("„Partnerschaft“ – 5 € " + PRESS_RELEASE).encode("cp1252"))
    assert windows["errors"] == []
    assert "„Partnerschaft“ – 5 €" in windows["text"]


def test_html_is_reduced_to_its_main_content_with_title_and_date() -> None:
    html = f"""<!doctype html><html lang="de"><head><title>Davenport-Reise</title>
    <meta name="date" content="2006-05-02"></head><body>
    <nav><ul><li><a href="/">Startseite</a></li><li><a href="/presse">Presse</a></li></ul></nav>
    <article><h1>Delegation aus Kaiserslautern besucht Davenport</h1>
    {"".join(f"<p>{paragraph}</p>" for paragraph in PRESS_RELEASE.split(chr(10)) if paragraph)}
    </article><footer>Impressum · Datenschutz</footer></body></html>"""
    result = extract("meldung.html", html.encode("utf-8"))
    assert result["title"] == "Delegation aus Kaiserslautern besucht Davenport"
    assert result["published"] == "2006-05-02"
    assert "Impressum" not in result["text"] and "Startseite" not in result["text"]
    assert {town["key"] for town in result["municipalities"]} == {"DE-07312000", "US-1840007081"}


def test_broken_html_still_yields_its_text() -> None:
    broken = b"<html><body><div><p>Delegation aus Kaiserslautern besucht Davenport in Iowa<div></span></p"
    result = extract("kaputt.html", broken)
    assert "Davenport" in result["text"]
    assert "US-1840007081" in {town["key"] for town in result["municipalities"]}


def test_a_zip_gives_one_result_per_member_and_bad_members_do_not_stop_the_others() -> None:
    archive = zip_of(
        {
            "a.txt": PRESS_RELEASE.encode("utf-8"),
            "b.txt": b"",
            "c.png": b"\x89PNG\r\n\x1a\n\x00\x00",
            "innen.zip": zip_of({"x.txt": b"x"}),
            "d.txt": PRESS_RELEASE.encode("cp1252"),
        }
    )
    results = extract_all("paket.zip", archive)
    assert [result["file"] for result in results] == [
        "paket.zip/a.txt",
        "paket.zip/b.txt",
        "paket.zip/c.png",
        "paket.zip/innen.zip",
        "paket.zip/d.txt",
    ]
    assert results[0]["errors"] == [] and results[0]["municipalities"]
    assert results[1]["errors"] == ["paket.zip/b.txt: the file is empty."]
    assert "PNG image" in results[2]["errors"][0]
    assert "inside ZIP archives" in results[3]["errors"][0]
    assert results[4]["errors"] == [] and results[4]["municipalities"]


def test_a_broken_zip_is_one_clear_message() -> None:
    results = extract_all("kaputt.zip", b"PK\x03\x04 not really a zip archive")
    assert len(results) == 1
    assert "not a readable ZIP archive" in results[0]["errors"][0]


def test_extract_on_a_zip_reads_the_first_member_and_says_so() -> None:
    result = extract("paket.zip", zip_of({"a.txt": PRESS_RELEASE.encode(), "b.txt": PRESS_RELEASE.encode()}))
    assert result["file"] == "paket.zip/a.txt"
    assert any("only the first was read" in error for error in result["errors"])


def test_pasted_pages_lose_navigation_teasers_and_advertising() -> None:
    document = read_document("002.txt", seed("002"))
    assert document.title == "Darmstadt: Werkstatt und Beispiel"
    assert document.published == "2019-08-29"
    assert "Zu einer Innovators Lounge" in document.text
    for boilerplate in ("Druckversion", "hessenWARN", "KOKI", "Anzeige", "AIDA ORGA", "Suchen...", "Stichwörter"):
        assert boilerplate not in document.text


def test_an_advert_inside_an_article_is_dropped_and_the_article_goes_on() -> None:
    text = (
        "Besuch aus der Partnerstadt\n\n"
        "Eine Delegation aus Davenport besuchte am 3. Mai 2024 das Rathaus von Kaiserslautern, über Schulen.\n"
        "Anzeige\nJetzt Küchen kaufen:\nMöbelhaus Beispiel GmbH\n"
        "Am folgenden Tag besichtigten die Gäste aus den USA die Technische Universität und den Hafen.\n"
    )
    document = read_document("advert.txt", text.encode())
    assert "Rathaus von Kaiserslautern" in document.text
    assert "besichtigten die Gäste" in document.text
    for advert in ("Anzeige", "Küchen", "Möbelhaus"):
        assert advert not in document.text


def test_reader_comments_are_kept_apart_from_the_article() -> None:
    result = extract("001.txt", seed("001"))
    assert [comment["text"] for comment in result["comments"]] == [
        "Schon 2019 gab es so eine Reise und bis heute hat das Gesundheitsamt keine eAkte?",
        "Na dann gute Nacht.",
        "Halle hat jetzt also Kontakte nach Amerika? Schön für die.",
    ]
    assert "eAkte" not in result["text"] and "gute Nacht" not in result["text"]
    assert "e-files" not in {topic["slug"] for topic in result["topics"]}


def test_marked_comment_sections_keep_author_and_date() -> None:
    text = PRESS_RELEASE + "\nKommentare (2)\nMaria K. schrieb am 03.05.2006:\nSchöne Idee!\nAntworten\nTom:\nGut so."
    result = extract("kommentare.txt", text.encode())
    assert result["comments"][0] == {"author": "Maria K.", "published": "2006-05-03", "text": "Schöne Idee!"}
    assert "Schöne Idee" not in result["text"]
    english = extract("005.txt", seed("005"))
    assert english["comments"][0] == {
        "author": "Pat",
        "published": "2024-11-22",
        "text": "Great to see our cities learning from each other!",
    }
    assert "Who paid" not in english["text"] and "Who paid for the trip?" in str(english["comments"])
