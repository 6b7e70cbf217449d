"""A text's own date: the day (or month) it was written, as its dateline, label or brackets give it.

"Pressemitteilung vom 18.11.2022", a line that is only a date, "[29.8.2019]", "(DI, 25. April 2023)"; where no
day is given, "June, 2016" or "Datum: 2018-09". Relative dates in the text ("in der vergangenen Woche") are
reckoned from it.
"""

from __future__ import annotations

import datetime as dt
import re

from .dates import MONTH, YEAR, DateMention, PartialDate, find_dates, month_number, named
from .kinds import names_an_occasion

PUBLICATION_CUES = [
    re.compile(
        r"(?:Pressemitteilung|Pressemeldung|Pressemitteilungen|Meldung|Veröffentlicht|veröffentlicht|Erschienen|"
        r"erschienen|Datum|Date|date|Published|Posted|posted|Released|Press release|Stand)(?:\s+(?:am|vom|on|:))?:?\s*",
    ),
]
DATE_ONLY_LINE = re.compile(
    r"^\s*[\[(]?\s*(?:(?:Mo|Di|Mi|Do|Fr|Sa|So|MO|DI|MI|DO|FR|SA|SO|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|"
    r"Samstag|Sonntag|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\.?,?\s*)?(?P<date>[^\n|]{6,30}?)\s*[\])]?\s*"
    r"(?:,?\s*(?:um\s+|at\s+)?\d{1,2}[:.]\d{2}\s*(?:Uhr|h|am|pm|a\.m\.|p\.m\.)?)?\s*(?:\|[^\n]*)?$"
)
BRACKETED_DATE = re.compile(
    r"[\[(]\s*(?:[A-Za-z]{2,10}\.?,\s*)?(?P<date>[0-3]?\d\.\s*(?:[01]?\d\.|\w+\s)\s*(?:19|20)\d\d)\s*[\])]"
)


def full_dates(text: str) -> list[DateMention]:
    return [mention for mention in find_dates(text) if mention.first.day is not None and mention.has_year]


def publication_date(lines: list[str]) -> dt.date | None:
    """The text's own date: a labelled date ("Pressemitteilung vom …"), a line that is only a date (perhaps with
    the time: "10. September 2014, 14:48 Uhr"), or a bracketed date ("[29.8.2019]", "(DI, 25. April 2023)")."""
    for finder in (_labelled_date, _date_alone_on_its_line, _bracketed_date):
        for line in lines:
            found = finder(line)
            if found is not None:
                return to_date(found)
    return None


def _labelled_date(line: str) -> PartialDate | None:
    for cue in PUBLICATION_CUES:
        for match in cue.finditer(line):
            dates = full_dates(line[match.end() : match.end() + 40])
            if dates and dates[0].start == 0:
                return dates[0].first
    return None


def _date_alone_on_its_line(line: str) -> PartialDate | None:
    alone = DATE_ONLY_LINE.match(line)
    if not alone or names_an_occasion(line[alone.end("date") :]):
        return None  # "12.05.2024 | Workshop Stadtumbau | Leipzig": a line of a table of events
    dates = full_dates(alone.group("date"))
    if dates and dates[0].first != dates[0].last:
        return None  # "13.07.2019 bis 27.07.2019": a period, when the event is, not when the text was written
    if dates and dates[0].start == 0 and dates[0].end >= len(alone.group("date").rstrip(" ]).")) - 1:
        return dates[0].first
    return None


def _bracketed_date(line: str) -> PartialDate | None:
    bracketed = BRACKETED_DATE.search(line)
    dates = full_dates(bracketed.group("date")) if bracketed else []
    return dates[0].first if dates else None


MONTH_LINE = re.compile(named(MONTH, "m") + r",?\s+" + named(YEAR, "y") + r"\s*$")
ISO_MONTH = re.compile(named(YEAR, "y").replace(r"\b", "") + r"-(?P<n>0[1-9]|1[0-2])\b(?!-\d)")


def publication_month(lines: list[str]) -> str | None:
    """A page's date when it gives no day: a line that is only a month and year ("June, 2016"), or a labelled
    month ("Datum: 2018-09")."""
    for line in lines[:15]:
        match = MONTH_LINE.match(line.strip())
        if match:
            return f"{int(match.group('y')):04d}-{month_number(match.group('m')):02d}"
        for cue in PUBLICATION_CUES:
            for labelled in cue.finditer(line):
                iso = ISO_MONTH.match(line, labelled.end())
                if iso:
                    return f"{iso.group('y')}-{iso.group('n')}"
    return None


def to_date(date: PartialDate) -> dt.date | None:
    if date.year is None or date.month is None or date.day is None:
        return None
    return dt.date(date.year, date.month, date.day)
