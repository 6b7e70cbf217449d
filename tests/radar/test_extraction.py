"""What the radar finds in a text: towns, events, programmes, organisations, people, topics, with spans."""

from __future__ import annotations

import pytest

from austausch.radar.extraction import extract_text
from tests.radar.samples import dates, towns

KEYS = ["file", "language", "title", "published", "municipalities", "events", "programmes", "organisations",
        "people", "practices", "publications", "topics", "comments", "errors", "text"]  # fmt: skip


def test_the_result_has_exactly_the_promised_shape(seeds: dict[str, dict]) -> None:
    for prefix, result in seeds.items():
        assert list(result) == KEYS
        assert result["language"] == ("en" if prefix == "005" else "de")
        assert result["errors"] == []


def test_every_span_points_at_the_fact_in_the_text(seeds: dict[str, dict]) -> None:
    for result in seeds.values():
        text = result["text"]
        for town in result["municipalities"]:
            for start, end in town["spans"]:
                assert text[start:end].startswith(town["name"].split(" (")[0][:4]), (town, text[start:end])
        for organisation in result["organisations"]:
            assert organisation["spans"]
        for fact in [*result["events"], *result["programmes"], *result["people"], *result["topics"]]:
            assert all(0 <= start < end <= len(text) for start, end in fact["spans"])


def test_halle_saale_is_not_halle_westfalen(seeds: dict[str, dict]) -> None:
    assert "DE-15002000" in towns(seeds["001"])
    assert "DE-15002000" in towns(seeds["000"])  # plain "Halle" among large East German towns
    assert "DE-05754012" not in towns(seeds["001"]) | towns(seeds["000"])
    westphalia = extract_text("Der Kreis Gütersloh und die Stadt Halle (Westf.) in Nordrhein-Westfalen planen mehr.")
    assert set(towns(westphalia)) == {"DE-05754012"}


def test_newark_next_to_jersey_city_is_the_one_in_new_jersey(seeds: dict[str, dict]) -> None:
    found = towns(seeds["000"])
    assert {"US-1840002791", "US-1840003600", "US-1840001383", "US-1840001381"} <= set(found)
    english = towns(seeds["005"])  # "visited Newark and Jersey City", in English
    assert {"US-1840002791", "US-1840003600"} <= set(english)
    delaware = extract_text("The University of Delaware in Newark, DE, hosted the mayors of Dover and Wilmington.")
    assert "US-1840005578" in towns(delaware)


def test_mainz_the_city_is_a_town_but_not_inside_an_organisation_name(seeds: dict[str, dict]) -> None:
    assert "DE-07315000" in towns(seeds["000"])
    result = extract_text(
        "Die Stadtwerke Mainz AG und die Stadt Darmstadt haben am 3. Mai 2024 einen Workshop zu Energie veranstaltet."
    )
    assert "DE-07315000" not in towns(result)
    organisation = next(entry for entry in result["organisations"] if "Stadtwerke Mainz" in entry["name"])
    assert organisation["place_key"] == "DE-07315000"
    assert "DE-06411000" in towns(result)


def test_inflected_and_transliterated_names_are_found(seeds: dict[str, dict]) -> None:
    genitive = extract_text("Die Erfahrungen Darmstadts und Wittenberges zeigen, wie Kommunen lernen.")
    assert {"DE-06411000", "DE-12070424"} <= set(towns(genitive))
    assert {"DE-09181114", "DE-01053090", "DE-06439012", "DE-14628060"} <= set(towns(seeds["003"]))
    spelled = extract_text("Eine Delegation aus Diessen besuchte Moelln; im Juni folgt Osnabruck.")
    assert {"DE-09181114", "DE-01053090", "DE-03404000"} <= set(towns(spelled))


def test_names_that_are_ordinary_words_need_evidence() -> None:
    meal = extract_text("Nach dem Essen in der Halle ging es weil es regnete zum Lauf durch die Stadt.")
    assert towns(meal) == {}
    city = extract_text("Die Delegation reiste von Dortmund nach Essen und weiter in die Stadt Bergen auf Rügen.")
    assert "DE-05113000" in towns(city)
    weather = extract_text("Bei bestem Wetter feierten die Gäste. Das Wetter hielt bis zum Abend.")
    assert "DE-05954032" not in towns(weather)  # Wetter (Ruhr)
    assert "DE-05954032" in towns(extract_text("Die Delegation fuhr weiter nach Wetter."))


def test_a_dateline_period_takes_its_kind_from_the_report_that_follows() -> None:
    result = extract_text(
        "Hannover, 9. bis 11. September 2019. Rund 150 Teilnehmende der vierten Konferenz bestimmten das Programm."
    )
    assert [(event["kind"], event["start"], event["end"]) for event in result["events"]] == [
        ("conference", "2019-09-09", "2019-09-11")
    ]


def test_a_small_town_named_again_and_again_needs_no_cue() -> None:
    text = "Nalbach war durch den Bürgermeister vertreten. Ich bin stolz darauf, dass Nalbach Teil des Netzwerks ist."
    assert "DE-10044113" in towns(extract_text(text))
    assert "DE-10044113" not in towns(extract_text(text.split(". ")[0] + "."))


def test_roles_come_from_what_the_text_says(seeds: dict[str, dict]) -> None:
    found = towns(seeds["000"])
    assert found["DE-02000000"]["role"] == "visitor"  # Hamburg: "Fachleute aus Hamburg"
    assert found["US-1840000673"]["role"] == "host"  # Philadelphia: "die Städte Philadelphia … besucht"
    assert found["DE-06411000"]["role"] == "participant"  # Darmstadt: "nahmen … die Städte … teil"
    assert towns(seeds["003"])["DE-12070424"]["role"] == "host"  # "Wittenberge war … Gastgeber"


def test_events_have_kind_dates_and_place(seeds: dict[str, dict]) -> None:
    conference = next(event for event in seeds["001"]["events"] if event["kind"] == "conference")
    assert (conference["start"], conference["place_key"]) == ("2023-04-21", "US-1840034016")
    kinds = {event["kind"] for event in seeds["000"]["events"]}
    assert {"study visit", "return visit", "conference"} <= kinds
    assert {event["kind"] for event in seeds["005"]["events"]} == {"study visit", "return visit"}
    meeting = seeds["003"]["events"][0]
    assert (meeting["kind"], meeting["place_key"]) == ("meeting", "DE-12070424")


def test_programmes_are_found_by_name_and_by_pattern(seeds: dict[str, dict]) -> None:
    names = {programme["name"] for programme in seeds["000"]["programmes"]}
    assert "Transatlantic Cities of Tomorrow" in names  # written "Transantlantic … Tommorow" in the text
    assert {"Kleinstadtakademie", "summer of pioneers"} <= {p["name"] for p in seeds["003"]["programmes"]}
    unknown = extract_text("Die Stadt Neuss nimmt am Förderprogramm „Grüne Innenstadt 2030“ des Landes teil.")
    assert "Grüne Innenstadt 2030" in {programme["name"] for programme in unknown["programmes"]}


def test_organisations_are_joined_with_their_abbreviations(seeds: dict[str, dict]) -> None:
    dstgb = next(entry for entry in seeds["002"]["organisations"] if entry["abbreviation"] == "DStGB")
    assert dstgb["name"] == "Deutscher Städte- und Gemeindebund"
    assert len(dstgb["spans"]) == 3  # the full name and both bare "DStGB"
    names = {entry["name"] for entry in seeds["003"]["organisations"]}
    assert "Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen" in names
    assert "Bundesinstitut für Bau-, Stadt- und Raumforschung" in names
    assert "Bundesministerium für Wirtschaft und Klimaschutz" in {e["name"] for e in seeds["000"]["organisations"]}


def test_people_with_their_roles(seeds: dict[str, dict]) -> None:
    people = {person["name"]: person for person in seeds["003"]["people"]}
    assert people["Thomas Reuter"]["role"] == "Bürgermeister"
    assert people["Martin Hahn"]["role"] == "Bauamtsleiter"
    assert "DE-07140044" not in towns(seeds["003"])  # the town Hahn: here a surname
    albrecht = next(person for person in seeds["001"]["people"] if person["name"] == "Jonas Albrecht")
    assert albrecht["role"] == "Marketingleiter"
    assert {"name": "Anna Berger", "role": "Lord Mayor"}.items() <= seeds["005"]["people"][0].items()
    english = extract_text('"We learned a lot," said Jane Doe, mayor of Davenport, after the visit to Kaiserslautern.')
    assert {k: english["people"][0][k] for k in ("name", "role")} == {"name": "Jane Doe", "role": "mayor"}


def test_topics_come_from_the_taxonomy(seeds: dict[str, dict]) -> None:
    slugs = {topic["slug"] for topic in seeds["003"]["topics"]}
    assert {"coworking", "remote-work", "future-of-work", "small-towns"} <= slugs
    labels = {topic["slug"]: topic["label"] for topic in seeds["003"]["topics"]}
    assert labels["coworking"] == "Coworking" and labels["small-towns"] == "Kleinstädte"


def test_an_english_text_is_read_as_english() -> None:
    result = extract_text(
        "ROCHESTER, N.Y. — Mayor Malik Evans hosted Lord Mayor Christian Schuchardt of Würzburg, Germany, on "
        "June 13, 2022. Other sister cities of Rochester include Krakow, Poland and Waterford, Ireland."
    )
    assert result["language"] == "en"
    assert set(towns(result)) == {"US-1840000373", "DE-09663000"}


def test_a_state_after_a_name_decides_which_town_or_none() -> None:
    result = extract_text(
        "The tour visits Arlington, Virginia and Indianapolis, Indiana, then Charlotte in North Carolina."
    )
    assert set(towns(result)) == {"US-1840030084", "US-1840014557"}  # no Arlington in Virginia in the registry


def test_people_are_not_towns_anywhere_in_the_text() -> None:
    result = extract_text(
        "Auf Einladung des Botschafters in Berlin, Philip D. Murphy, reist Bürgermeister Melvin Carter nach Neuss. "
        "Carter trifft dort Schulen."
    )
    assert set(towns(result)) == {"DE-11000000", "DE-05162024"}
    assert {"Philip D. Murphy", "Melvin Carter"} <= {person["name"] for person in result["people"]}


def names(found: list[dict]) -> set[str]:
    return {entry["name"] for entry in found}


def test_organisations_named_by_what_they_are() -> None:
    result = extract_text(
        "Das Programm wurde mit dem US-amerikanischen Dachverband Welcoming America und der Austausch-Organisation "
        "Cultural Vistas angestoßen. Geplant ist eine Besichtigung im Hauptquartier von 3M und ein Besuch bei der "
        "Firma Körber. Danach trafen sie Vertreter der Deutschen Botschaft, des Deutschen Bundestages und der "
        "TH Lübeck sowie Frank Jarasch, Botschafter des Wirtschafts- und Sozialrats der Vereinten Nationen. "
        "Daran teilnehmen kann nur, wer von einer US-Botschaft eingeladen wurde."
    )
    found = names(result["organisations"])
    assert {"Welcoming America", "Cultural Vistas", "3M", "Körber", "Deutsche Botschaft"} <= found
    assert {"Deutscher Bundestag", "Technische Hochschule Lübeck"} <= found
    assert any(name.startswith("Wirtschafts- und Sozialrat") for name in found)
    assert not found & {"Vereinte Nationen", "US-amerikanischer Dachverband", "US-Botschaft", "US Botschaft"}


def test_programmes_name_themselves_and_organisers_are_no_programmes() -> None:
    result = extract_text(
        "Im Rahmen des „Parlamentarisches-Patenschafts-Programm (PPP)“ reisen Schüler in die USA. "
        "Die Study Tour on Social Cohesion bringt Fachleute zusammen. Sie nimmt an einem Austauschprogramm "
        "des American Council on Germany (ACG) teil."
    )
    programmes = names(result["programmes"])
    assert {"Parlamentarisches-Patenschafts-Programm", "Study Tour on Social Cohesion"} <= programmes
    assert "American Council on Germany" not in programmes
    assert "American Council on Germany" in names(result["organisations"])


def test_a_town_with_its_river_after_a_slash_and_a_word_inside_a_name() -> None:
    result = extract_text("Ob Oldenburg, Leipzig oder Frankfurt/Main: Claus attended the City Council meeting.")
    assert "DE-06412000" in towns(result)  # Frankfurt am Main, not Frankfurt (Oder)
    assert not any(town["name"] == "Council" for town in result["municipalities"])


def test_organisations_by_their_kind_of_body() -> None:
    result = extract_text(
        "Auf Einladung des US-Außenministeriums reist sie mit der Handelskammer Bremen. Der Vorstand des "
        "Arbeitskreises Städtepartnerschaften traf den Baumberger Männerchor und den Schulze-Delitzsch-Männerchor. "
        "Peter Kurz, Executive Board, Global Parliament of Mayors, sprach auf der Webseite des Rats der Gemeinden "
        "und Regionen Europas. Der Männerchor sang."
    )
    found = names(result["organisations"])
    assert {"US-Außenministerium", "Handelskammer Bremen", "Arbeitskreis Städtepartnerschaften"} <= found
    assert {"Baumberger Männerchor", "Schulze-Delitzsch-Männerchor", "Global Parliament of Mayors"} <= found
    assert "Rat der Gemeinden und Regionen Europas" in found
    assert "Männerchor" not in found


def test_a_list_of_towns_keeps_its_members_in_one_country() -> None:
    # Oldenburg in Lower Saxony, not in Indiana; Berlin in a list is a town, not a state qualifying Bremen.
    result = extract_text(
        "Die Gäste aus Cincinnati und Louisville reisen weiter nach Hamburg, Bremen, Berlin, Oldenburg und Dresden."
    )
    assert {"DE-03403000", "DE-04011000", "DE-11000000"} <= set(towns(result))
    assert not any(key.startswith("US-") and town["name"] == "Oldenburg" for key, town in towns(result).items())


def test_places_the_registry_lacks_are_no_namesakes() -> None:
    result = extract_text(
        "Eine Gruppe aus Meaux, einem Vorort von Paris, besuchte die Partnergemeinde Schwendi. Der Gast stammt "
        "aus Yorktown in Virginia. Bürgermeisterin Florence Swistek sprach."
    )
    assert set(towns(result)) == {"DE-08426108"}  # Schwendi only: no Paris, Texas, Yorktown, Indiana or Florence


def test_a_state_named_alone_decides_though_a_town_shares_its_name() -> None:
    result = extract_text("The mayor of Wilmington, the biggest city in the State of Delaware, visited Fulda.")
    assert "US-1840005579" in towns(result)  # Wilmington, Delaware, not North Carolina


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a kind named by the guests, their welcome, a signing; "am Freitag, den …" is no dateline
        ("Vom 4. bis 6. Juli 2025 waren 40 Gäste aus Frankreich zu Gast in Lauf.", {("2025-07-04", "2025-07-06")}),
        ("Am 3. Mai 2025 unterzeichneten beide Bürgermeister die Urkunde.", {("2025-05-03", "2025-05-03")}),
        (
            "Pressemitteilung vom 20.09.2025\n\nEin Besuch des Volksfests bot sich an. Dieser fand am Freitag, "
            "den 19. September statt.",
            {("2025-09-19", "2025-09-19")},
        ),
        # "heute (13.10.)" dates a reception; "sagte … heute (13.10.)" only what was said
        ("13.10.2025\n\nDer Bürgermeister empfing heute (13.10.) Gäste.", {("2025-10-13", "2025-10-13")}),
        ("13.10.2025\n\nDas sei ein Erfolg, sagte der Bürgermeister heute (13.10.) im Rathaus.", set()),
        # a planned date that did not happen
        ("Nach dem ursprünglich geplanten Termin im Jahr 2020 fiel die Feier aus.", set()),
        # "Das vergangene Wochenende" in a text dated with its time of day
        (
            "10. September 2014, 14:48 Uhr\n\nDas vergangene Wochenende stand im Zeichen der Delegation.",
            {("2014-09-06", "2014-09-07")},
        ),
    ],
)
def test_events_named_by_guests_signings_and_relative_days(text: str, expected: set[tuple[str, str]]) -> None:
    assert dates(extract_text(text)) == expected


def test_bodies_named_with_their_place_or_founder() -> None:
    result = extract_text(
        "Es spielte der Musikverein Oberhausen, der Städtetag Rheinland-Pfalz gratulierte, und das "
        "Partnerschaftskomitee Lichtenfels lud mit der Robert Bosch Stiftung und der Brandenburgischen "
        "Technischen Universität Cottbus-Senftenberg ein."
    )
    found = names(result["organisations"])
    assert {"Musikverein Oberhausen", "Städtetag Rheinland-Pfalz", "Partnerschaftskomitee Lichtenfels"} <= found
    assert "Robert Bosch Stiftung" in found
    assert any(name.startswith("Brandenburgische Technische Universität") for name in found)
    by_area = extract_text(
        "Es begrüßte die Staatskanzlei Niedersachsen; die Musikschule Wolfhager Land und der Chor Concordia sangen, "
        "begleitet vom Kammerchor Capella Quirina Neuss. Die SKEW lud ein."
    )
    assert {"Staatskanzlei Niedersachsen", "Musikschule Wolfhager Land", "Chor Concordia"} <= names(
        by_area["organisations"]
    )
    assert {"Capella Quirina Neuss", "Servicestelle Kommunen in der Einen Welt"} <= names(by_area["organisations"])
    assert "Ensemble Arcadia" in names(
        extract_text("Es sang das Publikum mit beim Auftritt des Ensembles Arcadia.")["organisations"]
    )


def test_well_known_programmes_in_either_language() -> None:
    result = extract_text("Essen war 2017 Grüne Hauptstadt Europas; das Netzwerk Connective Cities lädt ein.")
    assert {"European Green Capital", "Connective Cities"} <= names(result["programmes"])
    skew = extract_text(
        "Die Stadt nahm am Wettbewerb „Kommune bewegt Welt“ teil und ist Hauptstadt des Fairen Handels; "
        "die Schule ist Teil des German American Partnership Program (GAPP)."
    )
    assert {"Kommune bewegt Welt", "Hauptstadt des Fairen Handels", "German American Partnership Program"} <= names(
        skew["programmes"]
    )


def test_a_two_word_headline_over_a_paragraph_is_the_title() -> None:
    paragraph = "Über 70 deutsche Kommunen sind eine Partnerschaft mit einer Kommune im globalen Süden eingegangen, "
    result = extract_text("Kommunale Klimapartnerschaften\n" + paragraph * 2)
    assert result["title"] == "Kommunale Klimapartnerschaften"
    assert extract_text("Home\nPresse Aktuell\nKurz.\n" + paragraph * 2)["title"] != "Presse Aktuell"


def test_cities_abroad_and_countries_after_a_name_are_no_towns_here() -> None:
    result = extract_text(
        "Die Gäste besichtigten Salzburg und München. Dixon's sister cities are Dickson, Siberia and Thika, Kenya."
    )
    assert set(towns(result)) == {"DE-09162000"}  # München only: no Salzburg in the Palatinate, no Dickson, TN


def test_a_town_named_in_full_once_is_meant_by_its_short_name() -> None:
    result = extract_text(
        "In Taufkirchen(Vils) besuchten sie das Wasserschloss. In Dörentrup und bei der Landshuter Hochzeit "
        "waren alle dabei. Taufkirchen feierte."
    )
    assert {"DE-09177139", "DE-05766024", "DE-09261000"} <= set(towns(result))
    assert "DE-09184145" not in towns(result)  # not Taufkirchen near Munich


def test_a_state_named_anywhere_outweighs_a_bigger_namesake() -> None:
    result = extract_text(
        "Leaders from Europe were in Austin on Friday. Global Minnesota organised the Minnesota part of the tour."
    )
    assert "US-1840006830" in towns(result)  # Austin, Minnesota, not Texas


def test_a_photo_credit_names_no_town() -> None:
    result = extract_text("Fotos: Austin James/Visit Fort Worth. Die Delegation reiste nach Weimar.")
    assert not any(key.startswith("US-") for key in towns(result))


def test_a_period_alone_under_its_headline_is_the_events() -> None:
    result = extract_text("USA-Reise der Oberbürgermeisterin\n\n13.07.2019 bis 27.07.2019\n\nSie ist unterwegs.")
    assert dates(result) == {("2019-07-13", "2019-07-27")}
    assert result["published"] is None  # a period is not the day the text was written


def test_programmes_joined_to_their_kind_and_read_once() -> None:
    result = extract_text(
        "Im Rahmen des diesjährigen John J. McCloy-Austauschprogrammes kamen Gäste. Das US-Austauschprogramm für "
        "Hauptverwaltungsbeamte läuft. The Leadership Mission on Urban Affairs and Sustainability starts. This "
        "exchange, the Summit for Democracy International Visitor Leadership Program (IVLP), builds on it."
    )
    found = names(result["programmes"])
    assert {"John J. McCloy-Austauschprogramm", "US-Austauschprogramm für Hauptverwaltungsbeamte"} <= found
    assert "Leadership Mission on Urban Affairs and Sustainability" in found
    assert len([name for name in found if "Visitor Leadership" in name]) == 1


def test_bodies_with_adjectives_and_councils_that_are_the_town() -> None:
    result = extract_text(
        "Auf Einladung des amerikanischen Außenministeriums und des Bundesministeriums für wirtschaftliche "
        "Zusammenarbeit und Entwicklung reisten sie. Die Hochschule für öffentliche Verwaltung in Mayen half. "
        "They met the Social Democratic Party, the Zeppelin Museum and the Nuremberg City Council."
    )
    found = names(result["organisations"])
    assert {"Social Democratic Party", "Zeppelin Museum"} <= found
    assert any(name.casefold().startswith("amerikanische") for name in found)
    assert any("wirtschaftliche Zusammenarbeit" in name for name in found)
    assert any(name.startswith("Hochschule für öffentliche Verwaltung") for name in found)
    assert not any("City Council" in name for name in found)
    assert "DE-09564000" in towns(result)  # Nuremberg itself


def test_a_period_in_a_dateline_dates_the_event() -> None:
    result = extract_text("Darmstadt, 12. bis 15. März 2018. Das Netzwerktreffen bot Raum für Austausch.")
    assert dates(result) == {("2018-03-12", "2018-03-15")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a weekday inside a range, an award, a deadline, a stay that ends on a weekday
        (
            "Der Kongress findet am Donnerstag, 7. und Freitag, 8. Dezember 2017 statt.",
            {("2017-12-07", "2017-12-08")},
        ),
        ("Zehn Kommunen wurden am 29. November 2017 mit Preisen ausgezeichnet.", {("2017-11-29", "2017-11-29")}),
        ("The study tour starts in May 2018. The application deadline is March 16.", {("2018-05", "2018-05")}),
        (
            "Am vergangenen Donnerstag, den 6. Juli kamen 18 Schüler an. Noch bis Dienstag, 18. Juli, verweilen sie.",
            {("--07-06", "--07-18")},
        ),
        # English, day first, across two months; items dated under a heading
        (
            "Four sister cities met in Chattanooga from 29 November to 2 December 2011.",
            {("2011-11-29", "2011-12-02")},
        ),
        (
            "Four workshops on urban climate policy were carried out in both countries:\n\nOctober 2011:\n"
            "Ruhrregion\n\nMay 2012:\nNorthern Virginia",
            {("2011-10", "2011-10"), ("2012-05", "2012-05")},
        ),
    ],
)
def test_events_with_weekdays_awards_deadlines_and_lists(text: str, expected: set[tuple[str, str]]) -> None:
    assert dates(extract_text(text)) == expected


def test_people_and_streets_named_like_towns_are_no_towns() -> None:
    result = extract_text(
        "The exhibit opens at 900 Sunnyside Drive. “We built families,” added teacher Michael Roy. The talk with "
        "Martin van der Pütten, U.S. Consulate General Düsseldorf, follows. Titelfoto: Bildmontage: Martin Schutt."
    )
    assert set(towns(result)) == {"DE-05111000"}  # Düsseldorf only


def test_a_state_qualifies_the_town_right_before_it_only() -> None:
    result = extract_text("German-American partners: Columbus, OH and Dresden; Chattanooga, TN and Hamm.")
    assert {"DE-14612000", "DE-05915000"} <= set(towns(result))  # Dresden in Saxony, not Tennessee


def test_a_programme_named_by_its_adjective_is_no_organisation() -> None:
    result = extract_text(
        "Sie nahmen am Parlamentarischen Partnerschaftsprogramm des Bundestages teil. Dieses Austauschprogramm "
        "und ein Internationales Besuchsprogramm sind keine Namen."
    )
    programmes = names(result["programmes"])
    assert len(programmes) == 1 and programmes.pop().startswith("Parlamentarische")
    assert not any("programm" in name for name in names(result["organisations"]))


def test_a_former_name_and_a_city_state_in_a_list() -> None:
    result = extract_text(
        "The German guests from Wesel visited Hagerstown, Baltimore, Washington, D.C., Frederick, Ocean City "
        "and Williamsburg."
    )
    found = set(towns(result))
    assert {"US-1840001592", "US-1840006060"} <= found  # Baltimore stays: ", Washington" is the city in a list
    assert "US-1840005849" not in found  # Williamsburg is not Rockville, whose former name it was
