from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from austausch.accounts.models import User
from austausch.audit.models import AuditEntry
from austausch.exchanges import services
from austausch.exchanges.models import ExchangeKind, ExchangeRequest, RequestState
from austausch.knowledge.models import Topic
from austausch.programmes.models import Delegation
from austausch.registry.models import Municipality

pytestmark = pytest.mark.django_db


def ask_visit(asker: User, town: Municipality, topic: Topic, **changes: object) -> ExchangeRequest:
    fields: dict[str, object] = {
        "actor": asker,
        "kind": ExchangeKind.STUDY_VISIT,
        "topic": topic,
        "message": "Wir möchten sehen, wie Ihr Coworking im Rathaus läuft.",
        "municipality": town,
        "requester_municipality": asker.roles.get().scope,
        "proposed_from": timezone.localdate() + timedelta(days=30),
        "proposed_to": timezone.localdate() + timedelta(days=31),
        "delegation": "Bürgermeister und zwei Leute aus der IT",
        **changes,
    }
    return services.ask(**fields)  # type: ignore[arg-type]


def test_a_request_reaches_each_editor_of_the_town_in_a_mail_of_their_own(asker, host_editor, darmstadt, topic):
    from tests.exchanges.conftest import editor_of

    second = editor_of(darmstadt, "dirk@darmstadt.example", "Dirk Darmstadt")
    exchange = ask_visit(asker, darmstadt, topic)
    assert exchange.state == RequestState.OPEN
    assert sorted(message.to[0] for message in mail.outbox) == sorted([host_editor.email, second.email])
    assert all(len(message.to) == 1 and not message.cc and not message.bcc for message in mail.outbox)
    assert asker.email not in mail.outbox[0].body
    assert f"/exchanges/{exchange.pk}/" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="exchanges.request.created").count() == 1


def test_a_town_cannot_ask_itself(asker, wittenberge, topic):
    with pytest.raises(ValidationError, match="cannot ask yourself"):
        ask_visit(asker, wittenberge, topic)
    assert not ExchangeRequest.objects.exists()


def test_nobody_asks_themselves_as_a_person(asker, topic):
    with pytest.raises(ValidationError, match="cannot ask yourself"):
        services.ask(actor=asker, kind=ExchangeKind.QUESTION, topic=topic, message="Hallo?", person=asker)


@pytest.mark.parametrize("field", ["proposed_from", "proposed_to"])
def test_dates_in_the_past_are_refused(asker, host_editor, darmstadt, topic, field):
    with pytest.raises(ValidationError, match="in the past") as refused:
        ask_visit(asker, darmstadt, topic, **{field: timezone.localdate() - timedelta(days=1)})
    assert field in refused.value.message_dict
    assert not ExchangeRequest.objects.exists() and not mail.outbox


def test_a_message_over_5000_characters_is_refused_and_says_how_long_it_was(asker, host_editor, darmstadt, topic):
    with pytest.raises(ValidationError, match=r"at most 5000 characters \(you wrote 5001\)"):
        ask_visit(asker, darmstadt, topic, message="x" * 5001)
    assert not ExchangeRequest.objects.exists()


def test_one_asks_only_on_behalf_of_a_town_one_edits(outsider, host_editor, darmstadt, wittenberge, topic):
    with pytest.raises(ValidationError, match="on behalf of a town whose pages you edit"):
        services.ask(
            actor=outsider,
            kind=ExchangeKind.QUESTION,
            topic=topic,
            message="Hallo?",
            municipality=darmstadt,
            requester_municipality=wittenberge,
        )


def test_a_visit_needs_the_askers_town(outsider, host_editor, darmstadt, topic):
    with pytest.raises(ValidationError, match="choose yours"):
        services.ask(
            actor=outsider, kind=ExchangeKind.STUDY_VISIT, topic=topic, message="Besuch?", municipality=darmstadt
        )


def test_an_accepted_study_visit_becomes_a_published_meeting_of_both_towns(
    asker, host_editor, darmstadt, wittenberge, topic
):
    exchange = ask_visit(asker, darmstadt, topic)
    first = timezone.localdate() + timedelta(days=40)
    services.accept(actor=host_editor, exchange=exchange, starts_on=first, ends_on=first + timedelta(days=1))
    exchange.refresh_from_db()
    assert exchange.state == RequestState.SCHEDULED
    meeting = exchange.meeting
    assert meeting is not None and meeting.published and meeting.programme is None
    assert list(meeting.host_municipalities.all()) == [darmstadt]
    assert list(Delegation.objects.filter(meeting=meeting).values_list("municipality", flat=True)) == [wittenberge.pk]
    assert (meeting.starts_on, meeting.ends_on) == (first, first + timedelta(days=1))
    assert meeting.editable_by(asker) and meeting.editable_by(host_editor)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"exchanges.request.accepted", "exchanges.request.scheduled", "programmes.meeting.created"} <= actions
    assert mail.outbox[-1].to == [asker.email]


def test_an_offer_to_host_makes_the_asker_the_host(asker, host_editor, darmstadt, wittenberge, topic):
    exchange = ask_visit(asker, darmstadt, topic, kind=ExchangeKind.OFFER_TO_HOST)
    services.accept(actor=host_editor, exchange=exchange)
    meeting = ExchangeRequest.objects.get().meeting
    assert meeting is not None
    assert list(meeting.host_municipalities.all()) == [wittenberge]


def test_a_question_accepted_makes_no_meeting(asker, host_editor, darmstadt, topic):
    exchange = ask_visit(asker, darmstadt, topic, kind=ExchangeKind.QUESTION, proposed_from=None, proposed_to=None)
    services.accept(actor=host_editor, exchange=exchange)
    assert exchange.state == RequestState.ACCEPTED and exchange.meeting is None
    services.mark_done(actor=asker, exchange=exchange)
    assert ExchangeRequest.objects.get().state == RequestState.DONE


def test_only_the_asked_side_accepts_or_declines(asker, host_editor, outsider, darmstadt, topic):
    exchange = ask_visit(asker, darmstadt, topic)
    for person in (asker, outsider):
        with pytest.raises(PermissionDenied):
            services.accept(actor=person, exchange=exchange)
        with pytest.raises(PermissionDenied):
            services.decline(actor=person, exchange=exchange)
    assert ExchangeRequest.objects.get().state == RequestState.OPEN


def test_only_the_asker_withdraws(asker, host_editor, darmstadt, topic):
    exchange = ask_visit(asker, darmstadt, topic)
    with pytest.raises(PermissionDenied):
        services.withdraw(actor=host_editor, exchange=exchange)
    services.withdraw(actor=asker, exchange=exchange)
    assert ExchangeRequest.objects.get().state == RequestState.WITHDRAWN


def test_a_declined_request_cannot_be_accepted_later(asker, host_editor, darmstadt, topic):
    exchange = ask_visit(asker, darmstadt, topic)
    services.decline(actor=host_editor, exchange=exchange)
    with pytest.raises(ValidationError, match="Declined cannot become Accepted"):
        services.accept(actor=host_editor, exchange=exchange)
    assert ExchangeRequest.objects.get().state == RequestState.DECLINED


def test_the_sixth_request_within_an_hour_is_refused(asker, host_editor, darmstadt, topic):
    for _number in range(5):
        ask_visit(asker, darmstadt, topic, kind=ExchangeKind.QUESTION)
    with pytest.raises(services.RateLimited):
        ask_visit(asker, darmstadt, topic, kind=ExchangeKind.QUESTION)
    assert ExchangeRequest.objects.count() == 5


def test_a_message_in_the_thread_reaches_the_other_side(asker, host_editor, darmstadt, topic):
    exchange = ask_visit(asker, darmstadt, topic)
    mail.outbox.clear()
    services.post_message(actor=host_editor, exchange=exchange, body="Gern! Passt der Mai?")
    assert [message.to for message in mail.outbox] == [[asker.email]]
    assert "Gern! Passt der Mai?" in mail.outbox[0].body


def test_an_outsider_may_not_write_in_the_thread(asker, host_editor, outsider, darmstadt, topic):
    exchange = ask_visit(asker, darmstadt, topic)
    with pytest.raises(PermissionDenied):
        services.post_message(actor=outsider, exchange=exchange, body="Hallo")


def test_a_side_reports_abuse_once(asker, host_editor, darmstadt, topic):
    exchange = ask_visit(asker, darmstadt, topic)
    services.report_abuse(actor=host_editor, exchange=exchange, reason="Werbung für eine Beratungsfirma")
    with pytest.raises(ValidationError, match="already reported"):
        services.report_abuse(actor=host_editor, exchange=exchange, reason="noch einmal")
    assert AuditEntry.objects.filter(action="exchanges.request.reported").count() == 1
