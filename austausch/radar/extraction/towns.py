"""Towns in a text: find every name the gazetteer knows, decide which town each one means, and its role.

A name is a town only with enough evidence: its population prior, how it was spelled, the states and
neighbouring towns the text names, and — for names that are also ordinary words ("Essen", "Weil",
"Lauf", "Halle") — a cue right beside it ("in Essen", "Stadt Halle", a list of other towns).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .abroad import ABOUT_EUROPE, COUNTRIES, FOREIGN_QUALIFIER, a_city_abroad, state_after
from .gazetteer import ALTERNATE, BASE, DEMONYM, EXACT, OFFICIAL, US_STATE_CODES, Gazetteer, Nearby, Town
from .known import words
from .mentions import CUES_BEFORE, Mention, a_dictionary_word
from .not_towns import LANDMARK, a_district, drop_surnames, names_a_town
from .sentences import sentence_bounds

Span = tuple[int, int]

ACCEPT_SCORE = 4.0
LIST_COUNTRY_BONUS = 2.0
ALTERNATE_BEHIND_EXACT = 3.0
# "Peoria" in a text about Friedrichshafen: the namesake that is a twin of a town the text names for sure.
TWIN_BONUS = 1.0
SPELLING_BONUS = {EXACT: 1.0, OFFICIAL: 0.8, ALTERNATE: 0.6, BASE: 0.5, DEMONYM: 0.0}
# One-word names of towns smaller than this need a cue beside them: small towns share names with words.
SMALL_TOWN = 10_000
# What a state named in the text adds to its towns; named only in the headline, it says less where the text names
# towns around another namesake.
STATE_NAMED, STATE_ONLY_IN_HEADLINE = 2.0, 1.0
HEADLINE_LENGTH = 120
ROLE_ORDER = ["host", "visitor", "participant", "mentioned"]

# Town names that are also ordinary German or English words; they count only with a cue beside them.
COMMON_WORDS = words(
    """Essen Weil Lauf Bergen Stadt Halle Bad See Au Rain Zell Linden Wald Buch Berg Hof Dorf Mark Kirchen Brücken
    Wangen Aue Senden Waren Hausen Lage Gut Bruch Tann Roth Laufen Wehr Welt Zeil Ried Forst Kappel Bühl
    Hütten Hohen Elend Ohne Post Horn Mühlen Grund Hecken Stein Bach Rot Eschen Alle Ende Dank
    Holzen Kranz Lehen Linde Burg Haus Feld Heide Ebene Weiden Felde Lauter Rhein Elbe Main Oder Saale Mosel
    Garten Kurort Sonne Wissen Kunst Rathaus Markt Schloss Kloster Insel Hafen Tal Ring Wiese Brand
    Schutz Hessen Sachsen Bayern Thüringen Baden Übersee Valley Mustang Airport Berry Council
    Mobile Reading Orange Normal Hope Union Republic Liberty Independence Commerce Energy Progress Media Industry
    Enterprise Green White Golden Silver Grand Royal Friendship Harmony Unity Justice Paradise Welcome Success
    Mission Temple Center Central Summit Page Price
    Rich Young Power Story Marks Chapel Church Lake Bay Beach Park Spring Springs Plains Village Ohio Florida
    Texas Washington Nevada Virginia Delaware Kansas Georgia Indiana Wyoming Idaho Montana Oregon Dakota
    America Canada Mexico Columbia Jersey Atlantic Pacific Future Digital Smart Innovation Network Lounge
    Magnet Donkey Veritas Panorama Club Home Start Bild Foto Fotos Studie Programm Digitalisierung Arbeit"""
)
LIST_SEPARATOR = re.compile(r"^\s*(?:,|/|und|and|sowie|oder|or|&)\s*(?:the\s+|die\s+|der\s+)?$")
LAST_ITEM_BEFORE = re.compile(r"\b(?:und|and|sowie|oder|or|&)\s+(?:the\s+|die\s+|der\s+)?$")
LIST_ITEM_END = re.compile(r"\s*(?:[,;.:!?)(/&“”\"]|und\b|and\b|sowie\b|oder\b|or\b|$)")
ARTICLE_BEFORE = re.compile(
    r"\b(?:der|die|das|des|dem|den|ein|eine|einer|eines|einem|einen|kein\w*|the|a|an)\s+$", re.IGNORECASE
)
US_CONTEXT = re.compile(
    r"\b(?:USA|U\.S\.A?\.?|US-|Vereinigte[n]? Staaten|United States|amerikanisch\w*|American|America|Amerika)",
)
DE_CONTEXT = re.compile(r"\b(?:Deutschland|Germany|German|deutsch\w*|Bundes\w+)")


def is_word_character(character: str) -> bool:
    return character.isalnum() or character in "_"


def stands_alone(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a word of its own, not part of a longer word or a hyphenated compound
    ("Halle-Saalkreis", "TU-Darmstadt" name something else)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if is_word_character(before) or is_word_character(after):
        return False
    if after == "-" and end + 1 < len(text) and text[end + 1].isalpha():
        return False
    return not (before == "-" and start > 1 and text[start - 2].isalpha())


def names_a_town_here(text: str, mention: Mention, gazetteer: Gazetteer) -> bool:
    if all(kind == DEMONYM for _, kind in mention.candidates) and not a_demonym_here(text, mention, gazetteer):
        return False
    # "Krakow, Poland", "Waterford, Ireland": a place abroad that shares a name with a registry town.
    if FOREIGN_QUALIFIER.match(text, mention.end) or mention.surface in COUNTRIES:
        return False
    return not a_district(text, mention.start, mention.end)


# "die Freiburger", "den Mannheimern", "viele Lemgoer": a demonym as a noun, the town's people.
PEOPLE_BEFORE = re.compile(
    r"\b(?:[Dd]ie|den|[Aa]lle[n]?|[Vv]iele[n]?|[Zz]ahlreiche[n]?|[Ee]inige[n]?|[Mm]ehrere[n]?|\d+)\s+$"
)
KNOWN_BY_ITS_PEOPLE = 50_000


def a_demonym_here(text: str, mention: Mention, gazetteer: Gazetteer) -> bool:
    """ "Darmstädter Partnerstadt", "Freiburger Gemeinderat": a demonym as an adjective; "die Freiburger" as a
    noun; never "der Darmstädter" alone, a single person. A demonym that is also a word ("Lehrer" of Lehre) is the
    town's only where the town is big enough to be known by it."""
    adjective = bool(re.match(r" [A-ZÄÖÜ]", text[mention.end : mention.end + 2]))
    if not adjective and not PEOPLE_BEFORE.search(text, max(0, mention.start - 12), mention.start):
        return False
    population = max(gazetteer.towns[index].population for index, _ in mention.candidates)
    return population >= KNOWN_BY_ITS_PEOPLE or not a_dictionary_word(mention.surface)


def find_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Every gazetteer name standing as a word of its own, longest first where names overlap."""
    found: list[Mention] = []
    starts: dict[str, list[int]] = {}
    for end_index, (surface, candidates) in gazetteer.automaton.iter(text):
        start, end = end_index - len(surface) + 1, end_index + 1
        starts.setdefault(surface, []).append(start)
        if not stands_alone(text, start, end):
            continue
        mention = Mention(start, end, surface, candidates)
        if names_a_town_here(text, mention, gazetteer):
            found.append(mention)
    # Counted once here from the automaton's matches: counting each name in the whole text again costs the
    # square of the text's length when it names many towns.
    occurrences = {surface: without_overlaps(surface, offsets) for surface, offsets in starts.items()}
    for mention in found:
        mention.occurrences = occurrences[mention.surface]
    found.sort(key=lambda mention: (mention.start, -(mention.end - mention.start)))
    kept: list[Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def without_overlaps(surface: str, starts: list[int]) -> int:
    """How many of the name's occurrences `text.count(surface)` counts: from the left, none overlapping the last."""
    count, free_from = 0, 0
    for start in sorted(starts):
        if start >= free_from:
            count, free_from = count + 1, start + len(surface)
    return count


def group_lists(text: str, mentions: list[Mention]) -> None:
    """Number runs of towns written as a list ("Darmstadt, Dortmund, Halle und Mainz") so they share cues."""
    group = 0
    for index, mention in enumerate(mentions):
        if index and LIST_SEPARATOR.match(text[mentions[index - 1].end : mention.start]):
            mention.group = mentions[index - 1].group
        else:
            group += 1
            mention.group = group


def states_mentioned(text: str, gazetteer: Gazetteer) -> dict[str, list[int]]:
    """Registry state -> offsets where the text names it ("Bayern", "New Jersey", ", NJ", "(Hessen)")."""
    found: dict[str, list[int]] = {}
    for match in gazetteer.state_pattern.finditer(text):
        surface = match.group("code") or match.group("name")
        found.setdefault(gazetteer.state_names[surface], []).append(match.start())
    return found


def candidate_score(mention: Mention, town: Town, kind: int, evidence: Evidence) -> float:
    score = town.prior + SPELLING_BONUS[kind]
    offsets = evidence.states.get(town.state, [])  # in the order the text names them
    if offsets:
        score += STATE_NAMED
        following = bisect_left(offsets, mention.end)
        if following < len(offsets) and offsets[following] - mention.end <= 4:  # "Newark, NJ", "Newark (New Jersey)"
            score += 2.5
    if town.country not in evidence.countries:
        score -= 1.5
    if evidence.nearby is not None:
        score += evidence.nearby.bonus(town, mention.surface)
    return score


CITY_STATES = frozenset({"Berlin", "Hamburg", "Bremen", "New York", "Washington"})


def follow_qualified_names(mentions: list[Mention], gazetteer: Gazetteer) -> None:
    """ "In Taufkirchen (Vils) … Taufkirchen": a text that once names a town in full means it by the short name too."""
    qualified = {
        mention.chosen.key
        for mention in mentions
        if mention.chosen is not None and re.search(r"[(/]| (?:am|an|im|in|bei|ob) ", mention.surface)
    }
    for mention in mentions:
        if mention.chosen is None or mention.chosen.key in qualified:
            continue
        named_in_full = (gazetteer.towns[index] for index, _ in mention.candidates)
        mention.chosen = next((town for town in named_in_full if town.key in qualified), mention.chosen)


def list_countries(mentions: list[Mention], confident: list[Mention]) -> dict[int, str]:
    """ "Köln, Düsseldorf, Berlin, Oldenburg": a list whose other towns all lie in one country pulls its
    ambiguous member there (Oldenburg in Lower Saxony, not in Indiana)."""
    # Counted per list once: comparing every mention with every other costs the square of a long text.
    peers: Counter[int] = Counter(other.group for other in confident)
    countries: dict[int, Counter[str]] = {}
    for other in confident:
        if other.chosen is not None:
            countries.setdefault(other.group, Counter())[other.chosen.country] += 1
    confident_ids = {id(other) for other in confident}
    found = {}
    for index, mention in enumerate(mentions):
        others = Counter(countries.get(mention.group, {}))
        count = peers[mention.group]
        if id(mention) in confident_ids:
            count -= 1
            if mention.chosen is not None:
                others[mention.chosen.country] -= 1
        named = [country for country, times in others.items() if times > 0]
        if len(named) == 1 and count >= 2:
            found[index] = named[0]
    return found


def names_a_state(mention: Mention, gazetteer: Gazetteer) -> bool:
    """ "in Brandenburg", "Palm Bay/Florida": the state, unless a city is meant (Berlin, New York, Washington)."""
    return mention.surface in gazetteer.state_names and mention.surface not in CITY_STATES


def elsewhere(text: str, mention: Mention, gazetteer: Gazetteer) -> bool:
    """ "Arlington, Virginia", "Yorktown in Virginia" when the registry has no such town in Virginia: the text
    means another place. "Köln, Berlin, München" and "Baltimore, Washington, D.C." are lists of towns, though
    Berlin and Washington are also states."""
    qualifier = re.match(
        r"(?:,\s*|/|\s*\(|\s+in\s+)(?P<state>[A-Z][A-Za-z. ]{1,20}?)(?=[),;.\n]|\s*$|\s+(?:und|and|USA)\b)",
        text[mention.end : mention.end + 30],
    )
    if qualifier is None or mention.chosen is None or qualifier.group("state").strip() in CITY_STATES:
        return False
    state = gazetteer.state_names.get(qualifier.group("state").strip())
    return state is not None and state != mention.chosen.state


def inside_a_name(text: str, mention: Mention) -> bool:
    """ "the City Council", "Town Hall": an ordinary word behind "City"/"Town"/"County" is part of a name."""
    return mention.surface in COMMON_WORDS and bool(
        re.search(r"\b(?:City|Town|County|State)\s+$", text[max(0, mention.start - 8) : mention.start])
    )


def needs_cue(text: str, mention: Mention) -> bool:
    """Names that are ordinary words, small towns' one-word names, and nouns after an article need a cue."""
    if mention.surface.rstrip("s'") in COMMON_WORDS or mention.surface in COMMON_WORDS:
        return True
    if all(kind == BASE for _, kind in mention.candidates) and a_dictionary_word(mention.surface):
        return True  # "Wetter" for Wetter (Ruhr): the weather, unless a cue says otherwise
    if mention.chosen is not None and mention.chosen.population < SMALL_TOWN:
        if LANDMARK.search(mention.surface):
            return True  # "Cedar Point", "Lake Park": more often an amusement park or a park than a small town
        if " " not in mention.surface:
            return not a_name_repeated(text, mention)
    return after_article(text, mention)


def a_name_repeated(text: str, mention: Mention) -> bool:
    """ "Nalbach war … vertreten … dass Nalbach Teil dieses Netzwerks ist": a small town's name that no other town
    shares and no dictionary knows, named again and again, is the town the text is about."""
    return (
        len(mention.candidates) == 1
        and mention.occurrences >= 2
        and not re.match(r" [A-ZÄÖÜ]", text[mention.end : mention.end + 2])  # "Buena High School"
        and not any(a_dictionary_word(word, ("de", "en")) for word in (mention.surface, mention.surface.lower()))
    )


def after_article(text: str, mention: Mention) -> bool:
    """ "des Wissens", "die Halle": an article before a one-word name makes it a noun, unless the town is big."""
    if " " in mention.surface or mention.chosen is None or mention.chosen.population >= 100_000:
        return False
    if all(kind == DEMONYM for _, kind in mention.candidates):
        return False  # "der Landshuter Hochzeit": an adjective after its article
    return bool(ARTICLE_BEFORE.search(text[max(0, mention.start - 12) : mention.start]))


def has_cue(text: str, mention: Mention, accepted_groups: set[int]) -> bool:
    """A common-word name counts when a cue stands right before it or it sits in a list of real towns."""
    if CUES_BEFORE.search(text[max(0, mention.start - 30) : mention.start]):
        return True
    if re.match(r"\s*(?:\([A-ZÄÖÜ]|,\s*[A-Z]{2}\b)", text[mention.end : mention.end + 6]):
        return True
    return mention.group in accepted_groups and ends_its_item(text, mention)


def ends_its_item(text: str, mention: Mention) -> bool:
    """ "Essen, Halle und Bergen wurden besucht": a name in a list of towns is a whole item, or the last one after
    "und"; "Lemgo, Welcome to the Town Hall" is no list of towns."""
    if LAST_ITEM_BEFORE.search(text, max(0, mention.start - 12), mention.start):
        return True
    return bool(LIST_ITEM_END.match(text, mention.end))


def margin(mention: Mention, gazetteer: Gazetteer) -> float:
    """How far the chosen town's population prior leads the next candidate's (a unique name leads by far)."""
    priors = sorted((gazetteer.towns[index].prior for index, _ in mention.candidates), reverse=True)
    return priors[0] - priors[1] if len(priors) > 1 else 10.0


def states_named(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> dict[str, list[int]]:
    """The states the text names, where it names them: "Brandenburg an der Havel", "Halle (Westf.)" name no state;
    "Delaware" alone does, though a town shares it."""
    # The mentions do not overlap and are sorted: the one that may hold an offset is the last starting before it.
    starts = [mention.start for mention in mentions]

    def inside_a_town(offset: int) -> bool:
        index = bisect_left(starts, offset + 1) - 1
        if index < 0:
            return False
        mention = mentions[index]
        return offset < mention.end and (mention.surface not in gazetteer.state_names or mention.surface in CITY_STATES)

    states = {
        state: [offset for offset in offsets if not inside_a_town(offset)]
        for state, offsets in states_mentioned(text, gazetteer).items()
    }
    return {state: offsets for state, offsets in states.items() if offsets}


def headline_end(text: str) -> int:
    """Where the headline ends: a short first line above the text's paragraphs (0 when the text has none)."""
    first_line = text.lstrip().split("\n", 1)[0]
    if len(first_line) > HEADLINE_LENGTH or first_line == text.strip() or first_line.rstrip().endswith((".", ":")):
        return 0
    return text.index(first_line) + len(first_line)


def countries_meant(text: str, language: str, states: dict[str, list[int]]) -> set[str]:
    countries = {"DE"} if language == "de" or DE_CONTEXT.search(text) else set()
    if language == "en" or US_CONTEXT.search(text) or any(state in US_STATE_CODES.values() for state in states):
        countries.add("US")
    return countries or {"DE", "US"}


@dataclass
class Evidence:
    """What the whole text says about where it is: the states and countries it names, where its headline ends,
    whether it is about Europe, and in the second pass the towns named with confidence near each mention, the
    country of each list of towns and the twins of the towns named without doubt."""

    text: str
    states: dict[str, list[int]]
    countries: set[str]
    headline_end: int = 0
    about_europe: bool = False
    nearby: Nearby | None = None
    list_country: dict[int, str] = field(default_factory=dict)
    twins: frozenset[str] = frozenset()  # the twin towns of the towns named without doubt


def candidate_total(
    index: int, mention: Mention, town_index: int, kind: int, gazetteer: Gazetteer, evidence: Evidence
) -> float:
    town = gazetteer.towns[town_index]
    score = candidate_score(mention, town, kind, evidence)
    # "Williamsburg" is a town's own name in Virginia, and only a former name of Rockville; "Munich"
    # is München's other name, though a village in North Dakota has it as its own.
    if kind == ALTERNATE and any(
        other == EXACT and gazetteer.towns[other_index].population * 10 >= town.population
        for other_index, other in mention.candidates
    ):
        score -= ALTERNATE_BEHIND_EXACT
    if evidence.list_country.get(index) == town.country:
        score += LIST_COUNTRY_BONUS
    if town.key in evidence.twins:
        score += TWIN_BONUS
    if only_in_headline(town.state, evidence) and context_elsewhere(mention, town, gazetteer, evidence):
        score -= STATE_NAMED - STATE_ONLY_IN_HEADLINE
    return score


def only_in_headline(state: str, evidence: Evidence) -> bool:
    offsets = evidence.states.get(state, [])
    return bool(offsets) and offsets[-1] < evidence.headline_end


def context_elsewhere(mention: Mention, town: Town, gazetteer: Gazetteer, evidence: Evidence) -> bool:
    """ "Hessen fördert …" over a report on Frankfurt and Eisenhüttenstadt: the text names towns near a namesake
    in another state than the headline's."""
    nearby = evidence.nearby
    if nearby is None:
        return False
    others = (gazetteer.towns[index] for index, _ in mention.candidates)
    return any(other.state != town.state and nearby.bonus(other, mention.surface) > 0 for other in others)


def choose(mentions: list[Mention], gazetteer: Gazetteer, evidence: Evidence) -> None:
    for index, mention in enumerate(mentions):
        best: tuple[float, Town] | None = None
        for town_index, kind in mention.candidates:
            score = candidate_total(index, mention, town_index, kind, gazetteer, evidence)
            if best is None or score > best[0]:
                best = (score, gazetteer.towns[town_index])
        if best is not None:
            mention.score, mention.chosen = best


def confident_neighbours(mentions: list[Mention], gazetteer: Gazetteer) -> tuple[list[Mention], Nearby]:
    """The mentions chosen with confidence, and the towns they name by where they lie (a name never counts as
    its own neighbour)."""
    confident = [
        mention for mention in mentions if mention.score >= ACCEPT_SCORE + 1 and margin(mention, gazetteer) >= 2.0
    ]
    nearby = Nearby((mention.chosen, mention.surface) for mention in confident if mention.chosen is not None)
    return confident, nearby


def twins_named(mentions: list[Mention], gazetteer: Gazetteer) -> frozenset[str]:
    """The twin towns of the towns the text names without doubt: a name no other town of about its size shares."""
    return frozenset().union(
        *(
            gazetteer.twins.get(mention.chosen.key, ())
            for mention in mentions
            if mention.chosen is not None and mention.score >= ACCEPT_SCORE and margin(mention, gazetteer) >= 2.0
        )
    )


def may_be_a_town(mention: Mention, gazetteer: Gazetteer, evidence: Evidence, state_spans: list[Span]) -> bool:
    text = evidence.text
    if names_a_state(mention, gazetteer) and not STADT_BEFORE.search(text[max(0, mention.start - 20) : mention.start]):
        return False
    # "North" in "North Carolina": part of a state's name.
    if any(
        start <= mention.start and mention.end <= end and (start, end) != (mention.start, mention.end)
        for start, end in state_spans
    ):
        return False
    return not elsewhere(text, mention, gazetteer) and not a_city_abroad(
        mention, gazetteer, evidence.states, about_europe=evidence.about_europe
    )


def accepted_mentions(text: str, mentions: list[Mention], states: dict[str, list[int]]) -> set[int]:
    """Mentions sure enough on their own, and those a little less sure that a cue beside them or their state right
    after them ("Basalt, Colorado") confirms."""
    accepted = {
        index
        for index, mention in enumerate(mentions)
        if mention.score >= ACCEPT_SCORE and not needs_cue(text, mention)
    }
    accepted_groups = {mentions[index].group for index in accepted}
    for index, mention in enumerate(mentions):
        if index in accepted or mention.score < ACCEPT_SCORE - 0.5 or after_article(text, mention):
            continue
        if inside_a_name(text, mention):
            continue
        if has_cue(text, mention, accepted_groups) or state_after(mention, states):
            accepted.add(index)
            accepted_groups.add(mention.group)
    return accepted


def resolve(text: str, mentions: list[Mention], gazetteer: Gazetteer, language: str) -> list[Mention]:
    """Choose a town for each mention (or none); returns the mentions that are towns."""
    states = states_named(text, mentions, gazetteer)
    evidence = Evidence(
        text,
        states,
        countries_meant(text, language, states),
        headline_end=headline_end(text),
        about_europe=bool(ABOUT_EUROPE.search(text)),
    )
    group_lists(text, mentions)
    choose(mentions, gazetteer, evidence)
    # Second pass: towns named elsewhere in the text pull ambiguous names towards themselves ("Newark" near
    # "Jersey City").
    confident, evidence.nearby = confident_neighbours(mentions, gazetteer)
    evidence.list_country = list_countries(mentions, confident)
    evidence.twins = twins_named(mentions, gazetteer)
    choose(mentions, gazetteer, evidence)
    follow_qualified_names(mentions, gazetteer)

    state_spans = [match.span() for match in gazetteer.state_pattern.finditer(text) if match.group("name")]
    mentions[:] = [mention for mention in mentions if may_be_a_town(mention, gazetteer, evidence, state_spans)]
    group_lists(text, mentions)
    accepted = accepted_mentions(text, mentions, evidence.states)
    towns = [
        mention
        for index, mention in enumerate(mentions)
        if index in accepted and names_a_town(text, mention, gazetteer, language)
    ]
    return drop_surnames(text, towns)


HOST_CUE = re.compile(
    r"Gastgeber|empf(?:ing|ängt|angen)|zu Gast|ausgerichtet|richtet\w* aus|eingeladen|lädt|laden\b|statt\b|hosted|"
    r"\bhosts?\b|welcomed|took place|will take place|held in",
    re.IGNORECASE,
)
VISIT_CUE = re.compile(r"besuch|bereist|reist|visit|travel|trip|tour", re.IGNORECASE)
PARTICIPATE_CUE = re.compile(r"\bteil\b|teilgenommen|teilnehm|Teilnehmer|beteiligt|particip|joined|took part", re.I)
FROM_BEFORE = re.compile(r"\b(?:aus|from|Delegation aus|delegation from)\s+(?:\w+\s+){0,2}$")
AT_BEFORE = re.compile(r"\b(?:in|nach|to|at)\s+(?:die|der|den|the)?\s*(?:\w+\s+){0,2}$")
STADT_BEFORE = re.compile(r"\b(?:Städte|Stadt|cities|city|towns|Kommunen)\s+$")


@dataclass(frozen=True)
class SentenceCues:
    host: bool
    named_host: bool  # "Gastgeber", "host"
    visit: bool
    participate: bool

    @classmethod
    def of(cls, sentence: str) -> SentenceCues:
        return cls(
            host=bool(HOST_CUE.search(sentence)),
            named_host=bool(re.search(r"Gastgeber|host", sentence)),
            visit=bool(VISIT_CUE.search(sentence)),
            participate=bool(PARTICIPATE_CUE.search(sentence)),
        )


def is_host(cues: SentenceCues, before: str) -> bool:
    """ "Wittenberge war Gastgeber", "in Darmstadt eingeladen", "die Städte Philadelphia … besucht"."""
    if cues.host and (cues.named_host or AT_BEFORE.search(before)):
        return True
    return cues.visit and bool(STADT_BEFORE.search(before) or AT_BEFORE.search(before))


def assign_roles(text: str, towns: list[Mention]) -> None:
    """Host, visitor, participant or mentioned, from the cue words of the sentence and the word before the list."""
    heads: dict[int, Mention] = {}
    for mention in towns:
        heads.setdefault(mention.group, mention)
    cues_of: dict[int, SentenceCues] = {}  # by sentence start: each sentence is read once
    for mention in towns:
        head = heads[mention.group]
        sentence_start, sentence_end = sentence_bounds(text, mention.start)
        if sentence_start not in cues_of:
            cues_of[sentence_start] = SentenceCues.of(text[sentence_start:sentence_end])
        cues = cues_of[sentence_start]
        before = text[max(sentence_start, head.start - 40) : head.start]
        role = "mentioned"
        if FROM_BEFORE.search(before):
            role = "visitor" if cues.visit else "participant"
        elif is_host(cues, before):
            role = "host"
        elif cues.participate:
            role = "participant"
        mention.role = role


def town_facts(mentions: Iterable[Mention]) -> list[dict]:
    """One entry per town, in order of first mention, with all its spans and its strongest role."""
    by_key: dict[str, dict] = {}
    for mention in mentions:
        if mention.chosen is None:
            continue
        entry = by_key.setdefault(
            mention.chosen.key,
            {"key": mention.chosen.key, "name": mention.chosen.name, "role": "mentioned", "spans": []},
        )
        entry["spans"].append([mention.start, mention.end])
        if ROLE_ORDER.index(mention.role) < ROLE_ORDER.index(entry["role"]):
            entry["role"] = mention.role
    return list(by_key.values())
