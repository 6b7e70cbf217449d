from __future__ import annotations

from django.test import Client


def test_the_list_answers_count_and_items(registry_sample: frozenset[str], client: Client) -> None:
    body = client.get("/api/v1/municipalities", {"page_size": 5}).json()
    assert body["count"] == len(registry_sample)
    assert len(body["items"]) == 5
    assert set(body["items"][0]) == {
        "key", "name", "country", "state", "state_code", "district", "population", "size_class",
    }  # fmt: skip


def test_the_list_filters_by_country_state_size_and_name(registry_sample: frozenset[str], client: Client) -> None:
    body = client.get("/api/v1/municipalities", {"country": "US", "state": "NJ", "name": "newark"}).json()
    assert [item["key"] for item in body["items"]] == ["US-1840002791"]
    body = client.get("/api/v1/municipalities", {"size_class": "Kleinstadt", "country": "DE"}).json()
    assert {item["name"] for item in body["items"]} >= {"Wittenberge", "Mölln", "Dießen am Ammersee"}
    assert all(item["size_class"] == "Kleinstadt" for item in body["items"])


def test_pages_do_not_overlap(registry_sample: frozenset[str], client: Client) -> None:
    first = client.get("/api/v1/municipalities", {"page_size": 10, "page": 1}).json()["items"]
    second = client.get("/api/v1/municipalities", {"page_size": 10, "page": 2}).json()["items"]
    assert not {item["key"] for item in first} & {item["key"] for item in second}


def test_one_municipality_with_its_indicators(registry_sample: frozenset[str], client: Client) -> None:
    body = client.get("/api/v1/municipalities/DE-12070424").json()
    assert (body["name"], body["state"], body["size_class"]) == ("Wittenberge", "Brandenburg", "Kleinstadt")
    codes = [indicator["code"] for indicator in body["indicators"]]
    assert codes[0] == "population_density"
    assert all(indicator["source"] for indicator in body["indicators"])


def test_an_unknown_key_answers_404_with_detail(db: None, client: Client) -> None:
    response = client.get("/api/v1/municipalities/DE-00000000")
    assert response.status_code == 404
    assert "No municipality with the key" in response.json()["detail"]


def test_bad_parameters_answer_422_naming_the_field(db: None, client: Client) -> None:
    for params, field in (
        ({"page": 0}, "page"),
        ({"page_size": 1000}, "page_size"),
        ({"size_class": "Megacity"}, "size_class"),
        ({"country": "FR"}, "country"),
        ({"page": "x"}, "page"),
    ):
        response = client.get("/api/v1/municipalities", params)
        assert response.status_code == 422, params
        assert response.json()["detail"].startswith(f"{field}:"), response.json()


def test_the_openapi_document_and_docs_are_served(db: None, client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/municipalities" in schema["paths"]
    assert "/api/v1/municipalities/{key}" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


def test_a_name_lists_the_town_of_that_name_first_then_by_size(registry_sample: frozenset[str], client: Client) -> None:
    items = client.get("/api/v1/municipalities?name=Halle").json()["items"]
    assert [item["key"] for item in items][:2] == ["DE-15002000", "DE-05754012"]
