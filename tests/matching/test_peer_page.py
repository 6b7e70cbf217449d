"""The peer finder's page: a GET form with every preference, a ranked and explained table, errors at the field."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from lxml import html as lxml_html
from lxml.html import HtmlElement

from austausch.knowledge.models import Practice, Topic
from austausch.programmes.models import Network, NetworkMembership
from austausch.registry.models import Municipality

WITTENBERGE = "DE-12070424"
PAGE = f"/en/matching/peers/{WITTENBERGE}/"


def text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def ranking(client: Client, query: str = "", path: str = PAGE) -> tuple[HtmlElement, list[dict[str, str]]]:
    """The page and its ranking table as one dict per row, keyed by the column headers."""
    response = client.get(path + query)
    assert response.status_code == 200
    page = lxml_html.fromstring(response.content)
    tables = page.xpath("//table[contains(@class, 'peers')]")
    if not tables:
        return page, []
    headers = [text(cell) for cell in tables[0].xpath("thead//th")]
    rows = [
        dict(zip(headers, [text(cell) for cell in row.xpath("th|td")], strict=True))
        for row in tables[0].xpath("tbody/tr")
    ]
    return page, rows


def towns(rows: list[dict[str, str]]) -> list[str]:
    return [row["Town"] for row in rows]


def test_the_defaults_rank_towns_of_the_same_country_with_reasons(client: Client, registry_sample: frozenset) -> None:
    page, rows = ranking(client)
    assert text(page.xpath("//h1")[0]) == "Peers for Wittenberge"
    table = page.xpath("//table[contains(@class, 'peers')]")[0]
    assert "best peers for Wittenberge" in text(table.xpath("caption")[0])
    assert {cell.get("scope") for cell in table.xpath("thead//th")} == {"col"}
    assert {cell.get("scope") for cell in table.xpath("tbody/tr/th")} == {"row"}
    assert "Wittenberge" not in towns(rows)
    assert {row["Country"] for row in rows} == {"Germany"}
    assert [row["Rank"] for row in rows] == [str(rank) for rank in range(1, len(rows) + 1)]
    scores = [float(row["Score"]) for row in rows]
    assert scores == sorted(scores, reverse=True)
    # Size and conditions count by default; topic, distance and ties do not until chosen.
    assert [header for header in rows[0] if "weight" in header] == ["Size (weight 1)", "Conditions (weight 1)"]
    first = rows[0]
    assert first["Town"] == "Mölln"
    assert float(first["Size (weight 1)"]) + float(first["Conditions (weight 1)"]) == pytest.approx(
        float(first["Score"]), abs=0.011
    )
    assert re.fullmatch(
        r"Similar size \(19,469 vs 16,837 inhabitants\), \w+( \w+)? conditions, differing most in “.+”, 100 km away\.",
        first["Why here"],
    )
    link = table.xpath("tbody//a")[0]
    assert link.get("href") == Municipality.objects.get(name="Mölln", state="Schleswig-Holstein").get_absolute_url()


def test_the_form_shows_every_preference_with_its_default(client: Client, registry_sample: frozenset) -> None:
    page, _rows = ranking(client)
    form = page.xpath("//form[contains(@class, 'peer-form')]")[0]
    assert form.get("method") == "get"
    numbers = {field.get("name"): field.get("value") for field in form.xpath(".//input[@type='number']")}
    assert numbers == {"population_min": None, "population_max": None, "limit": "20"}
    # Decimals in the reader's notation, typed in a text box with a decimal keypad.
    decimals = {field.get("name"): field.get("value") for field in form.xpath(".//input[@inputmode='decimal']")}
    assert decimals == {
        "population_weight": "1",
        "conditions_weight": "1",
        "topic_weight": "1",
        "distance_weight": "1",
        "distance_scale_km": "100",
        "ties_weight": "1",
        "offers_weight": "1",
    }

    chosen = {select.get("name"): select.xpath("option[@selected]/@value") for select in form.xpath(".//select")}
    assert chosen == {
        "conditions": ["similar"],
        "topic": [""],
        "distance": ["ignore"],
        "country": ["same"],
        "ties": ["ignore"],
        "states": [],
    }
    for field in form.xpath(".//input|.//select"):
        assert form.xpath(f".//label[@for='{field.get('id')}']"), field.get("name")


def test_the_german_form_reads_and_shows_decimal_commas(client: Client, registry_sample: frozenset) -> None:
    response = client.get("/de/matching/peers/DE-12070424/", {"conditions_weight": "1,5", "distance_scale_km": "62,5"})
    assert response.status_code == 200
    assert 'value="1,5"' in response.text and 'value="62,5"' in response.text
    assert 'value="1.0"' not in response.text and 'value="100.0"' not in response.text


def test_a_weight_changes_the_ranking(client: Client, registry_sample: frozenset) -> None:
    _page, by_size = ranking(client, "?population_weight=10&conditions_weight=0")
    _page, by_difference = ranking(client, "?population_weight=0&conditions_weight=10&conditions=different")
    assert towns(by_size)[:3] == ["Mölln", "Dippoldiswalde", "Halle (Westf.)"]
    assert set(towns(by_size)) == set(towns(by_difference))
    assert towns(by_difference)[0] == "Halle"  # 676 inhabitants in Lower Saxony, the most unlike Wittenberge
    assert "Conditions (weight 10)" in by_difference[0]
    assert "Size (weight 10)" not in by_difference[0]


def test_filters_are_obeyed(client: Client, registry_sample: frozenset) -> None:
    _page, rows = ranking(client, "?population_min=10000&population_max=30000&states=SN&states=SH")
    assert towns(rows) == ["Mölln", "Dippoldiswalde"]
    _page, rows = ranking(client, "?country=other&limit=3")
    assert len(rows) == 3
    assert {row["Country"] for row in rows} == {"USA"}
    _page, rows = ranking(client, "?country=any&countries=US&limit=50")
    assert rows
    assert {row["Country"] for row in rows} == {"USA"}


def test_topic_experience_counts_published_practices(client: Client, registry_sample: frozenset) -> None:
    topic = Topic.objects.create(
        slug="bahnhof-coworking", label_de="Coworking im Bahnhof", label_en="Station coworking"
    )
    practice = Practice.objects.create(title="Coworking im Bahnhof", summary="Ein Raum.", is_published=True)
    practice.topics.add(topic)
    practice.municipalities.add(Municipality.objects.get(name="Dießen am Ammersee"))
    _page, rows = ranking(client, "?topic=bahnhof-coworking&topic_weight=5")
    assert rows[0]["Town"] == "Dießen am Ammersee"
    assert rows[0]["Topic experience (weight 5)"] == "2.50"  # 5 × 1 / (1 + 1)
    assert "1 practice on the topic" in rows[0]["Why here"]
    assert "no practice on the topic yet" in rows[1]["Why here"]


def test_ties_can_be_preferred_or_avoided(client: Client, registry_sample: frozenset) -> None:
    network = Network.objects.create(name="Digitale Arbeitswelten", topic="Digitale Arbeitswelten")
    NetworkMembership.objects.create(network=network, municipality=Municipality.objects.get(key=WITTENBERGE))
    NetworkMembership.objects.create(network=network, municipality=Municipality.objects.get(key="DE-06411000"))
    _page, rows = ranking(client, "?ties=prefer&ties_weight=5")
    assert rows[0]["Town"] == "Darmstadt"
    assert "already met in a programme or network" in rows[0]["Why here"]
    _page, rows = ranking(client, "?ties=avoid&ties_weight=5")
    assert rows[-1]["Town"] == "Darmstadt"
    assert "no ties yet" in rows[0]["Why here"]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("?population_weight=-1", "population_weight", "A weight must be 0 or more."),
        ("?conditions_weight=abc", "conditions_weight", "Enter a number."),
        ("?topic=no-such-topic", "topic", "There is no topic “no-such-topic”."),
        ("?conditions=opposite", "conditions", "Select a valid choice."),
        ("?population_min=5000&population_max=100", "population_max", "The upper bound is below the lower one."),
        ("?limit=0", "limit", "greater than or equal to 1"),
    ],
)
def test_bad_input_is_named_at_its_field(
    client: Client, registry_sample: frozenset, query: str, field: str, message: str
) -> None:
    page, rows = ranking(client, query)
    assert rows == []
    control = page.xpath(f"//*[@name='{field}']")[0]
    assert control.get("aria-invalid") == "true"
    assert f"id_{field}_error" in control.get("aria-describedby")
    assert message in text(page.get_element_by_id(f"id_{field}_error"))
    assert "Correct the marked fields" in text(page)


def test_the_page_lists_what_conditions_compare(client: Client, registry_sample: frozenset) -> None:
    page, _rows = ranking(client)
    section = page.xpath("//section[@aria-labelledby='conditions-heading']")[0]
    indicators = [text(cell) for cell in section.xpath(".//tbody/tr/th")]
    assert len(indicators) == 7
    assert indicators[:3] == [
        "Population density",
        "People receiving basic income support (SGB II)",
        "Child poverty (SGB II, under 15)",
    ]


def test_an_unknown_town_is_not_found(client: Client, registry_sample: frozenset) -> None:
    assert client.get("/en/matching/peers/DE-99999999/").status_code == 404


def test_the_town_page_links_to_its_peers(client: Client, registry_sample: frozenset) -> None:
    page = lxml_html.fromstring(client.get(f"/de/municipalities/{WITTENBERGE}/").content)
    link = page.xpath("//p[@class='peer-finder-link']/a")[0]
    assert link.get("href") == f"/de/matching/peers/{WITTENBERGE}/"
    assert text(link) == "Partnerorte für Wittenberge finden"


def test_the_page_speaks_german(client: Client, registry_sample: frozenset) -> None:
    _page, rows = ranking(client, "?country=any&limit=20", path=f"/de/matching/peers/{WITTENBERGE}/")
    assert rows[0]["Warum hier"].startswith("Ähnliche Größe (19.469 zu 16.837 Einwohnern), ")
    us_place = next(row for row in rows if row["Land"] == "USA")
    assert "(nur 1 von 7 Indikatoren bekannt)" in us_place["Warum hier"]
