"""Town names that name something else here: a district, a person, a street, a photographer.

Each check looks at the words right around one mention; `towns.py` asks them after it has chosen a town.
"""

from __future__ import annotations

import re

from .gazetteer import Gazetteer
from .known import words
from .mentions import SAYING_BEFORE, Mention, a_dictionary_word, cue_before

# "Landkreis Görlitz", "LRA Miesbach", "district of Görlitz": the district, its office or its council.
DISTRICT_BEFORE = re.compile(
    r"\b(?:Landkreis(?:es)?|Kreis(?:es)?|Kreisverwaltung|Kreistag(?:es)?|Landratsamt(?:e?s)?|LRA|Region|Amt|"
    r"(?i:district|county) of)\s+$"
)
# "Olmsted County", "Miesbach district", "der Görlitzer Landrat": the same, named after the town.
DISTRICT_AFTER = re.compile(
    r"\s+(?:County|Parish|Township|[Dd]istrict|Landrat|Landrätin|Landratsamt|Kreistag|Kreisverwaltung)\b"
)
# "Fotos: Austin James/Visit Fort Worth", "© Stadt Essen": who took the picture, not where.
CREDIT_BEFORE = re.compile(
    r"(?:\b\w*(?:[Ff]otos?|Bild(?:er)?|Photos?|Credit|Quelle|Source|montage)\s*:|©)[^\n:]{0,40}$"
)
# "900 Sunnyside Drive", "Berliner Straße": a street, not a town.
STREET_AFTER = re.compile(r" (?:Drive|Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Lane|Straße|Str\.|Allee)\b")
# "teacher Michael Roy", "Ryan Henderson, Assistant to …": in English, a capitalised word before a one-word town
# in the middle of a sentence is a first name, unless it belongs to the town's name or introduces it.
GIVEN_NAME_BEFORE = re.compile(r"(?:\b[a-z]+|[,;:])\s(?P<word>[A-Z][a-z]{2,9}) $")
NOT_GIVEN_NAMES = words(
    """City Town County Village Mayor Lake Fort Port Saint North South East West New Upper Lower Greater Downtown
    Sister Partner Twin Cities Towns Mount Glen Bad Little Big Old Grand Great Lord Oberbürgermeister Stadt"""
)
# "Martin van der Pütten", "Martin W. Horn", "Martin W.W Horn": a particle or initials may stand before the surname.
SURNAME_AFTER = re.compile(
    r"(?: (?P<particle>van|von|de|del|di|da|le|la)(?: der| den)?| [A-Z](?:\.[A-Z])*\.?)? "
    r"(?P<word>[A-ZÄÖÜ][a-zäöüßéèáóíç]{2,})\b(?!-)"
)
UNIVERSITY_BEFORE = re.compile(
    r"\b(?:Uni|Universität|Universitaet|Hochschule|Fachhochschule|FH|TU|FU|HU|Technische Universität|"
    r"Universitätsklinikum|Uniklinik|University of|Université de|Universidad de)\s+$"
)
UNIVERSITY_AFTER = re.compile(r" (?:University|Universität)\b")
# Given names common in German and English texts: before a town's name they make it a surname ("Anna Bergen").
FIRST_NAMES = words(
    """Alexander Alexandra Andrea Andreas Angelika Anja Anna Anne Annette Antje Barbara Bernd Birgit Brigitte
    Carsten Christian Christiane Christina Christine Christoph Claudia Daniel Daniela Dieter Dirk Doris Elisabeth
    Erika Frank Franz Friedrich Gabriele Georg Gerhard Hans Heike Heinz Helga Helmut Ingrid Jan Jens Joachim Johanna
    Johannes Jörg Jürgen Julia Karin Karl Katharina Katrin Kerstin Klaus Lars Laura Lea Lena Lukas Manfred Manuela
    Marc Marco Maria Marie Marion Markus Martin Martina Matthias Max Michael Monika Nadine Nicole Nina Olaf Oliver
    Pascal Patrick Paul Peter Petra Philipp Rainer Ralf Renate Robert Sabine Sandra Sarah Sascha Sebastian Silke
    Simon Sonja Stefan Stefanie Stephan Susanne Sven Thomas Thorsten Tim Tobias Torsten Ulrich Ulrike Ursula Uwe
    Ute Werner Wolfgang Yvonne Amy Andrew Anthony Ashley Brian Charles Chris Christopher David Deborah Donald
    Elizabeth Emily Emma Eric George Jacob James Jason Jennifer Jessica John Joseph Joshua Karen Kevin Kimberly
    Linda Lisa Mark Mary Matthew Melissa Nancy Patricia Rebecca Richard Ryan Scott Steven Susan William"""
)
FIRST_NAME_BEFORE = re.compile(r"(?<![\w-])(?P<given>[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)(?: [A-Z]\.)? $")
# "Frau Hagen", "Lt. Col. Anderson", "Gov. Marshall": a title, civil, military or political, before a surname.
TITLE_BEFORE = re.compile(
    r"\b(?:Frau|Herr|Herrn|Mr\.?|Mrs\.?|Ms\.?|Dr\.|Prof\.|Lt\.|Col\.|Gen\.|Maj\.|Capt\.|Sgt\.|Gov\.|Sen\.|Rep\.|"
    r"Rev\.|Hon\.|Lieutenant|Colonel|Major|Captain|Sergeant|Senator|Governor|Oberst|Hauptmann)\s+$"
)
# "Flughafen Köln/Bonn", "Bahnhof Lemgo", "Port of Hamburg", "Schloss Schillingsfürst": a site named after a town.
SITE_BEFORE = re.compile(
    r"\b(?:Flughafen|Flughafens|Airport|Bahnhof|Bahnhofs|Hauptbahnhof|Hbf\.?|Hafen|Port of|Schloss)\s+"
    r"(?:[A-ZÄÖÜ][\wäöüß-]*/)?$"
)
# "Köln/Bonn Airport", "Kassel Hauptbahnhof", "Ramsey Canyon", "Cascade Lake Park": a site or landmark named after a
# town, or a landmark whose name begins with a town's.
SITE_AFTER = re.compile(
    r"(?:/[A-ZÄÖÜ][\wäöüß-]*)?\s(?:[A-Z][a-z]+ )?(?:Airport|Hauptbahnhof|Hbf|Harbou?r|Canyon|Park|Lake|Point|Falls|"
    r"Beach|Island|Gardens|Memorial|Fellowship)\b"
)
# "Grand Canyon", "Cascade Lake Park": in English, a town named like a landmark after a capitalised word in the
# middle of a sentence is the end of the landmark's name.
LANDMARK = re.compile(r"(?:^| )(?:Canyon|Park|Lake|Point|Falls|Beach|Island|Gardens)$")
CAPITALISED_BEFORE = re.compile(r"[a-z,;] [A-Z][a-z]+ $")


def a_district(text: str, start: int, end: int) -> bool:
    """ "Kreis Gütersloh", "Sheboygan County": the district, not the town."""
    return bool(DISTRICT_BEFORE.search(text, max(0, start - 20), start) or DISTRICT_AFTER.match(text, end))


def names_a_town(text: str, mention: Mention, gazetteer: Gazetteer, language: str) -> bool:
    """Whether a town's name chosen as a town names no person, photographer, street or university here."""
    return (
        not a_first_name(text, mention, gazetteer)
        and not a_surname(text, mention)
        and not CREDIT_BEFORE.search(text, max(0, mention.start - 60), mention.start)
        and not STREET_AFTER.match(text, mention.end)
        and not a_university(text, mention)
        and not a_site(text, mention)
        and not (language == "en" and (after_a_given_name(text, mention, gazetteer) or ends_a_landmark(text, mention)))
    )


def a_site(text: str, mention: Mention) -> bool:
    """ "Flughafen Köln/Bonn", "Frankfurt Airport", "Ramsey Canyon": the town only inside the name of a site."""
    return bool(
        SITE_BEFORE.search(text, max(0, mention.start - 30), mention.start) or SITE_AFTER.match(text, mention.end)
    )


def ends_a_landmark(text: str, mention: Mention) -> bool:
    """ "the Grand Canyon", "to Cascade Lake Park": a landmark's name longer than the town's."""
    return bool(
        LANDMARK.search(mention.surface) and CAPITALISED_BEFORE.search(text, max(0, mention.start - 20), mention.start)
    )


def a_university(text: str, mention: Mention) -> bool:
    """ "Uni Mannheim", "University of Freiburg", "Freiburg University": the town only inside a university's name."""
    return bool(
        UNIVERSITY_BEFORE.search(text, max(0, mention.start - 30), mention.start)
        or UNIVERSITY_AFTER.match(text, mention.end)
    )


def a_surname(text: str, mention: Mention) -> bool:
    """ "Anna Bergen", "Hans-Peter Jena", "Frau Hagen": a town's name after a given name or a title is a surname."""
    if " " in mention.surface:
        return False
    before = text[max(0, mention.start - 30) : mention.start]
    given = FIRST_NAME_BEFORE.search(before)
    return bool(TITLE_BEFORE.search(before) or (given and FIRST_NAMES.intersection(given.group("given").split("-"))))


def after_a_given_name(text: str, mention: Mention, gazetteer: Gazetteer) -> bool:
    before = GIVEN_NAME_BEFORE.search(text, max(0, mention.start - 24), mention.start)
    if " " in mention.surface or before is None:
        return False
    word = before.group("word")
    return word not in NOT_GIVEN_NAMES and word not in gazetteer.state_names and not gazetteer.automaton.exists(word)


def a_first_name(text: str, mention: Mention, gazetteer: Gazetteer) -> bool:
    """ "Florence Swistek", "Martin van der Pütten": a one-word name followed by a word no dictionary knows (a
    surname) or by "van", "von", "de" is someone's first name, unless a cue such as "in" or "Stadt" stands before
    it."""
    following = SURNAME_AFTER.match(text, mention.end)
    if " " in mention.surface or following is None:
        return False
    word = following.group("word")
    if following.group("particle") and not cue_before(text, mention):
        return True  # "Martin van der Pütten"
    if word in gazetteer.state_names or gazetteer.automaton.exists(word) or a_dictionary_word(word):
        # "Anna Bergen": a given name stays one before a surname that is also a town's name.
        return mention.surface in FIRST_NAMES and not cue_before(text, mention)
    # "unter der Leitung von Marion Hendreich": a given name before a word no dictionary knows is a person even after
    # "von" or "from".
    return mention.surface in FIRST_NAMES or not cue_before(text, mention)


def drop_surnames(text: str, towns: list[Mention]) -> list[Mention]:
    """ "meint Steinberg", "said Evans": a town name used as someone's surname is no town anywhere in the
    text, unless a cue such as "in" or "Stadt" stands right before it."""
    surnames = {
        mention.surface
        for mention in towns
        if " " not in mention.surface
        and SAYING_BEFORE.search(text[max(0, mention.start - 30) : mention.start])
        and re.match(r"[\s,.;:]", text[mention.end : mention.end + 1] or ".")
    }
    return [mention for mention in towns if mention.surface not in surnames or cue_before(text, mention)]
