"""What finding programmes, organisations and people in a text shares: the patterns that introduce a name,
the found names with their spans, and the known names (`programmes.py`, `organisations.py` and `people.py`
find each kind).

Known names (general exchange programmes and municipal organisations, in `known.py`) are matched with
their spelling variants; unknown ones by the way German and English texts introduce them: a quoted name
after "Programm"/"Projekt", a ministry "für …", a compound ending in "-verband"/"-stiftung", "Name (ABBR)",
a company form ("GmbH", "Inc."), a role word before or after a person's name.
"""

from __future__ import annotations

import difflib
import re
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
# What introduces a programme's name in quotes or as a hashtag: "das Programm „…“", "die Aktion #…", also with
# who runs it and a naming phrase between ("Förderprogramm des Bundes mit dem Titel „…“", "the project called").
PROGRAMME_CUE = re.compile(
    rf"(?:{PROGRAMME_WORD.pattern}|\b(?i:aktion|campaign)(?:en|s)?\b)"
    r"(?:\s+(?:des|der|of the)\s+[A-ZÄÖÜ][\wäöüß-]+(?:\s+[A-ZÄÖÜ][\wäöüß-]+)?)?"
    r"(?:\s+(?:mit dem|unter dem) (?:Titel|Namen|Motto|Hashtag)|\s+(?:with|under) the (?:title|name|motto|hashtag)|"
    r"\s+namens|\s+(?:called|named|titled|entitled|dubbed))?"
    r"\s*(?:des|der|dem|the)?\s*$"
)
# A programme's cue right after a quoted name: „Stadt der Zukunft“-Programm, "Wunderbar Together" campaign.
PROGRAMME_CUE_AFTER = re.compile(rf"-?[ \t]?(?:{PROGRAMME_WORD.pattern}|\b(?i:aktion|campaign)(?:en|s)?\b)")
# A hashtag or a handle: "#StadtGestalten", "@EngagementGlobal"; the name is the words after the sign.
TAG = re.compile(r"(?<![\w#@])[#@](?P<name>[A-Za-zÄÖÜäöü][\wäöüß]*[A-Za-zÄÖÜäöüß0-9])")
# A handle's owner runs or joins something ("das Projekt von @…", "gemeinsam mit @…", "the initiative by @…") or
# is named by its kind ("Partner @…", "the organisation @…"): an organisation's account.
HANDLE_CUE = re.compile(
    rf"(?:{PROGRAMME_WORD.pattern}\s+(?:von|by|of)|\b(?i:gemeinsam mit|zusammen mit|together with|in partnership with)|"
    r"\b(?i:organi[sz]ation|verein|verband|stiftung|firma|unternehmen|company|partner|partnerin|träger))"
    r"(?:s|es|en|innen)?\s*(?:der|des|dem|the)?\s*$"
)
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
    from .lexicon import lemmatize

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
    lemma = lemmatize(noun, "de") if german else noun
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
            return start, text[start : match.start()].strip().rstrip('“”"«»‘’')
    return None


def is_programme_name(text: str, named: tuple[int, str]) -> bool:
    """ "European Recovery Program (ERP)", "Projekt Urban Diplomacy Exchange (UDE)": a programme, not a body."""
    before = text[max(0, named[0] - 30) : named[0]]
    if re.search(r"Program|Programm|Initiative|Projekt|Project|Exchange|Fellowship|Netzwerk|Network", named[1]):
        return True
    if known_organisation(named[1], None) or BODY_WORD.search(named[1]):
        return False
    return bool(re.search(PROGRAMME_WORD.pattern + r"\s+(?:des\s+|der\s+|the\s+)?[„\"“»«‚‘]?$", before))


def introduced_as_programme(text: str, start: int) -> bool:
    """Whether the words before `start` introduce a programme's name: "im Programm „…“", "the initiative #…"."""
    return bool(PROGRAMME_CUE.search(text, max(0, start - 60), start))


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
