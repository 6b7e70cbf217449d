"""Names the radar knows beforehand, and the names it learns from its reviewers.

The built-in names (exchange programmes and the organisations of municipal and German–American exchange,
each with the spellings texts use) are data: `data/known_names.json`. The names the platform's records and
its reviewers add come as a `KnownNames` dictionary, matched in one pass (Aho-Corasick) without any cue word
over the text's normal form (one case, `SAME_SPELLING`): also with a leading adjective declined ("der Deutschen
Umwelthilfe"), a genitive ending, another capital where no sentence start explains it, in capitals, as
"Programme" for "Program", and by the letters of a hashtag or handle ("@EngagementGlobal"). A known name before an
organisation's word is that organisation ("Sister Cities Committee"); an abbreviation means what the text spells
out, or nothing where it leaves that open. Unknown names are found by the patterns in `names.py`. Neither is
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
# A name's leading adjective is declined in a sentence: "Deutsche Umwelthilfe", "der Deutschen Umwelthilfe",
# "Junge Bühne", "der Jungen Bühne" (by its suffix, or as one of the common short adjectives: neu, jung, groß …).
ADJECTIVE = re.compile(
    r"(?P<stem>[A-ZÄÖÜ][\w-]*(?:isch|sch|ig|lich|al|er|ar|eu|ung|oß|ein|rei|ün|lt|ut))(?:e|en|er|es|em)"
)
# Spellings that name the same thing: "Program", "Programm", "Programme"; "Center", "Centre"; a compound with or
# without its hyphen ("Patenschafts-Programm", "Patenschaftsprogramm"); any run of spaces or a line break.
SAME_SPELLING = (
    (re.compile(r"program(?:me|m)?"), "programm"),
    (re.compile(r"cent(?:er|re)"), "center"),
    (re.compile(r"(?<=\w)-(?=\w)"), ""),
    (re.compile(r"\s+"), " "),
)
# Words that make a name before them an organisation's: the "Sister Cities Committee" is no programme, the "ICMA
# International Committee" no mere "ICMA"; a legal form after a known organisation is its own ("… gGmbH").
ORGANISATION_WORD = re.compile(
    r"[ \t]+(?:[A-ZÄÖÜ][\w&-]*[ \t]+){0,2}(?:Committee|Association|Foundation|Council|Society|Club|Institute|"
    r"Commission|Verein|Verband|Stiftung|Gesellschaft|Komitee|Kuratorium|Förderverein|Freundeskreis)(?![\w])"
)
LEGAL_FORM = re.compile(r"[ \t]+(?:e\.\s?V\.|g?GmbH|Inc\.|Inc\b|LLC\b|Ltd\.?)(?![\w])")
SENTENCE_END = re.compile(r"(?:[.!?:]\s+|\n\s*)$")


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


def normalised(text: str, *, fold_case: bool = True) -> tuple[str, list[int]]:
    """The text with `SAME_SPELLING` applied (and in one case), and for each of its characters, and its end,
    the position in `text` it comes from; a replaced piece's end maps to the end of what it replaced."""
    folded = "".join(char.lower() if len(char.lower()) == 1 else char for char in text) if fold_case else text
    origin = list(range(len(text) + 1))
    for pattern, replacement in SAME_SPELLING:
        pieces: list[str] = []
        positions: list[int] = []
        last = 0
        for match in pattern.finditer(folded):
            pieces.append(folded[last : match.start()])
            positions += origin[last : match.start()]
            pieces.append(replacement)
            # Every replacing character comes from where the match began; what follows it, from its end.
            positions += [origin[match.start()]] * len(replacement)
            last = match.end()
        pieces.append(folded[last:])
        positions += origin[last:]
        folded = "".join(pieces)
        origin = positions
    return folded, origin


def is_abbreviation(known: KnownName) -> bool:
    """ "PPP" for the "Parlamentarisches Partnerschaftsprogramm": a short spelling that stands for a longer name."""
    spelling = known.spelling
    return spelling != known.name and (
        spelling == known.abbreviation or (" " not in spelling and len(spelling) <= 8 and spelling.isupper())
    )


class KnownNames:
    """Spellings of known names, found in a text in one pass as whole words: as they are written, declined, in
    capitals, in another of `SAME_SPELLING`'s forms, or with other capitals where no sentence start explains
    them ("Engagement global"). An abbreviation taught for several names means the one the text spells out."""

    def __init__(self, names: Iterable[KnownName] = ()) -> None:
        self.names: dict[str, KnownName] = {}
        # An abbreviation may stand for several names: "PPP" for two programmes of the Bundestag.
        self.meanings: dict[str, list[KnownName]] = {}
        for known in names:
            spelling = " ".join(known.spelling.split())
            if len(spelling) < 3:
                continue
            known = KnownName(known.kind, spelling, known.name.strip(), known.abbreviation)
            self.names.setdefault(spelling, known)
            if is_abbreviation(known):
                meanings = self.meanings.setdefault(spelling, [])
                if all((meaning.kind, meaning.name) != (known.kind, known.name) for meaning in meanings):
                    meanings.append(known)
        # "@EngagementGlobal", "#Lindgrün": a handle or hashtag spells a known name without spaces.
        self.by_letters = {(known.kind, letters(spelling)): known for spelling, known in self.names.items()}
        # Each written form ("Deutschen Umwelthilfe") is kept exactly; the automaton finds their normal forms.
        self.written: dict[str, set[str]] = {}
        self.exact: dict[str, str] = {}
        for spelling in self.names:
            for variant in spelling_variants(spelling):
                self.written.setdefault(normalised(variant)[0], set()).add(spelling)
                self.exact.setdefault(variant, spelling)
        self.last: tuple[str | None, list[Mention]] = (None, [])
        self.automaton: ahocorasick.Automaton | None = None
        if self.written:
            self.automaton = ahocorasick.Automaton()
            for form in self.written:
                self.automaton.add_word(form, form)
            self.automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.names)

    def spelled_as(self, tag: str, kind: str) -> KnownName | None:
        """The known name of this kind a hashtag's or handle's words spell ("EngagementGlobal"), if any."""
        return self.by_letters.get((kind, letters(tag)))

    def with_names(self, names: Iterable[KnownName]) -> KnownNames:
        """A new dictionary with these names added (a spelling known already keeps its name)."""
        return KnownNames([*self.names.values(), *self.other_meanings(), *names])

    def other_meanings(self) -> list[KnownName]:
        return [meaning for meanings in self.meanings.values() for meaning in meanings[1:]]

    def find(self, text: str, kind: str) -> list[Mention]:
        """The mentions of known names of this kind, the longest where two overlap; a known name followed by an
        organisation's word ("Sister Cities Committee") is that organisation."""
        if self.automaton is None:
            return []
        # The extraction asks for each kind in turn: the text is read once.
        last_text, last_mentions = self.last
        mentions = last_mentions if last_text == text else self.mentions(text)
        self.last = (text, mentions)
        return [mention for mention in mentions if mention.known.kind == kind]

    def mentions(self, text: str) -> list[Mention]:
        """Every known name's mentions in the text, of all kinds."""
        folded, origin = normalised(text)
        candidates = []
        for last, form in self.automaton.iter(folded) if self.automaton else ():
            first = last + 1 - len(form)
            start, stop = origin[first], origin[last + 1]
            end = whole_word_end(text, start, stop)
            if end is None:
                continue
            spelling = self.written_as(text, start, stop, self.written[form])
            if spelling is not None:
                candidates.append(Mention(start, end, self.names[spelling]))
        candidates.sort(key=lambda mention: (mention.start, mention.start - mention.end))
        mentions: list[Mention] = []
        for mention in candidates:
            if mentions and mention.start < mentions[-1].end:
                continue
            mentions.append(mention)
        mentions = [named for mention in mentions if (named := self.meant(text, mention, mentions))]
        return with_organisation_words(text, mentions)

    def written_as(self, text: str, start: int, stop: int, spellings: set[str]) -> str | None:
        """Which of these spellings the words at `start:stop` write, or None when they differ from each in their
        capitals beyond what a headline or a name's own words explain."""
        written = " ".join(text[start:stop].split())
        if written in self.exact and self.exact[written] in spellings:
            return self.exact[written]
        same_case = normalised(written, fold_case=False)[0]
        for spelling in sorted(spellings):
            forms = [normalised(variant, fold_case=False)[0] for variant in spelling_variants(spelling)]
            if same_case in forms:
                return spelling
        # Other capitals: only a name of two words or more that starts with a capital where no sentence starts
        # ("bei Engagement global", not "Sister cities are …" nor "our sister cities").
        for spelling in sorted(spellings):
            if " " in spelling and written[0].isupper() and not starts_sentence(text, start):
                return spelling
        return None

    def meant(self, text: str, mention: Mention, mentions: list[Mention]) -> Mention | None:
        """An abbreviation's mention as the name it stands for here: the one the text spells out (a name taught
        for it, or a known name whose capitals it is), else its only meaning; None when the text leaves it open
        or spells it out as another name ("Parlamentarisches Patenschafts-Programm (PPP)")."""
        abbreviation = mention.known.spelling
        meanings = self.meanings.get(abbreviation)
        if not meanings:
            return mention
        written = [other.known for other in mentions if other.known.spelling != abbreviation]
        spelled_out = [known for known in written if any(known.name == meaning.name for meaning in meanings)]
        # "Parlamentarisches Patenschafts-Programm … das PPP": a known name the text spells out in its letters.
        spelled_out = spelled_out or [known for known in written if initials(known.spelling) == abbreviation]
        if len({known.name for known in spelled_out}) == 1:
            return Mention(mention.start, mention.end, spelled_out[0])
        if defined_otherwise(text, abbreviation, meanings):
            return None
        return Mention(mention.start, mention.end, meanings[0]) if len(meanings) == 1 else None


def with_organisation_words(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Sister Cities Committee", "Lindgrün e. V.": a known name followed by an organisation's word names that
    organisation (and so does the known programme's name alone elsewhere in the text); a known organisation
    takes its legal form into its span ("Engagement Global gGmbH")."""
    bodies: dict[str, KnownName] = {}
    named = []
    for mention in mentions:
        legal = LEGAL_FORM.match(text, mention.end)
        body = ORGANISATION_WORD.match(text, mention.end) or (legal if mention.known.kind == "programme" else None)
        if body is not None:
            name = f"{mention.known.name} {' '.join(body.group().split())}"
            bodies.setdefault(mention.known.name, KnownName("organisation", text[mention.start : body.end()], name))
            mention = Mention(mention.start, body.end(), bodies[mention.known.name])
        elif legal is not None and mention.known.kind == "organisation":
            mention = Mention(mention.start, legal.end(), mention.known)
        named.append(mention)
    return [
        Mention(mention.start, mention.end, bodies[mention.known.name])
        if mention.known.kind == "programme" and mention.known.name in bodies
        else mention
        for mention in named
    ]


def starts_sentence(text: str, start: int) -> bool:
    return start == 0 or bool(SENTENCE_END.search(text[max(0, start - 8) : start]))


def initials(spelling: str) -> str:
    """ "PPP" for "Parlamentarisches Patenschafts-Programm": the capitals that begin its words and parts."""
    return "".join(re.findall(r"(?<![\w])[A-ZÄÖÜ]|(?<=-)[A-ZÄÖÜ]", spelling))


def defined_otherwise(text: str, abbreviation: str, meanings: list[KnownName]) -> bool:
    """ "Parlamentarisches Patenschafts-Programm (PPP)": the text spells the abbreviation out as a name whose
    capitals hold its letters and whose last word ends none of the names it was taught for ("Gesellschaft für
    Internationale Zusammenarbeit (GIZ)" is still the "Deutsche Gesellschaft für Internationale Zusammenarbeit")."""
    last_words = {last_word(meaning.name) for meaning in meanings}
    for definition in re.finditer(r"\(\s*" + re.escape(abbreviation) + r"\s*\)", text):
        before = text[max(0, definition.start() - 120) : definition.start()].split()[-6:]
        capitals = iter(initials(" ".join(before)))
        spelled = all(letter in capitals for letter in re.sub(r"[^A-ZÄÖÜ]", "", abbreviation))
        if spelled and before and last_word(before[-1]) not in last_words:
            return True
    return False


def last_word(name: str) -> str:
    """A name's last word in its normal form, without a genitive ending: "Programms" and "Programme" agree."""
    word = normalised(name)[0].rsplit(" ", 1)[-1].strip(".,;:")
    return re.sub(r"(?:es|s)$", "", word) if len(word) > 4 else word


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
