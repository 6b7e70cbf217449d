"""Long texts cost time in proportion to their length, and no text more than the budget allows."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator

import pytest
from django.utils import translation

from austausch.radar.extraction import extract, facts_of
from austausch.radar.extraction.budget import Budget
from austausch.radar.extraction.dates import Taken
from austausch.radar.extraction.events import last_lines
from austausch.radar.extraction.gazetteer import NEARBY_BONUS, Nearby, Town, distance_km, load_gazetteer
from austausch.radar.extraction.reading import read_document
from austausch.radar.extraction.towns import without_overlaps
from tests.radar.samples import seed


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    """The budget's messages below are read in English."""
    with translation.override("en"):
        yield


def test_a_text_over_the_length_budget_is_read_up_to_a_paragraph_with_a_message() -> None:
    text = seed("003")
    budget = Budget(characters=500)
    result = facts_of(read_document("003.txt", text), budget=budget)

    (message,) = [error for error in result["errors"] if "too long to read in full" in error]
    read = int(message.split("the first ")[1].split(" of")[0].replace(",", ""))
    # Cut where a paragraph or a sentence ends.
    assert 250 <= read <= 500 and (result["text"][read] == "\n" or result["text"][read - 2 : read] == ". ")
    assert result["municipalities"]  # the beginning is read
    assert all(end <= read for town in result["municipalities"] for _, end in town["spans"])


def test_a_text_within_the_budget_is_read_whole_without_a_message() -> None:
    result = extract("003.txt", seed("003"))
    assert not result["errors"] and result["municipalities"]


def test_a_text_over_the_time_budget_is_refused_with_a_message_and_no_facts() -> None:
    result = facts_of(read_document("003.txt", seed("003")), budget=Budget(seconds=1e-9))
    assert not result["municipalities"] and not result["events"] and not result["organisations"]
    assert any("could not be read within the 1e-09 seconds allowed" in error for error in result["errors"])
    assert result["text"]  # the text itself is still there to be stored


def test_a_text_without_paragraphs_is_cut_after_a_sentence() -> None:
    text = "Ein Satz über Wittenberge. " * 100
    part = Budget(characters=1000).readable_part(text)
    assert len(part) <= 1000 and part.endswith(". ")


def test_the_nearest_named_town_is_found_as_by_comparing_all() -> None:
    towns = [town for town in load_gazetteer().towns if town.latitude is not None]
    rng = random.Random(19)  # noqa: S311 - a fixed sample, not a secret
    named = [(town, rng.choice(["A", "B", "C"])) for town in rng.sample(towns, 300)]
    nearby = Nearby(named)
    for town in rng.sample(towns, 300):
        for surface in ("A", "B", "D"):
            others = [other for other, name in named if {n for o, n in named if o.key == other.key} != {surface}]
            nearest = min((distance_km(town, other) for other in others), default=math.inf)
            expected = next((bonus for radius, bonus in NEARBY_BONUS if nearest < radius), 0.0)
            assert nearby.bonus(town, surface) == expected


def test_a_town_without_coordinates_gets_no_bonus() -> None:
    somewhere = Town("DE-1", "DE", "Irgendwo", "Bayern", "BY", "", 100, None, None)
    assert Nearby([(somewhere, "Irgendwo")]).bonus(somewhere, "Elsewhere") == 0.0


@pytest.mark.parametrize("text", ["Halle Halle", "aaaa", "Ahaha aha", "Essen", "Bad Bad Badbad"])
def test_occurrences_are_counted_as_str_count_counts(text: str) -> None:
    for surface in {text[start:end] for start in range(len(text)) for end in range(start + 1, len(text) + 1)}:
        starts = [index for index in range(len(text)) if text.startswith(surface, index)]
        assert without_overlaps(surface, starts) == text.count(surface)


def test_taken_spans_answer_as_a_pass_over_all_of_them() -> None:
    rng = random.Random(5)  # noqa: S311 - a fixed sample, not a secret
    taken, spans = Taken(), []
    for _ in range(500):
        start = rng.randrange(2000)
        end = start + rng.randrange(1, 30)
        overlapping = any(start < other_end and other_start < end for other_start, other_end in spans)
        assert taken.overlaps(start, end) == overlapping
        if not overlapping:
            taken.add(start, end)
            spans.append((start, end))
    for offset in range(2100):
        assert taken.holds(offset) == any(start <= offset < end for start, end in spans)


@pytest.mark.parametrize("text", ["", "one", "a\nb\n\n  \n", "\n".join(f"line {n}" for n in range(30)) + "\n \n"])
def test_the_last_lines_are_those_a_split_of_everything_before_gives(text: str) -> None:
    for end in range(len(text) + 1):
        assert last_lines(text, end, 12) == text[:end].rstrip().split("\n")[-12:]
