"""Publications: the list and its search, the publication page, publications among the search results, the API."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from austausch.knowledge.models import Publication, Topic
from austausch.knowledge.services import create_publication


@pytest.fixture
def smart_city_study(seed_practices: list) -> Publication:
    return create_publication(
        actor=None,
        title="Smart City in der sozialen Stadt",
        authors="Anna Beispiel; Bert Muster",
        publisher="Friedrich-Ebert-Stiftung",
        published_on=datetime.date(2023, 3, 1),
        url="https://example.org/smart-city.pdf",
        summary="Ergebnisse und **Handlungsempfehlungen** für Städte, die Coworking und digitale Dienste fördern.",
        topics=[Topic.objects.get(slug="social-city")],
        practices=[seed_practices[3]],
    )


@pytest.fixture
def rural_report(db: None) -> Publication:
    return create_publication(
        actor=None,
        title="Rural broadband report",
        publisher="Example Institute",
        language="en",
        published_on=datetime.date(2022, 1, 1),
        summary="How small towns got fast internet.",
    )


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_publication_page_shows_everything(
    client: Client, smart_city_study: Publication, seed_practices: list, lang: str
) -> None:
    html = client.get(f"/{lang}/knowledge/publications/{smart_city_study.pk}/").content.decode()
    assert "Anna Beispiel; Bert Muster" in html and "Friedrich-Ebert-Stiftung" in html
    assert 'href="https://example.org/smart-city.pdf"' in html
    assert "<strong>Handlungsempfehlungen</strong>" in html  # the summary is Markdown
    assert "?topic=social-city" in html
    assert seed_practices[3].title in html


def test_a_draft_is_not_listed_as_related(
    client: Client, smart_city_study: Publication, seed_practices: list, admin
) -> None:  # type: ignore[no-untyped-def]
    from austausch.knowledge.services import set_published

    set_published(actor=admin, practice=seed_practices[3], published=False)
    html = client.get(smart_city_study.get_absolute_url()).content.decode()
    assert seed_practices[3].title not in html


def test_the_publication_list_searches_stems_and_filters_by_topic(
    client: Client, smart_city_study: Publication, rural_report: Publication
) -> None:
    html = client.get("/en/knowledge/publications/").content.decode()
    assert html.index("Smart City in der sozialen Stadt") < html.index("Rural broadband report")  # newest first
    html = client.get("/en/knowledge/publications/", {"q": "Städte Handlungsempfehlung"}).content.decode()
    assert "Smart City in der sozialen Stadt" in html and "Rural broadband report" not in html
    assert "<mark>Handlungsempfehlungen</mark>" in html
    parent = Topic.objects.get(slug="social-city").parent
    topic = parent.slug if parent else "social-city"
    html = client.get("/en/knowledge/publications/", {"topic": topic}).content.decode()
    assert "Smart City in der sozialen Stadt" in html and "Rural broadband report" not in html
    html = client.get("/en/knowledge/publications/", {"q": "nothing-like-this"}).content.decode()
    assert "No publication matches." in html


def test_the_publication_list_survives_bad_input(client: Client, rural_report: Publication) -> None:
    for query in ['"', "NEAR(", "x" * 5000, "((", "*", "\x00"]:
        assert client.get("/en/knowledge/publications/", {"q": query, "page": "x", "topic": "?"}).status_code == 200


def test_the_publication_list_is_paginated(client: Client, db: None) -> None:
    for number in range(30):
        create_publication(
            actor=None, title=f"Report {number:02}", published_on=datetime.date(2020, 1, number % 28 + 1)
        )
    first = client.get("/en/knowledge/publications/").content.decode()
    assert first.count('class="result-title"') == 25 and 'rel="next"' in first
    second = client.get("/en/knowledge/publications/", {"page": "2"}).content.decode()
    assert second.count('class="result-title"') == 5


def test_the_search_page_has_a_publications_section(
    client: Client, smart_city_study: Publication, rural_report: Publication
) -> None:
    html = client.get("/de/knowledge/", {"q": "Coworking"}).content.decode()
    section = html[html.index('id="publications-heading"') :]
    assert "Smart City in der sozialen Stadt" in section and "Rural broadband report" not in section
    # Status and town facets describe practices; a publication has neither.
    html = client.get("/de/knowledge/", {"q": "Coworking", "status": "pilot"}).content.decode()
    assert 'id="publications-heading"' not in html
    assert 'id="publications-heading"' not in client.get("/de/knowledge/").content.decode()


def test_typing_with_htmx_gets_the_results_region_only(client: Client, smart_city_study: Publication) -> None:
    headers = {"HX-Request": "true", "HX-Target": "knowledge-results"}
    response = client.get("/en/knowledge/", {"q": "Coworking"}, headers=headers)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "<mark>Coworking</mark>" in html and 'id="facet-topic"' in html
    assert 'id="knowledge-count" hx-swap-oob="innerHTML"' in html
    assert "HX-Request" in response["Vary"]
    # A history restore (back button after the cache is gone) needs the whole page.
    restore = client.get("/en/knowledge/", {"q": "Coworking"}, headers=headers | {"HX-History-Restore-Request": "true"})
    assert "<html" in restore.content.decode()


def test_the_search_input_asks_htmx_for_results_as_one_types(client: Client, seed_practices: list) -> None:
    html = client.get("/en/knowledge/").content.decode()
    assert 'hx-target="#knowledge-results"' in html and 'hx-push-url="true"' in html
    assert 'form="knowledge-search"' in html  # the facet menus belong to the search form, without JavaScript too


def test_the_api_searches_publications(
    client: Client, smart_city_study: Publication, rural_report: Publication
) -> None:
    assert client.get("/api/v1/publications").json()["count"] == 2
    document = client.get("/api/v1/publications", {"q": "Städte"}).json()
    assert [item["title"] for item in document["items"]] == ["Smart City in der sozialen Stadt"]
    assert client.get("/api/v1/publications", {"q": "x" * 1001}).status_code == 422
    assert client.get("/api/v1/publications", {"page_size": "0"}).status_code == 422
    assert client.get("/api/v1/publications", {"page": "2", "page_size": "1"}).json()["items"][0]["title"] == (
        "Rural broadband report"
    )
