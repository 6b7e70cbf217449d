from __future__ import annotations

import pytest
from django.test import Client

from austausch.knowledge.models import Practice
from austausch.knowledge.services import set_published


def test_search_answers_count_and_items(client: Client, embedded: None, rural_coworking: Practice) -> None:
    response = client.get("/api/v1/search", {"q": "Coworking im ländlichen Raum", "lang": "en"})
    assert response.status_code == 200
    document = response.json()
    assert set(document) == {"count", "items"}
    assert document["items"][0]["id"] == rural_coworking.pk
    assert {"title", "snippet", "score", "municipalities", "topics"} <= set(document["items"][0])


@pytest.mark.parametrize("query", ['"', "*", "OR", "NEAR(", "((a", ")", "AND OR NOT"])
def test_search_takes_any_input(client: Client, seed_practices: list, query: str) -> None:
    assert client.get("/api/v1/search", {"q": query}).status_code == 200


def test_a_huge_query_is_refused_with_detail(client: Client, seed_practices: list) -> None:
    response = client.get("/api/v1/search", {"q": "x" * 1001})
    assert response.status_code == 422
    assert "1000" in response.json()["detail"]


def test_practices_list_only_published_ones(client: Client, seed_practices: list, admin) -> None:  # type: ignore[no-untyped-def]
    set_published(actor=admin, practice=seed_practices[0], published=False)
    document = client.get("/api/v1/practices", {"page_size": 50}).json()
    assert document["count"] == 4
    assert seed_practices[0].pk not in [item["id"] for item in document["items"]]
    assert client.get(f"/api/v1/practices/{seed_practices[0].pk}").status_code == 404


def test_a_practice_has_its_details(client: Client, seed_practices: list) -> None:
    document = client.get(f"/api/v1/practices/{seed_practices[0].pk}").json()
    assert document["status"] == "running"
    assert "DE-12070424" in [town["key"] for town in document["municipalities"]]
    assert document["source_note"].startswith("Pressemitteilung")


def test_practices_filter_by_state_and_topic(client: Client, seed_practices: list) -> None:
    assert client.get("/api/v1/practices", {"state": "NJ"}).json()["count"] == 1
    assert client.get("/api/v1/practices", {"topic": "digital-administration"}).json()["count"] == 1
    response = client.get("/api/v1/practices", {"status": "finished"})
    assert response.status_code == 422
    assert "detail" in response.json()


def test_topics_have_both_labels(client: Client, db: None) -> None:
    items = client.get("/api/v1/topics").json()["items"]
    coworking = next(item for item in items if item["slug"] == "coworking")
    assert coworking == {
        "slug": "coworking",
        "label_de": "Coworking",
        "label_en": "Coworking",
        "parent": "future-of-work",
    }
    assert {"e-files", "artificial-intelligence", "warning-and-safety", "open-data"} <= {item["slug"] for item in items}


def test_publications_list_and_detail(client: Client, seed_practices: list) -> None:
    from austausch.knowledge.models import Topic
    from austausch.knowledge.services import create_publication

    publication = create_publication(
        actor=None,
        title="Smart City in der sozialen Stadt",
        publisher="Friedrich-Ebert-Stiftung",
        summary="Ergebnisse und Handlungsempfehlungen.",
        topics=[Topic.objects.get(slug="social-city")],
        practices=[seed_practices[3]],
    )
    assert client.get("/api/v1/publications").json()["count"] == 1
    document = client.get(f"/api/v1/publications/{publication.pk}").json()
    assert document["topics"] == ["social-city"] and document["practices"] == [seed_practices[3].pk]
    assert client.get("/api/v1/publications/999").json() == {"detail": "No publication with the id 999."}
