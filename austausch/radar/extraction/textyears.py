"""The year a text without a date of its own gives its year-less dates: the year of the full date before them,
the year their sentence names, or the year the whole text reports on; never the year a partnership was founded
("seit 1996", "founded in 1996"), which dates no event the text reports."""

from __future__ import annotations

import re
from collections import Counter

from .datetypes import DateMention, PartialDate, Taken
from .sentences import sentence_bounds

OPENING = 300  # characters: the headline and the first sentence or two
BARE_YEAR = re.compile(r"(?<![\d./-])(?:19|20)\d\d(?!\d|[./-]\d)")
# "seit 1996", "founded in 1996", "since 1996", "die 1996 gegründete Partnerschaft": when a partnership began.
FOUNDED_BEFORE = re.compile(
    r"\b(?:seit|since|gegründet|founded|established|begründet|besiegelt)(?:\s+(?:in|im\s+Jahr(?:e)?|im))?\s*$", re.I
)
FOUNDED_AFTER = re.compile(r"\s*(?:gegründet|begründet|besiegelt|ins Leben gerufen)", re.I)


def bare_years(text: str, start: int, end: int, dates: Taken) -> list[re.Match[str]]:
    """The years text[start:end] names outside its dates, but for a partnership's founding."""
    return [
        match
        for match in BARE_YEAR.finditer(text, start, end)
        if not dates.holds(match.start())
        and not FOUNDED_BEFORE.search(text, max(0, match.start() - 30), match.start())
        and not FOUNDED_AFTER.match(text, match.end())
    ]


def the_texts_year(text: str, dates: Taken) -> str | None:
    """The year a text reports on: the one year it names at all ("study tours in conjunction with the 2013 ICMA
    conference", a caption "Fellows 2013"), or a year it names again and again, more often than all others together
    ("virtual meetings in 2020 … USA 2020 …", not the year of a visit named once)."""
    named = bare_years(text, 0, len(text), dates)
    counts = Counter(match.group() for match in named)
    if len(counts) == 1:
        return named[0].group()
    if counts:
        (year, times), *_ = counts.most_common(1)
        if times >= 2 and times > sum(counts.values()) - times:
            return year
    return None


def with_years(mention: DateMention, year: int) -> DateMention:
    turns = (mention.last.month or 0) < (mention.first.month or 0)
    return DateMention(
        mention.start,
        mention.end,
        PartialDate(year, mention.first.month, mention.first.day),
        PartialDate(year + turns, mention.last.month, mention.last.day),
        mention.form,
    )


def with_the_texts_years(found: list[DateMention], text: str) -> list[DateMention]:
    """Without a date of the text, a year-less date takes the one year its sentence names by itself ("On September
    23, six experts arrived for the 2017 McCloy Mission"), else the year of the last full date before it ("29. April
    – 9. Mai 2017 … 3. November – 13. November"), else the year the whole text reports on."""
    dates = Taken([(mention.start, mention.end) for mention in found if mention.first.month is not None])
    reported = the_texts_year(text, dates)
    dated: list[DateMention] = []
    last_year: int | None = None
    for mention in found:
        if mention.first.month is None:
            dated.append(mention)
            continue
        if mention.first.year is not None:
            last_year = mention.last.year
            dated.append(mention)
            continue
        sentence_start, sentence_end = sentence_bounds(text, mention.start)
        years = {match.group() for match in bare_years(text, sentence_start, sentence_end, dates)}
        year = int(years.pop()) if len(years) == 1 else last_year or (int(reported) if reported else None)
        dated.append(mention if year is None else with_years(mention, year))
    return dated
