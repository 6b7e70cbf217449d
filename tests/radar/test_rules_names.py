"""General rules for the names of programmes and organisations, each tried on sentences of our own: a quoted
name after a programme's cue, hashtags and handles, a web page's interface text, and names the platform
knows without any cue word."""

from __future__ import annotations

import pytest

from austausch.organisations.models import Organisation, OrganisationKind, Sector
from austausch.programmes.models import Programme
from austausch.radar.extraction import KnownName, KnownNames, extract_text
from austausch.radar.models import FactKind
from austausch.radar.models import KnownName as KnownNameRecord
from austausch.radar.services.learning import known_names


def names(result: dict, group: str) -> list[str]:
    return [entry["name"] for entry in result[group]]


def quoted(result: dict, group: str, name: str) -> list[str]:
    """The words of the text where the fact called `name` was found."""
    entry = next(entry for entry in result[group] if entry["name"] == name)
    return [result["text"][start:end] for start, end in entry["spans"]]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Die Gemeinde Hörenhausen nimmt seit März am Programm «Kommunen gestalten Wandel» teil.",
            "Kommunen gestalten Wandel",
        ),
        ("Seit 2023 fördert das Programm „Stadt der Zukunft“ zwölf Gemeinden im Land.", "Stadt der Zukunft"),
        ('Seit 2023 fördert das Programm „Stadt der Zukunft" zwölf Gemeinden im Land.', "Stadt der Zukunft"),
        ("Im Projekt »Zukunftsstadt« arbeiten Schulen und Verwaltung zusammen.", "Zukunftsstadt"),
        ("Die Gemeinde ist beim Wettbewerb ‚Unser Dorf hat Zukunft‘ dabei.", "Unser Dorf hat Zukunft"),
        ("Das Förderprogramm des Bundes „Stadt der Zukunft“ geht in die zweite Runde.", "Stadt der Zukunft"),
        ("Das Projekt mit dem Titel „Grüne Höfe“ beginnt im Herbst.", "Grüne Höfe"),
        ("Mit der Aktion „gemeinsam pflanzen“ lädt die Gemeinde zum Mitmachen ein.", "gemeinsam pflanzen"),
        ('The town joined the initiative "Wunderbar Together" last spring.', "Wunderbar Together"),
        ("Our county takes part in the programme “Cities for Tomorrow” until 2026.", "Cities for Tomorrow"),
        ('The project called "Open Benches" put seats in every square.', "Open Benches"),
        ("Die Gemeinde nimmt am Programm „Stadt der Zukunft.“ teil.", "Stadt der Zukunft"),
        ("Die Gemeinde ist Teil des „Stadt der Zukunft“-Programms.", "Stadt der Zukunft"),
        ('The town joined the "Wunderbar Together" campaign last spring.', "Wunderbar Together"),
    ],
)
def test_a_quoted_name_after_a_programme_cue_is_the_name_as_written(text: str, name: str) -> None:
    result = extract_text(text)
    assert names(result, "programmes") == [name]
    assert quoted(result, "programmes", name) == [name]


def test_a_quoted_name_before_its_abbreviation_keeps_both() -> None:
    result = extract_text("Das Projekt „Kommunen gestalten Wandel“ (KgW) beginnt im Mai.")
    assert [(entry["name"], entry["abbreviation"]) for entry in result["programmes"]] == [
        ("Kommunen gestalten Wandel", "KgW")
    ]
    assert result["organisations"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Der Bürgermeister sagte: „Wir sind stolz auf unsere Stadt.“",
        'The mayor called it "a good day for our town".',
        "Die Zeitung schrieb von einem »großen Erfolg« für die Gemeinde.",
        '"We did it," project manager Anna Roth said.',
    ],
)
def test_a_quotation_without_a_programme_cue_is_no_programme(text: str) -> None:
    assert extract_text(text)["programmes"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Die Kampagne #StadtGestalten lädt Bürgerinnen und Bürger zum Mitreden ein.", "StadtGestalten"),
        ("Die Aktion #Partnerschaft2030 startet im Juni.", "Partnerschaft2030"),
        ("The campaign #TwinTowns2030 starts in June.", "TwinTowns2030"),
        ("Die Kampagne unter dem Hashtag #Stadtradeln2030 beginnt.", "Stadtradeln2030"),
        ("Neuigkeiten aus dem Projekt @Zukunftsstadt gibt es jede Woche.", "Zukunftsstadt"),
    ],
)
def test_a_hashtag_or_handle_after_a_programme_cue_names_the_programme_without_its_sign(text: str, name: str) -> None:
    result = extract_text(text)
    assert names(result, "programmes") == [name]
    assert quoted(result, "programmes", name) == [name]
    assert result["organisations"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Unterstützt wird das Projekt von @Lindenwerk und der Gemeinde.", "Lindenwerk"),
        ("Gemeinsam mit @Wandelwerk pflanzt die Gemeinde Bäume.", "Wandelwerk"),
        ("The initiative by @CitiesForward starts in May.", "CitiesForward"),
    ],
)
def test_a_handle_after_who_runs_or_joins_something_is_an_organisation(text: str, name: str) -> None:
    result = extract_text(text)
    assert names(result, "organisations") == [name]
    assert quoted(result, "organisations", name) == [name]


def test_a_handle_that_spells_a_known_organisation_is_that_organisation() -> None:
    result = extract_text("Danke an @EngagementGlobal und @DStGB für die Unterstützung.")
    assert set(names(result, "organisations")) == {"Engagement Global", "Deutscher Städte- und Gemeindebund"}
    learned = KnownNames([KnownName("organisation", "Wandelwerk Hessen", "Wandelwerk Hessen e. V.")])
    result = extract_text("Danke an @Wandelwerk_Hessen für die Bäume.", known=learned)
    assert names(result, "organisations") == ["Wandelwerk Hessen e. V."]
    assert quoted(result, "organisations", "Wandelwerk Hessen e. V.") == ["Wandelwerk_Hessen"]


def test_a_hashtag_that_spells_a_known_programme_is_that_programme() -> None:
    learned = KnownNames([KnownName("programme", "Grüne Höfe", "Grüne Höfe")])
    result = extract_text("Fotos vom Pflanztag gibt es unter #GrüneHöfe.", known=learned)
    assert names(result, "programmes") == ["Grüne Höfe"]


@pytest.mark.parametrize(
    "text",
    [
        "Danke an @AnnaSchmidt für die Fotos vom Fest.",
        "Folgen Sie uns auf Instagram: #Sommerfest #Hörenhausen",
        "Fragen bitte an info@gemeinde-hoerenhausen.de schreiben.",
        "Gemeinsam mit @gemeinde_hoerenhausen pflanzen wir Bäume.",
    ],
)
def test_other_hashtags_handles_and_addresses_name_nothing(text: str) -> None:
    result = extract_text(text)
    assert result["programmes"] == [] and result["organisations"] == []


INTERFACE_TEXT = [
    "Keine Einträge",
    "Mehr laden",
    "Weiterlesen",
    "Read more",
    "Load more",
    "Zum Seitenanfang",
    "Cookie-Einstellungen",
    "Teilen auf Facebook",
]


@pytest.mark.parametrize("words", INTERFACE_TEXT)
@pytest.mark.parametrize(
    "template",
    [
        "Mehr zum Projekt\n{words}\nDie Gemeinde lud am 3. Mai 2024 zum Fest.",
        "Alles über das Programm {words}.",
        "Das Projekt „{words}“ ist neu.",
        "Der Verein {words} lud ein.",
        "Firma {words}",
        "{words} Initiative",
        "{words} Gesellschaft",
        "Our Exchange Program\n{words}\nThe town hosted guests.",
    ],
)
def test_interface_text_of_a_web_page_is_no_name(template: str, words: str) -> None:
    result = extract_text(template.format(words=words))
    found = [*names(result, "programmes"), *names(result, "organisations")]
    assert not any(words.casefold() in name.casefold() for name in found), found
    assert not any(words.split()[0].casefold() == name.casefold() for name in found), found


def test_a_page_of_interface_text_names_no_town_programme_or_organisation() -> None:
    result = extract_text("\n".join(INTERFACE_TEXT))
    assert result["municipalities"] == [] and result["programmes"] == [] and result["organisations"] == []


def test_a_name_is_kept_when_interface_text_follows_it_on_the_next_line() -> None:
    result = extract_text("Die Gemeinde nimmt am Programm „Stadt der Zukunft“ teil.\nWeiterlesen\nTeilen auf Facebook")
    assert names(result, "programmes") == ["Stadt der Zukunft"]


LEARNED = KnownNames(
    [
        KnownName("organisation", "Stadtwerke Musterstadt GmbH", "Stadtwerke Musterstadt GmbH", "SWM"),
        KnownName("organisation", "SWM", "Stadtwerke Musterstadt GmbH", "SWM"),
        KnownName("organisation", "Stadtwerke Musterstadt", "Stadtwerke Musterstadt GmbH", "SWM"),
        KnownName("organisation", "Lindenwerk", "Lindenwerk e. V."),
        KnownName("programme", "Grüne Höfe", "Grüne Höfe"),
        KnownName("programme", "Hofgrün", "Grüne Höfe"),
    ]
)


@pytest.mark.parametrize(
    ("text", "group", "name"),
    [
        (
            "Die Stadtwerke Musterstadt und die Gemeinde bauen ein Wärmenetz.",
            "organisations",
            "Stadtwerke Musterstadt GmbH",
        ),
        ("Lindenwerk und die Gemeinde pflanzten am Samstag Bäume.", "organisations", "Lindenwerk e. V."),
        ("Auch die SWM waren beim Fest dabei.", "organisations", "Stadtwerke Musterstadt GmbH"),
        ("Grüne Höfe war ein Thema des Abends.", "programmes", "Grüne Höfe"),
        ("Hofgrün war ein Thema des Abends.", "programmes", "Grüne Höfe"),
        ("Guests from Lindenwerk spoke about Grüne Höfe.", "organisations", "Lindenwerk e. V."),
    ],
)
def test_a_name_the_dictionary_knows_is_proposed_without_a_cue(text: str, group: str, name: str) -> None:
    assert name not in names(extract_text(text), group)
    assert name in names(extract_text(text, known=LEARNED), group)


def test_a_known_name_with_its_own_cue_is_proposed_once_under_its_records_name() -> None:
    result = extract_text("Die Stadtwerke Musterstadt GmbH und die Gemeinde bauen ein Wärmenetz.", known=LEARNED)
    assert [(entry["name"], entry["abbreviation"]) for entry in result["organisations"]] == [
        ("Stadtwerke Musterstadt GmbH", "SWM")
    ]


def test_the_platforms_records_and_aliases_are_found_without_a_cue(db: None) -> None:
    Organisation.objects.create(
        name="Lindenwerk Hörenhausen", abbreviation="LWH", kind=OrganisationKind.NONPROFIT, sector=Sector.NONPROFIT
    )
    Programme.objects.create(name="Grüne Höfe", slug="gruene-hoefe")
    KnownNameRecord.objects.create(kind=FactKind.ORGANISATION, spelling="Hofwerker", name="Lindenwerk Hörenhausen")
    text = "Beim Fest sprachen die LWH und die Hofwerker über Grüne Höfe. Auch Lindenwerk Hörenhausen kam."
    result = extract_text(text, known=known_names())
    assert names(result, "organisations") == ["Lindenwerk Hörenhausen"]
    assert sorted(quoted(result, "organisations", "Lindenwerk Hörenhausen")) == sorted(
        ["LWH", "Hofwerker", "Lindenwerk Hörenhausen"]
    )
    assert names(result, "programmes") == ["Grüne Höfe"]


RECORDS = KnownNames(
    [
        KnownName("organisation", "Deutsche Umwelthilfe", "Deutsche Umwelthilfe", "DUH"),
        KnownName("programme", "Europäische Woche der Mobilität", "Europäische Woche der Mobilität"),
        KnownName("organisation", "Die Tafel Musterstadt", "Die Tafel Musterstadt"),
        KnownName("programme", "Die Brücke", "Die Brücke"),
        KnownName("organisation", "Wandelwerk Hessen", "Wandelwerk Hessen"),
    ]
)


@pytest.mark.parametrize(
    ("text", "group", "name"),
    [
        ("Vertreter der Deutschen Umwelthilfe sprachen im Rat.", "organisations", "Deutsche Umwelthilfe"),
        (
            "Die Gemeinde macht bei der Europäischen Woche der Mobilität mit.",
            "programmes",
            "Europäische Woche der Mobilität",
        ),
        ("DIE TAFEL MUSTERSTADT SUCHT HELFER", "organisations", "Die Tafel Musterstadt"),
    ],
)
def test_a_known_name_is_found_declined_or_in_capitals(text: str, group: str, name: str) -> None:
    assert names(extract_text(text, known=RECORDS), group) == [name]


def test_a_known_name_is_proposed_as_its_record_calls_it() -> None:
    result = extract_text("Die Tafel Musterstadt und der Austausch Die Brücke luden ein.", known=RECORDS)
    assert names(result, "organisations") == ["Die Tafel Musterstadt"]
    assert names(result, "programmes") == ["Die Brücke"]


def test_a_known_organisation_after_a_programme_cue_stays_an_organisation() -> None:
    result = extract_text("Die Initiative Wandelwerk Hessen lud zum Pflanztag ein.", known=RECORDS)
    assert names(result, "organisations") == ["Wandelwerk Hessen"]
    assert result["programmes"] == []
