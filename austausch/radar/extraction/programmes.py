"""Programmes named in a text: known ones in any spelling, and unknown ones by the way texts introduce them
(a quoted name after "Programm", "… Program", a compound ending in "-programm", "Name (ABBR)").

A quoted name after a programme's cue is the name as written, whatever its words („Stadt der Zukunft“). A
hashtag or handle after a cue ("die Aktion #Partnerschaft2030", "das Projekt @Zukunftsstadt") names the
programme without its sign ("Partnerschaft2030"), as do a hashtag's or handle's letters that spell a known
programme ("#Lindgrün"); a handle after who runs something is an organisation (see `organisations.py`).
The text of a web page's interface ("Weiterlesen", "Load more") is never a name."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .known import KNOWN_PROGRAMMES, NO_NAMES, NOT_A_NAME, KnownNames, is_interface_text
from .names import (
    ABBREVIATED,
    COMPOUND_PROGRAMME,
    EN_PROGRAMME,
    EN_PROGRAMME_ON,
    PROGRAMME_AFTER_WORD,
    PROGRAMME_CUE_AFTER,
    PROGRAMME_WORD,
    QUOTED_NAME,
    TAG,
    Found,
    Span,
    canonical_programme,
    introduced_as_programme,
    is_programme_name,
    known_programme_abbreviation,
    named_before_abbreviation,
    overlaps,
    tidy,
    word_count,
)


@dataclass
class Programmes:
    """The programmes found so far, by their folded name; `taken` are spans no unknown name may overlap."""

    text: str
    taken: list[Span]
    found: dict[str, Found] = field(default_factory=dict)

    def add(self, name: str, span: Span, abbreviation: str | None = None, exact: bool = False) -> None:
        """`exact`: the name as written (a quoted one, a record's), not cut to its capitalised words."""
        if is_interface_text(self.text, *span):
            return
        canonical = canonical_programme(name)
        if canonical is None:
            name = " ".join(name.split()) if exact else tidy(name)
            if len(name) < 4 or name in NOT_A_NAME or overlaps(span, self.taken):
                return
            canonical = name
        entry = self.found.setdefault(canonical.casefold(), Found(canonical, [], abbreviation))
        if list(span) not in [list(existing) for existing in entry.spans]:
            entry.spans.append(span)
        entry.abbreviation = entry.abbreviation or abbreviation or known_programme_abbreviation(canonical)

    def add_where_free(self, matches: Iterable[re.Match[str]], name_of: Callable[[str], str] = str) -> None:
        """Each match not inside a programme found already, named `name_of(the words matched)`."""
        for match in matches:
            if not any(overlaps(match.span(), entry.spans) for entry in self.found.values()):
                self.add(name_of(match.group()), match.span())


def find_programmes(text: str, taken: list[Span], known: KnownNames = NO_NAMES) -> list[Found]:
    """Programmes with their spans; `known` are the names the platform's records and reviewers add."""
    # An organisation the platform knows is no programme a pattern guesses ("die Initiative Wandelwerk Hessen").
    organisations = [(mention.start, mention.end) for mention in known.find(text, "organisation")]
    programmes = Programmes(text, [*taken, *organisations])
    for programme in KNOWN_PROGRAMMES:
        for match in programme["pattern"].finditer(text):
            programmes.add(programme["name"], match.span())
    for mention in known.find(text, "programme"):
        programmes.add(mention.known.name, (mention.start, mention.end), mention.known.abbreviation or None, exact=True)
    for name, span, abbreviation in quoted_programmes(text):
        programmes.add(name, span, abbreviation, exact=True)
    for name, span in tagged_programmes(text, known):
        programmes.add(name, span, exact=True)
    for match in PROGRAMME_AFTER_WORD.finditer(text):
        name = match.group("name")
        if name.split(" ")[0] not in NOT_A_NAME and (canonical_programme(name) is not None or not name[0].islower()):
            programmes.add(name, match.span("name"))
    for match in EN_PROGRAMME.finditer(text):
        programmes.add(match.group(), match.span())
    programmes.add_where_free(COMPOUND_PROGRAMME.finditer(text), name_of=singular)
    programmes.add_where_free(EN_PROGRAMME_ON.finditer(text))
    for name, span, abbreviation in abbreviated_programmes(text):
        programmes.add(name, span, abbreviation)
    return without_overlaps(list(programmes.found.values()))


def singular(compound: str) -> str:
    """ "Austauschprogrammes": "Austauschprogramm"."""
    return re.sub(r"(programm)e?s\b", r"\1", compound)


def quoted_programmes(text: str) -> Iterator[tuple[str, Span, str | None]]:
    """„Grüne Innenstadt 2030“ after "Förderprogramm" or before "-Programm", or a quoted name that says itself
    what it is."""
    for match in QUOTED_NAME.finditer(text):
        # „Stadt der Zukunft.“: a full stop inside the quotes ends the sentence, not the name.
        name = match.group("name").rstrip(".,;: ")
        # A quotation ends in a punctuation mark ("We did it," project staff said); a name does not.
        quotation = re.search(r"[.,;:!?]$", match.group("name"))
        named_before_cue = not quotation and PROGRAMME_CUE_AFTER.match(text, match.end())
        introduced = introduced_as_programme(text, match.start()) or named_before_cue
        # „Parlamentarisches-Patenschafts-Programm (PPP)“: the quoted name says itself what it is.
        abbreviated = re.fullmatch(r"(?P<name>.+?)\s*\((?P<abbr>[A-ZÄÖÜ][\w&]{1,7})\)", name)
        if abbreviated:
            name = abbreviated.group("name")
        names_itself = re.search(PROGRAMME_WORD.pattern + r"$", name) and name[0].isupper()
        if (canonical_programme(name) or introduced or names_itself) and word_count(name) <= 10:
            start = match.start("name")
            yield name, (start, start + len(name)), abbreviated.group("abbr") if abbreviated else None


def tagged_programmes(text: str, known: KnownNames) -> Iterator[tuple[str, Span]]:
    """Hashtags and handles that name a programme: a known one their letters spell, or any after a programme's
    cue ("die Aktion #Partnerschaft2030"), named without the sign."""
    for match in TAG.finditer(text):
        tag = match.group("name")
        spelled = known.spelled_as(tag, "programme")
        if spelled:
            yield spelled.name, match.span("name")
        elif canonical_programme(tag) or introduced_as_programme(text, match.start()):
            yield tag, match.span("name")


def abbreviated_programmes(text: str) -> Iterator[tuple[str, Span, str | None]]:
    """ "European Recovery Program (ERP)": a name with its abbreviation that names a programme."""
    for match in ABBREVIATED.finditer(text):
        named = named_before_abbreviation(text, match)
        if named and is_programme_name(text, named):
            yield named[1], (named[0], match.end()), match.group("abbr")


def without_overlaps(entries: list[Found]) -> list[Found]:
    """ "Summit for Democracy International Visitor Leadership Program (IVLP)" read by two patterns is one
    programme: the one with an abbreviation, else the longer name, takes the other's spans."""
    entries.sort(key=lambda entry: (entry.abbreviation is None, -len(entry.name)))
    kept: list[Found] = []
    for entry in entries:
        partner = next((other for other in kept if any(overlaps(span, other.spans) for span in entry.spans)), None)
        if partner is None:
            kept.append(entry)
        else:
            partner.spans.extend(span for span in entry.spans if not overlaps(span, partner.spans))
    for entry in kept:
        entry.spans.sort()
    return sorted(kept, key=lambda entry: entry.spans[0] if entry.spans else (0, 0))
