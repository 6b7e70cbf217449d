"""Programmes, organisations and people named in a text.

Known names (general exchange programmes and municipal organisations, in `known.py`) are matched with
their spelling variants; unknown ones by the way German and English texts introduce them: a quoted name
after "Programm"/"Projekt", a ministry "für …", a compound ending in "-verband"/"-stiftung", "Name (ABBR)",
a company form ("GmbH", "Inc."), a role word before or after a person's name.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .known import KNOWN_ORGANISATIONS, KNOWN_PROGRAMMES, NOT_A_NAME, words

Span = tuple[int, int]
# Words before an organisation's name that are not part of it ("der Gesellschaft …" keeps "Gesellschaft").
LEADING_FILLER = words("Der Die Das Den Dem Des Ein Eine Einer The A An Im Am Zum Zur Vom Von Bei Mit Für Auf Aus Und")
TRAILING_FILLER = words("der die das des dem den und and of the for für in im am zum zur von vom")

CAP = r"[A-ZÄÖÜ][\wäöüß.&'’]*-?"
CAP_SEQUENCE = rf"{CAP}(?:(?:,\s*|\s+(?:und|sowie|and|&)\s+|\s+)(?!(?:und|and)\b){CAP})*"
CONNECT = r"(?:\s+(?:of|on|for|of the|for the|in|in der|für|der|des|zur|zum|and|und|&)\s+)"
EN_TITLE = r"[A-Z][\w'’&-]*(?:\.[A-Z][\w'’&-]*)*"
# "für wirtschaftliche Zusammenarbeit", "für öffentliche Verwaltung": an adjective before the capitalised words
LOWER_ADJECTIVE = r"(?:[a-zäöü]+(?:e|en|er|es)\s+)?"

MINISTRY = re.compile(
    rf"\b(?:Bundes|Landes|Staats|Wirtschafts|Innen|Finanz|Digital)?[Mm]inisteri(?:um|ums)\s+(?:für|des|der)\s+"
    rf"{LOWER_ADJECTIVE}{CAP_SEQUENCE}"
    # "des amerikanischen Außenministeriums": a country's ministry, named by its adjective
    rf"|\b[a-zäöü]+ische[nmrs]?\s+(?:Außen|Innen|Wirtschafts|Finanz|Bildungs|Verteidigungs)ministeri(?:um|ums)\b"
    rf"|\b(?:US|U\.S\.|EU|UN|Bundes|Landes)-[A-ZÄÖÜ][\wäöüß]*ministeri(?:um|ums)\b"
    rf"|\b(?:Bundes|Landes)(?:amt|amts|institut|instituts|agentur|anstalt|zentrale|stelle)\s+für\s+"
    rf"{LOWER_ADJECTIVE}{CAP_SEQUENCE}"
    rf"|\bSenatsverwaltung\s+für\s+{CAP_SEQUENCE}"
    rf"|\b(?:(?:U\.S\.|US|Federal|State)\s+)?(?:Department|Ministry|Office|Agency|Bureau|Secretary)\s+(?:of|for)\s+"
    rf"(?:the\s+)?{EN_TITLE}(?:\s+(?:and\s+|&\s+)?{EN_TITLE})*"
)
EN_BODY = re.compile(
    rf"\b(?:{EN_TITLE}[ \t]+){{1,4}}(?:Club|Council|Association|Foundation|Institute|League|Society|Alliance|"
    rf"Coalition|Chamber(?:\s+of\s+Commerce)?|Fund|Trust|Corporation|Authority|Commission|Conference of Mayors|"
    rf"University|College|Agency|Academy|Federation|Union|Friendship Association|Brewery|Company|Bank|Parliament|"
    rf"Party|Museum|School|[Cc]ommittee|Foods|"
    rf"Sister Cities(?: International| Association| Corporation| Committee)?|"
    rf"Sister City(?: Association| Corporation| Committee| Commission))(?:{CONNECT}(?:{EN_TITLE}\s?){{1,3}})?"
)
# A word that looks like a German place name: "Hörenhausen", "Lichtenfels", "Schönebürg".
PLACE_NAME = (
    r"[A-ZÄÖÜ][a-zäöüß]+(?:hausen|heim|dorf|burg|bürg|berg|feld|felde|stadt|ingen|bach|au|rode|hofen|kirchen|"
    r"see|fels|hagen|stein|furt|brück|brücken|born|wald|leben|walde|tal|lingen)\b"
)
DE_BODY = re.compile(
    r"\b(?:(?:[A-ZÄÖÜ][\wäöüß-]*(?:e[rnms]?|ische[rnms]?))\s+)?(?:[A-ZÄÖÜ][\wäöüß]*-\s+(?:und|&)\s+)?"
    r"(?:[A-ZÄÖÜ][\wäöüß-]*(?:verband|verbands|verbandes|bund|bunds|bundes|verein|vereins|städtetag|landkreistag|"
    r"gemeindetag|kammer|stiftung|gesellschaft|institut|instituts|akademie|agentur|zentrum|zentrums|werke|club|"
    r"konsulat|konsulats|botschaft|zentrale|kapelle|orchester|orchesters|chor|chors|chores|komitee|komitees)|Club|"
    r"Stiftung|Institut|Akademie|Gesellschaft|Verein|Verband|Städtetag|Landkreistag|Gemeindetag|Komitee|"
    # "Staatskanzlei Niedersachsen", "Musikschule Wolfhager Land": a body named by its state or area
    r"Staatskanzlei(?=\s+[A-ZÄÖÜ])|(?:Musik|Volkshoch)schule(?=\s+[A-ZÄÖÜ][\wäöüß]+(?:er\s+Land|\b)))\b"
    r"(?:\s+[A-ZÄÖÜ][\wäöüß]+er\s+Land|\s+(?:Baden-Württemberg|Bayern|Berlin|Brandenburg|Bremen|Hamburg|Hessen|"
    r"Mecklenburg-Vorpommern|Niedersachsen|Nordrhein-Westfalen|Rheinland-Pfalz|Saarland|Sachsen-Anhalt|Sachsen|"
    r"Schleswig-Holstein|Thüringen)\b)?"
    # "Städtetag Rheinland-Pfalz", "Musikverein Hörenhausen", "Städtepartnerschaftskomitee Lichtenfels"
    r"(?:\s+(?:[A-ZÄÖÜ][\wäöüß]+-[A-ZÄÖÜ][\wäöüß]+|{place}))?(?:\s+(?:für|der|des)\s+{cap})?".replace(
        "{cap}", CAP_SEQUENCE
    ).replace("{place}", PLACE_NAME)
)
STIFTUNG_AFTER = re.compile(
    r"\b(?:Stiftung|Universität|(?:[A-ZÄÖÜ][a-zäöü]+ische[nr]? )?(?:(?:Technische[n]? |Fach)?Hochschule|"
    r"Technische[n]? Universität)|TU|TH|FH|Stadtwerke|"
    r"Sparkasse|Volksbank|Handwerkskammer|Handelskammer|"
    r"IHK|Verkehrsbetriebe|Wirtschaftsförderung|(?:Förderkreis|Foerderkreis|Freundeskreis|Arbeitskreis)(?:es)?|"
    r"(?:Partnerschaftsverein|Verein)s?|Partnerschaftskomitees?)\s+(?:der\s+|für\s+(?:[a-zäöü]+e[nr]?\s+)?|zur\s+)?"
    r"[A-ZÄÖÜ][\wäöüß-]+(?:\s+[A-ZÄÖÜ][\wäöüß-]+){0,3}(?:\s+\([\wäöüß. ]+\))?"
)
COUNCIL = re.compile(
    rf"\b[A-ZÄÖÜ][\wäöüß]*-\s+und\s+[A-ZÄÖÜ][\wäöüß]*rat(?:s|es)?\b(?:\s+(?:der|des)\s+{CAP_SEQUENCE})?"
)
SISTER_CITIES_OF = re.compile(r"\bSister Cit(?:y|ies) (?:Association |Committee )?of [A-Z][\w.]+(?: [A-Z][\w.]+)?")
# "John Jay McCloy Stiftung", "Robert Bosch Stiftung": a founder's names before the body.
FOUNDER_BODY = re.compile(
    r"\b[A-Z][a-z]+(?:\s+(?:[A-Z]\.|[A-Z][a-z]+))?\s+(?:Mc|Mac)?[A-Z][a-z]+\s+(?:Stiftung|Foundation|Fonds|Fund)\b"
)
HYPHENATED_BODY = re.compile(
    r"\b(?:[A-ZÄÖÜ][a-zäöüß]+\s+[A-Z]\.\s+)?"  # "John J. McCloy-Stiftung": a founder's name with an initial
    r"[A-ZÄÖÜ][\wäöüß]*(?:-[A-ZÄÖÜ][\wäöüß]*)*-(?:Society|Foundation|Institute|Fund|Gesellschaft|Stiftung|Fonds|"
    r"Verein|Institut|Akademie|Zentrum|Club|Gymnasium|Schule|Realschule|Gesamtschule|Museum)\b"
)
# Newspapers and broadcasters: "Herzberger Rundschau", "Esslinger Zeitung", "the Tuscaloosa News".
MEDIA = re.compile(
    r"\b(?:[A-ZÄÖÜ][\wäöüß-]*(?:er|e|es)\s+)?[A-ZÄÖÜ][\wäöüß-]*(?:er)?\s+(?:Zeitung|Rundschau|Nachrichten|Anzeiger|"
    r"Allgemeine|Tagblatt|Kurier|Stadtanzeiger|Morgenpost|Abendblatt|Tageblatt|Volksstimme)\b"
)
# "US-Botschaft", "der Deutschen Botschaft", "the German Embassy"; not "einer US-Botschaft" (any embassy).
EMBASSY = re.compile(
    r"(?<!\beiner )(?<!\beine )(?<!\ban )(?<!\ba )"
    r"\b(?:(?:Deutsche|Amerikanische|US-amerikanische|Französische|Britische)[nr]?\s+|(?:U\.\s?S\.|US)[- ])"
    r"(?:Botschaft|Generalkonsulat|Konsulat)\b|\b(?:German|U\.S\.|US|American)\s+(?:Embassy|Consulate(?: General)?)\b"
)
# A name introduced by what it is: "der Austausch-Organisation Cultural Vistas", "dem Dachverband Welcoming
# America", "Firma Körber", "im Hauptquartier von 3M", "the company Berry Global".
NAMED_KIND = re.compile(
    r"(?:\b[A-ZÄÖÜ][\wäöüß]*-|\b)(?:[Dd]achverband|[Oo]rganisation|[Ff]irma|Unternehmens?|Konzerns?|Hersteller[s]?|"
    r"Verlag[es]*|(?P<part>Kammerchor[es]*|Chor[es]*|Ensemble[s]?)|Hauptquartier von|Zentrale von|Sitz von|(?i:company|"
    r"organi[sz]ation|firm|headquarters of|umbrella group|choir))\s+"
    r"(?P<name>(?:[A-ZÄÖÜ0-9][\wäöüß&-]*(?:\.[\wäöüß&-]+)*)(?:\s+(?:&\s+)?[A-ZÄÖÜ][\wäöüß-]*){0,3})"
)
TOWN_COUNCIL = re.compile(r"\b(?:City|Town|Village|County) (?:Council|Commission|Hall)$")
UNIVERSITY_OF = re.compile(rf"\bUniversity\s+of\s+{EN_TITLE}(?:\s+{EN_TITLE})?")
COMPANY = re.compile(
    r"\b(?:[A-ZÄÖÜ][\wäöüß&.-]*[ \t]+){1,4}(?:GmbH|gGmbH|AG|SE|KG|e\.\s?V\.|eG|Genossenschaft|Inc\.?|LLC|Ltd\.?|"
    r"Corp\.?)(?![\w])"
)
ABBREVIATED = re.compile(r"\((?P<abbr>[A-ZÄÖÜ](?=[\w&]*[A-ZÄÖÜ&])[A-Za-zÄÖÜäöü&]{1,7}|[A-ZÄÖÜ][a-zäöü]{1,3})\)")
# A word that introduces a programme's name, also as the end of a compound ("Pilotprojekts", "Förderprogramm").
PROGRAMME_WORD = re.compile(
    r"\b[\wäöüß]*(?i:programm|program|programme|projekt|project|modellvorhaben|initiative|wettbewerb|netzwerk|"
    r"network|kampagne|fellowship)(?:s|es|e)?\b"
)
QUOTED_NAME = re.compile(r"[„\"“»«‚‘]\s*(?P<name>[^„\"“”»«‘’\n]{3,100}?)\s*[“\"”«»‘’]")
PROGRAMME_AFTER_WORD = re.compile(
    PROGRAMME_WORD.pattern + r"\s+(?P<name>(?:[A-ZÄÖÜ][\wäöüß-]{3,}(?:\.[A-ZÄÖÜ][\wäöüß-]+)+\.?"
    r"|[A-ZÄÖÜ][\wäöüß-]{3,}(?:\s+(?:(?:of|for|the|and|der|für)\s+)?[A-ZÄÖÜ][\w-]+)*)"
    r"|(?:[a-z]+\s+of\s+[a-z]+))(?=[\s.,;:)])"
)
EN_PROGRAMME = re.compile(
    rf"\b(?:{EN_TITLE}\s+){{1,6}}(?:Program|Programme|Initiative|Fellowship|Exchange|Challenge|Academy|Network|"
    rf"Partnership Program|Project)\b"
)
# "Study Tour on Social Cohesion", "Program for Young Leaders": the kind first, the subject in capitals after it.
EN_PROGRAMME_ON = re.compile(
    rf"\b(?:{EN_TITLE}\s+){{0,3}}(?:Program|Programme|Study Tour|Initiative|Fellowship|Exchange|Challenge|Dialogue|"
    rf"Mission)"
    rf"\s+(?:on|for|of)\s+(?:the\s+)?{EN_TITLE}(?:\s+(?:and\s+|&\s+)?{EN_TITLE}){{0,3}}"
)
# "John J. McCloy-Austauschprogramm", "US-Austauschprogramm für Hauptverwaltungsbeamte": a name joined to the kind.
COMPOUND_PROGRAMME = re.compile(
    r"\b(?:[A-ZÄÖÜ][a-zäöüß]+\s+[A-Z]\.\s+)?[A-ZÄÖÜ][\wäöüß.]*-(?:Austausch|Förder|Stipendien|Partnerschafts)?"
    r"[Pp]rogramm(?:e?s)?\b(?:\s+für\s+(?:[a-zäöü]+e[nr]?\s+)?[A-ZÄÖÜ][\wäöüß-]+)?"
    # "Parlamentarisches Partnerschaftsprogramm": a compound programme named by its adjective (not "Dieses …")
    r"|\b[A-ZÄÖÜ][a-zäöü]+isch(?:e|es|en)\s+[A-ZÄÖÜ][a-zäöüß]+programm(?:e?s)?\b"
)
# An organisation's last word: "Austauschprogramm des American Council on Germany (ACG)" names who runs it.
BODY_WORD = re.compile(
    r"(?:Council|Association|Foundation|Institute|Society|Fund|Trust|Agency|Ministry|Department|Commission|"
    r"[Ss]tiftung|[Vv]erband|[Vv]erein|[Gg]esellschaft|[Ii]nstitut|[Mm]inisterium|[Aa]mt|[Bb]und|[Tt]ag)"
    r"(?:\s+(?:on|of|for|für|der|des)\s+\S+(?:\s+\S+)?)?$"
)

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
TOWN_CUE_BEFORE = re.compile(r"\b(?:in|nach|aus|Stadt|city of|town of|to|from)\s+$")
SAID = re.compile(rf"\b(?:said|says|sagte|sagt|erklärte|betonte|so)\s+{TITLES}{PERSON_NAME}\b")


@dataclass
class Found:
    name: str
    spans: list[Span]
    abbreviation: str | None = None
    place_key: str | None = None
    extra: dict = field(default_factory=dict)


def overlaps(span: Span, spans: list[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def tidy(name: str, leading: frozenset[str] = NOT_A_NAME) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,;:-")
    words = name.split(" ")
    while words and words[0] in leading:
        words = words[1:]
    while words and words[-1] in TRAILING_FILLER:
        words = words[:-1]
    return " ".join(words)


SCHOOL_NAMES = {"TH": "Technische Hochschule", "TU": "Technische Universität", "FH": "Fachhochschule"}
MASCULINE = ("bund", "verband", "verein", "tag", "rat", "club", "kreis", "fonds")
NEUTER = ("um", "institut", "zentrum", "amt", "konsulat", "gymnasium", "werk", "büro", "netzwerk")


def nominative(name: str) -> str:
    """A German name as the subject of a sentence would have it, with the lemmatiser's help:
    "Bundesministeriums für …" → "Bundesministerium für …", "Atlantischen Akademie" → "Atlantische Akademie",
    "Deutschen Städte- und Gemeindebunds" → "Deutscher Städte- und Gemeindebund"."""
    import simplemma

    words = name.split(" ")
    adjective = re.compile(r"[A-ZÄÖÜ][\wäöüß-]*(?:isch|sch|ig|lich|al|er|ar)en")
    head = 0
    while head < len(words) and adjective.fullmatch(words[head]):
        head += 1
    # "Städte- und Gemeindebunds": the noun is the last part of a joined pair.
    while head + 2 < len(words) and words[head].endswith("-") and words[head + 1] in ("und", "&"):
        head += 2
    if head < len(words):
        words[head] = without_genitive(words[head])
    if head >= len(words) or not re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+", words[head]):
        return " ".join(words)
    noun = words[head]
    german = head > 0 or any(word in ("für", "des", "der", "und", "zur", "zum") for word in words)
    lemma = simplemma.lemmatize(noun, lang="de") if german else noun
    if lemma[:1].isupper() and len(noun) - len(lemma) in (1, 2) and noun.startswith(lemma):
        noun = lemma  # only a genitive ending dropped, never a different word
    words[head] = noun
    ending = "er" if noun.lower().endswith(MASCULINE) else "es" if noun.lower().endswith(NEUTER) else "e"
    for index in range(head):
        if adjective.fullmatch(words[index]):
            words[index] = words[index][:-2] + ending
    return " ".join(words)


def without_genitive(noun: str) -> str:
    """ "Arbeitskreises", "US-Außenministeriums": a head noun whose ending only a genitive has."""
    lower = noun.lower()
    for stem in (*MASCULINE, *NEUTER):
        for ending in ("es", "s"):
            if lower.endswith(stem + ending) and len(noun) > len(stem) + len(ending):
                return noun[: -len(ending)]
    return noun


def abbreviation_matches(abbreviation: str, words: list[str]) -> bool:
    letters = [character.lower() for character in abbreviation if character.isalpha()]
    if not words or words[0][0].lower() != letters[0]:
        return False
    remaining = " ".join(words).lower()
    position = 0
    for letter in letters:
        position = remaining.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


def named_before_abbreviation(text: str, match: re.Match[str]) -> tuple[int, str] | None:
    """The words before "(ABBR)" that the abbreviation stands for: "European Recovery Program (ERP)"."""
    abbreviation = match.group("abbr")
    before = text[max(0, match.start() - 120) : match.start()].rstrip()
    tokens = list(re.finditer(r"[\wäöüßÄÖÜ][\wäöüßÄÖÜ.&'-]*", before))
    for count in range(1, min(9, len(tokens)) + 1):
        chosen = tokens[-count:]
        words = [token.group() for token in chosen]
        if (
            words[0][0].isupper()
            and abbreviation_matches(abbreviation, words)
            and len(words) >= min(2, len(abbreviation))
        ):
            start = max(0, match.start() - 120) + chosen[0].start()
            return start, text[start : match.start()].strip()
    return None


def find_programmes(text: str, taken: list[Span]) -> list[Found]:
    found: dict[str, Found] = {}

    def add(name: str, span: Span, abbreviation: str | None = None) -> None:
        canonical = canonical_programme(name)
        if canonical is None:
            name = tidy(name)
            if len(name) < 4 or name in NOT_A_NAME or overlaps(span, taken):
                return
            canonical = name
        entry = found.setdefault(canonical.casefold(), Found(canonical, [], abbreviation))
        if list(span) not in [list(existing) for existing in entry.spans]:
            entry.spans.append(span)
        entry.abbreviation = entry.abbreviation or abbreviation or known_programme_abbreviation(canonical)

    for programme in KNOWN_PROGRAMMES:
        for match in programme["pattern"].finditer(text):
            add(programme["name"], match.span())
    for match in QUOTED_NAME.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        name = match.group("name")
        introduced = re.search(PROGRAMME_WORD.pattern + r"\s*(?:des|der|dem|the)?\s*$", before)
        # „Parlamentarisches-Patenschafts-Programm (PPP)“: the quoted name says itself what it is.
        abbreviated = re.fullmatch(r"(?P<name>.+?)\s*\((?P<abbr>[A-ZÄÖÜ][\w&]{1,7})\)", name)
        if abbreviated:
            name = abbreviated.group("name")
        names_itself = re.search(PROGRAMME_WORD.pattern + r"$", name) and name[0].isupper()
        if (canonical_programme(name) or introduced or names_itself) and word_count(name) <= 10:
            start = match.start("name")
            add(name, (start, start + len(name)), abbreviated.group("abbr") if abbreviated else None)
    for match in PROGRAMME_AFTER_WORD.finditer(text):
        name = match.group("name")
        if name.split(" ")[0] in NOT_A_NAME or (canonical_programme(name) is None and name[0].islower()):
            continue
        add(name, match.span("name"))
    for match in EN_PROGRAMME.finditer(text):
        add(match.group(), match.span())
    for match in COMPOUND_PROGRAMME.finditer(text):
        if not any(overlaps(match.span(), entry.spans) for entry in found.values()):
            add(re.sub(r"(programm)e?s\b", r"\1", match.group()), match.span())
    for match in EN_PROGRAMME_ON.finditer(text):
        if not any(overlaps(match.span(), entry.spans) for entry in found.values()):
            add(match.group(), match.span())
    for match in ABBREVIATED.finditer(text):
        named = named_before_abbreviation(text, match)
        if named and is_programme_name(text, named):
            add(named[1], (named[0], match.end()), match.group("abbr"))
    return without_overlaps(list(found.values()))


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


def is_programme_name(text: str, named: tuple[int, str]) -> bool:
    """ "European Recovery Program (ERP)", "Projekt Urban Diplomacy Exchange (UDE)": a programme, not a body."""
    before = text[max(0, named[0] - 30) : named[0]]
    if re.search(r"Program|Programm|Initiative|Projekt|Project|Exchange|Fellowship|Netzwerk|Network", named[1]):
        return True
    if known_organisation(named[1], None) or BODY_WORD.search(named[1]):
        return False
    return bool(re.search(PROGRAMME_WORD.pattern + r"\s+(?:des\s+|der\s+|the\s+)?$", before))


def word_count(text: str) -> int:
    return len(text.split())


def canonical_programme(name: str) -> str | None:
    folded = re.sub(r"\W+", " ", name.casefold()).strip()
    for programme in KNOWN_PROGRAMMES:
        for variant in [programme["name"], *programme.get("aliases", [])]:
            known = re.sub(r"\W+", " ", variant.casefold()).strip()
            if folded == known:
                return str(programme["name"])
            prefix = folded[: len(known)]
            if (
                abs(len(prefix) - len(known)) <= 3
                and prefix[:3] == known[:3]
                and difflib.SequenceMatcher(None, prefix, known).ratio() >= 0.88
            ):
                return str(programme["name"])
    return None


def known_programme_abbreviation(name: str) -> str | None:
    for programme in KNOWN_PROGRAMMES:
        if programme["name"] == name:
            return programme.get("abbreviation")
    return None


def find_organisations(text: str, town_at: Callable[[Span], str | None], exclude: list[Span]) -> list[Found]:
    """Organisations with their abbreviations joined; `town_at` names a town inside one ("Stadtwerke Mainz")."""
    found: dict[str, Found] = {}
    by_abbreviation: dict[str, Found] = {}

    def add(
        name: str, span: Span, abbreviation: str | None = None, introduced: bool = False, lookup: bool = True
    ) -> None:
        name = tidy(name, LEADING_FILLER)
        known = known_organisation(name, abbreviation) if lookup else None
        if known:
            name, abbreviation = known["name"], known.get("abbreviation") or abbreviation
        elif introduced:
            # Named by what it is ("Firma Körber"), so a short or one-word name ("3M", "BMW") is one.
            if len(name) < 2 or name in NOT_A_NAME or name.split(" ")[0] in NOT_A_NAME:
                return
        else:
            # "TH Lübeck" is how texts shorten "Technische Hochschule Lübeck".
            name = re.sub(r"^(TH|TU|FH)\s", lambda short: SCHOOL_NAMES[short.group(1)] + " ", name)
            name = nominative(name)
            if (
                len(name) < 4
                or name in NOT_A_NAME
                or (" " not in name and not re.search(r"[a-zäöüß][A-ZÄÖÜ]|-|[a-z]{8,}", name))
            ):
                return
        key = (abbreviation or name).casefold()
        entry = by_abbreviation.get(abbreviation.casefold()) if abbreviation else None
        entry = entry or found.get(name.casefold())
        if entry is None:
            entry = Found(name, [], abbreviation)
            found[name.casefold()] = entry
        if abbreviation:
            entry.abbreviation = entry.abbreviation or abbreviation
            by_abbreviation[abbreviation.casefold()] = entry
        if not overlaps(span, entry.spans):
            entry.spans.append(span)
        entry.place_key = entry.place_key or town_at(span)
        del key

    # "Wirtschafts- und Sozialrat der Vereinten Nationen": the council, not the known body it belongs to.
    councils = [match.span() for match in COUNCIL.finditer(text)]
    for organisation in KNOWN_ORGANISATIONS:
        for match in organisation["pattern"].finditer(text):
            if any(start < match.start() and match.end() <= end for start, end in councils):
                continue
            add(organisation["name"], match.span(), organisation.get("abbreviation"))
    for match in ABBREVIATED.finditer(text):
        named = named_before_abbreviation(text, match)
        if named is None or is_programme_name(text, named):
            continue
        if (re.match(r"[A-ZÄÖÜ]", named[1]) and word_count(named[1]) >= 2) or "-" in named[1]:
            add(named[1], (named[0], match.end()), match.group("abbr"))
    for match in EMBASSY.finditer(text):
        if not overlaps(match.span(), exclude) and not any(overlaps(match.span(), e.spans) for e in found.values()):
            ending = "es " if re.search(r"[Kk]onsulat$", match.group()) else "e "
            name = re.sub(r"^(\w+)e[nrs]?\s", rf"\1{ending}", match.group()).replace("U.S.-", "U.S. ")
            add(name, match.span(), introduced=True)
    for match in NAMED_KIND.finditer(text):
        span = match.span("name")
        if overlaps(span, exclude) or any(overlaps(span, entry.spans) for entry in found.values()):
            continue
        if match.group("part") and " " not in match.group("name"):
            # "Chor Concordia": a choir's one-word name includes the word "Chor" ("Kammerchor Capella Quirina" not)
            span = (match.start("part"), span[1])
            kind = re.sub(r"^(Kammerchor|Chor|Ensemble)\w*", r"\1", match.group("part"))  # "des Chores": "Chor"
            add(f"{kind} {match.group('name').rstrip('.-')}", span, introduced=True)
            continue
        add(match.group("name").rstrip(".-"), span, introduced=True)
    for match in MEDIA.finditer(text):
        if not overlaps(match.span(), exclude) and not any(overlaps(match.span(), e.spans) for e in found.values()):
            add(tidy(match.group(), LEADING_FILLER), match.span(), introduced=True)
    patterns = (
        MINISTRY,
        COMPANY,
        COUNCIL,
        SISTER_CITIES_OF,
        HYPHENATED_BODY,
        FOUNDER_BODY,
        STIFTUNG_AFTER,
        DE_BODY,
        EN_BODY,
    )
    for pattern in (*patterns, UNIVERSITY_OF):
        for match in pattern.finditer(text):
            span = match.span()
            if any(overlaps(span, entry.spans) for entry in found.values()) or overlaps(span, exclude):
                continue
            name = tidy(match.group(), LEADING_FILLER)
            # A lone compound ("Spitzenverband", "Landesverband") is a common noun, not a name.
            if " " not in name and "-" not in name.strip("-"):
                continue
            # "Parlamentarisches Partnerschaftsprogramm" is a programme, found as one.
            if re.search(r"[Pp]rogram(?:m|me)?(?:e?s)?$", name):
                continue
            # "the City Council", "Nuremberg City Council": the town's own council is the town, not a body apart.
            if TOWN_COUNCIL.search(name):
                continue
            # "US-amerikanischer Dachverband Welcoming America": the kind of body before its name is no name.
            if re.match(r"\s+\S", text[span[1] : span[1] + 2]) and any(
                entry_start == span[1] + 1 for entry in found.values() for entry_start, _ in entry.spans
            ):
                continue
            offset = span[0] + match.group().find(name)
            # "Wirtschafts- und Sozialrat der Vereinten Nationen" is the council, not the body it belongs to.
            add(name, (offset, offset + len(name)), lookup=pattern is not COUNCIL)
    # Bare abbreviations elsewhere in the text ("des DStGB", "DStGB-Sprecher") belong to the same organisation.
    for abbreviation, entry in list(by_abbreviation.items()):
        original = entry.abbreviation or abbreviation
        for match in re.finditer(rf"(?<![\w(]){re.escape(original)}(?![\w)])", text):
            if not overlaps(match.span(), entry.spans):
                entry.spans.append(match.span())
    entries = [entry for entry in found.values() if entry.spans]
    # "Dixon Sister Cities" and "Dixon Sister Cities Association" in one text are one organisation.
    for entry in sorted(entries, key=lambda entry: len(entry.name)):
        longer = next(
            (other for other in entries if other is not entry and other.name.startswith(entry.name + " ")), None
        )
        if longer is not None:
            longer.spans.extend(span for span in entry.spans if not overlaps(span, longer.spans))
            longer.abbreviation = longer.abbreviation or entry.abbreviation
            entry.spans = []
    for entry in entries:
        entry.spans.sort()
    return [entry for entry in entries if entry.spans]


def known_organisation(name: str, abbreviation: str | None) -> dict | None:
    """The known organisation a found name stands for, allowing a typing error or a word put before it
    ("Nichtregierungsorganisation American Council on German")."""
    folded = re.sub(r"\W+", " ", name.casefold()).strip()
    for organisation in KNOWN_ORGANISATIONS:
        if abbreviation and organisation.get("abbreviation") == abbreviation:
            return organisation
        known = re.sub(r"\W+", " ", organisation["name"].casefold()).strip()
        if organisation["pattern"].fullmatch(name) or folded == known:
            return organisation
        if len(known) >= 12:
            for tail in (folded[-len(known) - 1 :], folded[-len(known) :], folded[-len(known) + 1 :]):
                if tail[:2] == known[:2] and difflib.SequenceMatcher(None, tail, known).ratio() >= 0.9:
                    return organisation
    return None


def find_people(text: str, organisations: list[Found], town_names: dict[Span, str]) -> list[Found]:
    """Named people with the role the text gives them and, where it says, their organisation or town."""
    people: dict[str, Found] = {}

    def organisation_near(position: int) -> str | None:
        for organisation in organisations:
            if any(0 <= start - position <= 12 for start, _ in organisation.spans):
                return organisation.name
        return None

    def add(name: str, span: Span, role: str | None, organisation: str | None) -> None:
        tokens = name.split()
        if len(tokens) < 2 or any(token in NOT_A_NAME or re.fullmatch(ROLE, token) for token in tokens):
            return
        entry = people.setdefault(name, Found(name, [], extra={"role": role, "organisation": organisation}))
        if not overlaps(span, entry.spans):
            entry.spans.append(span)
        entry.extra["role"] = entry.extra["role"] or role
        entry.extra["organisation"] = entry.extra["organisation"] or organisation

    for match in PERSON_AFTER_ROLE.finditer(text):
        role = match.group("role")
        organisation = match.group("prefix").rstrip("-") if match.group("prefix") else None
        if organisation is None:
            # "Wittenberges Bauamtsleiter", "Hessens Digitalministerin": the word before names the employer.
            before = text[max(0, match.start() - 30) : match.start()]
            genitive = re.search(r"([A-ZÄÖÜ][\wäöüß-]+)s\s+$", before)
            if genitive and {genitive.group(1), genitive.group(1) + "s"} & set(town_names.values()):
                organisation = genitive.group(1)
        add(match.group("name"), match.span("name"), role, organisation)
    for match in PERSON_BEFORE_ROLE.finditer(text):
        add(match.group("name"), match.span("name"), match.group("role"), organisation_near(match.end()))
    for match in PERSON_WITH_TITLE.finditer(text):
        add(match.group("name"), match.span("name"), None, organisation_near(match.end()))
    for match in SAID.finditer(text):
        add(match.group("name"), match.span("name"), None, None)
    for match in PERSON_WITH_INITIAL.finditer(text):
        add(match.group("name"), match.span("name"), None, organisation_near(match.end()))
    # Each person everywhere in the text: the full name, and the surname alone ("Carter, der …").
    for person in people.values():
        for pattern in (re.escape(person.name), re.escape(person.name.split()[-1])):
            for match in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", text):
                before = text[max(0, match.start() - 12) : match.start()]
                if not overlaps(match.span(), person.spans) and not TOWN_CUE_BEFORE.search(before):
                    person.spans.append(match.span())
        person.spans.sort()
    return list(people.values())
