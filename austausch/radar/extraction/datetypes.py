"""The parts of a date the radar reads: a date to the precision the text gives, where the text mentions it, and
the text's own date that year-less and relative dates are reckoned from."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class PartialDate:
    year: int | None
    month: int | None
    day: int | None = None

    def iso(self) -> str:
        if self.year is None:
            if self.month is None:
                return ""
            return f"--{self.month:02d}-{self.day:02d}" if self.day else f"--{self.month:02d}"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    first: PartialDate
    last: PartialDate
    form: str
    began_at: int | None = None  # where the text gives the first day of a range joined from two mentions

    @property
    def has_year(self) -> bool:
        return self.first.year is not None


def valid(date: PartialDate) -> bool:
    if date.month is not None and not 1 <= date.month <= 12:
        return False
    if date.day is not None:
        try:
            dt.date(date.year or 2000, date.month or 1, date.day)
        except ValueError:
            return False
    return True


class Taken:
    """Spans of the text that do not overlap, sorted, so that whether a new one overlaps them costs a look-up and
    not a pass over all of them (a long text holds thousands of dates)."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans or []):
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        index = bisect_left(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)

    def overlaps(self, start: int, end: int) -> bool:
        # Without overlaps the ends are sorted too: only the last span starting before `end` can reach `start`.
        index = bisect_left(self.starts, end) - 1
        return index >= 0 and self.ends[index] > start and self.starts[index] < end

    def holds(self, offset: int) -> bool:
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]


class KnownMonth(dt.date):
    """A text's date known only to its month ("2016-06"): its middle day, for telling earlier from later; a day
    reckoned from it ("am Wochenende") is known only to that month too."""


def parse_iso(value: str | None) -> dt.date | None:
    """A reference date from ISO 8601; a month alone ("2016-06") stands for its middle."""
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return KnownMonth(int(value[:4]), int(value[5:]), 15)
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
