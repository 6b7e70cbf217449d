"""Names the radar knows beforehand, and the names it learns from its reviewers.

The built-in names (exchange programmes and the organisations of municipal and German–American exchange,
each with the spellings texts use) are data: `data/known_names.json`. The names the platform's records and
its reviewers add come as a `KnownNames` dictionary, matched in one pass (Aho-Corasick) without any cue word,
also with a leading adjective declined ("der Deutschen Umwelthilfe") or in capitals, and by the letters of a
hashtag or handle ("@EngagementGlobal"). Unknown names are found by the patterns in `names.py`. Neither is
ever the text of a web page's interface ("Weiterlesen", "Cookie-Einstellungen"): `is_interface_text`.
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
# A name's leading adjective is declined in a sentence: "Deutsche Umwelthilfe", "der Deutschen Umwelthilfe".
ADJECTIVE = re.compile(r"(?P<stem>[A-ZÄÖÜ][\w-]*(?:isch|sch|ig|lich|al|er|ar))(?:e|en|er|es|em)")


def spelling_variants(spelling: str) -> list[str]:
    """How a text may write a spelling: as it is, with its leading adjectives declined ("Europäischen Woche der
    Mobilität"), and in capitals as a headline does ("DIE TAFEL MUSTERSTADT")."""
    words = spelling.split(" ")
    stems: list[str] = []
    while len(stems) < len(words) - 1 and (adjective := ADJECTIVE.fullmatch(words[len(stems)])):
        stems.append(adjective.group("stem"))
    variants = [spelling]
    for ending in ("e", "en", "er", "es", "em") if stems else ():
        variants.append(" ".join([*(stem + ending for stem in stems), *words[len(stems) :]]))
    # "EDA" in capitals may be any abbreviation; "LINDENWERK" is the name.
    capitals = [variant.upper() for variant in variants if " " in variant or len(variant) >= 6]
    return list(dict.fromkeys([*variants, *capitals]))


class KnownNames:
    """Spellings of known names, found in a text in one pass; a spelling is matched as whole words."""

    def __init__(self, names: Iterable[KnownName] = ()) -> None:
        self.names: dict[str, KnownName] = {}
        for known in names:
            spelling = " ".join(known.spelling.split())
            if len(spelling) >= 3 and spelling not in self.names:
                self.names[spelling] = KnownName(known.kind, spelling, known.name.strip(), known.abbreviation)
        # "@EngagementGlobal", "#Lindgrün": a handle or hashtag spells a known name without spaces.
        self.by_letters = {(known.kind, letters(spelling)): known for spelling, known in self.names.items()}
        self.spellings: dict[str, KnownName] = {}
        for spelling, known in self.names.items():
            for variant in spelling_variants(spelling):
                self.spellings.setdefault(variant, known)
        self.automaton: ahocorasick.Automaton | None = None
        if self.spellings:
            self.automaton = ahocorasick.Automaton()
            for spelling in self.spellings:
                self.automaton.add_word(spelling, spelling)
            self.automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.names)

    def spelled_as(self, tag: str, kind: str) -> KnownName | None:
        """The known name of this kind a hashtag's or handle's words spell ("EngagementGlobal"), if any."""
        return self.by_letters.get((kind, letters(tag)))

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
                candidates.append(Mention(start, end, self.spellings[spelling]))
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


def letters(spelling: str) -> str:
    """A name's letters and digits only, in one case: "Engagement Global" and "@EngagementGlobal" agree."""
    return re.sub(r"[\W_]+", "", spelling).casefold()


NO_NAMES = KnownNames()

# The text of a web page's buttons, links and notices, which pages put next to an article's words: never a
# name, nor the start of one ("Programm\nWeiterlesen", "Load More Initiative").
INTERFACE_TEXT = re.compile(
    r"(?<![\w-])(?:keine (?:einträge|ergebnisse|treffer)|(?:mehr|alle) (?:laden|anzeigen|lesen|erfahren)|"
    r"weiter ?lesen|zum seitenanfang|nach oben|zurück zur übersicht|cookie-?(?:einstellungen|hinweis|banner|settings)|"
    r"(?:alle )?cookies akzeptieren|accept (?:all )?cookies|(?:read|load|show|see|learn) more|(?:show|see) all|"
    r"no (?:entries|results)|back to (?:top|overview)|(?:teilen|share) (?:auf|on|via|per) [\w-]+|auf [\w-]+ teilen|"
    r"seite drucken|print (?:this )?page|zum inhalt springen|skip to (?:main )?content|(?:nächste|vorherige) seite|"
    r"(?:next|previous) page)(?![\w-])",
    re.IGNORECASE,
)


def is_interface_text(text: str, start: int, end: int) -> bool:
    """Whether the words found at `start:end` begin with or hold the text of a web page's interface."""
    return bool(INTERFACE_TEXT.match(text, start) or INTERFACE_TEXT.search(text, start, end))


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
