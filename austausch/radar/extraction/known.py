"""Names the radar knows beforehand: exchange programmes and the organisations of municipal and
German–American exchange, each with the spellings texts use. General knowledge of the field, so that
a text saying "Transatlantic Cities of Tommorow" or "des DStGB" is read right; unknown names are found
by the patterns in `names.py`.
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """A word list written as running text, one entry per whitespace-separated word."""
    return frozenset(text.split())


def variants(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w])")


KNOWN_PROGRAMMES: list[dict] = [
    {
        "name": "Transatlantic Cities of Tomorrow",
        "pattern": variants(r"Trans-?a?n?tl?antic Cities of Tom+or+ow"),
        "aliases": ["Transantlantic Cities of Tomorrow", "Transatlantic Cities of Tommorow"],
    },
    {"name": "Kleinstadtakademie", "pattern": variants(r"Kleinstadt-?[Aa]kademie")},
    {"name": "summer of pioneers", "pattern": variants(r"(?i:summer of pioneers)")},
    {
        "name": "European Recovery Program",
        "abbreviation": "ERP",
        "pattern": variants(r"European Recovery Program(?:me|m)?", r"ERP-Sondervermögen"),
    },
    {
        "name": "Smart Cities Modellprojekte",
        "pattern": variants(r"Modellprojekte? Smart Cit(?:y|ies)", r"Smart Cities Modellprojekte?"),
    },
    {"name": "Städtebauförderung", "pattern": variants(r"Städtebauförderung")},
    {"name": "Sozialer Zusammenhalt", "pattern": variants(r"Sozialer Zusammenhalt")},
    {"name": "Erasmus+", "pattern": re.compile(r"(?<!\w)Erasmus\+")},
    {"name": "Interreg", "pattern": variants(r"INTERREG|Interreg(?: [A-Z]+)?")},
    {"name": "Horizon Europe", "pattern": variants(r"Horizon Europe", r"Horizont Europa")},
    {"name": "Connecting Municipalities", "pattern": variants(r"Connecting Municipalities")},
    {
        "name": "Kommunale Klimapartnerschaften",
        "pattern": variants(r"Kommunale Klimapartnerschaften", r"Municipal Climate Partnerships"),
    },
    {
        "name": "Nachhaltige Kommunalentwicklung durch Partnerschaftsprojekte",
        "abbreviation": "Nakopa",
        "pattern": variants(r"Nachhaltige Kommunalentwicklung durch Partnerschaftsprojekte", r"NAKOPA|Nakopa"),
    },
    {"name": "Transatlantic Climate Bridge", "pattern": variants(r"Transatlantic Climate Bridge")},
    {"name": "Marshall Memorial Fellowship", "pattern": variants(r"Marshall Memorial Fellowships?")},
    {
        "name": "Congress-Bundestag Youth Exchange",
        "pattern": variants(r"Congress-Bundestag Youth Exchange", r"Parlamentarische[sn]? Patenschafts-?[Pp]rogramms?"),
    },
    {"name": "Fulbright Program", "pattern": variants(r"Fulbright[- ]Program(?:me|m)?")},
    {"name": "Sister Cities", "pattern": variants(r"Sister Cities Program(?:me)?")},
    {"name": "Zukunftsstadt", "pattern": variants(r"Wettbewerb Zukunftsstadt")},
    {"name": "Digitale Modellregionen", "pattern": variants(r"Digitale Modellregionen?")},
    {"name": "LEADER", "pattern": variants(r"LEADER(?:-Programm)?")},
    {"name": "Connective Cities", "pattern": variants(r"Connective Cities")},
    {
        "name": "European Green Capital",
        "pattern": variants(r"European Green Capital(?: Award)?", r"Grüne[n]? Hauptstadt Europas"),
    },
    {
        "name": "European Capital of Culture",
        "pattern": variants(
            r"European Capitals? of Culture", r"Kulturhauptstadt Europas", r"Europäische[n]? Kulturhauptstadt"
        ),
    },
    {"name": "URBACT", "pattern": variants(r"URBACT(?: [IV]+)?")},
    # Programmes and competitions of Engagement Global's Service Agency Communities in One World (SKEW)
    {"name": "Kommune bewegt Welt", "pattern": variants(r"Kommune bewegt Welt")},
    {"name": "Hauptstadt des Fairen Handels", "pattern": variants(r"Hauptstadt des [Ff]airen Handels")},
    {"name": "Global Nachhaltige Kommune", "pattern": variants(r"Global Nachhaltige[n]? Kommune")},
    {
        "name": "Fachkräfte für kommunale Partnerschaften weltweit",
        "abbreviation": "FKPW",
        "pattern": variants(r"Fachkräfte für kommunale Partnerschaften(?: weltweit)?"),
    },
    {"name": "Kleinprojektefonds", "pattern": variants(r"Kleinprojektefonds?(?: [Kk]ommunale Entwicklungspolitik)?")},
    {
        "name": "Kommunales Know-how für Nahost",
        "pattern": variants(
            r"(?:Initiative )?Kommunale[sn]? Know-how für Nahost", r"Municipal Know-how for the Middle East"
        ),
    },
    # German–American exchange programmes
    {
        "name": "German American Partnership Program",
        "abbreviation": "GAPP",
        "pattern": variants(r"German[- ]American Partnership Program(?:me)?", r"GAPP"),
    },
    {"name": "Professional Fellows Program", "pattern": variants(r"Professional Fellows Program(?:me)?")},
    {
        "name": "Covenant of Mayors",
        "pattern": variants(
            r"(?:Global )?Covenant of Mayors", r"Konvent[s]? der Bürgermeister(?:innen und Bürgermeister)?"
        ),
    },
]

KNOWN_ORGANISATIONS: list[dict] = [
    {
        "name": "Deutscher Städte- und Gemeindebund",
        "abbreviation": "DStGB",
        "pattern": variants(
            r"Deutsche[rnms]? Städte- und Gemeindebund(?:e?s)?",
            r"German Association of Towns and Municipalities",
        ),
    },
    {
        "name": "Deutscher Städtetag",
        "abbreviation": "DST",
        "pattern": variants(
            r"Deutsche[rnms]? Städtetag(?:e?s)?", r"(?:German )?Association of (?:German )?Cities(?:’|')?"
        ),
    },
    {
        "name": "Deutscher Landkreistag",
        "abbreviation": "DLT",
        "pattern": variants(r"Deutsche[rnms]? Landkreistag(?:e?s)?"),
    },
    {"name": "American Council on Germany", "abbreviation": "ACG", "pattern": variants(r"American Council on Germany")},
    {
        "name": "German Marshall Fund of the United States",
        "abbreviation": "GMF",
        "pattern": variants(r"German Marshall Fund(?: of the United States| of the U\.S\.)?"),
    },
    {
        "name": "Kreditanstalt für Wiederaufbau",
        "abbreviation": "KfW",
        "pattern": variants(r"Kreditanstalt für Wiederaufbau", r"KfW(?:-Bank)?"),
    },
    {
        "name": "Deutsche Gesellschaft für Internationale Zusammenarbeit",
        "abbreviation": "GIZ",
        "pattern": variants(r"Deutsche[nr]? Gesellschaft für [Ii]nternationale Zusammenarbeit"),
    },
    {"name": "Engagement Global", "pattern": variants(r"Engagement Global")},
    {
        "name": "Servicestelle Kommunen in der Einen Welt",
        "abbreviation": "SKEW",
        "pattern": variants(r"Servicestelle Kommunen in der Einen Welt", r"SKEW"),
    },
    {"name": "Bertelsmann Stiftung", "pattern": variants(r"Bertelsmann[- ]Stiftung")},
    {"name": "Robert Bosch Stiftung", "pattern": variants(r"Robert[- ]Bosch[- ]Stiftung")},
    {"name": "Friedrich-Ebert-Stiftung", "abbreviation": "FES", "pattern": variants(r"Friedrich[- ]Ebert[- ]Stiftung")},
    {"name": "Konrad-Adenauer-Stiftung", "abbreviation": "KAS", "pattern": variants(r"Konrad[- ]Adenauer[- ]Stiftung")},
    {"name": "Heinrich-Böll-Stiftung", "pattern": variants(r"Heinrich[- ]Böll[- ]Stiftung")},
    {"name": "Goethe-Institut", "pattern": variants(r"Goethe[- ]Institute?s?")},
    {"name": "Atlantik-Brücke", "pattern": variants(r"Atlantik-Brücke")},
    {"name": "Sister Cities International", "abbreviation": "SCI", "pattern": variants(r"Sister Cities International")},
    {"name": "National League of Cities", "abbreviation": "NLC", "pattern": variants(r"National League of Cities")},
    {
        "name": "United States Conference of Mayors",
        "abbreviation": "USCM",
        "pattern": variants(r"(?:United States|U\.S\.|US) Conference of Mayors"),
    },
    {
        "name": "International City/County Management Association",
        "abbreviation": "ICMA",
        "pattern": variants(r"International City/County Management Association"),
    },
    {
        "name": "Deutsches Institut für Urbanistik",
        "abbreviation": "Difu",
        "pattern": variants(r"Deutsche[ns]? Institut(?:e?s)? für Urbanistik"),
    },
    {
        "name": "Bundesinstitut für Bau-, Stadt- und Raumforschung",
        "abbreviation": "BBSR",
        "pattern": variants(r"Bundesinstitut(?:e?s)? für Bau-, Stadt- und Raumforschung"),
    },
    {
        "name": "Kommunale Gemeinschaftsstelle für Verwaltungsmanagement",
        "abbreviation": "KGSt",
        "pattern": variants(r"Kommunalen? Gemeinschaftsstelle für Verwaltungsmanagement"),
    },
    {
        "name": "Rat der Gemeinden und Regionen Europas",
        "abbreviation": "RGRE",
        "pattern": variants(r"Rat(?:e?s)? der Gemeinden und Regionen Europas"),
    },
    {
        "name": "Council of European Municipalities and Regions",
        "abbreviation": "CEMR",
        "pattern": variants(r"Council of European Municipalities and Regions"),
    },
    {
        "name": "Auswärtiges Amt",
        "abbreviation": "AA",
        "pattern": variants(r"Auswärtige[ns]? Amte?s?", r"(?:German )?Federal Foreign Office"),
    },
    {"name": "SPD", "pattern": variants(r"SPD", r"Sozialdemokratische[n]? Partei Deutschlands")},
    {"name": "CDU", "pattern": variants(r"CDU", r"Christlich Demokratische[n]? Union")},
    {"name": "CSU", "pattern": variants(r"CSU")},
    {"name": "FDP", "pattern": variants(r"FDP")},
    {"name": "Bündnis 90/Die Grünen", "pattern": variants(r"Bündnis 90/Die Grünen")},
    {"name": "Die Linke", "pattern": variants(r"Die Linke")},
    {"name": "Bundeskanzleramt", "pattern": variants(r"Bundeskanzleramte?s?")},
    {"name": "Bundesregierung", "pattern": variants(r"Bundesregierung", r"Regierung der Bundesrepublik Deutschland")},
    {
        "name": "U.S. Department of State",
        "pattern": variants(r"(?:U\.S\. |US )?(?:Department of State|State Department)"),
    },
    {
        "name": "Vereinte Nationen",
        "abbreviation": "UN",
        "pattern": variants(r"Vereinte[n]? Nationen", r"United Nations"),
    },
    {"name": "European Commission", "pattern": variants(r"European Commission", r"Europäische[n]? Kommission")},
    {
        "name": "Europäische Union",
        "abbreviation": "EU",
        "pattern": variants(r"Europäische[n]? Union", r"European Union", r"EU"),
    },
    {
        "name": "Deutscher Bundestag",
        "pattern": variants(r"(?:Deutsche[nrms]? )?Bundestag(?:e?s)?", r"German Bundestag"),
    },
    {"name": "Bundesrat", "pattern": variants(r"Bundesrate?s?")},
    {
        "name": "US-Kongress",
        "pattern": variants(
            r"US-Kongress(?:es)?", r"(?:amerikanische|US-amerikanische)[nm]? Kongress(?:es)?", r"(?:U\.S\.|US) Congress"
        ),
    },
    {"name": "Fulbright Commission", "pattern": variants(r"Fulbright[- ]Kommission", r"Fulbright Commission")},
]

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
