from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from austausch.exchanges.models import ExchangeKind, ExchangeMessage, ExchangeRequest, RequestState
from austausch.exchanges.services import ask
from tests.exchanges.conftest import DARMSTADT, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def exchange(asker, host_editor, darmstadt, wittenberge, topic) -> ExchangeRequest:
    first = timezone.localdate() + timedelta(days=30)
    return ask(
        actor=asker,
        kind=ExchangeKind.STUDY_VISIT,
        topic=topic,
        message="Wie läuft Ihr Coworking?\n<script>alert(1)</script>",
        municipality=darmstadt,
        requester_municipality=wittenberge,
        proposed_from=first,
        proposed_to=first + timedelta(days=1),
    )


def ask_form(topic, **changes):
    first = timezone.localdate() + timedelta(days=30)
    return {
        "kind": "study_visit",
        "topic": topic.pk,
        "message": "Wir möchten Ihr Coworking sehen.",
        "requester_municipality": "",
        "proposed_from": first.isoformat(),
        "proposed_to": (first + timedelta(days=1)).isoformat(),
        "delegation": "zwei Leute",
        **changes,
    }


def test_asking_sends_the_request_and_shows_it(asker, host_editor, wittenberge, topic):
    client = signed_in(asker)
    address = f"/en/exchanges/ask/town/{DARMSTADT}/"
    assert "Ask Darmstadt (Hessen) for an exchange" in client.get(address).content.decode()
    response = client.post(address, ask_form(topic, requester_municipality=wittenberge.pk))
    exchange = ExchangeRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/exchanges/{exchange.pk}/"
    assert [message.to for message in mail.outbox] == [[host_editor.email]]


def test_asking_with_a_date_in_the_past_says_so_and_saves_nothing(asker, host_editor, wittenberge, topic):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = signed_in(asker).post(
        f"/en/exchanges/ask/town/{DARMSTADT}/",
        ask_form(topic, requester_municipality=wittenberge.pk, proposed_from=yesterday),
    )
    assert response.status_code == 400
    assert "The first day lies in the past" in response.content.decode()
    assert not ExchangeRequest.objects.exists()


def test_an_unknown_town_is_a_404(asker, topic):
    assert signed_in(asker).get("/en/exchanges/ask/town/DE-99999999/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(registry_sample):
    response = Client().get(f"/en/exchanges/ask/town/{DARMSTADT}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_request_is_hidden_from_everyone_but_the_two_sides(exchange, asker, host_editor, outsider):
    address = f"/en/exchanges/{exchange.pk}/"
    assert signed_in(asker).get(address).status_code == 200
    assert signed_in(host_editor).get(address).status_code == 200
    assert signed_in(outsider).get(address).status_code == 404
    assert signed_in(outsider).post(f"{address}message/", {"body": "Hallo"}).status_code == 404
    assert signed_in(outsider).post(f"{address}accept/", {}).status_code == 404


def test_html_in_a_message_is_shown_as_text_and_no_address_is_shown(exchange, asker, host_editor):
    page = signed_in(host_editor).get(f"/en/exchanges/{exchange.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert asker.email not in page
    assert signed_in(asker).get(f"/en/exchanges/{exchange.pk}/").content.decode().count(host_editor.email) == 0


def test_the_workspace_lists_the_request_to_answer(exchange, host_editor, asker):
    page = signed_in(host_editor).get("/en/workspace/").content.decode()
    assert "Exchange requests to answer" in page and f"/en/exchanges/{exchange.pk}/" in page
    assert "Exchange requests to answer" not in signed_in(asker).get("/en/workspace/").content.decode()


def test_accepting_with_dates_puts_the_meeting_on_both_towns_pages_and_calendars(exchange, host_editor):
    first = timezone.localdate() + timedelta(days=50)
    response = signed_in(host_editor).post(
        f"/en/exchanges/{exchange.pk}/accept/",
        {"starts_on": first.isoformat(), "ends_on": (first + timedelta(days=2)).isoformat()},
    )
    assert response.status_code == 302
    exchange.refresh_from_db()
    assert exchange.state == RequestState.SCHEDULED and exchange.meeting is not None
    title = exchange.meeting.title
    assert title == "Digital workplaces: Wittenberge visits Darmstadt"
    for key in (DARMSTADT, "DE-12070424"):
        assert title in Client().get(f"/en/municipalities/{key}/").content.decode()
        assert title in Client().get(f"/calendar/towns/{key}.ics").content.decode()


def test_the_asker_cannot_accept_their_own_request(exchange, asker):
    response = signed_in(asker).post(f"/en/exchanges/{exchange.pk}/accept/", {})
    assert response.status_code == 403
    assert ExchangeRequest.objects.get().state == RequestState.OPEN


def test_talking_in_the_thread(exchange, asker, host_editor):
    response = signed_in(host_editor).post(f"/en/exchanges/{exchange.pk}/message/", {"body": "Gern, im Mai?"})
    assert response.status_code == 302
    assert "Gern, im Mai?" in signed_in(asker).get(f"/en/exchanges/{exchange.pk}/").content.decode()
    assert ExchangeMessage.objects.get().author == host_editor


def test_too_many_requests_get_a_429_page_and_nothing_is_saved(asker, host_editor, wittenberge, topic, settings):
    settings.EXCHANGES_REQUESTS_PER_HOUR = 1
    client = signed_in(asker)
    address = f"/en/exchanges/ask/town/{DARMSTADT}/"
    client.post(address, ask_form(topic, kind="question"))
    response = client.post(address, ask_form(topic, kind="question"))
    assert response.status_code == 429
    assert "please wait an hour" in response.content.decode()
    assert ExchangeRequest.objects.count() == 1


def test_reporting_abuse(exchange, host_editor):
    response = signed_in(host_editor).post(f"/en/exchanges/{exchange.pk}/report/", {"reason": "Werbung"})
    assert response.status_code == 302
    assert exchange.reports.get().reporter == host_editor
    assert (
        "You have reported this request" in signed_in(host_editor).get(f"/en/exchanges/{exchange.pk}/").content.decode()
    )
