from __future__ import annotations

import pytest

from austausch.registry.search import AmbiguousName, filter_municipalities, resolve_municipality


def names(query: str, **filters: str) -> list[str]:
    return [municipality.name for municipality in filter_municipalities(query, **filters)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Diessen", "Dießen am Ammersee"),
        ("dießen", "Dießen am Ammersee"),
        ("Moelln", "Mölln"),
        ("Molln", "Mölln"),
        ("MÖLLN", "Mölln"),
        ("oestrich", "Oestrich-Winkel"),
        ("jersey", "Jersey City"),
    ],
)
def test_the_finder_ignores_case_accents_and_umlaut_spelling(
    registry_sample: frozenset[str], query: str, expected: str
) -> None:
    assert names(query)[0] == expected


def test_exact_names_come_first_then_larger_towns(registry_sample: frozenset[str]) -> None:
    found = names("Halle")
    assert found[:2] == ["Halle (Saale)", "Halle (Westf.)"] or found[0] == "Halle"
    assert set(found) >= {"Halle", "Halle (Saale)", "Halle (Westf.)"}
    assert names("Mölln")[:2] == ["Mölln", "Mölln"]
    assert names("Mölln")[2] == "Alt-Mölln"


def test_filters_combine_with_the_query(registry_sample: frozenset[str]) -> None:
    assert names("Newark", country="US", state="NJ") == ["Newark"]
    assert names("Newark", country="DE") == []
    assert names("", size_class="Großstadt", country="DE") == ["Darmstadt", "Halle (Saale)", "Hamburg"]
    assert names("Halle", state="Sachsen-Anhalt") == ["Halle (Saale)"]


@pytest.mark.parametrize("query", ["%", "_", "'; DROP TABLE x; --", "a" * 5000, "\x00", "   "])
def test_odd_queries_are_plain_text(registry_sample: frozenset[str], query: str) -> None:
    assert isinstance(names(query), list)


def test_resolve_takes_keys_and_unique_names(registry_sample: frozenset[str]) -> None:
    assert resolve_municipality("de-12070424").name == "Wittenberge"  # type: ignore[union-attr]
    assert resolve_municipality("Wittenberge").key == "DE-12070424"  # type: ignore[union-attr]
    assert resolve_municipality("Halle (Saale)").key == "DE-15002000"  # type: ignore[union-attr]
    assert resolve_municipality("Atlantis") is None
    with pytest.raises(AmbiguousName) as ambiguous:
        resolve_municipality("Halle")
    assert len(ambiguous.value.candidates) == 4
