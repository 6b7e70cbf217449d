"""Following by e-mail: double opt-in, a notification on each public update, one-click unsubscribe."""

from __future__ import annotations

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from austausch.audit.models import AuditEntry
from austausch.citizens.models import Follow
from austausch.citizens.services import unsubscribe_token
from austausch.outcomes.models import Commitment, CommitmentState
from austausch.outcomes.services import post_update
from austausch.programmes.models import Meeting
from tests.citizens.conftest import link_in_mail


def follow(client: Client, target: Commitment, email: str = "fritz@example.net", ip: str = "203.0.113.9"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("citizens:follow", args=["commitment", target.pk]), {"follow-email": email}, REMOTE_ADDR=ip
    )


def publish_update(target: Commitment, captured, state: str = "") -> None:  # type: ignore[no-untyped-def]
    """A public status update through the outcomes app, which sends `update_published` after its commit."""
    with captured(execute=True):
        post_update(
            actor=target.created_by,
            commitment=target,
            on=timezone.localdate(),
            text="The e-file pilot started in the health office.",
            new_state=state,
        )


def test_a_follow_starts_only_after_the_confirmation(
    client: Client, commitment: Commitment, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        response = follow(client, commitment)
    assert response.status_code == 200
    assert Follow.objects.get().confirmed_at is None
    assert "E-file in the health office" in mail.outbox[0].subject

    publish_update(commitment, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1  # not yet confirmed: no news

    client.post(link_in_mail("confirm"))
    assert Follow.objects.get().confirmed_at is not None
    publish_update(commitment, django_capture_on_commit_callbacks, state=CommitmentState.IN_PROGRESS)
    assert len(mail.outbox) == 2
    news = mail.outbox[-1]
    assert news.to == ["fritz@example.net"]
    assert "The e-file pilot started in the health office." in news.body
    # The state's name comes from the outcomes app's catalogue.
    assert f"Neuer Stand: {CommitmentState.IN_PROGRESS.label}" in news.body
    assert f"http://testserver/de/outcomes/commitments/{commitment.pk}/" in news.body
    assert news.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert news.extra_headers["List-Unsubscribe"] == f"<http://testserver{link_in_mail('unsubscribe')}>"
    assert "/citizens/my-data/" in news.body


def test_the_notification_is_in_the_language_the_reader_used(
    client: Client, commitment: Commitment, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/citizens/follow/commitment/{commitment.pk}/", {"follow-email": "ann@example.net"})
    assert "Please confirm" in mail.outbox[0].subject
    client.post(link_in_mail("confirm"))
    publish_update(commitment, django_capture_on_commit_callbacks, state=CommitmentState.IN_PROGRESS)
    assert mail.outbox[-1].subject.startswith("Update:")
    assert "New state: In progress" in mail.outbox[-1].body
    assert f"/en/outcomes/commitments/{commitment.pk}/" in mail.outbox[-1].body


def test_unsubscribe_shows_a_button_and_post_ends_the_follow(
    client: Client, commitment: Commitment, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        follow(client, commitment)
    client.post(link_in_mail("confirm"))
    link = reverse("citizens:unsubscribe", args=[unsubscribe_token(Follow.objects.get())])
    page = client.get(link)
    assert page.status_code == 200 and Follow.objects.exists()
    assert client.post(link).status_code == 200
    assert not Follow.objects.exists()
    assert AuditEntry.objects.filter(action="citizens.follow.ended").exists()
    assert client.post(link).status_code == 404
    publish_update(commitment, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_one_click_unsubscribe_works_from_a_mail_program_without_a_form(
    commitment: Commitment, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    reader_browser = Client()
    with django_capture_on_commit_callbacks(execute=True):
        follow(reader_browser, commitment)
    reader_browser.post(link_in_mail("confirm"))
    mail_program = Client(enforce_csrf_checks=True)
    token = unsubscribe_token(Follow.objects.get())
    response = mail_program.post(
        reverse("citizens:unsubscribe", args=[token]), "List-Unsubscribe=One-Click", content_type="text/plain"
    )
    assert response.status_code == 200
    assert not Follow.objects.exists()


def test_a_forged_unsubscribe_token_does_nothing(client: Client, commitment: Commitment) -> None:
    assert client.post(reverse("citizens:unsubscribe", args=["1:forged:token"])).status_code == 404


def test_following_a_draft_or_a_meeting_is_refused(client: Client, commitment: Commitment, meeting: Meeting) -> None:
    commitment.published = False
    commitment.save()
    assert follow(client, commitment).status_code == 404
    # Meetings send no news: there is nothing to follow.
    meeting_url = reverse("citizens:follow", args=["meeting", meeting.pk])
    assert client.post(meeting_url, {"follow-email": "fritz@example.net"}).status_code == 404
    assert not Follow.objects.exists()
    assert mail.outbox == []


def test_a_bad_address_is_named_and_nothing_is_stored(client: Client, commitment: Commitment) -> None:
    response = follow(client, commitment, email="fritz at example")
    assert response.status_code == 400
    assert "gültige E-Mail-Adresse" in response.content.decode()
    assert not Follow.objects.exists()
