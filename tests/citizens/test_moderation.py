"""Moderation per programme, reports by readers, official answers, the queue, and who may do what."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from austausch.accounts.models import User
from austausch.audit.models import AuditEntry
from austausch.citizens.models import Comment, CommentStatus, Moderation, Reader
from austausch.citizens.services import answer, moderate, report, set_moderation
from austausch.knowledge.models import Practice
from austausch.programmes.models import Meeting, Programme


def confirmed_comment(target: Meeting | Practice, body: str = "Was kam dabei heraus?", status: str = "") -> Comment:
    """A comment whose address was confirmed; its state as the moderation left it, unless given."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from austausch.citizens.services import moderation_of

    reader, _created = Reader.objects.get_or_create(email="rita@example.net", defaults={"confirmed_at": timezone.now()})
    if not status:
        status = CommentStatus.PUBLISHED if moderation_of(target) == Moderation.POST else CommentStatus.PENDING
    return Comment.objects.create(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        programme=getattr(target, "programme", None),
        reader=reader,
        body=body,
        status=status,
        published_at=timezone.now() if status == CommentStatus.PUBLISHED else None,
    )


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_pre_moderation_hides_a_comment_until_a_moderator_approves_it(
    client: Client, meeting: Meeting, coordinator: User
) -> None:
    comment = confirmed_comment(meeting)
    assert comment.status == CommentStatus.PENDING
    assert "Was kam dabei heraus?" not in client.get(meeting.get_absolute_url()).content.decode()

    moderator = signed_in(coordinator)
    queue = moderator.get(reverse("citizens:queue")).content.decode()
    assert "Was kam dabei heraus?" in queue
    response = moderator.post(reverse("citizens:moderate", args=[comment.pk]), {"step": "approve"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    assert "Was kam dabei heraus?" in client.get(meeting.get_absolute_url()).content.decode()
    entry = AuditEntry.objects.get(action="citizens.comment.approved")
    assert (entry.actor, entry.before, entry.after) == (coordinator, {"status": "pending"}, {"status": "published"})


def test_post_moderation_per_programme_shows_at_once_and_a_moderator_removes(
    client: Client, meeting: Meeting, programme: Programme, coordinator: User
) -> None:
    set_moderation(actor=coordinator, programme=programme, moderation=Moderation.POST)
    comment = confirmed_comment(meeting)
    assert comment.status == CommentStatus.PUBLISHED
    assert "Was kam dabei heraus?" in client.get(meeting.get_absolute_url()).content.decode()
    moderate(actor=coordinator, comment=comment, step="reject")
    assert "Was kam dabei heraus?" not in client.get(meeting.get_absolute_url()).content.decode()
    assert AuditEntry.objects.filter(action="citizens.moderation.changed", actor=coordinator).exists()


def test_the_programme_page_for_moderation_is_for_its_coordinators_only(
    meeting: Meeting, programme: Programme, coordinator: User, outsider: User
) -> None:
    url = reverse("citizens:programme-moderation", args=[programme.slug])
    assert signed_in(outsider).get(url).status_code == 403
    assert Client().get(url).status_code == 302
    page = signed_in(coordinator)
    assert page.get(url).status_code == 200
    page.post(url, {"moderation": "post"})
    assert programme.comment_policy.moderation == "post"
    with pytest.raises(PermissionDenied):
        set_moderation(actor=outsider, programme=programme, moderation=Moderation.PRE)
    with pytest.raises(ValidationError):
        set_moderation(actor=coordinator, programme=programme, moderation="none")


def test_three_distinct_reporters_hide_a_comment_until_a_moderator_restores_it(
    client: Client, meeting: Meeting, coordinator: User
) -> None:
    comment = confirmed_comment(meeting, status=CommentStatus.PUBLISHED)
    url = reverse("citizens:report", args=[comment.pk])
    # The same reader reporting three times counts once.
    for _ in range(3):
        Client().post(url, REMOTE_ADDR="198.51.100.1")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    Client().post(url, REMOTE_ADDR="198.51.100.2")
    Client().post(url, REMOTE_ADDR="198.51.100.3")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    assert "Was kam dabei heraus?" not in client.get(meeting.get_absolute_url()).content.decode()
    assert (
        "Was kam dabei heraus?"
        in signed_in(coordinator).get(reverse("citizens:queue") + "?status=hidden").content.decode()
    )

    moderate(actor=coordinator, comment=comment, step="restore")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    # The reports the moderator decided on no longer count; a new one alone does not hide it again.
    assert report(comment=comment, reporter="someone new") is False
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PUBLISHED


def test_a_moderation_step_that_does_not_fit_the_state_is_refused(meeting: Meeting, coordinator: User) -> None:
    comment = confirmed_comment(meeting, status=CommentStatus.PUBLISHED)
    with pytest.raises(ValidationError):
        moderate(actor=coordinator, comment=comment, step="approve")
    with pytest.raises(ValidationError):
        moderate(actor=coordinator, comment=comment, step="explode")
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PUBLISHED


def test_outsiders_cannot_moderate_or_answer(client: Client, meeting: Meeting, outsider: User) -> None:
    comment = confirmed_comment(meeting)
    with pytest.raises(PermissionDenied):
        moderate(actor=outsider, comment=comment, step="approve")
    with pytest.raises(PermissionDenied):
        answer(actor=outsider, comment=comment, body="I am official.")
    assert (
        signed_in(outsider).post(reverse("citizens:moderate", args=[comment.pk]), {"step": "approve"}).status_code
        == 403
    )
    response = client.post(reverse("citizens:moderate", args=[comment.pk]), {"step": "approve"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "Was kam dabei heraus?" not in signed_in(outsider).get(reverse("citizens:queue")).content.decode()
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PENDING
    assert not Comment.objects.filter(answer_to=comment).exists()


def test_a_town_editor_answers_officially_with_the_town_name(
    client: Client, practice: Practice, town_editor: User, outsider: User
) -> None:
    comment = confirmed_comment(practice, body="Does it still run?")
    editor = signed_in(town_editor)
    response = editor.post(
        reverse("citizens:answer", args=[comment.pk]), {"body": "Yes, with 40 desks since <b>2023</b>."}
    )
    assert response.status_code == 302
    official = Comment.objects.get(answer_to=comment)
    assert (official.answered_for, official.answered_by, official.status) == ("Wittenberge", town_editor, "published")
    # Answering a waiting question also approves it.
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PUBLISHED
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "Offizielle Antwort von Wittenberge" in page
    assert "Yes, with 40 desks since &lt;b&gt;2023&lt;/b&gt;." in page
    assert AuditEntry.objects.filter(action="citizens.comment.answered", actor=town_editor).exists()
    # The moderator sees the answer form and the queue link; others do not.
    assert "Offiziell antworten" in editor.get(practice.get_absolute_url()).content.decode()
    assert "Offiziell antworten" not in signed_in(outsider).get(practice.get_absolute_url()).content.decode()


def test_an_empty_official_answer_changes_nothing(practice: Practice, town_editor: User) -> None:
    comment = confirmed_comment(practice)
    response = signed_in(town_editor).post(reverse("citizens:answer", args=[comment.pk]), {"body": "  "}, follow=True)
    assert "Bitte schreiben Sie eine Antwort." in response.content.decode()
    assert not Comment.objects.filter(answer_to=comment).exists()
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PENDING


def test_the_queue_has_only_the_comments_this_person_moderates(
    meeting: Meeting, practice: Practice, coordinator: User, town_editor: User
) -> None:
    confirmed_comment(meeting, body="On the meeting")
    confirmed_comment(practice, body="On the practice")
    coordinator_queue = signed_in(coordinator).get(reverse("citizens:queue")).content.decode()
    editor_queue = signed_in(town_editor).get(reverse("citizens:queue")).content.decode()
    assert "On the meeting" in coordinator_queue and "On the practice" not in coordinator_queue
    assert "On the practice" in editor_queue and "On the meeting" not in editor_queue


def test_on_a_commitment_the_town_editor_answers_for_the_town(client: Client, commitment, registry_sample) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.contenttypes.models import ContentType

    from austausch.accounts.models import Role, RoleAssignment
    from austausch.registry.models import Municipality

    editor = User.objects.create_user("pat@philadelphia.example", "a long enough passphrase 42", name="Pat")
    town = Municipality.objects.get(key="US-1840000673")
    RoleAssignment.objects.create(
        user=editor, role=Role.EDITOR, scope_type=ContentType.objects.get_for_model(town), scope_id=town.pk
    )
    comment = confirmed_comment(commitment, body="Is the e-file there yet?")
    assert comment.status == CommentStatus.PENDING
    answer(actor=editor, comment=comment, body="Since March.")
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "Is the e-file there yet?" in page
    assert "Offizielle Antwort von Philadelphia" in page
    api = client.get("/api/v1/comments", {"target": f"commitment:{commitment.pk}"}).json()
    assert api["items"][0]["official_answers"][0]["answered_for"] == "Philadelphia"
