"""People named in a text, with the role the text gives them ("Bürgermeister", "mayor") and, where it says,
their organisation or town."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .known import NOT_A_NAME
from .names import Found, Span, overlaps

ROLE = (
    r"(?:Ober)?[Bb]ürgermeister(?:in)?|Landrat|Landrätin|Stadtrat|Stadträtin|Beigeordnete[r]?|Dezernent(?:in)?|"
    r"Stadtbaurat|Stadtbaurätin|[A-ZÄÖÜ]?[\wäöüß-]*(?:leiter|leiterin|sprecher|sprecherin|minister|ministerin|"
    r"präsident|präsidentin|direktor|direktorin|referent|referentin|koordinator|koordinatorin|beauftragte[r]?|"
    r"vorsitzende[r]?)|Geschäftsführer(?:in)?|Staatssekretär(?:in)?|Abgeordnete[r]?|Botschafter(?:in)?|"
    r"Generalkonsul(?:in)?|Professor(?:in)?|"
    r"(?:Deputy |Vice |Lord )?Mayor|Councilmember|Council Member|Councilwoman|Councilman|City Manager|"
    r"(?:Executive |Managing )?Director|President|Secretary|Governor|Commissioner|Ambassador|CEO|Chair(?:man|woman)?"
)
NAME_PART = r"[A-ZÄÖÜ][a-zäöüßéèáóíç]+(?:-[A-ZÄÖÜ][a-zäöüßéèáóíç]+)?"
PERSON_NAME = (
    rf"(?P<name>{NAME_PART}(?:\s+[A-Z]\.)?(?:\s+(?:von|van|de|der|den|Le|La|Al|zu|di|da)(?=\s))?"
    rf"(?:\s+{NAME_PART}){{1,2}})"
)
# "Philip D. Murphy", "John J. McCloy": a middle initial marks a person's name on its own.
PERSON_WITH_INITIAL = re.compile(rf"\b(?P<name>{NAME_PART}\s+[A-Z]\.\s+(?:Mc|Mac)?{NAME_PART})\b")
TITLES = r"(?:(?:Dr\.|Prof\.|Dipl\.-Ing\.|Mr\.|Ms\.|Mrs\.|Frau|Herr)\s+)*"
PERSON_AFTER_ROLE = re.compile(rf"(?P<prefix>\b[\w-]*?-)?(?P<role>\b(?:{ROLE}))\s+{TITLES}{PERSON_NAME}\b")
PERSON_BEFORE_ROLE = re.compile(
    rf"{TITLES}{PERSON_NAME},\s+(?:the\s+|der\s+|die\s+)?(?P<role>(?i:{ROLE}))(?![\w])"
    rf"(?:\s+(?:der|des|vom|von|of|at|for|im)\s+)?"
)
PERSON_WITH_TITLE = re.compile(rf"(?:Dr\.|Prof\.)\s+{PERSON_NAME}\b(?:\s+(?:vom|von der|von|of|from)\s+)?")
TOWN_CUE_BEFORE = re.compile(r"\b(?:in|nach|aus|von|vom|bei|Stadt|city of|town of|to|from)\s+$")
SAID = re.compile(rf"\b(?:said|says|sagte|sagt|erklärte|betonte|so)\s+{TITLES}{PERSON_NAME}\b")


@dataclass
class People:
    """The people found so far, by name; `organisations` are the text's, to name whom a person works for."""

    organisations: list[Found]
    found: dict[str, Found] = field(default_factory=dict)

    def organisation_near(self, position: int) -> str | None:
        for organisation in self.organisations:
            if any(0 <= start - position <= 12 for start, _ in organisation.spans):
                return organisation.name
        return None

    def add(self, name: str, span: Span, role: str | None, organisation: str | None) -> None:
        tokens = name.split()
        if len(tokens) < 2 or any(token in NOT_A_NAME or re.fullmatch(ROLE, token) for token in tokens):
            return
        entry = self.found.setdefault(name, Found(name, [], extra={"role": role, "organisation": organisation}))
        if not overlaps(span, entry.spans):
            entry.spans.append(span)
        entry.extra["role"] = entry.extra["role"] or role
        entry.extra["organisation"] = entry.extra["organisation"] or organisation


def employer_before(text: str, position: int, town_names: dict[Span, str]) -> str | None:
    """ "Wittenberges Bauamtsleiter", "Hessens Digitalministerin": the word before names the employer."""
    before = text[max(0, position - 30) : position]
    genitive = re.search(r"([A-ZÄÖÜ][\wäöüß-]+)s\s+$", before)
    if genitive and {genitive.group(1), genitive.group(1) + "s"} & set(town_names.values()):
        return genitive.group(1)
    return None


def find_people(text: str, organisations: list[Found], town_names: dict[Span, str]) -> list[Found]:
    """Named people with the role the text gives them and, where it says, their organisation or town."""
    people = People(organisations)
    for match in PERSON_AFTER_ROLE.finditer(text):
        prefix = match.group("prefix")
        organisation = prefix.rstrip("-") if prefix else employer_before(text, match.start(), town_names)
        people.add(match.group("name"), match.span("name"), match.group("role"), organisation)
    for match in PERSON_BEFORE_ROLE.finditer(text):
        people.add(match.group("name"), match.span("name"), match.group("role"), people.organisation_near(match.end()))
    for match in PERSON_WITH_TITLE.finditer(text):
        people.add(match.group("name"), match.span("name"), None, people.organisation_near(match.end()))
    for match in SAID.finditer(text):
        people.add(match.group("name"), match.span("name"), None, None)
    for match in PERSON_WITH_INITIAL.finditer(text):
        people.add(match.group("name"), match.span("name"), None, people.organisation_near(match.end()))
    for person in people.found.values():
        mark_everywhere(text, person)
    return list(people.found.values())


def mark_everywhere(text: str, person: Found) -> None:
    """Each person everywhere in the text: the full name, and the surname alone ("Carter, der …")."""
    for pattern in (re.escape(person.name), re.escape(person.name.split()[-1])):
        for match in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", text):
            before = text[max(0, match.start() - 12) : match.start()]
            if not overlaps(match.span(), person.spans) and not TOWN_CUE_BEFORE.search(before):
                person.spans.append(match.span())
    person.spans.sort()
