"""The applicants CSV: every problem found, with its line, and nothing used until the file is clean."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from austausch.matching.applicants import (
    ApplicantEntry,
    ApplicantsError,
    RawRow,
    check_rows,
    read_applicants,
    write_csv,
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are checked in English; the German catalogue translates them."""
    with translation.override("en"):
        yield


def problems(data: bytes | str, *, pairings: bool = False) -> list[str]:
    with pytest.raises(ApplicantsError) as raised:
        read_applicants(data, pairings=pairings)
    return raised.value.problems


def test_it_reads_keys_names_topic_labels_and_yes_no_in_both_languages(registry_sample: frozenset[str]) -> None:
    entries = read_applicants(
        "\ufefftown,topics,lead\n"
        "Wittenberge, future-of-work ; Beteiligung ,Ja\n"
        "DE-01053090,Mobility,no\n"
        "\n"
        "Dippoldiswalde,education,\n".encode()
    )
    assert entries == [
        ApplicantEntry(town="DE-12070424", topics=("future-of-work", "participation"), lead=True),
        ApplicantEntry(town="DE-01053090", topics=("mobility",), lead=False),
        ApplicantEntry(town="DE-14628060", topics=("education",), lead=False),
    ]


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_returned(registry_sample: frozenset[str]) -> None:
    found = problems(
        "town,topics,lead\n"
        "Wittenberge,future-of-work,yes\n"  # line 2: fine
        "Atlantis,mobility,no\n"  # line 3: unknown town
        "Mölln,mobility,no\n"  # line 4: two towns of that name
        "DE-12070424,education,no\n"  # line 5: Wittenberge again
        "Dippoldiswalde,basket-weaving,no\n"  # line 6: unknown topic
        "Oestrich-Winkel,mobility,perhaps\n"  # line 7: neither yes nor no
        "Dießen am Ammersee,,no\n"  # line 8: no topic
    )
    text = "\n".join(found)
    assert len(found) == 6
    assert "Line 3: No town matches “Atlantis”" in text
    assert "Line 4: “Mölln” matches 2 towns; give the key of one: Mölln, Schleswig-Holstein (DE-01053090)" in text
    assert "Mölln, Mecklenburg-Vorpommern (DE-13071102)" in text
    assert "Line 5: Wittenberge (DE-12070424) already applied on line 2." in text
    assert "Line 6: there is no topic “basket-weaving”" in text
    assert "Line 7: “perhaps” in the lead column is neither yes nor no" in text
    assert "Line 8: no topic is given" in text


def test_a_topic_listed_twice_in_a_row_is_refused(registry_sample: frozenset[str]) -> None:
    assert problems("town,topics\nWittenberge,mobility;Mobilität\n") == [
        "Line 2: the topic “Mobilität” is listed twice."
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "The file is empty"),
        (b"\n \n", "The file is empty"),
        (b"town,topics\n", "header row but no applicants"),
        (b"town,lead\nWittenberge,yes\n", "Line 1: the column “topics” is missing"),
        (b"town,topics,leader\nWittenberge,mobility,yes\n", "Line 1: unknown column “leader”"),
        (b"town,topics,town\nWittenberge,mobility,x\n", "Line 1: the column “town” appears twice"),
        ("town,topics\nWittenberge,Mobilität\n".encode("latin-1"), "not UTF-8 text"),
        (b"town,topics\nWittenberge,mobility,yes,extra\n", "Line 2: 4 cells, but the header has 2 columns"),
    ],
)
def test_file_level_problems_are_named(db: None, data: bytes, expected: str) -> None:
    assert expected in "\n".join(problems(data))


def test_pairings_need_a_group_and_exactly_two_of_them(registry_sample: frozenset[str]) -> None:
    assert problems("town,topics,group\nWittenberge,mobility,\n", pairings=True) == [
        "Line 2: pairings need the town's group (e.g. DE or US)."
    ]
    assert problems("town,topics,group\nWittenberge,mobility,=HYPERLINK()\n", pairings=True) == [
        "Line 2: the group “=HYPERLINK()” is not a short name of letters and digits (e.g. DE or US)."
    ]
    three = "town,topics,group\nWittenberge,mobility,DE\nUS-1840001381,mobility,US\nDippoldiswalde,mobility,EU\n"
    assert problems(three, pairings=True) == ["Pairings need exactly two groups; the applicants name 3: DE, EU, US."]


def test_form_rows_are_checked_like_file_rows(registry_sample: frozenset[str]) -> None:
    with pytest.raises(ApplicantsError) as raised:
        check_rows([RawRow(line=1, town="", topics="mobility"), RawRow(line=2, town="Wittenberge", topics="mobility")])
    assert raised.value.problems == ["Line 1: the town is missing."]


def test_written_applicants_read_back_the_same(registry_sample: frozenset[str]) -> None:
    entries = [
        ApplicantEntry(town="DE-12070424", topics=("future-of-work", "participation"), lead=True, group="DE"),
        ApplicantEntry(town="US-1840001381", topics=("education",), lead=False, group="US"),
    ]
    assert read_applicants(write_csv(entries), pairings=True) == entries
