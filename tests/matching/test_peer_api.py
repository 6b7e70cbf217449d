"""GET /api/v1/municipalities/{key}/peers: the page's preferences and filters as query parameters."""

from __future__ import annotations

import pytest
from django.test import Client

from austausch.knowledge.models import Practice, Topic
from austausch.registry.models import Municipality

URL = "/api/v1/municipalities/DE-12070424/peers"


def peers(client: Client, query: str = "") -> dict:
    response = client.get(URL + query)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_defaults_answer_count_items_and_the_preferences_used(client: Client, registry_sample: frozenset) -> None:
    document = peers(client)
    assert document["count"] == len(document["items"]) == 15  # every other German sample town
    assert document["preferences"] == {
        "population_weight": 1.0,
        "conditions": "similar",
        "conditions_weight": 1.0,
        "topic_weight": 1.0,
        "distance": "ignore",
        "distance_weight": 1.0,
        "distance_scale_km": 100.0,
        "country": "same",
        "ties": "ignore",
        "ties_weight": 1.0,
        "offers_weight": 1.0,
        "topic": None,
        "countries": None,
        "states": None,
        "population_min": None,
        "population_max": None,
        "limit": 20,
    }
    first = document["items"][0]
    assert first["key"] == "DE-01053090"  # Mölln, Schleswig-Holstein
    assert set(first["contributions"]) == {"population", "conditions"}
    assert sum(first["contributions"].values()) == pytest.approx(first["score"], abs=1e-3)
    assert first["facts"]["shared_indicators"] == 7
    assert first["facts"]["distance_km"] == pytest.approx(100, abs=1)
    assert all(item["key"] != "DE-12070424" for item in document["items"])


def test_a_weight_changes_the_ranking(client: Client, registry_sample: frozenset) -> None:
    similar = [item["key"] for item in peers(client, "?population_weight=0")["items"]]
    different = [item["key"] for item in peers(client, "?population_weight=0&conditions=different")["items"]]
    assert similar[0] != different[0]
    assert similar == list(reversed(different))  # one factor left: "different" turns "similar" round
    near = peers(client, "?distance=near&distance_weight=100&limit=1")
    assert near["items"][0]["name"] == "Schwerin"  # 74 km, the nearest sample town
    assert near["preferences"]["distance_weight"] == 100.0


def test_filters_are_obeyed(client: Client, registry_sample: frozenset) -> None:
    document = peers(client, "?states=BY&states=HE&population_max=50000")
    assert {item["state"] for item in document["items"]} == {"Bayern", "Hessen"}
    assert all(item["population"] <= 50_000 for item in document["items"])
    assert document["preferences"]["states"] == ["BY", "HE"]
    document = peers(client, "?country=any&countries=US&limit=2")
    assert [item["country"] for item in document["items"]] == ["US", "US"]


def test_a_topic_counts_published_practices_only(client: Client, registry_sample: frozenset) -> None:
    topic = Topic.objects.create(slug="e-akte", label_de="E-Akte", label_en="E-file")
    town = Municipality.objects.get(name="Oestrich-Winkel")
    for published in (True, False):
        practice = Practice.objects.create(title="E-Akte", summary="Digital.", is_published=published)
        practice.topics.add(topic)
        practice.municipalities.add(town)
    document = peers(client, "?topic=e-akte&topic_weight=3&limit=3")
    assert document["items"][0]["key"] == town.key
    assert document["items"][0]["facts"]["practices"] == 1
    assert document["items"][0]["contributions"]["topic"] == 1.5


def test_an_unknown_town_is_404(client: Client, registry_sample: frozenset) -> None:
    response = client.get("/api/v1/municipalities/DE-99999999/peers")
    assert response.status_code == 404
    assert "DE-99999999" in response.json()["detail"]


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ("?population_weight=-1", "population_weight: A weight must be 0 or more."),
        ("?ties_weight=lots", "ties_weight: Enter a number."),
        ("?topic=atlantis", "topic: There is no topic “atlantis”."),
        ("?limit=500", "limit: Ensure this value is less than or equal to 200."),
        ("?distance=sideways", "distance: Select a valid choice. sideways is not one of the available choices."),
    ],
)
def test_a_bad_parameter_is_422_naming_it(client: Client, registry_sample: frozenset, query: str, detail: str) -> None:
    response = client.get(URL + query, headers={"Accept-Language": "de"})
    assert response.status_code == 422
    assert response.json() == {"detail": detail}


def test_the_parameters_are_documented(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/municipalities/{key}/peers"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert set(parameters) >= {"key", "population_weight", "conditions", "topic", "states", "limit"}
    assert parameters["conditions"]["schema"] == {
        "type": "string",
        "enum": ["similar", "different"],
        "default": "similar",
    }
    assert parameters["population_weight"]["schema"]["minimum"] == 0
    assert parameters["states"]["schema"]["type"] == "array"
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PeerList"
    }
