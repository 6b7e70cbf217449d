"""Organisations named in a text, with their abbreviations joined: known ones in any spelling, and unknown ones
by the way texts introduce them (a ministry "für …", a compound ending in "-verband", "Name (ABBR)", "Firma …",
a company form).

A handle ("@EngagementGlobal") is an organisation when its letters spell a known one, or when the words before
it say who runs or joins something ("das Projekt von @…", "gemeinsam mit @…", "Partner @…"); the name is the
handle without its sign. Another handle may be a person's or a town's account, and is left alone."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .known import KNOWN_ORGANISATIONS, NO_NAMES, NOT_A_NAME, KnownNames, is_interface_text, letters
from .names import (
    ABBREVIATED,
    COMPANY,
    COUNCIL,
    DE_BODY,
    EMBASSY,
    EN_BODY,
    FOUNDER_BODY,
    HANDLE_CUE,
    HYPHENATED_BODY,
    LEADING_FILLER,
    MEDIA,
    MINISTRY,
    NAMED_KIND,
    SCHOOL_NAMES,
    SISTER_CITIES_OF,
    STIFTUNG_AFTER,
    TAG,
    TOWN_COUNCIL,
    UNIVERSITY_OF,
    Found,
    Span,
    is_programme_name,
    known_organisation,
    named_before_abbreviation,
    nominative,
    overlaps,
    tidy,
    word_count,
)

BODY_PATTERNS = (
    MINISTRY,
    COMPANY,
    COUNCIL,
    SISTER_CITIES_OF,
    HYPHENATED_BODY,
    FOUNDER_BODY,
    HANDLE_CUE,
    STIFTUNG_AFTER,
    TAG,
    DE_BODY,
    EN_BODY,
    UNIVERSITY_OF,
)

# "@DStGB", "@EngagementGlobal": the built-in organisations by the letters of their names and abbreviations.
BUILT_IN_BY_LETTERS = {
    letters(spelling): organisation
    for organisation in KNOWN_ORGANISATIONS
    for spelling in (organisation["name"], organisation.get("abbreviation") or "")
    if spelling
}


def accepted_name(name: str, abbreviation: str | None, introduced: bool, lookup: bool) -> tuple[str, str | None] | None:
    """The name as recorded (a known organisation's own name, a nominative), or None when it is no name."""
    name = tidy(name, LEADING_FILLER)
    known = known_organisation(name, abbreviation) if lookup else None
    if known:
        return known["name"], known.get("abbreviation") or abbreviation
    if introduced:
        # Named by what it is ("Firma Körber"), so a short or one-word name ("3M", "BMW") is one.
        if len(name) < 2 or name in NOT_A_NAME or name.split(" ")[0] in NOT_A_NAME:
            return None
        return name, abbreviation
    # "TH Lübeck" is how texts shorten "Technische Hochschule Lübeck".
    name = nominative(re.sub(r"^(TH|TU|FH)\s", lambda short: SCHOOL_NAMES[short.group(1)] + " ", name))
    if (
        len(name) < 4
        or name in NOT_A_NAME
        or (" " not in name and not re.search(r"[a-zäöüß][A-ZÄÖÜ]|-|[a-z]{8,}", name))
    ):
        return None
    return name, abbreviation


@dataclass
class Organisations:
    """The organisations found so far, by name and by abbreviation; `town_at` names a town inside a name."""

    text: str
    town_at: Callable[[Span], str | None]
    found: dict[str, Found] = field(default_factory=dict)
    by_abbreviation: dict[str, Found] = field(default_factory=dict)

    def add(
        self, name: str, span: Span, abbreviation: str | None = None, introduced: bool = False, lookup: bool = True
    ) -> None:
        if is_interface_text(self.text, *span):
            return
        accepted = accepted_name(name, abbreviation, introduced, lookup)
        if accepted is not None:
            self.record(*accepted, span)

    def record(self, name: str, abbreviation: str | None, span: Span) -> None:
        """The organisation called `name` (joined with one of the same abbreviation) is named at `span`."""
        entry = self.by_abbreviation.get(abbreviation.casefold()) if abbreviation else None
        entry = entry or self.found.get(name.casefold())
        if entry is None:
            entry = Found(name, [], abbreviation)
            self.found[name.casefold()] = entry
        if abbreviation:
            entry.abbreviation = entry.abbreviation or abbreviation
            self.by_abbreviation[abbreviation.casefold()] = entry
        if not overlaps(span, entry.spans):
            entry.spans.append(span)
        entry.place_key = entry.place_key or self.town_at(span)

    def taken(self, span: Span) -> bool:
        return any(overlaps(span, entry.spans) for entry in self.found.values())

    def starts_at(self, position: int) -> bool:
        return any(start == position for entry in self.found.values() for start, _ in entry.spans)


def find_organisations(
    text: str, town_at: Callable[[Span], str | None], exclude: list[Span], known: KnownNames = NO_NAMES
) -> list[Found]:
    """Organisations with their abbreviations joined; `town_at` names a town inside one ("Stadtwerke Mainz");
    `known` are the names the platform's records and reviewers add."""
    organisations = Organisations(text, town_at)
    add_known(organisations, text)
    for mention in known.find(text, "organisation"):
        span = (mention.start, mention.end)
        if not overlaps(span, exclude) and not organisations.taken(span):
            # The platform's record is named as it is recorded ("Die Tafel Musterstadt").
            organisations.record(mention.known.name, mention.known.abbreviation or None, span)
    add_abbreviated(organisations, text)
    add_handles(organisations, text, exclude, known)
    add_embassies(organisations, text, exclude)
    add_named_by_kind(organisations, text, exclude)
    for match in MEDIA.finditer(text):
        if not overlaps(match.span(), exclude) and not organisations.taken(match.span()):
            organisations.add(tidy(match.group(), LEADING_FILLER), match.span(), introduced=True)
    add_bodies(organisations, text, exclude)
    add_bare_abbreviations(organisations, text)
    entries = [entry for entry in organisations.found.values() if entry.spans]
    join_into_longer_names(entries)
    for entry in entries:
        entry.spans.sort()
    return [entry for entry in entries if entry.spans]


def add_known(organisations: Organisations, text: str) -> None:
    # "Wirtschafts- und Sozialrat der Vereinten Nationen": the council, not the known body it belongs to.
    councils = [match.span() for match in COUNCIL.finditer(text)]
    for organisation in KNOWN_ORGANISATIONS:
        for match in organisation["pattern"].finditer(text):
            if not any(start < match.start() and match.end() <= end for start, end in councils):
                organisations.add(organisation["name"], match.span(), organisation.get("abbreviation"))


def add_abbreviated(organisations: Organisations, text: str) -> None:
    """ "Deutscher Städte- und Gemeindebund (DStGB)": a name of two words or more, or hyphenated, before its
    abbreviation, unless it names a programme."""
    for match in ABBREVIATED.finditer(text):
        named = named_before_abbreviation(text, match)
        if named is None or is_programme_name(text, named):
            continue
        if (re.match(r"[A-ZÄÖÜ]", named[1]) and word_count(named[1]) >= 2) or "-" in named[1]:
            organisations.add(named[1], (named[0], match.end()), match.group("abbr"))


def add_handles(organisations: Organisations, text: str, exclude: list[Span], known: KnownNames) -> None:
    """ "@EngagementGlobal": a handle or hashtag that spells a known organisation, or a handle after who runs or
    joins something."""
    for match in TAG.finditer(text):
        span = match.span("name")
        if overlaps(span, exclude) or organisations.taken(span):
            continue
        tag = match.group("name")
        spelled = known.spelled_as(tag, "organisation")
        built_in = BUILT_IN_BY_LETTERS.get(letters(tag))
        if spelled:
            organisations.record(spelled.name, spelled.abbreviation or None, span)
        elif built_in:
            organisations.add(built_in["name"], span, built_in.get("abbreviation"))
        elif unknown_handle(text, match):
            organisations.add(tag, span, introduced=True, lookup=False)


def unknown_handle(text: str, match: re.Match[str]) -> bool:
    """ "gemeinsam mit @Lindenwerk": an organisation's handle; "@stadt_hoerenhausen" is more often a town's or a
    person's account, written as the platforms write them, in small letters."""
    return (
        match.group().startswith("@")
        and match.group("name")[0].isupper()
        and bool(HANDLE_CUE.search(text, max(0, match.start() - 40), match.start()))
    )


def add_embassies(organisations: Organisations, text: str, exclude: list[Span]) -> None:
    for match in EMBASSY.finditer(text):
        if overlaps(match.span(), exclude) or organisations.taken(match.span()):
            continue
        ending = "es " if re.search(r"[Kk]onsulat$", match.group()) else "e "
        name = re.sub(r"^(\w+)e[nrs]?\s", rf"\1{ending}", match.group()).replace("U.S.-", "U.S. ")
        organisations.add(name, match.span(), introduced=True)


def add_named_by_kind(organisations: Organisations, text: str, exclude: list[Span]) -> None:
    """ "Firma Körber", "Chor Concordia": a name after the word for its kind of body."""
    for match in NAMED_KIND.finditer(text):
        span = match.span("name")
        if overlaps(span, exclude) or organisations.taken(span):
            continue
        if match.group("part") and " " not in match.group("name"):
            # "Chor Concordia": a choir's one-word name includes the word "Chor" ("Kammerchor Capella Quirina" not)
            span = (match.start("part"), span[1])
            kind = re.sub(r"^(Kammerchor|Chor|Ensemble)\w*", r"\1", match.group("part"))  # "des Chores": "Chor"
            organisations.add(f"{kind} {match.group('name').rstrip('.-')}", span, introduced=True)
            continue
        organisations.add(match.group("name").rstrip(".-"), span, introduced=True)


def a_body_apart(text: str, name: str, span: Span, organisations: Organisations) -> bool:
    """Whether a name a body pattern found names a body of its own."""
    # A lone compound ("Spitzenverband", "Landesverband") is a common noun, not a name.
    if " " not in name and "-" not in name.strip("-"):
        return False
    # "Parlamentarisches Partnerschaftsprogramm" is a programme, found as one.
    if re.search(r"[Pp]rogram(?:m|me)?(?:e?s)?$", name):
        return False
    # "the City Council", "Nuremberg City Council": the town's own council is the town, not a body apart.
    if TOWN_COUNCIL.search(name):
        return False
    # "US-amerikanischer Dachverband Welcoming America": the kind of body before its name is no name.
    return not (re.match(r"\s+\S", text[span[1] : span[1] + 2]) and organisations.starts_at(span[1] + 1))


def add_bodies(organisations: Organisations, text: str, exclude: list[Span]) -> None:
    for pattern in BODY_PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if organisations.taken(span) or overlaps(span, exclude):
                continue
            name = tidy(match.group(), LEADING_FILLER)
            if not a_body_apart(text, name, span, organisations):
                continue
            offset = span[0] + match.group().find(name)
            # "Wirtschafts- und Sozialrat der Vereinten Nationen" is the council, not the body it belongs to.
            organisations.add(name, (offset, offset + len(name)), lookup=pattern is not COUNCIL)


def add_bare_abbreviations(organisations: Organisations, text: str) -> None:
    """Bare abbreviations elsewhere in the text ("des DStGB", "DStGB-Sprecher") belong to the same organisation."""
    for abbreviation, entry in list(organisations.by_abbreviation.items()):
        original = entry.abbreviation or abbreviation
        for match in re.finditer(rf"(?<![\w(]){re.escape(original)}(?![\w)])", text):
            if not overlaps(match.span(), entry.spans):
                entry.spans.append(match.span())


def join_into_longer_names(entries: list[Found]) -> None:
    """ "Dixon Sister Cities" and "Dixon Sister Cities Association" in one text are one organisation."""
    for entry in sorted(entries, key=lambda entry: len(entry.name)):
        longer = next(
            (other for other in entries if other is not entry and other.name.startswith(entry.name + " ")), None
        )
        if longer is not None:
            longer.spans.extend(span for span in entry.spans if not overlaps(span, longer.spans))
            longer.abbreviation = longer.abbreviation or entry.abbreviation
            entry.spans = []
