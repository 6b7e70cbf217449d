"""Weekdays reckoned from the text's own date: "am Mittwoch", "on Monday", "Mittwoch, 19.".

A weekday alone names the nearest such day around the day the text was written. Which side of it, the words
decide: "kommenden"/"next" after it, "vergangenen"/"last" before it; otherwise the sentence's tense: a report in
the past ("fand … statt", "met", "wurde … unterzeichnet") the day on or before the text's date, and anything else
(an announcement, the present that German and English news use for what is to come) the day on or after it. A
weekday with the day of the month ("Mittwoch, 19.") is the nearest day that is both. A text dated to its month
only gives that month; a text without a date gives none.
"""

from __future__ import annotations

import datetime as dt
import re

from .datetypes import DateMention, KnownMonth, PartialDate, Taken
from .sentences import sentence_bounds

WEEKDAY = (
    r"(?P<{}>(?i:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday))"
)
WEEKDAYS = {
    "montag": 0, "monday": 0, "dienstag": 1, "tuesday": 1, "mittwoch": 2, "wednesday": 2, "donnerstag": 3,
    "thursday": 3, "freitag": 4, "friday": 4, "samstag": 5, "sonnabend": 5, "saturday": 5, "sonntag": 6, "sunday": 6,
}  # fmt: skip
# "Mo, 3. Juni", "Do, 6.6.": the short forms of a table or a programme.
SHORT_WEEKDAY = r"(?:Mo|Di|Mi|Do|Fr|Sa|So|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
# Part of a day: "am Mittwochabend".
DAYTIME = r"(?:abend|morgen|mittag|nachmittag|vormittag)?"

MONTH_WORD = (
    r"(?i:januar|jänner|january|februar|february|märz|maerz|march|april|mai|may|juni|june|juli|july|august|"
    r"september|oktober|october|november|dezember|december|jan|feb|mär|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|"
    r"dez|dec)\b"
)
NEXT = r"kommenden|nächsten|(?i:next|coming)"
PREVIOUS = r"vergangenen|letzten|(?i:last|past)"
# "am Mittwoch", "on Monday", "am kommenden Montag", "last Wednesday", "arrived Monday": not "jeden Montag", not
# "Mittwochs", and not a weekday that a date follows ("Montag, 10. Juni", "Monday (10.6.)"): that date is the one named.
ALONE = re.compile(
    rf"\b(?:(?i:am|an|on|this|diesen|diesem)\s+(?:(?P<next>{NEXT})\s+|(?P<previous>{PREVIOUS})\s+)?|"
    rf"(?P<next2>(?i:{NEXT}))\s+|(?P<previous2>(?i:{PREVIOUS}))\s+|"
    # right after an English verb in the past: "arrived Monday", "met Tuesday"
    r"(?<=[a-z]ed )|(?<=\bmet )|(?<=\bheld )|(?<=\bleft )|(?<=\bcame )|(?<=\bwent )|(?<=\bbegan ))"
    + WEEKDAY.format("w")
    + DAYTIME
    + r"\b(?![\s,]*(?:den\s+|dem\s+|the\s+)?(?:\(|\d|"
    + MONTH_WORD
    + r"))"
)
FUTURE = re.compile(
    r"\b(?:wird|werden|will|wollen|soll|sollen|plant|planen|geplant|lädt|laden|kommenden|nächsten|demnächst|"
    r"shall|going to|plans?|planned|upcoming|invited|invites?)\b",
    re.I,
)
PAST = re.compile(
    r"\b(?:war|waren|fand|fanden|hatte|hatten|wurde|wurden|hat|haben|traf|trafen|kam|kamen|gab|ging|gingen|"
    r"empfing|empfingen|nahm|nahmen|sprach|sprachen|stattgefunden|gestern|"
    r"was|were|had|did|met|held|took|gave|came|went|spoke|began|led|brought|saw|yesterday|[a-z]{3,}ed)\b"
)
# "Am Montag besichtigten die Gäste": the verb right after the weekday, in the past of a regular German verb.
PRETERITE_AFTER = re.compile(r"\s+[a-zäöü][a-zäöüß]*(?:te|ten)\b")


def day_of(date: dt.date) -> PartialDate:
    return PartialDate(date.year, date.month, date.day)


def weekday_dates(text: str, reference: dt.date | None, taken: Taken) -> list[DateMention]:
    """The weekdays alone in the text, as days, where they overlap no date found before."""
    if reference is None:
        return []
    found = []
    for match in ALONE.finditer(text):
        if taken.overlaps(*match.span()):
            continue
        sentence_start, sentence_end = sentence_bounds(text, match.start())
        day = weekday_alone(match, text[sentence_start:sentence_end], reference)
        found.append(DateMention(match.start(), match.end(), day, day, "weekday"))
    return found


def weekday_alone(match: re.Match[str], sentence: str, reference: dt.date) -> PartialDate:
    if isinstance(reference, KnownMonth):
        return PartialDate(reference.year, reference.month)
    weekday = WEEKDAYS[match.group("w").lower()]
    ahead = (weekday - reference.weekday()) % 7
    if match.group("next") or match.group("next2"):
        return day_of(reference + dt.timedelta(days=ahead or 7))
    if match.group("previous") or match.group("previous2"):
        return day_of(reference - dt.timedelta(days=(7 - ahead) % 7 or 7))
    past = PAST.search(sentence) or PRETERITE_AFTER.match(match.string, match.end())
    if past and not FUTURE.search(sentence):
        return day_of(reference - dt.timedelta(days=(7 - ahead) % 7))
    return day_of(reference + dt.timedelta(days=ahead))


def weekday_and_day(weekday: str, day: int, reference: dt.date | None) -> PartialDate | None:
    """ "Mittwoch, 19.": the day of that number nearest the text's date, within half a year, that falls on that
    weekday."""
    if reference is None:
        return None
    if isinstance(reference, KnownMonth):
        return PartialDate(reference.year, reference.month)
    month_index = reference.year * 12 + reference.month - 1
    for shift in (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6):
        year, month = divmod(month_index + shift, 12)
        try:
            candidate = dt.date(year, month + 1, day)
        except ValueError:
            continue
        if candidate.weekday() == WEEKDAYS[weekday.lower()]:
            return day_of(candidate)
    return None
