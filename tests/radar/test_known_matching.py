"""Learned names are found as texts write them: in other capitals, declined, in another spelling, as part of a
longer organisation's name, and by an abbreviation only where the text leaves no doubt what it stands for."""

from __future__ import annotations

from austausch.radar.extraction import KnownName, KnownNames, extract_text
from austausch.radar.extraction.known import normalised


def found(known: KnownNames, text: str, kind: str) -> list[tuple[str, str]]:
    """Each mention as (the words in the text, the name it stands for)."""
    return [(text[mention.start : mention.end], mention.known.name) for mention in known.find(text, kind)]


def named(spelling: str, kind: str = "organisation", abbreviation: str = "") -> KnownName:
    return KnownName(kind, spelling, spelling, abbreviation)


KNOWN = KnownNames(
    [
        named("Wandelwerk Hessen"),
        named("Bürgerforum Lahntal"),
        named("Digitales Klassenzimmer-Programm", "programme"),
        named("Nordhessischer Heimatbund"),
        named("Rural Mobility Program", "programme"),
        named("Civic Learning Center"),
        named("Lindgrün", "programme"),
        named("Twin Towns", "programme"),
    ]
)


def test_a_name_in_capitals_or_with_another_capital_inside_is_found() -> None:
    text = "Gefördert von WANDELWERK HESSEN gGmbH. Auch das Bürgerforum lahntal war dabei."
    assert found(KNOWN, text, "organisation") == [
        ("WANDELWERK HESSEN gGmbH", "Wandelwerk Hessen"),
        ("Bürgerforum lahntal", "Bürgerforum Lahntal"),
    ]


def test_other_capitals_at_a_sentence_start_or_in_lower_case_are_ordinary_words() -> None:
    text = "Twin towns help each other. Our twin towns met. Nobody painted it lindgrün."
    assert found(KNOWN, text, "programme") == []
    assert found(KNOWN, "Sie trafen Twin Towns in Kassel.", "programme") == [("Twin Towns", "Twin Towns")]


def test_a_declined_name_with_a_genitive_ending_and_without_its_hyphen_is_found() -> None:
    text = "Die Kinder des Digitalen Klassenzimmerprogramms besuchten den Nordhessischen Heimatbund."
    assert found(KNOWN, text, "programme") == [("Digitalen Klassenzimmerprogramms", "Digitales Klassenzimmer-Programm")]
    assert found(KNOWN, text, "organisation") == [("Nordhessischen Heimatbund", "Nordhessischer Heimatbund")]


def test_a_common_short_adjective_is_declined_too() -> None:
    known = KnownNames([named("Junge Bühne Lahntal"), named("Grünes Band Nordhessen", "programme")])
    text = "Die Gäste der Jungen Bühne Lahntal pflanzten Bäume im Grünen Band Nordhessen."
    assert found(known, text, "organisation") == [("Jungen Bühne Lahntal", "Junge Bühne Lahntal")]
    assert found(known, text, "programme") == [("Grünen Band Nordhessen", "Grünes Band Nordhessen")]


def test_program_programme_and_center_centre_are_one_spelling() -> None:
    text = "The Rural Mobility Programme and the Civic Learning Centre worked together."
    assert found(KNOWN, text, "programme") == [("Rural Mobility Programme", "Rural Mobility Program")]
    assert found(KNOWN, text, "organisation") == [("Civic Learning Centre", "Civic Learning Center")]


def test_a_programme_followed_by_an_organisations_word_is_that_organisation() -> None:
    text = "The Twin Towns Committee of Kassel invited guests. Twin Towns exchanges began in 1990."
    assert found(KNOWN, text, "programme") == []
    assert found(KNOWN, text, "organisation") == [
        ("Twin Towns Committee", "Twin Towns Committee"),
        ("Twin Towns", "Twin Towns Committee"),
    ]
    assert found(KNOWN, "Der Lindgrün e. V. lädt ein.", "organisation") == [("Lindgrün e. V.", "Lindgrün e. V.")]


def test_the_extraction_proposes_the_longer_organisation_not_the_shorter_programme() -> None:
    result = extract_text("Kassel, 3. Mai 2024. The Twin Towns Committee of Kassel met in the town hall.", known=KNOWN)
    assert "Twin Towns" not in [entry["name"] for entry in result["programmes"]]
    assert "Twin Towns Committee" in [entry["name"] for entry in result["organisations"]]


ABBREVIATED = KnownNames(
    [
        named("Kommunales Klimaprogramm", "programme", "KKP"),
        KnownName("programme", "KKP", "Kommunales Klimaprogramm", "KKP"),
        named("Kreative Kultur-Partnerschaft", "programme"),
    ]
)


def test_an_abbreviation_alone_stands_for_the_one_name_it_was_taught_for() -> None:
    assert found(ABBREVIATED, "Das KKP fördert Solardächer.", "programme") == [("KKP", "Kommunales Klimaprogramm")]


def test_an_abbreviation_stands_for_the_known_name_the_text_spells_out() -> None:
    text = "Die Kreative Kultur-Partnerschaft verbindet Schulen. Das KKP zahlt die Reisen."
    assert found(ABBREVIATED, text, "programme") == [
        ("Kreative Kultur-Partnerschaft", "Kreative Kultur-Partnerschaft"),
        ("KKP", "Kreative Kultur-Partnerschaft"),
    ]


def test_an_abbreviation_the_text_defines_as_an_unknown_name_is_not_proposed() -> None:
    text = "Der Kreis Kassels Partnerschaften (KKP) lud ein. Das KKP wächst."
    assert found(ABBREVIATED, text, "programme") == []


def test_an_abbreviation_defined_by_a_shorter_form_of_its_own_name_still_stands_for_it() -> None:
    text = "Das Kommunale Klimaprogramms (KKP) wächst. Das KKP zahlt."
    assert ("KKP", "Kommunales Klimaprogramm") in found(ABBREVIATED, text, "programme")
    text = "Das Kasseler Klima-Programm (KKP) wächst. Das KKP zahlt."
    assert found(ABBREVIATED, text, "programme") == [("KKP", "Kommunales Klimaprogramm")] * 2


def test_an_abbreviation_taught_for_two_names_is_dropped_unless_the_text_names_one() -> None:
    other = [
        named("Kleine Kommunen Partner", "programme", "KKP"),
        KnownName("programme", "KKP", "Kleine Kommunen Partner"),
    ]
    known = ABBREVIATED.with_names(other)
    assert found(known, "Das KKP fördert Solardächer.", "programme") == []
    text = "Kleine Kommunen Partner heißt das Netz. Das KKP fördert Solardächer."
    assert ("KKP", "Kleine Kommunen Partner") in found(known, text, "programme")


def test_normal_forms_keep_the_positions_of_the_original_text() -> None:
    text = "Das Klassenzimmer-Programme\n  Centre"
    folded, origin = normalised(text)
    assert folded == "das klassenzimmerprogramm center"
    assert text[origin[folded.index("center")] :] == "Centre"
    assert origin[len(folded)] == len(text)
