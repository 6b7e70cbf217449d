from __future__ import annotations

import pytest
from django.db import connection

from austausch.knowledge.models import Practice, SearchDocument
from austausch.knowledge.search import MATCH_SIMILARITY, Filters, search_practices, similar_practices
from austausch.knowledge.services import set_published, update_practice


@pytest.mark.parametrize("query", ['"', "*", "OR", "(((", "", "\x00", "AND NOT"])
@pytest.mark.parametrize("mode", ["keyword", "hybrid"])
def test_a_query_of_operators_alone_searches_nothing_and_lists_every_practice(
    seed_practices: list, query: str, mode: str
) -> None:
    result = search_practices(query, mode=mode)  # type: ignore[arg-type]
    assert result.words == []
    assert sorted(result.ids) == sorted(Practice.objects.filter(is_published=True).values_list("pk", flat=True))
    assert result.count == len(seed_practices)


@pytest.mark.parametrize(
    ("query", "words", "titles"),
    [
        ("NEAR(", ["near"], []),
        ("a) OR (b", ["b"], []),
        ('coworking" NEAR(x', ["coworking", "near", "x"], []),  # one word of three: only the closest
        ("x" * 1001, ["x" * 1000], []),
    ],
)
@pytest.mark.parametrize("mode", ["keyword", "hybrid"])
def test_operators_in_a_query_are_read_as_plain_words(
    seed_practices: list, query: str, words: list[str], titles: list[str], mode: str
) -> None:
    result = search_practices(query, mode=mode)  # type: ignore[arg-type]
    assert result.words == words
    found = [Practice.objects.get(pk=pk).title for pk in result.ids]
    assert len(found) == result.count == len(titles)
    assert all(title in found_title for title, found_title in zip(titles, found, strict=True))


def test_a_practice_with_only_some_of_the_words_is_offered_as_closest_not_as_a_match(seed_practices: list) -> None:
    result = search_practices('coworking" NEAR(x', mode="keyword")
    assert (result.count, result.hits, result.ids) == (0, [], [])
    assert "Coworking" in Practice.objects.get(pk=result.closest[0].practice_id).title


@pytest.mark.parametrize("query", ["e-file health office", "Smart City"])
def test_a_practice_on_another_subject_is_no_match(embedded: None, query: str) -> None:
    # The demo's situation (issue 17): among coworking practices alone, nothing is about e-files or smart cities.
    result = search_practices(query, filters=Filters(topic="coworking"))
    assert result.count == 0 and result.hits == []
    closest = [Practice.objects.get(pk=hit.practice_id).title for hit in result.closest]
    assert "Digitale Arbeitswelten: Coworking im Bahnhof von Wittenberge" in closest
    assert all(hit.similarity is not None and hit.similarity < MATCH_SIMILARITY for hit in result.closest)


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("e-file health office", "E-Akte im Gesundheitsamt Halle (Saale)"),
        ("Smart City", "Smart City Halle: Wirtschaft, Mobilität und Bildung"),
        ("remote work in small towns", "Co-working spaces for rural communities"),
    ],
)
def test_a_practice_on_the_subject_matches_above_the_floor(embedded: None, query: str, title: str) -> None:
    result = search_practices(query)
    assert result.count >= 1 and result.closest == []
    best = result.hits[0]
    assert Practice.objects.get(pk=best.practice_id).title == title
    assert best.has_every_word or best.similarity >= MATCH_SIMILARITY  # type: ignore[operator]


def test_a_huge_query_is_shortened_with_a_message(seed_practices: list) -> None:
    result = search_practices("Coworking " * 200)
    assert len(result.query) == 1000
    assert "shortened" in result.message


def test_keywords_find_inflected_german_words(seed_practices: list) -> None:
    result = search_practices("Gesundheitsämter Akten", mode="keyword")
    titles = [Practice.objects.get(pk=hit.practice_id).title for hit in result.hits]
    assert titles[0] == "E-Akte im Gesundheitsamt Halle (Saale)"


def test_keywords_find_english_words_by_stem(seed_practices: list, rural_coworking: Practice) -> None:
    result = search_practices("coworking space for a rural community", mode="keyword")
    assert result.hits[0].practice_id == rural_coworking.pk


def test_the_engine_matches_the_database(seed_practices: list) -> None:
    from austausch.knowledge.search import engine

    expected = "postgresql-fts" if connection.vendor == "postgresql" else "sqlite-fts5"
    assert engine().name == expected


def test_a_german_query_finds_an_english_practice(embedded: None, rural_coworking: Practice) -> None:
    result = search_practices("Coworking im ländlichen Raum", filters=Filters(language="en"))
    assert result.hits[0].practice_id == rural_coworking.pk


def test_an_english_query_finds_a_german_practice(embedded: None) -> None:
    result = search_practices("electronic files in the public health office", mode="vector")
    assert Practice.objects.get(pk=result.hits[0].practice_id).title == "E-Akte im Gesundheitsamt Halle (Saale)"


def test_without_vectors_search_is_full_text_only(seed_practices: list, rural_coworking: Practice) -> None:
    result = search_practices("coworking")
    assert result.hits
    assert all(hit.vector_rank is None for hit in result.hits)


def test_filters_combine_with_the_query(embedded: None, rural_coworking: Practice) -> None:
    german = search_practices("coworking", filters=Filters(country="DE"))
    american = search_practices("coworking", filters=Filters(country="US"))
    assert rural_coworking.pk not in german.ids
    assert rural_coworking.pk in american.ids
    small = search_practices("", filters=Filters(size_class="Kleinstadt"))
    assert {Practice.objects.get(pk=pk).title for pk in small.ids} == {
        "Digitale Arbeitswelten: Coworking im Bahnhof von Wittenberge"
    }
    by_topic = search_practices("", filters=Filters(topic="future-of-work"))
    assert rural_coworking.pk in by_topic.ids  # the sub-topic "coworking" belongs to it


def test_drafts_are_not_found(seed_practices: list, rural_coworking: Practice, admin) -> None:  # type: ignore[no-untyped-def]
    set_published(actor=admin, practice=rural_coworking, published=False)
    assert not SearchDocument.objects.filter(practice_id=rural_coworking.pk).exists()
    assert rural_coworking.pk not in search_practices("coworking rural").ids


def test_an_edit_is_searchable_at_once(seed_practices: list, admin) -> None:  # type: ignore[no-untyped-def]
    practice = seed_practices[1]
    update_practice(actor=admin, practice=practice, title="Elektronische Akte im Bürgeramt")
    assert search_practices("Bürgerämter", mode="keyword").hits[0].practice_id == practice.pk
    assert practice.pk not in search_practices("Gesundheitsamt Halle", mode="keyword").ids[:1]


def test_similar_practices_come_from_the_vectors(embedded: None, rural_coworking: Practice) -> None:
    similar = similar_practices(rural_coworking)
    assert rural_coworking not in similar
    assert similar[0].title == "Digitale Arbeitswelten: Coworking im Bahnhof von Wittenberge"


def test_pagination_returns_the_next_hits(seed_practices: list) -> None:
    first = search_practices("", limit=2)
    second = search_practices("", limit=2, offset=2)
    assert first.count == 5
    assert {hit.practice_id for hit in first.hits}.isdisjoint(hit.practice_id for hit in second.hits)
