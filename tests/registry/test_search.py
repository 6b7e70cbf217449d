from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from austausch.registry.search import (
    AmbiguousName,
    UnknownMunicipality,
    filter_municipalities,
    resolve_municipalities,
    resolve_municipality,
)


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
    assert found[:2] == ["Halle (Saale)", "Halle (Westf.)"]  # a name before its bracket is exact, then by size
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
    assert resolve_municipality("de-12070424").name == "Wittenberge"
    assert resolve_municipality("Wittenberge").key == "DE-12070424"
    assert resolve_municipality("Halle (Saale)").key == "DE-15002000"
    for unknown in ("Atlantis", "DE-99999999", "", "   "):
        with pytest.raises(UnknownMunicipality):
            resolve_municipality(unknown)
    with pytest.raises(AmbiguousName) as ambiguous, translation.override("en"):
        resolve_municipality("Halle")
    assert len(ambiguous.value.candidates) == 4
    assert ambiguous.value.messages[0].startswith("“Halle” matches 4 towns; give the key of one: Halle (Saale)")


def test_several_towns_are_resolved_together_and_every_problem_is_named(registry_sample: frozenset[str]) -> None:
    towns = resolve_municipalities(["Wittenberge", " ", "DE-12070424", "Halle (Saale)"])
    assert [town.key for town in towns] == ["DE-12070424", "DE-15002000"]
    with pytest.raises(ValidationError) as problems:
        resolve_municipalities(["Atlantis", "Wittenberge", "Halle"], field="towns")
    messages = problems.value.message_dict["towns"]
    assert len(messages) == 2 and "Atlantis" in messages[0] and "Halle" in messages[1]
