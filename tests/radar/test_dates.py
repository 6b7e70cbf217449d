"""What the radar reads as dates: the forms they take, the year and the text's own date they lean on, and
which of them are events."""

from __future__ import annotations

import pytest

from austausch.radar.extraction import extract_text
from austausch.radar.extraction.dates import find_dates, parse_iso
from tests.radar.samples import dates


def test_the_dates_the_issue_names_are_resolved(seeds: dict[str, dict]) -> None:
    assert ("2023-04-21", "2023-04-22") in dates(seeds["001"])  # "21. und 22. April 2023"
    assert ("2023-04-24", "2023-04-25") in dates(seeds["003"])  # "am 24. und 25. April", year of the text
    assert ("2019-08-29", "2019-08-29") in dates(seeds["002"])  # "[29.8.2019]"
    assert ("2023-03", "2023-05") in dates(seeds["000"])  # "im Frühjahr 2023"
    assert ("2022-12", "2022-12") in dates(seeds["000"])  # "im Dezember", planned after 18.11.2022
    assert ("2019-12-02", "2019-12-02") in dates(seeds["004"])  # "am Montag, 02. Dezember 2019"
    assert ("2024-11-12", "2024-11-15") in dates(seeds["005"])  # "from November 12 to 15, 2024"
    assert ("2025-03", "2025-05") in dates(seeds["005"])  # "the spring of 2025"


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("vom 3. bis 5. Mai", None, ("--05-03", "--05-05")),
        ("vom 3. bis 5. Mai", "2024-04-20", ("2024-05-03", "2024-05-05")),
        ("May 3–5, 2024", None, ("2024-05-03", "2024-05-05")),
        ("from April 30 to May 2, 2024", None, ("2024-04-30", "2024-05-02")),
        ("30. Dezember bis 2. Januar 2024", None, ("2023-12-30", "2024-01-02")),
        ("am 9./10. Oktober", "2025-10-09", ("2025-10-09", "2025-10-10")),
        ("[29.8.2019]", None, ("2019-08-29", "2019-08-29")),
        ("im Herbst 2024", None, ("2024-09", "2024-11")),
        ("3 March 2025", None, ("2025-03-03", "2025-03-03")),
        ("in der vergangenen Woche", "2022-11-18", ("2022-11-07", "2022-11-13")),
        ("November - Dezember 2017", None, ("2017-11", "2017-12")),
        ("im kommenden Herbst", "2010-03-02", ("2010-09", "2010-11")),
        ("this fall", "2010-12-02", ("2011-09", "2011-11")),
        ("im Herbst nächsten Jahres", "2018-09-21", ("2019-09", "2019-11")),
        ("this spring", "2024-01-10", ("2024-03", "2024-05")),
        ("Anfang des Monats", "2024-05-28", ("2024-05", "2024-05")),
        ("im vergangenen Monat", "2024-01-28", ("2023-12", "2023-12")),
        ("next month", "2024-12-03", ("2025-01", "2025-01")),
        ("28/05/2024", None, ("2024-05-28", "2024-05-28")),
        ("von Mittwoch (24.1.) bis Donnerstag", None, ("--01-24", "--01-25")),
        ("von Freitag (29.12.) bis Dienstag", None, None),  # over a turn of year the text gives no number for
        ("Am Donnerstag (25.1.) findet", "2018-01-20", ("2018-01-25", "2018-01-25")),
        ("in der zweiten Jahreshälfte", "2009-03-31", ("2009-07", "2009-12")),
        ("im ersten Halbjahr 2024", None, ("2024-01", "2024-06")),
        ("in the second half of the year", "2023-02-01", ("2023-07", "2023-12")),
        ("beim Besuch des Havelfestes 2008", None, ("2008", "2008")),
        ("Im vorigen Jahr", "2025-10-09", ("2024", "2024")),
        ("next year", "2025-10-09", ("2026", "2026")),
        ("in New Ulm this weekend", "2023-10-07", ("2023-10-07", "2023-10-08")),
        ("am kommenden Wochenende", "2023-10-08", ("2023-10-14", "2023-10-15")),
        ("last weekend", "2024-05-15", ("2024-05-11", "2024-05-12")),
        ("jetzt am Wochenende", "2018-10", ("2018-10", "2018-10")),
        ("Ende Juli bis Anfang August", "2018-09", ("2018-07", "2018-08")),
        ("im November und Dezember", None, ("--11", "--12")),
        ("über Pfingsten", "2022-06", ("2022-06-05", "2022-06-06")),
        ("an Ostern 2024", None, ("2024-03-31", "2024-04-01")),
        ("zu Christi Himmelfahrt", "2023-01-01", ("2023-05-18", "2023-05-18")),  # a text dated to its month only
    ],
)
def test_date_forms(text: str, reference: str | None, expected: tuple[str, str] | None) -> None:
    found = find_dates(text, parse_iso(reference))
    if expected is None:
        assert [mention.form for mention in found] == ["bracketed_day"]  # only the start, never a wrong end
        return
    assert len(found) == 1
    assert (found[0].first.iso(), found[0].last.iso()) == expected


def test_relative_dates_need_the_texts_date() -> None:
    assert find_dates("Im vorigen Jahr und an diesem Wochenende, in der zweiten Jahreshälfte") == []


def test_a_year_less_date_takes_the_year_its_sentence_names() -> None:
    found = find_dates("On September 23, six experts arrived for the 2017 McCloy Mission. It began in 1952.")
    assert [(mention.first.iso(), mention.last.iso()) for mention in found] == [("2017-09-23", "2017-09-23")]
    other_sentence = find_dates("Abflug am Sonntag, 19. Juni. Das Programm besteht seit 1940, seit 1961 in Bonn.")
    assert [mention.first.iso() for mention in other_sentence] == ["--06-19"]
    opening = "Hosts wanted for study tours at the 2013 ICMA conference.\n\nOne tour is on Friday, September 20th."
    assert [mention.first.iso() for mention in find_dates(opening)] == ["2013-09-20"]
    assert [mention.first.iso() for mention in find_dates(opening + " They met in Denver in 1914.")] == ["--09-20"]
    # a founding names no year the text reports on
    assert [mention.first.iso() for mention in find_dates(opening + " It was founded in 1914.")] == ["2013-09-20"]
    again = (
        "Partners since 1992, they met in 2020 online. " * 1
        + "Wunderbar Together 2020 went on. On December 11, they met."
    )
    assert [mention.first.iso() for mention in find_dates(("x" * 300) + again)] == ["2020-12-11"]


def test_a_feast_needs_a_year_and_a_word_before_it() -> None:
    assert find_dates("nach Pfingsten und an Ostern") == []
    assert find_dates("nach Pfingsten", parse_iso("2022-06-01")) == []


def test_a_season_without_a_year_is_no_date() -> None:
    assert find_dates("Der Austausch funktioniert auch im Sommer, Ende Herbst.", parse_iso("2018-09-01")) == []


def test_a_labelled_month_is_the_texts_date() -> None:
    assert extract_text(" date 2019-02 Eine Delegation fuhr nach Feldkirch.")["published"] == "2019-02"
    assert extract_text("Datum: 2019-02-03\n\nEine Delegation fuhr nach Feldkirch.")["published"] == "2019-02-03"


def test_a_relative_year_is_an_event_only_where_something_took_place() -> None:
    took_place = extract_text("09.10.2025\n\nIm vorigen Jahr fand diese Konferenz in New York statt.")
    assert ("2024", "2024") in dates(took_place)
    elected = extract_text("09.10.2025\n\nDie Delegation um den im letzten Jahr gewählten Bürgermeister.")
    assert ("2024", "2024") not in dates(elected)


def test_a_labelled_date_line_dates_what_the_title_announces() -> None:
    result = extract_text(
        "Invitation to our online event on resilience\n\nDate: Tuesday, January 23, 2024\n\nTime: 17:30"
    )
    assert [(event["kind"], event["start"]) for event in result["events"]] == [("meeting", "2024-01-23")]
    unlabelled = extract_text("Invitation to our online event on resilience\n\nTuesday, January 23, 2024\n")
    assert unlabelled["events"] == []


def test_numbers_that_are_not_dates_stay_numbers() -> None:
    assert find_dates("Städte mit 5.000 bis 20.000 Einwohnern und 17.00 Uhr bis 20.00 Uhr") == []


def test_a_year_carries_over_to_the_dates_after_it() -> None:
    found = find_dates("29. April - 9. Mai 2017: Besuch in den USA\n3. November - 13. November: Gegenbesuch")
    assert [(date.first.iso(), date.last.iso()) for date in found] == [
        ("2017-04-29", "2017-05-09"),
        ("2017-11-03", "2017-11-13"),
    ]


def test_a_dateline_is_not_an_event() -> None:
    result = extract_text("Bonn, 1 December 2023. The conference in Leipzig ended with a meeting of mayors.")
    assert result["events"] == []


def test_relative_dates_need_the_texts_own_date() -> None:
    assert find_dates("Anfang des Monats und im Herbst") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "bis zum" ends a trip whose start the next sentence gives
        (
            "Bürgermeister Beispiel bereist bis zum 9. Juli die USA. Er flog am Sonntag, 19. Juni, ab.",
            {("--06-19", "--07-09")},
        ),
        # a stay from the day of arrival to the day of return, though other days lie between
        (
            "The guests arrived March 27 and went to Chicago on April 2. They returned to Wesel on April 18.",
            {("--03-27", "--04-18")},
        ),
        # "arrive … and return on": the text's own date line is no event
        (
            " date 2023-09-12 Students will arrive for an exchange on Friday, Oct. 20, and return on Saturday, Nov. 4.",
            {("2023-10-20", "2023-11-04")},
        ),
        # the kind named where the stay begins
        (
            "Delegates will arrive in Dixon on July 19.\n\nUntil their departure Sunday, July 28, they live here.",
            {("--07-19", "--07-28")},
        ),
        # a month alone names the trip whose days the text gives later
        (
            "Pressemitteilung vom 21.09.2018\n\nSie wird Ende September in die USA reisen. "
            "Ab dem 23. September besucht sie Atlanta und Denver.",
            {("2018-09-23", "2018-09-23")},
        ),
        # "jeweils im Herbst" is a habit; the return visit "im Herbst nächsten Jahres" is dated
        (
            "Pressemitteilung vom 21.09.2018\n\nDer Besuch findet jeweils im Herbst statt. "
            "Der Gegenbesuch erfolgt im Herbst nächsten Jahres.",
            {("2019-09", "2019-11")},
        ),
    ],
)
def test_events_join_and_resolve_dates_across_sentences(text: str, expected: set[tuple[str, str]]) -> None:
    assert dates(extract_text(text)) == expected


def test_an_old_date_without_an_event_word_is_history_not_an_event() -> None:
    text = (
        "Pressemitteilung vom 13.04.2017\n\nThe sister cities agreement between Potsdam and Sioux Falls was "
        "signed on October 3, 1990. Lord Mayor Jakobs will visit Sioux Falls from September 6–11, 2017."
    )
    assert dates(extract_text(text)) == {("2017-09-06", "2017-09-11")}
