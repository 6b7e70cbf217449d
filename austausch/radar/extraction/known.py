"""Names the radar knows beforehand, and the names it learns from its reviewers.

The built-in names (exchange programmes and the organisations of municipal and German–American exchange,
each with the spellings texts use) are data: `data/known_names.json`. The names the platform's records and
its reviewers add come as a `KnownNames` dictionary, matched in one pass (Aho-Corasick). Unknown names are
found by the patterns in `names.py`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

KNOWN_NAMES_FILE = Path(__file__).resolve().parent.parent / "data" / "known_names.json"


def words(text: str) -> frozenset[str]:
    """A word list written as running text, one entry per whitespace-separated word."""
    return frozenset(text.split())


def variants(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w])")


def load_known(path: Path = KNOWN_NAMES_FILE) -> tuple[list[dict], list[dict]]:
    """The built-in programmes and organisations, each with its spellings compiled into one "pattern"."""
    data = json.loads(path.read_text(encoding="utf-8"))
    lists = []
    for group in ("programmes", "organisations"):
        entries = []
        for entry in data[group]:
            # "Erasmus+" ends in no word character: its own pattern, not whole words.
            pattern = re.compile(entry["pattern"]) if "pattern" in entry else variants(*entry["spellings"])
            entries.append({**entry, "pattern": pattern})
        lists.append(entries)
    return lists[0], lists[1]


KNOWN_PROGRAMMES, KNOWN_ORGANISATIONS = load_known()


@dataclass(frozen=True)
class KnownName:
    """One spelling of a name the platform knows: `name` is how its record is called."""

    kind: str  # "programme" or "organisation"
    spelling: str
    name: str
    abbreviation: str = ""


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    known: KnownName


# A spelling may carry a German genitive ending: "des Partnerschaftsrings", "des Klimabündnisses".
ENDINGS = ("", "s", "es", "n")


class KnownNames:
    """Spellings of known names, found in a text in one pass; a spelling is matched as whole words."""

    def __init__(self, names: Iterable[KnownName] = ()) -> None:
        self.names: dict[str, KnownName] = {}
        for known in names:
            spelling = " ".join(known.spelling.split())
            if len(spelling) >= 3 and spelling not in self.names:
                self.names[spelling] = KnownName(known.kind, spelling, known.name.strip(), known.abbreviation)
        self.automaton: ahocorasick.Automaton | None = None
        if self.names:
            self.automaton = ahocorasick.Automaton()
            for spelling in self.names:
                self.automaton.add_word(spelling, spelling)
            self.automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.names)

    def with_names(self, names: Iterable[KnownName]) -> KnownNames:
        """A new dictionary with these names added (a spelling known already keeps its name)."""
        return KnownNames([*self.names.values(), *names])

    def find(self, text: str, kind: str) -> list[Mention]:
        """The mentions of known names of this kind, the longest where two overlap."""
        if self.automaton is None:
            return []
        candidates = []
        for last, spelling in self.automaton.iter(text):
            start = last + 1 - len(spelling)
            end = whole_word_end(text, start, last + 1)
            if end is not None:
                candidates.append(Mention(start, end, self.names[spelling]))
        candidates.sort(key=lambda mention: (mention.start, mention.start - mention.end))
        mentions: list[Mention] = []
        for mention in candidates:
            if mentions and mention.start < mentions[-1].end:
                continue
            mentions.append(mention)
        return [mention for mention in mentions if mention.known.kind == kind]


def whole_word_end(text: str, start: int, end: int) -> int | None:
    """Where a spelling found at `start:end` ends as a whole word (with a genitive ending), or None."""
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_"):
        return None
    for ending in ENDINGS:
        stop = end + len(ending)
        if text[end:stop] == ending and (stop == len(text) or not (text[stop].isalnum() or text[stop] == "_")):
            return stop
    return None


NO_NAMES = KnownNames()

# Capitalised words that start sentences or are generic, never a name on their own.
NOT_A_NAME = words(
    """Der Die Das Den Dem Des Ein Eine Einer Eines Einem Im In Am Zum Zur Vom Von Mit Bei Für Auf Aus Nach Und Oder
    Dieser Diese Dieses Auch Als Wie Wir Sie Er Es Ihr Unser Unsere Zur The A An Of In On At For And This That These
    Our Its Their New Neue Neuen Neues Programm Programme Program Projekt Project Initiative Netzwerk Network Stadt
    City Gemeinde Bund Land Club Verband Verein Stiftung Institut Gesellschaft Akademie Zentrum Rat Kammer Fund
    Council Association Foundation Institute Rahmen Teil Jahr Jahre Dabei Damit Dort Hier Heute Bereits Während
    Zuvor Neben Unter Über Ziel Alle Bürgermeister Bürgermeisterin Oberbürgermeister Oberbürgermeisterin Mayor
    Digitalisierung Zukunft Arbeit Montag Dienstag Mittwoch Donnerstag Freitag Samstag
    Sonntag Monday Tuesday Wednesday Thursday Friday Saturday Sunday Foto Fotos Bild Quelle Stand Pressemitteilung"""
)
