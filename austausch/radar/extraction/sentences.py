"""Sentences in a text, as character offsets: where the sentence around a position starts and ends.

Dates, events and towns each look at the sentence a mention stands in; this is their one way of finding it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

SENTENCE_END = re.compile(r"[.!?][\"“”»)]?\s+(?=[A-ZÄÖÜ\"„“\[])|\n+")
# A full stop after these closes an abbreviation or an ordinal ("Dr. Lara", "21. April"), not a sentence.
# A year is no ordinal: "signed on October 3, 1990. Lord Mayor …" ends a sentence.
NOT_SENTENCE_END = re.compile(
    r"(?:\b(?:Dr|Prof|St|Nr|ca|vgl|bzw|Abs|Art|Mr|Ms|Mrs|Jr|Sr|Co|No|Inc|[A-Z])|(?<!\d)\d{1,3})$"
)


@lru_cache(maxsize=16)
def sentence_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    for match in SENTENCE_END.finditer(text):
        closes_abbreviation = NOT_SENTENCE_END.search(text[max(0, match.start() - 6) : match.start()])
        if match.group().startswith("\n") or not closes_abbreviation:
            starts.append(match.end())
    return tuple(starts)


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    starts = sentence_starts(text)
    index = bisect_right(starts, position) - 1
    return starts[index], (starts[index + 1] if index + 1 < len(starts) else len(text))
