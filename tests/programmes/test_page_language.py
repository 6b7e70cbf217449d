"""Key pages in English and German: dates, numbers and coded labels in the page's language, not the other's."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from lxml import html as lxml_html

from austausch.accounts.models import User
from austausch.programmes.models import Meeting, Programme
from austausch.programmes.services.programmes import add_round

GERMAN_MONTHS = "Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember"
ENGLISH_MONTHS = "January|February|March|May|June|July|October|December"

# What must not stand on a page of the other language: as (pattern, what it is).
NOT_ON_ENGLISH_PAGES = [
    (rf"\b({GERMAN_MONTHS})\b", "a German month"),
    (r"\b\d{1,2}\. [A-ZÄ][a-zä]{2}\b", "a German short date like “22. Apr 2023” or “3. Jun, 09:00”"),
    (r"\b(Jan|Feb|Aug|Sept|Oct|Nov|Dec)\. \d{1,2}, \d{4}\b", "an abbreviated month beside spelled-out ones"),
    (r"\b\d{4}-\d{2}-\d{2}\b", "an ISO date in running text"),
    (r"dicht besiedelt|Besiedlungsdichte|Kreisfreie Stadt", "a registry code in German"),
    (r"\bRunde \d", "a German round name"),
    (r"\bStand\b", "German “as of”"),
]
NOT_ON_GERMAN_PAGES = [
    (rf"\b({ENGLISH_MONTHS})\b", "an English month"),
    (r"\b\d{4}-\d{2}-\d{2}\b", "an ISO date in running text"),
    (r"densely populated|district-free city", "a registry label in English"),
    (r"\bRound \d", "an English round name"),
    (r"\bas of\b", "English “as of”"),
]


def visible_text(response_content: bytes) -> str:
    """The words a reader sees: no attributes, scripts or styles, and not the language switch."""
    page = lxml_html.fromstring(response_content)
    for element in page.xpath("//script|//style|//*[@hreflang]|//*[@lang and not(self::html)]"):
        element.drop_tree()
    return " ".join(page.text_content().split())


@pytest.fixture
def pages(coordinator: User, visit: Meeting) -> list[str]:
    programme = visit.programme
    assert isinstance(programme, Programme)
    Programme.objects.filter(pk=programme.pk).update(
        starts_on=date(2021, 12, 31), ends_on=date(2023, 4, 22), min_population=5000, max_population=20000
    )
    add_round(actor=coordinator, programme=programme, title="Runde 2")  # a title that only repeats the number
    return [
        "/{lang}/municipalities/DE-15002000/",
        "/{lang}/municipalities/US-1840000673/",
        f"/{{lang}}/programmes/{programme.slug}/",
        f"/{{lang}}/programmes/meetings/{visit.pk}/",
        "/{lang}/matching/peers/DE-12070424/",
    ]


@pytest.mark.parametrize(
    ("lang", "forbidden"), [("en", NOT_ON_ENGLISH_PAGES), ("de", NOT_ON_GERMAN_PAGES)], ids=["en", "de"]
)
def test_key_pages_speak_the_pages_language(
    client: Client, pages: list[str], lang: str, forbidden: list[tuple[str, str]]
) -> None:
    for path in pages:
        response = client.get(path.format(lang=lang))
        assert response.status_code == 200, path
        text = visible_text(response.content)
        for pattern, what in forbidden:
            found = re.search(pattern, text)
            assert found is None, (
                f"{path.format(lang=lang)} shows {what}: …{text[max(0, found.start() - 60) : found.end() + 60]}…"
            )


def test_the_programme_page_formats_its_period_and_town_sizes(client: Client, pages: list[str]) -> None:
    programme = visible_text(client.get(pages[2].format(lang="en")).content)
    assert "December 31, 2021 – April 22, 2023" in programme
    assert "from 5,000 up to 20,000 inhabitants" in programme
    assert "Round 2 " in programme and "Round 1: Digitalisation" in programme
    german = visible_text(client.get(pages[2].format(lang="de")).content)
    assert "31. Dezember 2021 – 22. April 2023" in german
    assert "ab 5.000 bis 20.000 Einwohner" in german
    assert "Runde 2 " in german


def test_the_town_page_labels_its_codes_in_each_language(client: Client, pages: list[str]) -> None:
    english = visible_text(client.get(pages[0].format(lang="en")).content)
    assert "densely populated" in english and "district-free city" in english
    assert "as of December 31, 2022" in english
    german = visible_text(client.get(pages[0].format(lang="de")).content)
    assert "dicht besiedelt" in german and "Kreisfreie Stadt" in german
    assert "Stand 31. Dezember 2022" in german
