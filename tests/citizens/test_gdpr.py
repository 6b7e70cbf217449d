"""A reader's data: what we keep, shown and downloadable from every e-mail's link, and erasable."""

from __future__ import annotations

import io
import json
from datetime import timedelta

from django.core import mail
from django.test import Client
from django.urls import reverse

from austausch.audit.models import AuditEntry
from austausch.citizens.gdpr import erase_reader, reader_data
from austausch.citizens.models import Comment, Confirmation, Follow, Reader
from austausch.outcomes.models import Commitment
from austausch.programmes.models import Meeting
from tests.citizens.conftest import link_in_mail


def comment_and_follow(client: Client, commitment: Commitment, captured) -> None:  # type: ignore[no-untyped-def]
    meeting = commitment.meeting
    with captured(execute=True):
        client.post(
            reverse("citizens:comment", args=["meeting", meeting.pk]),
            {"comment-kind": "question", "comment-body": "Und die E-Akte?", "comment-email": "rita@example.net"},
        )
        client.post(
            reverse("citizens:follow", args=["commitment", commitment.pk]), {"follow-email": "rita@example.net"}
        )


def test_every_mail_links_to_the_readers_data_and_the_page_shows_it(
    client: Client, commitment: Commitment, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    comment_and_follow(client, commitment, django_capture_on_commit_callbacks)
    assert all("/citizens/my-data/" in message.body for message in mail.outbox)
    link = link_in_mail("my-data")
    page = client.get(link).content.decode()
    assert "rita@example.net" in page and "Und die E-Akte?" in page and "E-file in the health office" in page
    download = client.get(link, {"format": "json"})
    assert download["Content-Disposition"].startswith("attachment")
    data = json.loads(download.content)
    assert data["reader"]["email"] == "rita@example.net"
    assert [comment["text"] for comment in data["comments"]] == ["Und die E-Akte?"]
    assert data["follows"][0]["object"] == "E-file in the health office"


def test_delete_my_data_erases_address_follows_and_comments(
    client: Client, commitment: Commitment, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    comment_and_follow(client, commitment, django_capture_on_commit_callbacks)
    link = link_in_mail("my-data")
    assert client.post(link).status_code == 200
    assert not Reader.objects.exists()
    assert not Comment.objects.exists() and not Follow.objects.exists() and not Confirmation.objects.exists()
    entry = AuditEntry.objects.get(action="citizens.reader.erased")
    assert "rita" not in json.dumps(entry.after) and entry.after == {"follows": 1, "comments": 1}
    assert not AuditEntry.objects.filter(after__icontains="rita@example.net").exists()
    assert client.get(link).status_code == 404


def test_reader_data_and_erasure_find_the_address_in_any_case(
    client: Client, commitment: Commitment, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    comment_and_follow(client, commitment, django_capture_on_commit_callbacks)
    assert reader_data("Rita@Example.net")["reader"]["email"] == "rita@example.net"
    assert reader_data("nobody@example.net") == {}
    assert erase_reader(email="RITA@example.net") is True
    assert erase_reader(email="rita@example.net") is False
    assert reader_data("rita@example.net") == {}


def test_a_forged_data_link_shows_nothing(client: Client, meeting: Meeting) -> None:
    Reader.objects.create(email="rita@example.net")
    assert client.get(reverse("citizens:reader", args=["1:forged:sig"])).status_code == 404
    assert client.post(reverse("citizens:reader", args=["1:forged:sig"])).status_code == 404
    assert Reader.objects.exists()


def test_purge_forgets_what_was_never_confirmed_and_keeps_the_rest(
    client: Client, commitment: Commitment, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    import time_machine
    from django.core.management import call_command
    from django.utils import timezone

    from austausch.citizens.models import CommentStatus

    comment_and_follow(client, commitment, django_capture_on_commit_callbacks)  # rita: never confirmed
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("citizens:comment", args=["meeting", commitment.meeting.pk]),
            {"comment-kind": "comment", "comment-body": "Confirmed one", "comment-email": "carl@example.net"},
        )
    Client().post(link_in_mail("confirm"))
    # Within the link's 48 hours nothing goes.
    call_command("citizens", "purge")
    assert Comment.objects.count() == 2 and Follow.objects.count() == 1
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        output = io.StringIO()
        call_command("citizens", "purge", "--json", stdout=output)
    assert json.loads(output.getvalue()) == {"comments": 1, "follows": 1, "links": 3, "addresses": 1}
    assert list(Reader.objects.values_list("email", flat=True)) == ["carl@example.net"]
    assert Comment.objects.get().status == CommentStatus.PENDING
    assert Comment.objects.get().ip_digest == ""
