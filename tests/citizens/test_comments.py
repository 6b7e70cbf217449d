"""Readers comment without an account: double opt-in, plain text, limits, bad input, rate limits."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from austausch.audit.models import AuditEntry
from austausch.citizens.models import Comment, CommentStatus, Confirmation, Reader
from austausch.knowledge.models import Practice
from austausch.programmes.models import Meeting
from tests.citizens.conftest import link_in_mail

SCRIPT = '<script>alert("x")</script><b>bold</b> <img src=x onerror=alert(1)>'


def post_comment(client: Client, target: Meeting | Practice, ip: str = "203.0.113.5", **fields: str):  # type: ignore[no-untyped-def]
    type_name = "meeting" if isinstance(target, Meeting) else "practice"
    data = {"kind": "question", "body": "When will the e-file come?", "email": "rita@example.net", **fields}
    return client.post(
        reverse("citizens:comment", args=[type_name, target.pk]),
        {f"comment-{key}": value for key, value in data.items()},
        REMOTE_ADDR=ip,
    )


def confirm_last_mail(client: Client):  # type: ignore[no-untyped-def]
    return client.post(link_in_mail("confirm"))


def test_a_comment_waits_for_the_confirmation_link_and_then_for_a_moderator(
    client: Client, meeting: Meeting, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, meeting, display_name="Rita")
    assert response.status_code == 200
    assert "Bitte sehen Sie in Ihr E-Mail-Postfach" in response.content.decode() or "check your e-mail" in (
        response.content.decode()
    )
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.UNCONFIRMED
    assert [message.to for message in mail.outbox] == [["rita@example.net"]]
    # The name waits for the confirmation: whoever typed the address may not be its owner.
    assert Reader.objects.get().display_name == ""

    # Opening the link shows a button; a mail scanner that follows links confirms nothing.
    assert client.get(link_in_mail("confirm")).status_code == 200
    comment.refresh_from_db()
    assert comment.status == CommentStatus.UNCONFIRMED

    response = confirm_last_mail(client)
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING  # pre-moderation is the default
    assert Reader.objects.get().display_name == "Rita"
    assert "When will the e-file come?" not in client.get(meeting.get_absolute_url()).content.decode()


def test_a_used_link_and_an_expired_link_are_refused_in_words(
    client: Client, meeting: Meeting, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, meeting)
    link = link_in_mail("confirm")
    assert client.post(link).status_code == 200
    again = client.post(link)
    assert again.status_code == 410
    assert "bereits verwendet" in again.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, meeting, email="late@example.net")
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        expired = Client().post(link_in_mail("confirm"))
    assert expired.status_code == 410
    assert "abgelaufen" in expired.content.decode()
    assert Comment.objects.get(reader__email="late@example.net").status == CommentStatus.UNCONFIRMED

    unknown = client.get(reverse("citizens:confirm", args=["not-a-token"]))
    assert unknown.status_code == 410


def test_a_confirmed_reader_comments_again_without_another_mail(
    client: Client, meeting: Meeting, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, meeting)
    confirm_last_mail(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, meeting, body="A second question.")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert Comment.objects.get(body="A second question.").status == CommentStatus.PENDING
    # Another address in the same browser still needs its own confirmation.
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, meeting, body="Someone else.", email="other@example.net")
    assert Comment.objects.get(body="Someone else.").status == CommentStatus.UNCONFIRMED
    assert len(mail.outbox) == 2


def test_html_and_scripts_are_shown_as_text(
    client: Client, practice: Practice, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.CITIZENS_DEFAULT_MODERATION = "post"
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, practice, body=SCRIPT, display_name="<i>Mallory</i>")
    confirm_last_mail(client)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "<b>bold</b>" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in page
    assert "&lt;i&gt;Mallory&lt;/i&gt;" in page
    api = client.get("/api/v1/comments", {"target": f"practice:{practice.pk}"}).json()
    assert api["items"][0]["text"] == SCRIPT


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"body": "x" * 2001}, "body", "höchstens 2000 Zeichen"),
        ({"body": "  "}, "body", "Dieses Feld ist zwingend erforderlich"),
        ({"email": "not an address"}, "email", "gültige E-Mail-Adresse"),
        ({"display_name": "n" * 81}, "display_name", "höchstens 80 Zeichen"),
        ({"kind": "praise"}, "kind", "gültige Auswahl"),
    ],
)
def test_bad_input_is_named_and_leaves_the_database_unchanged(
    client: Client, meeting: Meeting, fields: dict[str, str], field: str, message: str
) -> None:
    before = AuditEntry.objects.count()
    response = post_comment(client, meeting, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert f'id="id_comment-{field}_error"' in response.content.decode() or field in response.context["form"].errors
    assert not Comment.objects.exists() and not Reader.objects.exists() and not Confirmation.objects.exists()
    assert AuditEntry.objects.count() == before
    assert mail.outbox == []


def test_a_draft_or_unknown_target_takes_no_comments(client: Client, meeting: Meeting, practice: Practice) -> None:
    meeting.published = False
    meeting.save()
    assert post_comment(client, meeting).status_code == 404
    practice.is_published = False
    practice.save()
    assert post_comment(client, practice).status_code == 404
    # Only meetings, practices and commitments take comments: not, say, user accounts.
    response = client.post(reverse("citizens:comment", args=["user", 1]), {"comment-body": "hello"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_bursts_from_one_address_get_429_with_a_clear_page(
    client: Client, meeting: Meeting, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.CITIZENS_PER_ADDRESS_PER_HOUR = 3
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            assert post_comment(client, meeting, body=f"Spam {number}", ip=f"198.51.100.{number}").status_code == 200
        response = post_comment(client, meeting, body="Spam 4", ip="198.51.100.9")
    assert response.status_code == 429
    assert "Zu viele Nachrichten" in response.content.decode()
    assert Comment.objects.count() == 3
    assert len(mail.outbox) == 3
    # An hour later the address may write again.
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert post_comment(Client(), meeting, body="Later").status_code == 200


def test_bursts_from_one_ip_address_get_429_even_with_new_addresses(client: Client, meeting: Meeting, settings) -> None:  # type: ignore[no-untyped-def]
    settings.CITIZENS_PER_IP_PER_HOUR = 2
    assert post_comment(client, meeting, email="a@example.net").status_code == 200
    assert post_comment(client, meeting, email="b@example.net").status_code == 200
    assert post_comment(client, meeting, email="c@example.net").status_code == 429
    assert post_comment(client, meeting, email="c@example.net", ip="192.0.2.77").status_code == 200
    assert Comment.objects.count() == 3
    # The IP address itself is not stored, only a keyed hash to count with.
    assert not Comment.objects.filter(ip_digest__contains="203.0.113").exists()


def test_the_api_lists_published_comments_with_answers_and_no_addresses(
    client: Client, meeting: Meeting, coordinator, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from austausch.citizens.services import answer, moderate

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, meeting, body="Published one", display_name="Rita")
        post_comment(client, meeting, body="Still waiting", email="wait@example.net")
    confirm_last_mail(client)
    published = Comment.objects.get(body="Published one")
    Client().post(link_in_mail("confirm", 0))
    moderate(actor=coordinator, comment=published, step="approve")
    answer(actor=coordinator, comment=published, body="We are on it.")

    body = client.get("/api/v1/comments", {"target": f"meeting:{meeting.pk}"}).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["text"], item["author"], item["target"]) == ("Published one", "Rita", f"meeting:{meeting.pk}")
    assert item["official_answers"][0]["text"] == "We are on it."
    assert item["official_answers"][0]["answered_for"] == "Transatlantic Cities of Tomorrow"
    assert "@" not in str(body)

    assert client.get("/api/v1/comments", {"target": "user:1"}).status_code == 404
    assert client.get("/api/v1/comments", {"target": "meeting:abc"}).json()["detail"].startswith("target:")
    meeting.published = False
    meeting.save()
    assert client.get("/api/v1/comments", {"target": f"meeting:{meeting.pk}"}).status_code == 404
