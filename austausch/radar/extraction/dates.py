"""Dates in German and English text, as ISO 8601 with the precision the text gives.

"21. und 22. April 2023" → 2023-04-21..2023-04-22; "am 24. und 25. April" takes its year from the
text's own date; "im Frühjahr 2023" → 2023-03..2023-05; a date whose year the text leaves open and no
reference date can supply is written `--MM-DD`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from dateutil.easter import easter

from .datetypes import DateMention, KnownMonth, PartialDate, Taken, valid
from .datetypes import parse_iso as parse_iso  # where the callers have always found it
from .textyears import with_the_texts_years
from .weekdays import SHORT_WEEKDAY, WEEKDAY, WEEKDAYS, weekday_and_day, weekday_dates

MONTHS = {
    "januar": 1, "jänner": 1, "january": 1, "jan": 1,
    "februar": 2, "february": 2, "feb": 2,
    "märz": 3, "maerz": 3, "march": 3, "mär": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "dezember": 12, "december": 12, "dez": 12, "dec": 12,
}  # fmt: skip
SEASONS = {
    "frühjahr": (3, 5), "frühling": (3, 5), "spring": (3, 5),
    "sommer": (6, 8), "summer": (6, 8),
    "herbst": (9, 11), "autumn": (9, 11), "fall": (9, 11),
    "winter": (12, 2),
}  # fmt: skip

MONTH = r"(?P<{}>(?i:januar|jänner|january|februar|february|märz|maerz|march|april|mai|may|juni|june|juli|july|august|september|oktober|october|november|dezember|december|jan|feb|mär|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dez|dec)\b\.?)"  # noqa: E501
YEAR = r"(?P<{}>(?:19|20)\d\d)\b"
NOT_THE_VERB = r"(?!may\b)"  # "this may help": a month's name is written with a capital when it is one
DAY = r"(?P<{}>[0-3]?\d)"
ORDINAL = r"(?:st|nd|rd|th)?"
DASH = r"\s*(?:–|—|-|bis(?:\s+(?:zum|einschließlich))?|to|through|until|und|and|/|&)\s*"


def named(template: str, *names: str) -> str:
    return template.format(*names)


# "bis Dienstag, 18. Juli", "-Saturday, July 16": the weekday of a range's last day
THEN_WEEKDAY = rf"(?:{named(WEEKDAY, 'w')},?\s*(?:de[nm]\s+)?)?"


PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 13.07.2019 bis 27.07.2019, 30.12. – 2.1.2024
    ("numeric_span", re.compile(
        r"(?<![\d.])(?P<d1>[0-3]?\d)\.(?P<m1>[01]?\d)\.(?P<y1>(?:19|20)\d\d)?" + DASH +
        r"(?P<d2>[0-3]?\d)\.(?P<m2>[01]?\d)\.(?P<y>(?:19|20)\d\d)(?!\d|\.\d)")),
    # 29.-31.8.2019, 3.–5.5.2024
    ("numeric_range", re.compile(
        rf"\b{named(DAY, 'd1')}\.?{DASH}{named(DAY, 'd2')}\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)?\d\d)\b")),
    # 30. April bis 2. Mai 2024, 6. Juli bis Dienstag, 18. Juli
    ("de_cross_month", re.compile(
        rf"\b{named(DAY, 'd1')}\.\s*{named(MONTH, 'm1')}{DASH}{THEN_WEEKDAY}{named(DAY, 'd2')}\.\s*{named(MONTH, 'm2')}"
        rf"(?:\s+{named(YEAR, 'y')})?")),
    # 24. und 25. April, vom 3. bis 5. Mai 2024, am Donnerstag, 7. und Freitag, 8. Dezember 2017
    ("de_range", re.compile(
        rf"\b{named(DAY, 'd1')}\.{DASH}(?:{named(WEEKDAY, 'w')},?\s*)?{named(DAY, 'd2')}\.\s*{named(MONTH, 'm')}"
        rf"(?:\s+{named(YEAR, 'y')})?")),
    # 2. Dezember 2019, 25. April
    ("de_single", re.compile(rf"\b{named(DAY, 'd')}\.\s*{named(MONTH, 'm')}(?:\s+{named(YEAR, 'y')})?")),
    # 29 November to 2 December 2011
    ("en_day_first_cross_month", re.compile(
        rf"\b{named(DAY, 'd1')}{ORDINAL}\s+{named(MONTH, 'm1')}{DASH}{named(DAY, 'd2')}{ORDINAL}\s+{named(MONTH, 'm2')}"
        rf"(?:,?\s+{named(YEAR, 'y')})?")),
    # April 30 – May 2, 2024; Monday, March 4-Thursday, March 7, 2019
    ("en_cross_month", re.compile(
        rf"\b{named(MONTH, 'm1')}\s+{named(DAY, 'd1')}{ORDINAL}{DASH}{THEN_WEEKDAY}"
        rf"{named(MONTH, 'm2')}\s+{named(DAY, 'd2')}{ORDINAL}"
        rf"(?:,?\s+{named(YEAR, 'y')})?")),
    # May 3–5, 2024; March, 4th to 7th, 2019
    ("en_range", re.compile(
        rf"\b{named(MONTH, 'm')},?\s+{named(DAY, 'd1')}{ORDINAL}{DASH}{named(DAY, 'd2')}{ORDINAL}\b"
        rf"(?:,?\s+{named(YEAR, 'y')})?")),
    # 3–5 May 2024
    ("en_day_first_range", re.compile(
        rf"\b{named(DAY, 'd1')}{ORDINAL}{DASH}{named(DAY, 'd2')}{ORDINAL}\s+(?:of\s+)?{named(MONTH, 'm')}"
        rf"(?:,?\s+{named(YEAR, 'y')})?")),
    # May 3, 2024
    ("en_single", re.compile(
        rf"\b{named(MONTH, 'm')}\s+{named(DAY, 'd')}{ORDINAL}\b(?!\.\d)(?:,?\s+{named(YEAR, 'y')})?")),
    # 3 May 2024, 3rd of May
    ("en_day_first", re.compile(
        rf"\b{named(DAY, 'd')}{ORDINAL}\s+(?:of\s+)?{named(MONTH, 'm')}(?:,?\s+{named(YEAR, 'y')})?")),
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    # [29.8.2019], 18.11.2022, 02.12.19
    ("numeric", re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d|\d\d)(?!\d|\.\d)")),
    # 5/3/2024 is read the American way: month first
    ("us_numeric", re.compile(r"(?<![\d/])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d\d)(?![\d/])")),
    # 28/05/2024: a first number over 12 can only be the day
    ("day_first_slash", re.compile(
        r"(?<![\d/])(?P<d>1[3-9]|2\d|3[01])/(?P<m>0?[1-9]|1[0-2])/(?P<y>(?:19|20)\d\d)(?![\d/])")),
    # November - Dezember 2017, March to May 2024
    ("month_range", re.compile(
        rf"\b{named(MONTH, 'm1')}{DASH}{named(MONTH, 'm2')},?\s+{named(YEAR, 'y')}")),
    # "Ende Juli bis Anfang August", "im November und Dezember": two months the text's date gives the year of
    ("month_range_open", re.compile(
        rf"\b(?:im|Im|in|In|von|Von|from|From|Anfang|Mitte|Ende|early|late|mid-)\s+{named(MONTH, 'm1')}{DASH}"
        rf"(?:(?:Anfang|Mitte|Ende|early|late|mid-)\s*)?{named(MONTH, 'm2')}(?![\w.]|\s+(?:19|20)\d\d)")),
    ("month_year", re.compile(rf"{named(MONTH, 'm')}\s+{named(YEAR, 'y')}")),
    ("season", re.compile(
        r"\b(?P<s>(?i:frühjahr|frühling|sommer|herbst|winter|spring|summer|autumn|fall))(?:\s+(?:of\s+)?"
        + named(YEAR, "y") + r")")),
    # "im Herbst nächsten Jahres", "im Frühjahr", "this fall": a season the text's date places in a year
    ("season_relative", re.compile(
        r"\b(?P<pre>im|Im|diesen|Diesen|kommenden|nächsten|Anfang|Ende|(?i:in the|this|next|last|early|late))\s+"
        r"(?P<s>(?i:frühjahr|frühling|sommer|herbst|winter|spring|summer|autumn|fall))\b"
        r"(?:\s+(?P<rel>(?:des\s+)?(?:nächsten|kommenden|folgenden|vergangenen|letzten)\s+Jahres|"
        r"(?:of\s+)?(?:next|last|this)\s+year))?")),
    # "Anfang des Monats", "earlier this month", "im vergangenen Monat": the month of the text's date or a neighbour
    ("month_relative", re.compile(
        r"\b(?:(?:Anfang|Mitte|Ende)\s+(?:des|dieses|(?P<prev1>letzten|vergangenen)|(?P<next1>nächsten|kommenden))"
        r"\s+Monats|(?:im|in diesem|diesen)\s+Monat\b|(?:im\s+)?(?P<prev2>vergangenen|letzten)\s+Monat\b|"
        r"(?:im\s+)?(?P<next2>nächsten|kommenden)\s+Monat\b|(?i:(?:earlier|later|early|late)\s+)?(?i:this)\s+month\b|"
        r"(?P<prev3>(?i:last)\s+month)\b|(?P<next3>(?i:next)\s+month)\b)")),
    # "this April", "im kommenden Mai", "last June": a month the text's date puts in a year
    ("month_of_year", re.compile(
        r"\b(?:(?i:this)|(?P<next1>(?i:next|coming))|(?P<prev1>(?i:last|past))|(?i:im|in)\s+(?:(?P<next2>kommenden|"
        rf"nächsten)|(?P<prev2>vergangenen|letzten|vorigen)))\s+{NOT_THE_VERB}{named(MONTH, 'm')}(?![\w.])")),
    # "im April dieses Jahres", "im Mai des vergangenen Jahres", "in June of last year"
    ("month_of_year", re.compile(
        rf"\b(?:(?i:im|in)\s+)?{named(MONTH, 'm')}\s+(?:dieses|(?:des\s+)?(?:(?P<nextyear1>nächsten|kommenden|"
        r"folgenden)|(?P<lastyear1>vergangenen|letzten|vorigen)))\s+Jahres\b")),
    ("month_of_year", re.compile(
        rf"\b(?:(?i:in)\s+)?{named(MONTH, 'm')}\s+of\s+(?:this|(?P<nextyear2>next)|(?P<lastyear2>last))\s+year\b")),
    ("month_only", re.compile(
        rf"\b(?:im|Im|in|In|Anfang|Mitte|Ende|early|late|mid-|during|this|next|last|nächsten|kommenden)\s+"
        rf"{NOT_THE_VERB}{named(MONTH, 'm')}(?![\w.])")),
    ("year_only", re.compile(
        r"(?:\b(?:im Jahre?|Im Jahre?|Bereits|bereits|schon|Schon)|(?:^|(?<=[.!?]\s))In)\s+"
        r"(?P<y>(?:19|20)\d\d)\b(?![.\d])")),
    # "von Mittwoch (24.1.) bis Donnerstag": a bracketed day without a year, its end given as a weekday
    ("bracketed_day_to_weekday", re.compile(
        rf"\b{named(WEEKDAY, 'w1')}\s*\(\s*(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.\s*\)"
        rf"\s*(?:bis|to|until)\s+(?:zum\s+)?{named(WEEKDAY, 'w2')}")),
    # "Do, 6.6.", "Donnerstag, 6.6.": a day and month after a weekday, as in a table
    ("weekday_day_month", re.compile(
        rf"\b(?:{named(WEEKDAY, 'w')}|{SHORT_WEEKDAY}),?\s*(?:de[nm]\s+)?(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?!\d)")),
    # "Mittwoch, 19.": a weekday and a day of the month, the month the nearest where they fall together
    ("weekday_day", re.compile(rf"\b{named(WEEKDAY, 'w')},?\s*(?:de[nm]\s+)?(?P<d>[0-3]?\d)\.(?![\d.])")),
    # "Am Abend des 12.03.", "am Morgen des 4.3.": a day and month in a time of day, the year left to the text's date
    ("daytime_day", re.compile(
        r"\b(?:Abend|Morgen|Vormittag|Nachmittag|Mittag)\s+des\s+(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?!\d)")),
    # "Am Donnerstag (25.1.)": a day and month in brackets, the year left to the text's date
    ("bracketed_day", re.compile(r"\(\s*(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.\s*\)")),
    # "in der zweiten Jahreshälfte", "im ersten Halbjahr 2024", "in the second half of the year"
    ("half_year", re.compile(
        r"\b(?:(?i:in der)\s+(?P<h1>ersten|zweiten)\s+Jahreshälfte|(?i:im)\s+(?P<h2>ersten|zweiten)\s+Halbjahr|"
        r"(?i:in the)\s+(?P<h3>first|second)\s+half\s+of)"
        r"(?:\s+(?:the\s+year\b|" + named(YEAR, "y") + r")|(?!\w))")),
    # "bei seinem Besuch des Havelfestes 2008", "Kieler Woche 2023": a year right after the name of an event
    ("event_year", re.compile(
        r"\b[A-ZÄÖÜ][\wäöüß-]*(?:fest|festes|festival|festivals|jubiläum|jubiläums|messe|woche|konferenz|gipfel|"
        r"tagung|kongress|forum|treffen|"
        r"Festival|Summit|Conference|Week)\s+(?P<y>(?:19|20)\d\d)\b(?![.\d/–-])")),
    # "Im vorigen Jahr", "last year", "im kommenden Jahr": the year before or after the text's date
    ("year_relative", re.compile(
        r"\b(?:(?i:im)\s+(?:(?P<prev1>vorigen|vergangenen|letzten)|(?P<next1>nächsten|kommenden|folgenden))\s+Jahr\b|"
        r"(?i:im)\s+(?P<prev2>Vorjahr)\b|(?P<prev3>(?i:last)\s+year)\b|(?P<next3>(?i:next)\s+year)\b)")),
    # "this weekend", "am kommenden Wochenende": Saturday and Sunday of the week the text's date names
    ("weekend", re.compile(
        r"\b(?:(?i:this)|(?P<next1>(?i:next))|(?P<prev1>(?i:last))|(?i:am|an diesem|dieses|diesem)"
        r"(?:\s+(?:(?P<next2>kommenden|nächsten)|(?P<prev2>vergangenen|letzten)))?|"
        r"(?i:das)\s+(?P<prev3>vergangene|letzte)|(?P<prev4>(?i:vergangenes|letztes)))\s+(?:weekend|Wochenende)\b")),
    ("last_week", re.compile(
        r"\b(?:in der vergangenen Woche|vergangene Woche|letzte Woche|last week|in der Vorwoche)\b")),
    # "über Pfingsten", "an Ostern 2024", "zu Christi Himmelfahrt": a feast the text's year (or its own) dates
    ("feast", re.compile(
        r"\b(?:(?:[Üü]ber|[Aa]n|[Zz]u|[Aa]m)\s+(?:(?:das|dem)\s+)?(?P<f>Ostern|Pfingsten|Osterwochenende|"
        r"Pfingstwochenende|Christi Himmelfahrt|Himmelfahrt|Fronleichnam)|(?P<f2>Ostern|Pfingsten))"
        rf"(?:\s+{named(YEAR, 'y')})?")),
]  # fmt: skip
# Days after Easter Sunday: the feast's first and last day.
FEASTS = {
    "ostern": (0, 1), "osterwochenende": (-1, 1), "pfingsten": (49, 50), "pfingstwochenende": (48, 50),
    "christi himmelfahrt": (39, 39), "himmelfahrt": (39, 39), "fronleichnam": (60, 60),
}  # fmt: skip


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def full_year(digits: str | None) -> int | None:
    if not digits:
        return None
    year = int(digits)
    return year + 2000 if year < 100 else year


Pair = tuple[PartialDate, PartialDate]
Groups = dict[str, str | None]


def _same(date: PartialDate) -> Pair:
    return date, date


def _day_of(date: dt.date) -> PartialDate:
    return PartialDate(date.year, date.month, date.day)


def _any(groups: Groups, prefix: str, count: int) -> bool:
    """Whether one of the alternatives `prev1`…`prevN` (or `next…`) matched."""
    return any(groups.get(f"{prefix}{number}") for number in range(1, count + 1))


def _year(groups: Groups) -> int | None:
    return full_year(groups.get("y"))


def _numeric_span(groups: Groups, reference: dt.date | None) -> Pair:
    year = _year(groups)
    first_year = full_year(groups.get("y1")) or year
    return (
        PartialDate(first_year, int(groups["m1"] or 0), int(groups["d1"] or 0)),
        PartialDate(year, int(groups["m2"] or 0), int(groups["d2"] or 0)),
    )


def _numeric_range(groups: Groups, reference: dt.date | None) -> Pair:
    year, month = _year(groups), int(groups["m"] or 0)
    return PartialDate(year, month, int(groups["d1"] or 0)), PartialDate(year, month, int(groups["d2"] or 0))


def _cross_month(groups: Groups, reference: dt.date | None) -> Pair:
    year = _year(groups)
    return (
        PartialDate(year, month_number(groups["m1"] or ""), int(groups["d1"] or 0)),
        PartialDate(year, month_number(groups["m2"] or ""), int(groups["d2"] or 0)),
    )


def _range(groups: Groups, reference: dt.date | None) -> Pair:
    year, month = _year(groups), month_number(groups["m"] or "")
    return PartialDate(year, month, int(groups["d1"] or 0)), PartialDate(year, month, int(groups["d2"] or 0))


def _single(groups: Groups, reference: dt.date | None) -> Pair:
    written = groups["m"] or ""
    month = int(written) if written.isdigit() else month_number(written)
    return _same(PartialDate(_year(groups), month, int(groups["d"] or 0)))


def _month_year(groups: Groups, reference: dt.date | None) -> Pair:
    return _same(PartialDate(_year(groups), month_number(groups["m"] or "")))


def _month_only(groups: Groups, reference: dt.date | None) -> Pair:
    return _same(PartialDate(None, month_number(groups["m"] or "")))


def _month_range(groups: Groups, reference: dt.date | None) -> Pair | None:
    first_month, last_month = month_number(groups["m1"] or ""), month_number(groups["m2"] or "")
    if last_month <= first_month:
        return None
    year = _year(groups)
    return PartialDate(year, first_month), PartialDate(year, last_month)


def _season_of(year: int, season: str) -> Pair:
    first_month, last_month = SEASONS[season.lower()]
    return PartialDate(year, first_month), PartialDate(year + 1 if last_month < first_month else year, last_month)


def _season(groups: Groups, reference: dt.date | None) -> Pair | None:
    year = _year(groups)
    return None if year is None else _season_of(year, groups["s"] or "")


def _relative_season_year(groups: Groups, reference: dt.date) -> int | None:
    relative = (groups.get("rel") or "").lower()
    if any(word in relative for word in ("nächsten", "kommenden", "folgenden", "next")):
        return reference.year + 1
    if any(word in relative for word in ("vergangenen", "letzten", "last")):
        return reference.year - 1
    if relative:
        return reference.year
    if (groups["pre"] or "").lower() in ("diesen", "this", "kommenden", "nächsten", "next"):
        # "this fall", "im kommenden Frühjahr": the next such season from the text's date.
        first_month, last_month = SEASONS[(groups["s"] or "").lower()]
        ends = dt.date(reference.year + (1 if last_month < first_month else 0), last_month, 28)
        return reference.year if reference <= ends else reference.year + 1
    return None  # "im Herbst", "in the summer": a season without a year is no date


def _season_relative(groups: Groups, reference: dt.date | None) -> Pair | None:
    year = None if reference is None else _relative_season_year(groups, reference)
    return None if year is None else _season_of(year, groups["s"] or "")


def _month_relative(groups: Groups, reference: dt.date | None) -> Pair | None:
    if reference is None:
        return None
    shift = -1 if _any(groups, "prev", 3) else 1 if _any(groups, "next", 3) else 0
    month_index = reference.year * 12 + reference.month - 1 + shift
    return _same(PartialDate(month_index // 12, month_index % 12 + 1))


def _year_alone(groups: Groups, reference: dt.date | None) -> Pair:
    return _same(PartialDate(_year(groups), None))


def _bracketed_day(groups: Groups, reference: dt.date | None) -> Pair:
    return _same(PartialDate(None, int(groups["m"] or 0), int(groups["d"] or 0)))


def _bracketed_day_to_weekday(groups: Groups, reference: dt.date | None) -> Pair | None:
    month, day = int(groups["m"] or 0), int(groups["d"] or 0)
    length = (WEEKDAYS[(groups["w2"] or "").lower()] - WEEKDAYS[(groups["w1"] or "").lower()]) % 7
    try:
        last_day = dt.date(2001 if (month, day) != (2, 29) else 2000, month, day) + dt.timedelta(days=length)
    except ValueError:
        return None
    if last_day.year != 2000 and last_day.year != 2001:
        return None  # over the turn of a year whose number the text does not give
    return PartialDate(None, month, day), PartialDate(None, last_day.month, last_day.day)


def _month_of_year(groups: Groups, reference: dt.date | None) -> Pair:
    month = month_number(groups["m"] or "")
    if reference is None:
        return _same(PartialDate(None, month))
    year = reference.year
    if _any(groups, "nextyear", 2) or (_any(groups, "next", 2) and month <= reference.month):
        year += 1  # "im Mai des nächsten Jahres"; "next May" written in May or later
    elif _any(groups, "lastyear", 2) or (_any(groups, "prev", 2) and month >= reference.month):
        year -= 1
    return _same(PartialDate(year, month))


def _weekday_day(groups: Groups, reference: dt.date | None) -> Pair | None:
    day = weekday_and_day(groups["w"] or "", int(groups["d"] or 0), reference)
    return None if day is None else _same(day)


def _half_year(groups: Groups, reference: dt.date | None) -> Pair | None:
    year = _year(groups) or (reference.year if reference else None)
    if year is None:
        return None
    second = (groups.get("h1") or groups.get("h2") or groups.get("h3") or "").lower() in ("zweiten", "second")
    return PartialDate(year, 7 if second else 1), PartialDate(year, 12 if second else 6)


def _year_relative(groups: Groups, reference: dt.date | None) -> Pair | None:
    if reference is None:
        return None
    return _same(PartialDate(reference.year + (-1 if _any(groups, "prev", 3) else 1), None))


def _weekend(groups: Groups, reference: dt.date | None) -> Pair | None:
    if reference is None:
        return None
    if isinstance(reference, KnownMonth):
        return _same(PartialDate(reference.year, reference.month))
    shift = -7 if _any(groups, "prev", 4) else 7 if _any(groups, "next", 2) else 0
    # The weekend of the text's week; written on a Sunday, "this weekend" is the one ending that day.
    saturday = reference + dt.timedelta(days=5 - reference.weekday() + shift)
    return _day_of(saturday), _day_of(saturday + dt.timedelta(days=1))


def _last_week(groups: Groups, reference: dt.date | None) -> Pair | None:
    if reference is None:
        return None
    if isinstance(reference, KnownMonth):
        return _same(PartialDate(reference.year, reference.month))
    monday = reference - dt.timedelta(days=reference.weekday() + 7)
    return _day_of(monday), _day_of(monday + dt.timedelta(days=6))


def _feast(groups: Groups, reference: dt.date | None) -> Pair | None:
    if groups["f2"] and not groups["y"]:
        return None  # "Pfingsten" alone, without "über" or a year, may be "nach Pfingsten"
    year = _year(groups) or (reference.year if reference else None)
    if year is None:
        return None
    easter_sunday = easter(year)
    feast = (groups["f"] or groups["f2"] or "").lower()
    first_day, last_day = (easter_sunday + dt.timedelta(days=offset) for offset in FEASTS[feast])
    return _day_of(first_day), _day_of(last_day)


# How each form of PATTERNS becomes its first and last day: None where the match is no date after all, or needs a
# reference date the text does not have.
CONVERTERS: dict[str, Callable[[Groups, dt.date | None], Pair | None]] = {
    "numeric_span": _numeric_span,
    "numeric_range": _numeric_range,
    "de_cross_month": _cross_month,
    "en_cross_month": _cross_month,
    "en_day_first_cross_month": _cross_month,
    "de_range": _range,
    "en_range": _range,
    "en_day_first_range": _range,
    **dict.fromkeys(("de_single", "en_single", "en_day_first", "iso", "numeric", "us_numeric", "day_first_slash"),
                    _single),
    "month_year": _month_year,
    "month_only": _month_only,
    "month_range": _month_range,
    "month_range_open": _month_range,
    "season": _season,
    "season_relative": _season_relative,
    "month_relative": _month_relative,
    "year_only": _year_alone,
    "event_year": _year_alone,
    "bracketed_day": _bracketed_day,
    "weekday_day_month": _bracketed_day,
    "daytime_day": _bracketed_day,
    "weekday_day": _weekday_day,
    "month_of_year": _month_of_year,
    "bracketed_day_to_weekday": _bracketed_day_to_weekday,
    "half_year": _half_year,
    "year_relative": _year_relative,
    "weekend": _weekend,
    "last_week": _last_week,
    "feast": _feast,
}  # fmt: skip


def from_match(form: str, match: re.Match[str], reference: dt.date | None) -> Pair | None:
    return CONVERTERS[form](match.groupdict(), reference)


def with_year(date: PartialDate, reference: dt.date | None) -> PartialDate:
    """Give a year-less date the year that puts it nearest the text's own date."""
    if date.year is not None or reference is None or date.month is None:
        return date
    best: PartialDate | None = None
    best_distance = 10**9
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidate = dt.date(year, date.month, date.day or 15)
        except ValueError:
            continue
        distance = abs((candidate - reference).days)
        if distance < best_distance:
            best, best_distance = PartialDate(year, date.month, date.day), distance
    return best or date


def find_dates(text: str, reference: dt.date | None = None) -> list[DateMention]:
    """Every date expression, longest first where they overlap, years filled in from `reference`."""
    found: list[DateMention] = []
    taken = Taken()
    for form, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if taken.overlaps(*match.span()):
                continue
            parsed = from_match(form, match, reference)
            if parsed is None or not all(valid(part) for part in parsed):
                continue
            for start, end, (first, last) in as_listed(form, match, over_the_turn_of_the_year(form, parsed)):
                found.append(DateMention(start, end, with_year(first, reference), with_year(last, reference), form))
            taken.add(*match.span())
    found.extend(weekday_dates(text, reference, taken))
    found.sort(key=lambda mention: mention.start)
    return found if reference is not None else with_the_texts_years(found, text)


def over_the_turn_of_the_year(form: str, parsed: Pair) -> Pair:
    """A range whose end lacks a year shares the start's, and "30. Dezember bis 2. Januar 2024" spans years."""
    first, last = parsed
    if "cross_month" in form and first.year is not None and (last.month or 0) < (first.month or 0):
        return PartialDate(first.year - 1, first.month, first.day), last
    return parsed


# Forms that name two days: joined by "bis" or a dash they are a range, joined by "und" perhaps two dates.
PAIRS = {
    "numeric_span", "numeric_range", "de_cross_month", "de_range", "en_day_first_cross_month", "en_cross_month",
    "en_range", "en_day_first_range",
}  # fmt: skip
CONJUNCTION = re.compile(r"\b(?:und|and)\b|&")
BETWEEN_BEFORE = re.compile(r"\b(?:zwischen|between)\s+(?:dem\s+|the\s+)?$", re.I)


def as_listed(form: str, match: re.Match[str], parsed: Pair) -> list[tuple[int, int, Pair]]:
    """ "3. Mai und 17. Juni", "am 3. und 17. Mai", "May 3 and 17": two days joined by "und"/"and" are two dates,
    each where the text names it; only days that follow each other ("21. und 22. April") or that "zwischen"/"between"
    joins are one period."""
    if form not in PAIRS or one_after_another(parsed):
        return [(*match.span(), parsed)]
    groups = match.groupdict()
    first_end = max(match.end(name) for name in ("d1", "m1", "y1") if groups.get(name))
    second_start = min(
        match.start(name) for name in ("w", "d2", "m2") if groups.get(name) and match.start(name) >= first_end
    )
    between = BETWEEN_BEFORE.search(match.string[max(0, match.start() - 20) : match.start()])
    if between or not CONJUNCTION.search(match.string, first_end, second_start):
        return [(*match.span(), parsed)]
    first, last = parsed
    return [(match.start(), first_end, (first, first)), (second_start, match.end(), (last, last))]


def one_after_another(parsed: Pair) -> bool:
    first, last = parsed
    try:
        start = dt.date(first.year or 2001, first.month or 1, first.day or 1)
        end = dt.date(last.year or first.year or 2001, last.month or 1, last.day or 1)
    except ValueError:
        return True
    if end < start:
        end = dt.date(end.year + 1, end.month, min(end.day, 28))  # "30. Dezember und 2. Januar" without a year
    return (end - start).days <= 1
