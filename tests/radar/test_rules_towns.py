"""General rules for towns, each shown on sentences of our own: districts, people named like towns, namesakes
chosen by the text's context, cities abroad with a namesake in the USA, demonyms and universities."""

from __future__ import annotations

import pytest

from austausch.radar.extraction import extract_text
from tests.radar.samples import towns

LEMGO, GOERLITZ, MIESBACH, ROSENHEIM = "DE-05766044", "DE-14626110", "DE-09182125", "DE-09163000"
BAUTZEN = "DE-14625020"
JENA, HAGEN, MUENSTER = "DE-16053000", "DE-05914000", "DE-05515000"
FRANKFURT_MAIN, FRANKFURT_ODER, NEUSTADT_SACHSEN = "DE-06412000", "DE-12053000", "DE-14628260"
FREIBURG, MANNHEIM, KASSEL, ERLANGEN = "DE-08311000", "DE-08222000", "DE-06611000", "DE-09562000"
SPRINGFIELD_ILLINOIS, SPRINGFIELD_OHIO, AUSTIN_MINNESOTA = "US-1840009517", "US-1840003765", "US-1840006830"


def found(text: str) -> set[str]:
    return set(towns(extract_text(text)))


@pytest.mark.parametrize(
    "text",
    [
        "Der Kreis Lippe und der Landkreis Miesbach tauschen sich aus.",
        "Das LRA Miesbach lud zu einem Workshop ein.",
        "Vertreter des Landratsamts Miesbach und des Landratsamtes Görlitz trafen sich.",
        "Der Görlitzer Landrat begrüßte die Gäste, der Miesbacher Kreistag stimmte zu.",
        "The district of Görlitz and Miesbach district sent delegates.",
        "Miesbach County and the county of Görlitz signed a letter of intent.",
    ],
)
def test_a_district_is_not_its_seat_town(text: str) -> None:
    assert found(text) == set()


def test_the_seat_town_itself_still_counts_beside_its_district() -> None:
    result = found(
        "Das Landratsamt Miesbach hatte eingeladen; die Gäste besuchten danach die Kreisstadt Miesbach und Rosenheim."
    )
    assert result == {MIESBACH, ROSENHEIM}
    assert found("Im Landratsamt in Görlitz trafen sich Vertreter aus Bautzen.") == {GOERLITZ, BAUTZEN}


def test_a_hyphenated_district_names_no_town() -> None:
    assert found("Der Rhein-Sieg-Kreis und der Main-Kinzig-Kreis arbeiten mit Lemgo zusammen.") == {LEMGO}


@pytest.mark.parametrize(
    "text",
    [
        "Thomas Jena und Peter Hagen begrüßten die Gäste aus Münster.",
        "Projektleiterin Anna Bergen sprach mit Gästen aus Münster.",
        "Es sprachen Frau Hagen und Herr Jena mit den Gästen aus Münster.",
        "Hans-Peter Jena führte die Gäste aus Münster durch das Rathaus.",
        "Coordinator Anna Bergen welcomed guests from Münster. Thomas Jena spoke next.",
        "Guests from Münster met Dr. Peter Hagen and Mr. Jena.",
    ],
)
def test_a_first_name_before_a_town_name_makes_it_a_surname(text: str) -> None:
    assert found(text) == {MUENSTER}


def test_the_town_named_beside_its_namesake_person_still_counts() -> None:
    assert found("Nach dem Besuch in Jena sprach Thomas Jena mit den Gästen aus Hagen.") == {JENA, HAGEN}
    assert found("Peter Hagen, Bürgermeister von Hagen, empfing Gäste aus Jena.") == {HAGEN, JENA}
    assert found("Die Städte Hagen, Jena und Münster arbeiten zusammen.") == {HAGEN, JENA, MUENSTER}


def test_the_texts_own_context_outweighs_a_state_in_the_headline() -> None:
    result = found(
        "Hessen fördert Städtepartnerschaften mit Polen\n\n"
        "Die Stadt Frankfurt und ihre polnische Nachbarstadt an der Oder feierten mit Gästen aus Eisenhüttenstadt "
        "das Jubiläum ihrer Zusammenarbeit über die Grenze hinweg."
    )
    assert FRANKFURT_ODER in result and FRANKFURT_MAIN not in result
    # With nothing else to go by, the headline's state still decides.
    assert FRANKFURT_MAIN in found("Hessen stärkt Partnerschaften\n\nIn Frankfurt trafen sich die Bürgermeister.")
    assert AUSTIN_MINNESOTA in found(
        "Minnesota mayors tour Germany\n\nThe delegation from Austin met the mayor of a German partner town."
    )
    assert NEUSTADT_SACHSEN in found(
        "Sachsen fördert Bürgerbeteiligung\n\nIn Neustadt fand ein Workshop zur Bürgerbeteiligung statt, an dem "
        "Vertreter vieler Gemeinden teilnahmen."
    )


def test_a_state_right_after_a_name_outweighs_another_state_in_the_headline() -> None:
    result = found(
        "Ohio mayors tour Germany\n\nThe mayor of Springfield, Illinois, joined colleagues on a trip to Bavaria. "
        "Springfield has had a partner town in Germany for years."
    )
    assert SPRINGFIELD_ILLINOIS in result and SPRINGFIELD_OHIO not in result
    german = found(
        "Delegation aus Ohio zu Gast in Bayern\n\nDer Bürgermeister von Springfield (Illinois) besuchte mit einer "
        "Gruppe die Partnerstadt. Springfield liegt in Illinois."
    )
    assert SPRINGFIELD_ILLINOIS in german and SPRINGFIELD_OHIO not in german


@pytest.mark.parametrize(
    "text",
    [
        "The students from Erlangen travelled to Athens, Dublin and Paris as part of a European exchange.",
        "Ohio mayors tour Europe\n\nThe mayors visited Paris, Athens and Dublin, then flew on to Erlangen for a "
        "conference on twinning between European and American towns.",
        "Schüler aus Erlangen fuhren im Rahmen eines europäischen Austauschs nach Paris, Dublin und Athen.",
        "Die Partnerschaft zwischen Erlangen und einer französischen Stadt besteht lange; eine Delegation aus "
        "Erlangen reiste nach Paris.",
    ],
)
def test_a_city_abroad_stays_abroad_when_the_text_is_about_europe(text: str) -> None:
    assert found(text) == {ERLANGEN}


def test_a_us_namesake_named_with_its_state_stays_in_the_usa() -> None:
    result = extract_text(
        "A European delegation from Erlangen visited Athens, Georgia and Dublin, Ohio on its tour of the USA."
    )
    assert {town["name"] for town in result["municipalities"]} == {"Erlangen", "Athens", "Dublin"}
    assert all(key.startswith("US-") for key, town in towns(result).items() if town["name"] != "Erlangen")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Freiburger freuen sich auf den Besuch aus Kassel.", {FREIBURG, KASSEL}),
        ("Viele Mannheimer kamen zum Fest; auch den Freiburgern gefiel es.", {MANNHEIM, FREIBURG}),
        ("Der Freiburger Gemeinderat hat die Partnerschaft beschlossen.", {FREIBURG}),
        ("The Mannheim city council welcomed guests from Kassel.", {MANNHEIM, KASSEL}),
    ],
)
def test_a_demonym_and_the_towns_council_count_for_the_town(text: str, expected: set[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Die Universität Freiburg und die Hochschule Mannheim forschen mit Partnern aus Kassel.",
        "Die Uni Mannheim lud Forschende aus Kassel ein.",
        "Researchers at the University of Mannheim and Freiburg University met guests from Kassel.",
    ],
)
def test_a_town_only_inside_a_universitys_name_is_no_town(text: str) -> None:
    assert found(text) == {KASSEL}


def test_a_universitys_town_named_as_a_place_counts() -> None:
    assert found("Studierende der Universität Freiburg besuchten Freiburg und Mannheim.") == {FREIBURG, MANNHEIM}


KOELN, BONN, BERLIN, DRESDEN, LEIPZIG = "DE-05315000", "DE-05314000", "DE-11000000", "DE-14612000", "DE-14713000"
ESSEN, WASHINGTON_DC, MARION_OHIO = "DE-05113000", "US-1840006060", "US-1840008332"


@pytest.mark.parametrize(
    "text",
    [
        "„Welcome to Germany, Welcome to Lemgo, Welcome to the Town Hall“, rief der Bürgermeister den Schülern aus "
        "Ohio zu.",
        "„Welcome to Lemgo, Welcome to the Town Hall!“ The mayor greeted the students from Ohio.",
    ],
)
def test_a_greeting_after_a_town_in_a_list_is_no_town(text: str) -> None:
    assert found(text) == {LEMGO}


@pytest.mark.parametrize(
    "text",
    [
        "Among the guests from Kassel were Lt. Col. Anderson and Capt. Marion of the local garrison.",
        "Zu den Gästen aus Kassel gehörten Oberst Anderson und Major Marion von der Garnison.",
        "A delegation from Kassel met Gov. Marshall and Sen. Anderson at the state capitol.",
    ],
)
def test_a_title_before_a_town_name_makes_it_a_surname(text: str) -> None:
    assert found(text) == {KASSEL}


@pytest.mark.parametrize(
    "text",
    [
        "A delegation from Kassel was led by Martin W.W Horn, the deputy mayor.",
        "Die Delegation aus Kassel wurde von Martin W. Horn geleitet.",
        "Das Jugendorchester aus Kassel spielte unter der Leitung von Marion Hendlinger.",
        "The choir from Kassel performed under the direction of Marion Steinbrecher.",
    ],
)
def test_a_given_name_before_a_surname_or_initials_is_a_person(text: str) -> None:
    assert found(text) == {KASSEL}


def test_a_given_names_town_after_a_place_cue_still_counts() -> None:
    assert found("The students from Kassel travelled on to Marion, Ohio, for a week.") == {KASSEL, MARION_OHIO}
    assert found("Die Schüler aus Kassel reisten weiter nach Marion in Ohio.") == {KASSEL, MARION_OHIO}


@pytest.mark.parametrize(
    "text",
    [
        "The students from Kassel will tour the Grand Canyon this summer.",
        "After the talks in Kassel the group hiked through Ramsey Canyon.",
        "The guests from Kassel rode their bikes from City Hall to Cascade Lake Park.",
        "The exchange students from Kassel spent a day at the Marshall Memorial and at Cedar Point.",
        "The American Marshall Memorial Fellowship brought officials from Kassel to the USA.",
    ],
)
def test_a_town_word_inside_a_landmarks_name_is_no_town(text: str) -> None:
    assert found(text) == {KASSEL}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Gäste landeten am Flughafen Köln/Bonn und fuhren weiter nach Kassel.", {KASSEL}),
        ("The FU Berlin’s research centre and the TU Dresden hosted guests from Kassel.", {KASSEL}),
        ("Die Gruppe aus Kassel traf sich am Bahnhof Leipzig und besichtigte Schloss Dresden.", {KASSEL}),
        ("The delegation from Kassel flew into Frankfurt Airport and toured the Port of Hamburg.", {KASSEL}),
        ("Die Gäste aus Kassel kamen am Leipzig Hauptbahnhof an und fuhren dann nach Bonn.", {KASSEL, BONN}),
    ],
)
def test_a_town_only_inside_the_name_of_a_site_or_institution_is_no_town(text: str, expected: set[str]) -> None:
    assert found(text) == expected


def test_a_town_named_beside_its_site_still_counts() -> None:
    assert found("Am Flughafen Köln/Bonn landeten die Gäste; in Bonn empfing sie der Bürgermeister.") == {BONN}
    assert found("Researchers of the FU Berlin met the mayor of Berlin in Dresden.") == {BERLIN, DRESDEN}


@pytest.mark.parametrize(
    "text",
    [
        "Officials from Kassel were in Washington, D.C., for talks with the State Department.",
        "The mayor of Kassel met members of Congress in Washington to talk about the exchange.",
    ],
)
def test_washington_in_us_politics_is_the_capital(text: str) -> None:
    assert found(text) == {KASSEL, WASHINGTON_DC}


@pytest.mark.parametrize(
    "text",
    [
        "Workshop zur kommunalen Partnerschaftsarbeit. Ort: Essen",
        "Das Netzwerktreffen der Partnerstädte beginnt um zehn Uhr, Veranstaltungsort: Essen, Rathaus.",
        "Annual meeting of the sister cities. Venue: Essen",
        "Conference on town twinning. Location: Essen, Germany",
    ],
)
def test_a_place_label_is_a_cue_for_a_town_that_is_also_a_word(text: str) -> None:
    assert found(text) == {ESSEN}


def test_a_town_that_is_also_a_word_needs_its_cue() -> None:
    assert found("Workshop zur kommunalen Partnerschaftsarbeit. Essen und Getränke gab es im Foyer.") == set()


def test_a_town_that_is_also_a_word_counts_as_the_last_item_of_a_list() -> None:
    assert found("Neben den Städten Kassel, Lemgo und Essen wird auch Erlangen besucht.") == {
        KASSEL,
        LEMGO,
        ESSEN,
        ERLANGEN,
    }


def test_dc_after_washington_outweighs_another_state_named_in_the_text() -> None:
    result = found(
        "Fellows from Kassel were in Washington, D.C., for a week. Then they went on to their host cities: Tulsa, "
        "Oklahoma, and Albany, Oregon."
    )
    assert WASHINGTON_DC in result and "US-1840022785" not in result


def test_a_demonym_that_is_also_a_word_is_the_word_before_a_name() -> None:
    assert found("Die Schulleiterin und der Lehrer Olivier Kouamé kamen mit Gästen aus Kassel.") == {KASSEL}
    assert found("Der Freiburger Gemeinderat und der Kasseler Oberbürgermeister trafen sich.") == {FREIBURG, KASSEL}


PEORIA_ILLINOIS, PEORIA_ARIZONA, FRIEDRICHSHAFEN = "US-1840009373", "US-1840020567", "DE-08435016"


@pytest.mark.parametrize(
    "text",
    [
        "Seit vielen Jahren besuchen Jugendliche aus Peoria ihre Gastfamilien in Friedrichshafen.",
        "Students from Peoria spent three weeks with host families in Friedrichshafen.",
    ],
)
def test_a_namesake_twinned_with_a_town_the_text_names_is_the_one_meant(text: str) -> None:
    assert found(text) == {PEORIA_ILLINOIS, FRIEDRICHSHAFEN}


def test_with_no_twin_named_the_bigger_namesake_is_chosen() -> None:
    assert PEORIA_ARIZONA in found("Students from Peoria spent three weeks with host families in Kassel.")


def test_a_state_named_outweighs_a_twin() -> None:
    result = found("Students from Peoria, Arizona spent three weeks with host families in Friedrichshafen.")
    assert PEORIA_ARIZONA in result and PEORIA_ILLINOIS not in result


BASALT_COLORADO, MOBILE_ALABAMA = "US-1840020195", "US-1840006009"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The host towns are Basalt, Colorado (a town manager), and Kassel.", {BASALT_COLORADO, KASSEL}),
        ("Gastgeber waren Mobile, Alabama und Kassel.", {MOBILE_ALABAMA, KASSEL}),
    ],
)
def test_a_town_that_is_also_a_word_counts_with_its_state_right_after_it(text: str, expected: set[str]) -> None:
    assert found(text) == expected


def test_a_word_named_like_a_town_stays_a_word_without_its_state() -> None:
    assert found("The rock under Kassel is basalt; Basalt is also the name of a band from Colorado.") == {KASSEL}
