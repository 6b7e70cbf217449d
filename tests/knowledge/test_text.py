from __future__ import annotations

import pytest

from austausch.knowledge.text import index_terms, query_stems, query_words, snippet, stem_english, stem_german


@pytest.mark.parametrize(("plural", "singular"), [("Städte", "Stadt"), ("Räumen", "Raum"), ("Akten", "Akte")])
def test_german_inflections_share_a_stem(plural: str, singular: str) -> None:
    assert stem_german(plural) == stem_german(singular)


@pytest.mark.parametrize(
    ("inflected", "plain"), [("spaces", "space"), ("communities", "community"), ("working", "work")]
)
def test_english_inflections_share_a_stem(inflected: str, plain: str) -> None:
    assert stem_english(inflected) == stem_english(plain)


@pytest.mark.parametrize(
    "query", ['"', "*", "OR", "NEAR(", "((coworking", 'co"working OR NEAR(a b) *', "\x00", "x" * 5000, "", "   "]
)
def test_operators_become_plain_words(query: str) -> None:
    words = query_words(query)
    assert all(word.isalnum() for word in words)
    assert len(words) <= 32


def test_hyphenated_words_are_also_indexed_joined() -> None:
    assert stem_english("coworking") in index_terms("co-working spaces", "en").split()
    assert stem_english("coworking") in query_stems("Coworking")


def test_a_snippet_marks_the_query_words_and_escapes_the_text() -> None:
    text = "<script>alert(1)</script> Die Stadt richtet einen Coworking Space im Bahnhof ein."
    html = snippet(text, ["coworking", "bahnhof"])
    assert "<script>" not in html
    assert "<mark>Coworking</mark>" in html
    assert "<mark>Bahnhof</mark>" in html


def test_a_snippet_is_plain_text_without_markdown_marks() -> None:
    text = "## Idee\nErgebnisse und **Empfehlungen** für [Coworking](https://example.org) und snake_case `code`"
    assert snippet(text, ["coworking"]) == (
        "Idee Ergebnisse und Empfehlungen für <mark>Coworking</mark> und snake_case code"
    )
