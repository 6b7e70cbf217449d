from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from austausch.registry.models import Partnership
from tests.registry.conftest import ELMSHORN, HALLE, MEERBUSCH, WITTENBERGE


def test_halles_partnerships_list_savannah_and_grenoble(twinnings: Path, client: Client) -> None:
    body = client.get(f"/api/v1/municipalities/{HALLE}/partnerships").json()
    assert body["count"] == len(body["items"]) == 8
    partners = {(item["partner"]["name"], item["partner"]["country"]): item for item in body["items"]}
    assert partners["Savannah", "US"]["partner"]["key"] == "US-1840015830"  # Savannah, Georgia, in the registry
    grenoble = partners["Grenoble", "FR"]
    assert grenoble["partner"]["key"] is None
    assert grenoble["partner"]["wikidata_id"] == "Q1289"
    assert (grenoble["kind"], grenoble["status"], grenoble["since"]) == ("partnership", "active", None)
    assert grenoble["source"] == "Wikidata P190 (2017)"


def test_wittenberges_partnerships_list_elmshorn_and_meerbusch_as_registry_towns(
    twinnings: Path, client: Client
) -> None:
    body = client.get("/api/v1/municipalities/de-12070424/partnerships").json()
    keys = {item["partner"]["name"]: item["partner"]["key"] for item in body["items"]}
    assert keys == {"Elmshorn": ELMSHORN, "Meerbusch": MEERBUSCH, "Châlons-en-Champagne": None, "Razgrad": None}


def test_a_dormant_partnership_says_so_and_comes_after_the_active_ones(twinnings: Path, client: Client) -> None:
    Partnership.objects.filter(partner_municipality__key=WITTENBERGE, municipality__key=ELMSHORN).update(
        status="dormant"
    )
    items = client.get(f"/api/v1/municipalities/{WITTENBERGE}/partnerships").json()["items"]
    assert [item["status"] for item in items] == ["active", "active", "active", "dormant"]
    assert items[-1]["partner"]["name"] == "Elmshorn"


def test_an_unknown_key_answers_404(twinnings: Path, client: Client) -> None:
    response = client.get("/api/v1/municipalities/DE-99999999/partnerships")
    assert response.status_code == 404
    assert "DE-99999999" in response.json()["detail"]


def test_the_schema_documents_the_endpoint(db: None, client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/municipalities/{key}/partnerships"]["get"]
    assert "dormant" in operation["description"]
    assert "200" in operation["responses"]


@pytest.mark.parametrize("town", ["Wittenberge", WITTENBERGE])
def test_show_json_includes_the_partnerships(twinnings: Path, town: str, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("show", town, "--json")
    document = json.loads(capsys.readouterr().out)
    assert {item["partner"]["name"] for item in document["partnerships"]} == {
        "Elmshorn", "Meerbusch", "Châlons-en-Champagne", "Razgrad",
    }  # fmt: skip


def test_show_lists_the_partnerships_as_text(twinnings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("show", HALLE)
    out = capsys.readouterr().out
    assert "partnership with Grenoble (FR), active" in out
    assert "partnership with Savannah (US-1840015830), active" in out
