"""Practices and publications are names the radar knows: a text naming one proposes it, and the reviewer links
the text to it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from austausch.accounts.models import User
from austausch.knowledge.models import Practice, Publication
from austausch.radar.models import Fact, FactKind, FactState, Source
from austausch.radar.services import learning
from austausch.radar.services.ingesting import ingest
from austausch.radar.services.learning import known_names
from austausch.radar.services.recording import find_duplicate, provenance, record_fact
from austausch.radar.services.reviewing import set_state

TEXT = (
    "Wittenberge, 4. März 2025. Die Stadt übernimmt den Dorfladen per Bildschirm aus Brandenburg. Grundlage ist "
    "die Studie Kleinstädte im digitalen Wandel, die auch Mobilität untersucht."
)
ENGLISH_TEXT = "Wittenberge, 4 March 2025. The town takes over the Village Shop on Screen from Brandenburg."


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def practice(db: None) -> Practice:
    return Practice.objects.create(
        title_de="Dorfladen per Bildschirm",
        title_en="Village Shop on Screen",
        summary_de="Ein Laden mit Bildschirm und Abholfach.",
        language="de",
    )


@pytest.fixture
def publication(db: None) -> Publication:
    return Publication.objects.create(title_de="Kleinstädte im digitalen Wandel", language="de")


def read(actor: User, text: str) -> Source:
    source = ingest(actor=actor, files=[("text.txt", text.encode())])[0].source
    assert source is not None
    return source


def named(source: Source, kind: str) -> Fact:
    return source.facts.get(kind=kind, value__title__isnull=False, value__summary__isnull=True)


def test_practice_and_publication_titles_in_either_language_are_known_names(
    practice: Practice, publication: Publication
) -> None:
    Practice.objects.create(title_de="Mobilität", summary_de="Ein Wort, das jeder Text haben kann.", language="de")
    spellings = {(name.kind, name.spelling, name.name) for name in learning.from_records()}
    assert ("practice", "Dorfladen per Bildschirm", "Dorfladen per Bildschirm") in spellings
    assert ("practice", "Village Shop on Screen", "Dorfladen per Bildschirm") in spellings
    assert ("publication", "Kleinstädte im digitalen Wandel", "Kleinstädte im digitalen Wandel") in spellings
    assert not any(spelling == "Mobilität" for _, spelling, _ in spellings)


def test_a_text_naming_a_practice_or_publication_proposes_it_with_its_words(
    reviewer: User, practice: Practice, publication: Publication
) -> None:
    source = read(reviewer, TEXT)
    mentioned = named(source, FactKind.PRACTICE)
    assert mentioned.value == {"title": "Dorfladen per Bildschirm"}
    assert mentioned.quotes() == ["Dorfladen per Bildschirm"]
    assert named(source, FactKind.PUBLICATION).quotes() == ["Kleinstädte im digitalen Wandel"]
    in_english = named(read(reviewer, ENGLISH_TEXT), FactKind.PRACTICE)
    assert in_english.value == {"title": "Dorfladen per Bildschirm"}
    assert in_english.quotes() == ["Village Shop on Screen"]


def test_a_confirmed_mention_links_the_text_to_the_practice_without_changing_it(
    reviewer: User, practice: Practice, registry_sample: frozenset[str]
) -> None:
    source = read(reviewer, TEXT)
    towns = source.facts.filter(kind=FactKind.MUNICIPALITY, value__key__in=registry_sample)
    assert towns.exists()
    for fact in towns:
        set_state(actor=reviewer, fact=fact, state=FactState.CONFIRMED)
    mentioned = named(source, FactKind.PRACTICE)
    set_state(actor=reviewer, fact=mentioned, state=FactState.CONFIRMED)
    assert find_duplicate(mentioned) == practice
    assert record_fact(actor=reviewer, fact=mentioned, existing=practice) == practice
    assert provenance(practice) == [mentioned]
    assert list(practice.municipalities.all()) == []  # a text that names a practice is no report of it


def test_a_publication_is_only_linked_never_made_by_the_radar(reviewer: User, publication: Publication) -> None:
    source = read(reviewer, TEXT)
    mentioned = named(source, FactKind.PUBLICATION)
    set_state(actor=reviewer, fact=mentioned, state=FactState.CONFIRMED)
    with pytest.raises(ValidationError, match="can only be linked"):
        record_fact(actor=reviewer, fact=mentioned)
    assert find_duplicate(mentioned) == publication
    assert record_fact(actor=reviewer, fact=mentioned, existing=publication) == publication
    assert provenance(publication) == [mentioned]
    assert Publication.objects.count() == 1


def test_the_dictionary_changes_when_a_practice_or_publication_does(practice: Practice) -> None:
    before = known_names()
    assert before.find("Der Dorfladen per Bildschirm öffnet.", "practice")
    practice.title_de = "Laden per Videoschalte"
    practice.save()
    renamed = known_names()
    assert renamed is not before
    assert renamed.find("Der Laden per Videoschalte öffnet.", "practice")
    assert not renamed.find("Der Dorfladen per Bildschirm öffnet.", "practice")
    Publication.objects.create(title_de="Handbuch Dorfläden", language="de")
    assert known_names().find("Das Handbuch Dorfläden hilft.", "publication")


def test_the_review_page_marks_named_records_and_offers_to_link_them(
    client: Client, reviewer: User, practice: Practice, publication: Publication
) -> None:
    source = read(reviewer, TEXT)
    for kind in (FactKind.PRACTICE, FactKind.PUBLICATION):
        set_state(actor=reviewer, fact=named(source, kind), state=FactState.CONFIRMED)
    client.force_login(reviewer)
    page = client.get(f"/en/radar/sources/{source.pk}/").content.decode()
    marks = re.findall(r'<mark id="span-[^"]+" class="fact fact-(\w+)">([^<]*)<span', page)
    assert ("practice", "Dorfladen per Bildschirm") in marks
    assert ("publication", "Kleinstädte im digitalen Wandel") in marks
    assert "Link the text to “Kleinstädte im digitalen Wandel”" in page
    assert "Link the text to “Village Shop on Screen”" in page  # the record, named in the page's language
    assert "Create a new record anyway" not in page
