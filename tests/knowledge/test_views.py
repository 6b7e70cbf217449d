from __future__ import annotations

import pytest
from django.test import Client

from austausch.audit.models import AuditEntry
from austausch.knowledge.models import Practice

PRACTICE_TEXTS = {"title", "summary", "body", "results", "lessons_worked", "lessons_failed"}


def form_data(**changes: str) -> dict[str, str]:
    data = {"title": "Coworking im Bahnhof", "summary": "Ein Ort für mobiles Arbeiten.", "language": "de",
            "status": "pilot", "towns": "Wittenberge", "action": "draft"}  # fmt: skip
    for prefix in ("contacts", "links"):  # the formsets' management forms, with no rows
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data |= changes
    # A practice's texts have a field per language; these are German.
    return {f"{name}_de" if name in PRACTICE_TEXTS else name: value for name, value in data.items()}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_search_page_shows_highlighted_results_and_facets(client: Client, seed_practices: list, lang: str) -> None:
    response = client.get(f"/{lang}/knowledge/", {"q": "Coworking", "country": "DE"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>Coworking</mark>" in html
    assert 'name="topic"' in html and 'name="size_class"' in html
    assert "Transatlantic exchange" not in html  # the US practice is filtered out


def test_the_search_page_admits_when_nothing_matches(client: Client, seed_practices: list) -> None:
    text = client.get("/en/knowledge/", {"q": "coworking nowhere"}).text
    assert "0 practices found for “coworking nowhere”" in text
    assert "No practice matches “coworking nowhere”; closest:" in text
    closest = text.split('id="closest-heading"')[1]
    assert "Coworking im Bahnhof von Wittenberge" in closest
    assert '<ol class="result-list"' not in text
    german = client.get("/de/knowledge/", {"q": "Coworking"}).text
    assert 'id="closest-heading"' not in german  # a match: no "closest" section


def test_the_search_page_survives_bad_input(client: Client, seed_practices: list) -> None:
    for query in ['"', "NEAR(", "x" * 5000, "((", "*"]:
        assert client.get("/en/knowledge/", {"q": query, "page": "x", "status": "nonsense"}).status_code == 200


def test_a_draft_is_hidden_from_others(client: Client, wittenberge_editor, darmstadt_editor) -> None:  # type: ignore[no-untyped-def]
    client.force_login(wittenberge_editor)
    response = client.post("/en/knowledge/practices/new/", form_data())
    practice = Practice.objects.get()
    assert response.status_code == 302 and not practice.is_published
    assert client.get(practice.get_absolute_url()).status_code == 200
    client.force_login(darmstadt_editor)
    assert client.get(practice.get_absolute_url()).status_code == 404
    assert client.get(f"/en/knowledge/practices/{practice.pk}/edit/").status_code == 404
    client.logout()
    assert client.get(practice.get_absolute_url()).status_code == 404


def test_an_editor_of_another_town_cannot_create_there(client: Client, darmstadt_editor) -> None:  # type: ignore[no-untyped-def]
    client.force_login(darmstadt_editor)
    response = client.post("/en/knowledge/practices/new/", form_data())
    assert response.status_code == 400
    assert not Practice.objects.exists()


def test_anonymous_people_are_sent_to_sign_in(client: Client, registry_sample: frozenset[str]) -> None:
    response = client.get("/en/knowledge/practices/new/")
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_an_editor_publishes_and_edits(client: Client, wittenberge_editor, darmstadt_editor) -> None:  # type: ignore[no-untyped-def]
    client.force_login(wittenberge_editor)
    client.post("/de/knowledge/practices/new/", form_data(action="publish"))
    practice = Practice.objects.get()
    assert practice.is_published
    client.post(f"/de/knowledge/practices/{practice.pk}/edit/", form_data(status="running"))
    practice.refresh_from_db()
    assert practice.status == "running"
    assert AuditEntry.objects.filter(action="knowledge.practice.changed", actor=wittenberge_editor).exists()
    client.force_login(darmstadt_editor)
    assert client.get(f"/de/knowledge/practices/{practice.pk}/edit/").status_code == 403
    assert client.post(f"/de/knowledge/practices/{practice.pk}/publish/", {"published": "0"}).status_code == 403


def test_an_ambiguous_town_is_a_form_error(client: Client, wittenberge_editor) -> None:  # type: ignore[no-untyped-def]
    client.force_login(wittenberge_editor)
    response = client.post("/en/knowledge/practices/new/", form_data(towns="Wittenberge; Halle"))
    assert response.status_code == 400
    assert "DE-15002000" in response.content.decode()


def test_the_practice_page_shows_similar_practices(client: Client, embedded: None, rural_coworking: Practice) -> None:
    html = client.get(rural_coworking.get_absolute_url().replace("/en/", "/de/")).content.decode()
    assert "Ähnliche Praxisbeispiele" in html or "Similar practices" in html
    assert "Digitale Arbeitswelten: Coworking im Bahnhof von Wittenberge" in html
