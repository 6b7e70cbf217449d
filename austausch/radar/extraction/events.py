"""Events: a word naming a kind of event and a date in the same sentence, with the town where it happens."""

from __future__ import annotations

import datetime as dt
import re

from .dates import DateMention, PartialDate, find_dates
from .kinds import CEREMONY, KIND_ORDER, KINDS, kind_cues
from .sentences import sentence_bounds
from .towns import Mention
from .weekdays import SHORT_WEEKDAY, WEEKDAYS

# "heute (9. Oktober 2025)", "Oestrich-Winkel, den 13. April 2023 –": when it was said or written.
# "Mittwoch, 19.", "Mo, 3. Juni": a weekday before a date is no dateline's place.
DATELINE = re.compile(
    r"^\s*(?!(?:(?i:"
    + "|".join(WEEKDAYS)
    + ")|"
    + SHORT_WEEKDAY
    + r"),)[A-ZÄÖÜ][\w .'’/-]{1,40},\s*(?:den\s+|the\s+)?$"
)
NOT_EVENT_BEFORE = re.compile(r"(?:\b(?:Stand|as of|updated|aktualisiert)\W*|(?<!tag)(?<!och)(?<!end), den\s*)$", re.I)
# "Veröffentlicht am 12.09.2023", "Posted on …", " date 2023-09-12 This October …": when the text was published.
PUBLISHED_BEFORE = re.compile(
    r"^\s*(?:(?:Veröffentlicht|Erschienen|Published|Posted)(?:\s+(?:am|on))?\s*:?|date)\s*$", re.I
)
# "sagte … heute (9. Oktober 2025)" dates what was said; "empfing … heute (13.10.) vier Gäste" an event.
TODAY_BEFORE = re.compile(r"\b(?:heute|today)\W*$", re.I)
SAYING = re.compile(r"\b(?:sagt\w*|erklärt\w*|betont\w*|teilt\w* mit|mitgeteilt|said|says|announced|told)\b", re.I)
# "said on Tuesday that the visit …", "sagte am Dienstag, der Besuch …": the day of the saying, not of the visit.
SAID_BEFORE = re.compile(r"\b(?:sagte\w*|erklärte\w*|betonte\w*|said|announced|told)\s+(?:(?:am|on)\s+)?$", re.I)
# "nach dem ursprünglich geplanten Termin im Jahr 2020": a date that did not happen.
NOT_HELD_BEFORE = re.compile(r"\b(?:ursprünglich|eigentlich|originally)\b[^.!?\n\d]{0,40}$", re.I)
# "findet jeweils im Herbst statt", "every spring": a habit, not one event.
HABITUAL_BEFORE = re.compile(
    r"\b(?:jeweils|jedes Jahr|jährlich|alljährlich|every|each year|annually)\b[^.!?\n]{0,25}$", re.I
)
# "bereist … bis zum 9. Juli": the date ends something whose start the text gives elsewhere.
UNTIL_BEFORE = re.compile(
    r"\b(?:bis(?:\s+(?:zum|einschließlich))?|until|through|till)\s*"
    r"(?:(?:" + "|".join(WEEKDAYS) + r"),?\s*(?:den\s+)?)?$",
    re.I,
)
# "returned to Wesel, Germany on April 18", "Until their departure Sunday, July 28": the last day of a stay.
RETURN_BEFORE = re.compile(
    r"\b(?:return(?!\s+visit)|returned|returning|departure|Abreise|Rückreise|Rückflug|Heimreise)\b[^.!?\n\d]{0,40}$",
    re.I,
)
# "arrived in Sierra Vista April 6", "vor seinem Abflug am Sonntag, 19. Juni": the first day of a stay.
ARRIVAL_BEFORE = re.compile(r"\b(?:arriv\w+|Ankunft|Anreise|Abflug|angekommen|eingetroffen)\b[^.!?\n\d]{0,40}$", re.I)
# "Am Donnerstag, den 6. Juli kamen 18 Schüler … in Seligenstadt an", "on May 3 the guests arrived": the verb after it.
ARRIVAL_AFTER = re.compile(
    r"[^.!?\n]{0,120}?\b(?:(?:kam|kamen|trafen|traf)\b[^.!?\n]{0,150}\ban\b|arrived\b|angekommen\b|eingetroffen\b)"
)
# "Application deadline is March 16", "Anmeldeschluss: 5. Mai": a date to act by, not an event.
DEADLINE_BEFORE = re.compile(
    r"\b(?:deadline|Frist|Anmeldeschluss|Bewerbungsschluss|Einsendeschluss|Anmeldung bis|apply by)\b"
    r"[^.!?\n]{0,25}$",
    re.I,
)
# "Im vorigen Jahr fand diese Konferenz … statt": a year told relative to the text's date is an event's only
# when the sentence says something took place then ("im letzten Jahr neu gewählt" is not one).
TOOK_PLACE = re.compile(r"\b(?:fand|fanden|stattgefunden|statt|took place|was held|were held|hosted)\b", re.I)
# "Date: Tuesday, January 23, 2024", "Termin: 5. Mai": the date of what the text announces, named in its title.
DATE_LABEL = re.compile(r"^\s*(?:Date|When|Datum|Termin|Wann)\s*:\s*(?:[A-Za-z]+,?\s+)?$", re.I)
WEEKDAY_FIRST = re.compile(r"^(?i:" + "|".join(WEEKDAYS) + r"),?\s*")
JOIN_DISTANCE = 600
JOIN_DAYS = 60
# A paragraph: a sentence of eight words or more.
PROSE = re.compile(r"^(?:\S+\s+){7,}\S*[.!?]$")
PLACE_BEFORE = re.compile(r"\b(?:in|nach|to|at|im|in der|in die)\s+(?:der |die |den |the )?(?:[\w-]+\s+){0,3}$", re.I)


def listed_under_heading(text: str, line_start: int, line: str) -> list[Cue]:
    """ "Drei Workshops fanden statt:\n\n12. März 2023 in Leipzig", "Four workshops were carried out:\n\nOctober
    2011:\nRuhrregion": a dated item of a list takes its kind from the heading the list stands under (the nearest
    line above ending in a colon that is no dated item itself), unless a paragraph of prose ends the list first."""
    if len(line) > 40:
        return []
    lines_before = last_lines(text, line_start, 12)
    for index in range(len(lines_before) - 1, -1, -1):
        heading = lines_before[index].strip()
        if PROSE.search(heading):
            return []
        if heading.endswith(":") and not any(date.first.month for date in find_dates(heading)):
            offset = line_start - len("\n".join(lines_before[index:])) - 1
            return kind_cues(heading, max(0, offset))
    return []


def last_lines(text: str, end: int, count: int) -> list[str]:
    """The last `count` lines of text[:end] without its trailing white space, found from `end` backwards: a long
    text has thousands of lines, and splitting all that came before at each one costs the square of its length."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    for _ in range(count):
        start = text.rfind("\n", 0, start)
        if start < 0:
            break
    return text[start + 1 : end].split("\n")


def as_date(date: PartialDate) -> dt.date | None:
    if date.month is None or date.day is None:
        return None
    return dt.date(date.year or 2000, date.month, date.day)


def with_open_ends_joined(text: str, dates: list[DateMention]) -> list[DateMention]:
    """ "bereist bis zum 9. Juli die USA … vor seinem Abflug am Sonntag, 19. Juni", "arrived March 27 and returned
    … on April 18": a date that only ends something is joined with the day it began: a day of arrival within a
    few paragraphs, else the nearest single day shortly before it, in the text within a few sentences."""
    joined = list(dates)
    for date in dates:
        before = text[max(0, date.start - 60) : date.start]
        if (
            date not in joined
            or date.first != date.last
            or not (UNTIL_BEFORE.search(before[-25:]) or RETURN_BEFORE.search(before))
        ):
            continue
        end = as_date(date.last)
        if end is None:
            continue
        candidates = []
        for other in joined:
            other_day = as_date(other.first)
            if other is date or other.first != other.last or other_day is None or other.has_year != date.has_year:
                continue
            if not 0 < (end - other_day).days <= JOIN_DAYS:
                continue
            distance = abs(other.start - date.start)
            if arrival(text, other) and distance <= 3 * JOIN_DISTANCE:
                candidates.append((0, distance, other))
            elif distance <= JOIN_DISTANCE:
                candidates.append((1, distance, other))
        if not candidates:
            continue
        *_, partner = min(candidates, key=lambda candidate: candidate[:2])
        joined[joined.index(date)] = DateMention(
            date.start, date.end, partner.first, date.last, date.form, began_at=partner.start
        )
        joined.remove(partner)
    return joined


def arrival(text: str, date: DateMention) -> bool:
    """Whether the date is the day someone arrived, named before it or by the verb of its sentence."""
    before = text[max(0, date.start - 60) : date.start]
    return bool(ARRIVAL_BEFORE.search(before) or ARRIVAL_AFTER.match(text, date.end))


def near(date: DateMention, reference: dt.date | None, years: int = 1) -> bool:
    """Within a year or so of the text's own date (or the text has none): news, not history ("signed on
    October 3, 1990")."""
    day = as_date(date.first)
    if reference is None or day is None or not date.has_year:
        return True
    return abs((day - reference).days) <= 366 * years


Cue = tuple[int, int, int, str]  # (priority, start, end, kind), as kind_cues gives them


def find_events(
    text: str, dates: list[DateMention], towns: list[Mention], reference: dt.date | None = None
) -> list[dict]:
    events: list[dict] = []
    # Without the text's own date, its latest full date tells when it was written, near enough.
    latest = [day for day in (as_date(date.last) for date in dates if date.has_year) if day is not None]
    reference = reference or (max(latest) if latest else None)
    for date in with_open_ends_joined(text, dates):
        if no_event(text, date):
            continue
        start, end = sentence_bounds(text, date.start)
        if only_said(text, date, text[start:end]):
            continue
        line_start, line = line_of(text, date)
        cues = (
            cues_in_sentences(text, date, start, end)
            or cues_around_the_line(text, date, end, line_start, line)
            or cues_of_a_trip_or_a_list(text, date, (start, end), towns, reference, line_start, line)
        )
        if not cues:
            continue
        _, cue_start, cue_end, kind = min(cues)
        if kind == CEREMONY:
            if not near(date, reference, years=2):
                continue
            kind = "meeting"
        add_event(events, kind, [cue_start, cue_end], date, event_place(text, start, end, towns))
    return without_months_of_days(without_days_of_ranges(events))


def no_event(text: str, date: DateMention) -> bool:
    """A date that dates no event by the words before it: a day something was said, the text's own date, a habit,
    a plan that fell through, a deadline, a dateline."""
    if date.first.month is None and date.first.year is None:
        return True
    line_before = text[text.rfind("\n", 0, date.start) + 1 : date.start]
    return bool(
        # "sagte … heute (9. Oktober 2025)": the day something was said, not an event.
        NOT_EVENT_BEFORE.search(text[max(0, date.start - 12) : date.start])
        or PUBLISHED_BEFORE.search(line_before)
        or HABITUAL_BEFORE.search(text[max(0, date.start - 40) : date.start])
        or NOT_HELD_BEFORE.search(text[max(0, date.start - 60) : date.start])
        or DEADLINE_BEFORE.search(text[max(0, date.start - 40) : date.start])
        # "Bonn, 1 December 2023. …": a dateline, the day the text was written; "Darmstadt, 12. bis 15. März
        # 2018. Das Netzwerktreffen …" dates the event the text reports.
        or (date.first == date.last and DATELINE.search(line_before))
    )


def only_said(text: str, date: DateMention, sentence: str) -> bool:
    """ "im letzten Jahr gewählt", "sagte … heute (13.10.)", "said on Tuesday": a year or a day of something that
    did not take place."""
    if date.form == "year_relative" and not TOOK_PLACE.search(sentence):
        return True
    if SAID_BEFORE.search(text[max(0, date.start - 20) : date.start]):
        return True
    return bool(TODAY_BEFORE.search(text[max(0, date.start - 12) : date.start]) and SAYING.search(sentence))


def line_of(text: str, date: DateMention) -> tuple[int, str]:
    line_start, line_end = text.rfind("\n", 0, date.start) + 1, text.find("\n", date.end)
    return line_start, text[line_start : line_end if line_end >= 0 else len(text)]


def cues_in_sentences(text: str, date: DateMention, start: int, end: int) -> list[Cue]:
    """The kind named in the date's sentence, or where a stay it ends began, or just before "fand … statt"."""
    sentence = text[start:end]
    cues = kind_cues(sentence, start)
    if not cues and date.began_at is not None:
        # "will arrive in Dixon on July 19 … Until their departure Sunday, July 28": the kind named at its start.
        began_start, began_end = sentence_bounds(text, date.began_at)
        cues = kind_cues(text[began_start:began_end], began_start)
    if not cues and TOOK_PLACE.search(sentence) and start > 0:
        # "… ein Besuch des Oktoberfests an. Dieser fand … am 29. September statt": the kind is named before.
        previous_start, _ = sentence_bounds(text, start - 1)
        cues = kind_cues(text[previous_start:start], previous_start)
    return cues


def cues_around_the_line(text: str, date: DateMention, end: int, line_start: int, line: str) -> list[Cue]:
    """The kind named by the heading over a date alone on its line, by the title over a labelled date, or by
    the report that follows a dateline."""
    # "Termin: 5. Mai", or a period alone on its line under the title ("13.07.2019 bis 27.07.2019").
    # "Wednesday, July 13-Saturday, July 16, 2016" is alone too: the weekday is part of the date as written.
    alone = date.first != date.last and WEEKDAY_FIRST.sub("", line.strip()) == text[date.start : date.end].strip()
    cues: list[Cue] = []
    if alone:
        cues = cues_of_a_heading_above(text, line_start)
    if not cues and (DATE_LABEL.search(text[line_start : date.start]) or alone):
        title_end = text.find("\n", text.find(next((line for line in text.splitlines() if line.strip()), "")))
        title = text[: title_end if title_end > 0 else len(text)]
        cues = kind_cues(title, 0)
    if not cues and end < len(text) and DATELINE.search(text[line_start : date.start]):
        # "Hannover, 9. bis 11. September 2019. Ganz nach dem Motto … der vierten Konferenz": the report goes on.
        next_start, next_end = sentence_bounds(text, end)
        cues = kind_cues(text[next_start:next_end], next_start)
    return cues


def cues_of_a_heading_above(text: str, line_start: int, lines: int = 6) -> list[Cue]:
    """The kind named by the nearest of the few lines over a date alone on its line that names one ("Registration
    for the Annual Conference is open! … See below: … July 13-16, 2016")."""
    end = line_start - 1
    while end > 0 and lines > 0:
        start = text.rfind("\n", 0, end) + 1
        cues = kind_cues(text[start:end], start)
        if cues:
            return cues
        lines -= bool(text[start:end].strip())  # blank lines between paragraphs do not count
        end = start - 1
    return []


def cues_of_a_trip_or_a_list(
    text: str,
    date: DateMention,
    sentence: tuple[int, int],
    towns: list[Mention],
    reference: dt.date | None,
    line_start: int,
    line: str,
) -> list[Cue]:
    # The heading of a list names the kind of its items more precisely than a place does.
    listed = listed_under_heading(text, line_start, line)
    if listed:
        return listed
    # "ab dem 23. September die vier Städte Atlanta, …": a day in a sentence that names where someone goes.
    start, end = sentence
    place_cue = next(
        (
            mention
            for mention in towns
            if start <= mention.start < end and mention.chosen is not None and mention.role != "host"
        ),
        None,
    )
    if date.first.day is not None and place_cue is not None and near(date, reference):
        return [(len(KINDS), place_cue.start, place_cue.end, "study visit")]
    return []


def add_event(events: list[dict], kind: str, cue: list[int], date: DateMention, place: str | None) -> None:
    """A new event, or more evidence for one with the same dates: its spans, a more specific kind, a place."""
    first, last = date.first.iso(), date.last.iso()
    spans = [cue, [date.start, date.end]]
    duplicate = next((event for event in events if (event["start"], event["end"]) == (first, last)), None)
    if duplicate is None:
        events.append({"kind": kind, "start": first, "end": last, "place_key": place, "spans": sorted(spans)})
        return
    duplicate["spans"].extend(spans)
    if KIND_ORDER.index(kind) < KIND_ORDER.index(duplicate["kind"]):
        duplicate["kind"] = kind
    duplicate["place_key"] = duplicate["place_key"] or place


def without_months_of_days(events: list[dict]) -> list[dict]:
    """ "Ende September … ab dem 23. September", "this September … September 6–11": the month alone names
    the same event as the days within it."""
    kept = []
    for event in events:
        month_only = event["start"] == event["end"] and len(event["start"]) in (4, 7)
        finer = next(
            (
                other
                for other in events
                if month_only
                and other is not event
                and other["start"].startswith(event["start"] + "-")
                and len(other["start"]) == len(event["start"]) + 3
            ),
            None,
        )
        if finer is None:
            kept.append(event)
        else:
            finer["spans"] = sorted(finer["spans"] + event["spans"])
    return kept


def without_days_of_ranges(events: list[dict]) -> list[dict]:
    """ "am 18. und 19. Oktober … am 18. Oktober um 9 Uhr": the single day is part of the range, not an event;
    a day of another kind ("Delegationsreise vom 12. bis 17. Oktober … empfing heute (13.10.)") is one of its own."""
    kept = []
    for event in events:
        wider = next(
            (
                other
                for other in events
                if other is not event
                and other["start"] != other["end"]
                and other["start"] <= event["start"] <= other["end"]
                and event["start"] == event["end"]
                and len(other["start"]) == len(event["start"])
                and other["kind"] == event["kind"]
            ),
            None,
        )
        if wider is None:
            kept.append(event)
        else:
            wider["spans"] = sorted(wider["spans"] + event["spans"])
    return kept


def event_place(text: str, start: int, end: int, towns: list[Mention]) -> str | None:
    """The town the sentence puts the event in: after "in"/"nach", else its host, else none."""
    in_sentence = [mention for mention in towns if start <= mention.start < end and mention.chosen is not None]
    for mention in in_sentence:
        if PLACE_BEFORE.search(text[max(start, mention.start - 40) : mention.start]) and mention.chosen:
            return mention.chosen.key
    for mention in in_sentence:
        if mention.role == "host" and mention.chosen:
            return mention.chosen.key
    return None
