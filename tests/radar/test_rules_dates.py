"""General rules for dates and events, each shown on sentences of our own: weekdays reckoned from the text's
date, a month named relative to it, two days joined by "und" that are no range, the items of a list taking their
kind from its heading, and short dated table lines that survive cleaning."""

from __future__ import annotations

import pytest

from austausch.radar.extraction import extract_text
from austausch.radar.extraction.dates import find_dates, parse_iso


def spans(text: str, reference: str | None) -> list[tuple[str, str]]:
    return [(mention.first.iso(), mention.last.iso()) for mention in find_dates(text, parse_iso(reference))]


def events(text: str) -> set[tuple[str, str, str]]:
    return {(event["kind"], event["start"], event["end"]) for event in extract_text(text)["events"]}


# 12 June 2024 is a Wednesday.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a report: the weekday on or before the text's date
        ("Am Montag fand im Rathaus ein Treffen statt.", "2024-06-10"),
        ("Am Mittwoch wurde der Vertrag unterzeichnet.", "2024-06-12"),
        ("On Monday the mayor met the guests.", "2024-06-10"),
        ("The delegation arrived in town on Thursday.", "2024-06-06"),
        # an announcement, or the present that speaks of what is to come: on or after it
        ("Am Freitag findet im Rathaus ein Treffen statt.", "2024-06-14"),
        ("Am Dienstag wird die Delegation erwartet.", "2024-06-18"),
        ("On Friday the mayor will meet the guests.", "2024-06-14"),
        # a word before the weekday decides, whatever the tense
        ("Am kommenden Montag beginnt der Austausch.", "2024-06-17"),
        ("Am vergangenen Freitag besuchten Gäste die Stadt.", "2024-06-07"),
        ("Last Wednesday the guests visited the school.", "2024-06-05"),
        ("Next Wednesday the guests will visit the school.", "2024-06-19"),
        ("Am Mittwochabend traf sich der Arbeitskreis.", "2024-06-12"),
        # a weekday with the day of the month: the nearest such day
        ("Mittwoch, 19.: Empfang im Rathaus", "2024-06-19"),
        ("Am Freitag, 31. fand das Treffen statt.", "2024-05-31"),
    ],
)
def test_a_weekday_is_reckoned_from_the_texts_date(text: str, expected: str) -> None:
    assert spans(text, "2024-06-12") == [(expected, expected)]


def test_a_weekday_needs_the_day_the_text_was_written() -> None:
    assert spans("Am Montag fand ein Treffen statt.", None) == []
    assert spans("Am Montag fand ein Treffen statt.", "2024-06") == [("2024-06", "2024-06")]


@pytest.mark.parametrize(
    "text",
    [
        "Am Montag, 10. Juni fand das Treffen statt.",
        "On Monday, June 10 the mayor met the guests.",
        "Am Montag (10.6.) fand das Treffen statt.",
        "Das Büro ist jeden Montag geöffnet.",
        "Mittwochs tagt der Arbeitskreis.",
    ],
)
def test_a_weekday_next_to_a_date_or_as_a_habit_is_no_date_of_its_own(text: str) -> None:
    assert all(mention.form != "weekday" for mention in find_dates(text, parse_iso("2024-06-12")))
    assert len(find_dates(text, parse_iso("2024-06-12"))) <= 1


def test_a_weekday_dates_the_event_of_its_sentence() -> None:
    text = "Veröffentlicht am 12.06.2024\n\nAm Montag fand in Leipzig ein Workshop zur Stadtentwicklung statt."
    assert events(text) == {("workshop", "2024-06-10", "2024-06-10")}
    english = "Posted on June 12, 2024\n\nOn Friday the mayor will hold a meeting with guests from Leipzig."
    assert events(english) == {("meeting", "2024-06-14", "2024-06-14")}


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Im April dieses Jahres reist eine Delegation.", "2024-12-02", "2024-04"),
        ("Im April des nächsten Jahres reist eine Delegation.", "2024-12-02", "2025-04"),
        ("Im Mai des vergangenen Jahres reiste eine Delegation.", "2024-02-12", "2023-05"),
        ("Im kommenden Mai reist eine Delegation.", "2024-06-12", "2025-05"),
        ("Im kommenden Mai reist eine Delegation.", "2024-02-12", "2024-05"),
        ("Im vergangenen Juni reiste eine Delegation.", "2024-02-12", "2023-06"),
        ("This April a delegation will visit.", "2024-12-02", "2024-04"),
        ("Last June a delegation visited.", "2024-02-12", "2023-06"),
        ("Last June a delegation visited.", "2024-09-12", "2024-06"),
        ("next May a delegation will visit.", "2024-05-20", "2025-05"),
        ("in June of last year a delegation visited.", "2024-09-12", "2023-06"),
        ("in March of this year a delegation visited.", "2024-09-12", "2024-03"),
    ],
)
def test_a_month_named_relative_to_the_texts_year(text: str, reference: str, expected: str) -> None:
    assert spans(text, reference) == [(expected, expected)]


def test_may_the_verb_is_no_month() -> None:
    assert spans("We hope this may help the towns; last may be first.", "2024-02-12") == []


def test_a_month_of_this_year_without_the_texts_date_takes_the_year_the_text_names() -> None:
    assert spans("Im April dieses Jahres reist eine Delegation, wie 2024 geplant.", None) == [("2024-04", "2024-04")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Workshops fanden am 3. Mai und 17. Juni 2023 statt.", [("2023-05-03",) * 2, ("2023-06-17",) * 2]),
        ("The workshops took place on May 3 and June 17, 2023.", [("2023-05-03",) * 2, ("2023-06-17",) * 2]),
        ("Die Workshops fanden am 3. und 17. Mai 2023 statt.", [("2023-05-03",) * 2, ("2023-05-17",) * 2]),
        ("The workshops took place on 3 and 17 May 2023.", [("2023-05-03",) * 2, ("2023-05-17",) * 2]),
        ("The workshops took place on May 3 and 17, 2023.", [("2023-05-03",) * 2, ("2023-05-17",) * 2]),
        ("Sie trafen sich am 12.05.2023 und 30.06.2023.", [("2023-05-12",) * 2, ("2023-06-30",) * 2]),
        # next days joined by "und" are one event over both, and "bis" is always a range
        ("Die Tagung fand am 3. und 4. Mai 2023 statt.", [("2023-05-03", "2023-05-04")]),
        ("Die Tagung fand am 31. Mai und 1. Juni 2023 statt.", [("2023-05-31", "2023-06-01")]),
        ("Die Reise dauerte vom 3. bis 17. Mai 2023.", [("2023-05-03", "2023-05-17")]),
        ("Die Gäste kommen zwischen dem 3. und 17. Mai 2023.", [("2023-05-03", "2023-05-17")]),
        ("The guests arrive between May 3 and June 17, 2023.", [("2023-05-03", "2023-06-17")]),
    ],
)
def test_two_days_joined_by_and_are_two_dates_unless_they_follow_each_other(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert spans(text, None) == expected


def test_two_days_joined_by_and_are_two_events() -> None:
    text = "Veröffentlicht am 12.02.2024\n\nDie Workshops fanden am 3. Mai und 17. Juni 2023 in Leipzig statt."
    assert events(text) == {("workshop", "2023-05-03", "2023-05-03"), ("workshop", "2023-06-17", "2023-06-17")}
