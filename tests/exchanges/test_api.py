from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from austausch.exchanges.models import ExchangeRequest
from tests.exchanges.conftest import DARMSTADT, WITTENBERGE, signed_in

pytestmark = pytest.mark.django_db
ADDRESS = "/api/v1/exchange-requests"


def body(subject, **changes):
    first = timezone.localdate() + timedelta(days=30)
    return {
        "kind": "study_visit",
        "topic": subject.slug,
        "message": "Wie läuft Ihr Coworking?",
        "town": DARMSTADT,
        "on_behalf_of": WITTENBERGE,
        "proposed_from": first.isoformat(),
        "proposed_to": (first + timedelta(days=1)).isoformat(),
        **changes,
    }


def post(client, payload):
    # In English: the messages below are read in it (the API answers in the Accept-Language's language).
    return client.post(ADDRESS, json.dumps(payload), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")


def test_anonymous_callers_get_401(registry_sample, topic):
    assert Client().get(ADDRESS).status_code == 401
    assert post(Client(), body(topic)).status_code == 401


def test_asking_through_the_api_and_both_sides_list_it(asker, host_editor, outsider, topic):
    response = post(signed_in(asker), body(topic))
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["town"] == DARMSTADT and created["on_behalf_of"] == WITTENBERGE and created["state"] == "open"
    assert "@" not in response.content.decode()
    for person in (asker, host_editor):
        listed = signed_in(person).get(ADDRESS).json()
        assert [item["id"] for item in listed["items"]] == [created["id"]]
    assert signed_in(outsider).get(ADDRESS).json() == {"count": 0, "items": []}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"town": "Nirgendwo an der Elbe"}, "town:"),
        ({"topic": "no-such-topic"}, "topic: no topic"),
        ({"town": WITTENBERGE}, "cannot ask yourself"),
        ({"proposed_from": "2020-01-01"}, "in the past"),
        ({"message": "x" * 5001}, "message"),
        ({"practice": 1}, "exactly one of town, practice or person"),
    ],
)
def test_bad_input_gets_a_clear_422_and_nothing_is_saved(asker, host_editor, topic, changes, expected):
    response = post(signed_in(asker), body(topic, **changes))
    assert response.status_code == 422
    assert expected in response.json()["detail"]
    assert not ExchangeRequest.objects.exists()


def test_too_many_requests_answer_429(asker, host_editor, topic, settings):
    settings.EXCHANGES_REQUESTS_PER_HOUR = 1
    client = signed_in(asker)
    assert post(client, body(topic, kind="question")).status_code == 201
    response = post(client, body(topic, kind="question"))
    assert response.status_code == 429 and "Too many" in response.json()["detail"]


def test_the_schema_documents_both_operations():
    schema = Client().get("/api/v1/openapi.json").json()
    operations = schema["paths"][ADDRESS]
    assert {"get", "post"} <= set(operations)
    assert {"201", "401", "422", "429"} <= {str(status) for status in operations["post"]["responses"]}
