"""General rules for dates and events, each shown on sentences of our own: weekdays reckoned from the text's
date, a month named relative to it, two days joined by "und" that are no range, the items of a list taking their
kind from its heading, and short dated table lines that survive cleaning."""

from __future__ import annotations

import pytest

from austausch.radar.extraction import extract_text
from austausch.radar.extraction.cleaning import clean_pasted_text
from austausch.radar.extraction.dates import find_dates, parse_iso
from tests.radar.samples import dates


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
        ("The delegation from Dixon arrived Monday.", "2024-06-10"),
        ("The mayors met Tuesday to sign the agreement.", "2024-06-11"),
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
        "Am Montag, dem 10. Juni fand das Treffen statt.",
        "On Monday, June 10 the mayor met the guests.",
        "Am Montag (10.6.) fand das Treffen statt.",
        "Das Büro ist jeden Montag geöffnet.",
        "Mittwochs tagt der Arbeitskreis.",
        "The town hall is closed on Easter Monday, 1 April.",
        "The shop opened Cyber Monday deals.",
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
    "text",
    [
        "Posted on June 12, 2024\n\nThe mayor said on Tuesday that the visit to Leipzig went well.",
        "Veröffentlicht am 12.06.2024\n\nDer Bürgermeister sagte am Dienstag, der Besuch in Leipzig sei gelungen.",
    ],
)
def test_a_weekday_after_a_saying_dates_the_saying_and_no_event(text: str) -> None:
    assert events(text) == set()


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


PROSE = "Der Austausch war für alle Beteiligten aus beiden Städten und ihren Verwaltungen ein Erfolg."


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (f"Veröffentlicht am 12.02.2024\n\n{PROSE}\n\nDrei Workshops fanden statt:\n\n12. März 2023 in Leipzig\n\n"
         "3. Mai 2023: Dresden\n\n17. Juni 2023 in Halle", "workshop"),
        (f"Posted on February 12, 2024\n\n{PROSE}\n\nThe programme included two study visits:\n\n"
         "March 12, 2023: Leipzig\n\nMay 3, 2023: Dresden\n\nJune 17, 2023: Halle", "study visit"),
        (f"Veröffentlicht am 12.02.2024\n\n{PROSE}\n\nZwei Konferenzen:\n\n- 12. März 2023 in Leipzig\n\n"
         "- 3. Mai 2023 in Dresden\n\n- 17. Juni 2023 in Halle", "conference"),
    ],
)  # fmt: skip
def test_the_items_of_a_list_take_their_kind_from_its_heading(text: str, kind: str) -> None:
    assert events(text) == {
        (kind, "2023-03-12", "2023-03-12"),
        (kind, "2023-05-03", "2023-05-03"),
        (kind, "2023-06-17", "2023-06-17"),
    }


def test_a_heading_is_no_longer_a_lists_heading_after_a_paragraph() -> None:
    text = (
        f"Veröffentlicht am 12.02.2024\n\nDrei Workshops fanden statt:\n\n12. März 2023 in Leipzig\n\n{PROSE}\n\n"
        "Jahresbericht 2023\n\n3. Mai 2023"
    )
    assert ("workshop", "2023-05-03", "2023-05-03") not in events(text)


TABLE = (
    "Termine der Partnerschaft\n\nDer Arbeitskreis hat für dieses Jahr die folgenden Termine geplant.\n\n"
    "12.05.2024 | Workshop | Leipzig\n\nMo, 3. Juni Empfang\n\nDo, 6.6. Bürgerreise\n\nHome\n\nImpressum\n\n"
    "Startseite\n\nMehr laden\n\nKontakt"
)


def test_short_dated_table_lines_survive_cleaning_and_the_furniture_does_not() -> None:
    cleaned = clean_pasted_text("Veröffentlicht am 02.05.2024\n\n" + TABLE)
    assert "12.05.2024 | Workshop | Leipzig" in cleaned.text
    assert "Mo, 3. Juni Empfang" in cleaned.text
    assert "Do, 6.6. Bürgerreise" in cleaned.text
    for furniture in ("Home", "Impressum", "Startseite", "Mehr laden", "Kontakt"):
        assert furniture not in cleaned.text.split("\n")


def test_short_dated_table_lines_yield_events() -> None:
    found = events("Veröffentlicht am 02.05.2024\n\n" + TABLE)
    assert {
        ("workshop", "2024-05-12", "2024-05-12"),
        ("meeting", "2024-06-03", "2024-06-03"),
        ("study visit", "2024-06-06", "2024-06-06"),
    } <= found


def test_a_dated_table_line_is_not_the_day_the_text_was_written() -> None:
    result = extract_text("Termine der Partnerschaft im Sommer\n\n12.05.2024 | Workshop Stadtumbau | Leipzig")
    assert result["published"] is None
    assert dates(result) == {("2024-05-12", "2024-05-12")}


def test_a_short_line_with_a_date_but_no_occasion_is_still_dropped() -> None:
    cleaned = clean_pasted_text(f"Ein Titel über den Austausch\n\n{PROSE}\n\nStand: 02.05.2024\n\n{PROSE} Mehr.")
    assert "Stand: 02.05.2024" not in cleaned.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The summit runs Monday, September 8-Thursday, September 11, 2025.", ("2025-09-08", "2025-09-11")),
        ("Die Tagung dauert vom 6. März bis Sonntag, 9. März 2025.", ("2025-03-06", "2025-03-09")),
        ("Die Gäste bleiben vom 6. Juli bis Dienstag, den 18. Juli 2025.", ("2025-07-06", "2025-07-18")),
        ("The first workshop took place from March, 4th to 6th, 2025 in Leipzig.", ("2025-03-04", "2025-03-06")),
        ("Das Partnerschaftsfest findet vom 12. bis 15. Juni 2025 statt.", ("2025-06-12", "2025-06-15")),
    ],
)
def test_a_range_with_weekdays_or_a_comma_after_the_month_is_one_period(text: str, expected: tuple[str, str]) -> None:
    assert spans(text, None) == [expected]


def test_a_range_alone_on_its_line_after_a_weekday_takes_its_kind_from_the_nearest_line_above_naming_one() -> None:
    text = (
        "The sister towns celebrate their anniversary\n\nRegistration for the annual conference is open!\n\n"
        "Click here to register.\n\nSee below for more information:\n\nMonday, September 8-Thursday, September 11, 2025"
    )
    assert events(text) == {("conference", "2025-09-08", "2025-09-11")}


def test_a_towns_festival_is_a_visit_of_its_partner_towns() -> None:
    text = "Der Ausschuss erhielt einen Überblick über das vom 12. bis 15. Juni 2025 stattfindende Partnerstadtfest."
    assert events(text) == {("study visit", "2025-06-12", "2025-06-15")}
    english = "The harbour festival runs from June 12-15, 2025."
    assert events(english) == {("study visit", "2025-06-12", "2025-06-15")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Am Abend des 12.03. fuhr die Gruppe mit dem Bus ab.", "2024-03-12"),
        ("Am Morgen des 4. März fuhr die Gruppe ab.", "2024-03-04"),
        ("Am Nachmittag des 4.3. empfing der Bürgermeister die Gäste.", "2024-03-04"),
        ("On the evening of March 4 the group left by bus.", "2024-03-04"),
    ],
)
def test_a_day_inside_a_time_of_day(text: str, expected: str) -> None:
    assert spans(text, "2024-03-20") == [(expected, expected)]


FILLER = " ".join([PROSE] * 8)


@pytest.mark.parametrize(
    "text",
    [
        f"Am Donnerstag, den 5. Juni kamen zwanzig Jugendliche aus Lyon in Leipzig an.\n\n{FILLER}\n\n"
        "Noch bis Dienstag, 17. Juni, verweilen die Gäste in Leipzig.",
        f"On Thursday, June 5, twenty students from Lyon arrived in Leipzig.\n\n{FILLER}\n\n"
        "The guests stay in Leipzig until Tuesday, June 17.",
    ],
)
def test_an_arrival_and_an_end_named_paragraphs_apart_are_one_stay(text: str) -> None:
    assert events(text) == {("study visit", "--06-05", "--06-17")}


@pytest.mark.parametrize(
    "text",
    [
        "Posted on May 2, 2025\n\nTen fellows were in Leipzig April 15-18 for a study tour.",
        "Veröffentlicht am 02.05.2025\n\nZehn Stipendiaten waren vom 15. bis 18. April in Leipzig.",
    ],
)
def test_a_range_without_a_year_takes_the_year_of_the_texts_date(text: str) -> None:
    assert ("2025-04-15", "2025-04-18") in {(first, last) for _, first, last in events(text)}


def test_a_range_without_a_year_takes_the_one_year_the_text_names_anywhere() -> None:
    text = f"Ten fellows were in Leipzig April 15-18. {FILLER} The fellows of 2025 then went on to Dresden."
    assert spans(text, None) == [("2025-04-15", "2025-04-18")]


@pytest.mark.parametrize(
    "text",
    [
        "The partnership, founded in 1996, held a meeting in Leipzig on March 4.",
        "The partnership has linked the towns since 1996. A meeting in Leipzig took place on March 4.",
        "Seit 1996 besteht die Partnerschaft. Am 4. März fand ein Treffen in Leipzig statt.",
        "Die 1996 gegründete Partnerschaft lud am 4. März zu einem Treffen ein.",
    ],
)
def test_the_year_a_partnership_was_founded_dates_no_event(text: str) -> None:
    assert spans(text, None) == [("--03-04", "--03-04")]


def test_a_year_named_in_the_dates_sentence_comes_before_the_year_of_an_earlier_date() -> None:
    text = "Die Urkunde wurde am 3. Mai 1990 unterzeichnet. Zum Jubiläum 2020 reisen Gäste am 12. Juni nach Lyon."
    assert ("2020-06-12", "2020-06-12") in spans(text, None)


def test_a_month_heading_in_a_list_is_the_same_event_as_the_days_the_text_gives_for_it() -> None:
    text = (
        f"Posted on February 12, 2026\n\n{PROSE}\n\nThree workshops were held:\n\nMarch 2025:\nLeipzig, Germany\n\n"
        "June 2025:\nDresden, Germany\n\nThe first workshop took place from March, 4th to 6th, 2025 in Leipzig."
    )
    assert events(text) == {("workshop", "2025-03-04", "2025-03-06"), ("workshop", "2025-06", "2025-06")}
