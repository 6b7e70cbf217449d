from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from austausch.knowledge.models import Practice
from austausch.outcomes.models import Commitment, CommitmentUpdate, Transfer
from austausch.programmes.models import Meeting, MeetingKind, Programme
from austausch.registry.models import Municipality
from tests.portal.conftest import make_practice

pytestmark = pytest.mark.django_db


def test_it_shows_a_published_programme_with_its_next_meeting(
    client: Client, programme: Programme, next_meeting: Meeting, town: Municipality
) -> None:
    Meeting.objects.create(
        programme=programme,
        kind=MeetingKind.STUDY_VISIT,
        title="Studienreise von früher",
        starts_on=date(2020, 5, 4),
        ends_on=date(2020, 5, 6),
        published=True,
    )
    html = client.get("/en/").text
    assert f'href="{programme.get_absolute_url()}"' in html
    assert "Next meeting:" in html
    assert f'<a href="{next_meeting.get_absolute_url()}">Werkstatt Leerstand</a>' in html
    assert "Wittenberge" in html
    assert "Studienreise von früher" not in html


def test_without_a_meeting_ahead_it_shows_the_last_one(client: Client, programme: Programme) -> None:
    for day, title in ((date(2020, 5, 4), "Erstes Treffen"), (date(2021, 6, 1), "Letztes Treffen")):
        Meeting.objects.create(
            programme=programme, kind=MeetingKind.WORKSHOP, title=title, starts_on=day, ends_on=day, published=True
        )
    html = client.get("/en/").text
    assert "Last meeting:" in html
    assert "Letztes Treffen" in html
    assert "Erstes Treffen" not in html


def test_drafts_stay_off_the_home_page(
    client: Client,
    programme: Programme,
    draft_programme: Programme,
    practice: Practice,
    town: Municipality,
    update: CommitmentUpdate,
) -> None:
    Meeting.objects.create(
        programme=programme,
        kind=MeetingKind.WORKSHOP,
        title="Unveröffentlichtes Treffen",
        starts_on=date(2099, 1, 5),
        ends_on=date(2099, 1, 5),
        published=False,
    )
    make_practice("Unfertige Idee", town, published=False)
    hidden = Commitment.objects.create(municipality=town, title="Geheimer Plan", published=False)
    CommitmentUpdate.objects.create(commitment=hidden, on=date(2099, 1, 1), text="Noch geheim.")
    of_a_draft = Commitment.objects.create(municipality=town, programme=draft_programme, title="Plan im Entwurf")
    CommitmentUpdate.objects.create(commitment=of_a_draft, on=date(2099, 1, 2), text="Auch geheim.")
    html = client.get("/en/").text
    assert "Kleinstadtakademie" in html and "Summer of Pioneers" in html and "Coworking im Bahnhof" in html
    for draft in ("Geheimprogramm", "Unveröffentlichtes Treffen", "Unfertige Idee", "Geheimer Plan", "Plan im Entwurf"):
        assert draft not in html


def test_it_shows_the_latest_changes_in_what_came_of_it(
    client: Client, update: CommitmentUpdate, transfer: Transfer
) -> None:
    html = client.get("/en/").text
    assert f'href="{update.commitment.get_absolute_url()}#update-{update.pk}">Coworking im Bahnhof</a>' in html
    assert "Mölln:" in html
    assert f'href="{transfer.practice.get_absolute_url()}">Summer of Pioneers</a>' in html
    assert "from Wittenberge (Pilot)" in html


def test_it_shows_published_practices_newest_first(client: Client, town: Municipality) -> None:
    make_practice("Ältere Praxis", town, published=True)
    make_practice("Neuere Praxis", town, published=True)
    html = client.get("/en/").text
    assert html.index("Neuere Praxis") < html.index("Ältere Praxis")


def test_each_kind_of_visitor_finds_a_way_in(client: Client, registry_sample: frozenset[str]) -> None:
    html = client.get("/en/").text
    for heading in (
        "Run an exchange programme",
        "Find peers and practices",
        "See what came of it in your town",
        "Use the open data and the API",
    ):
        assert f'<h3 class="kern-title">{heading}</h3>' in html
    for url in ("programmes:list", "knowledge:search", "registry:list", "api-docs", "programmes:network"):
        assert f'href="{reverse(url)}"' in html
    # The town finder, a plain form that works without JavaScript.
    assert '<form class="finder" action="/en/municipalities/" method="get"' in html


def test_dates_are_written_as_the_page_language_writes_them(client: Client, next_meeting: Meeting) -> None:
    assert "24. April 2099" in client.get("/de/").text
    assert "April 24, 2099" in client.get("/en/").text


def test_its_strings_are_translated(client: Client, next_meeting: Meeting, german: Callable[[str, str], None]) -> None:
    german("Where to start", "Wo anfangen")
    german("Next meeting:", "Nächstes Treffen:")
    html = client.get("/de/").text
    assert "Wo anfangen" in html and "Nächstes Treffen:" in html
    assert "Ort finden" in html  # the finder, translated in the shipped catalogue
    english = client.get("/en/").text
    assert "Where to start" in english and "Next meeting:" in english


def test_it_reads_everything_in_a_few_queries(
    client: Client,
    django_assert_max_num_queries: Any,
    next_meeting: Meeting,
    update: CommitmentUpdate,
    transfer: Transfer,
    town: Municipality,
    other_town: Municipality,
) -> None:
    for number in range(8):
        programme = Programme.objects.create(name=f"Programm {number}", slug=f"programm-{number}", published=True)
        meeting = Meeting.objects.create(
            programme=programme,
            kind=MeetingKind.WORKSHOP,
            title=f"Treffen {number}",
            starts_on=date(2098, 1, number + 1),
            ends_on=date(2098, 1, number + 1),
            published=True,
        )
        meeting.host_municipalities.set([town, other_town])
        make_practice(f"Praxis {number}", town, published=True)
    with django_assert_max_num_queries(8):
        response = client.get("/en/")
    assert response.status_code == 200
    assert "Treffen 7" in response.text
