from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from austausch.accounts.models import Invitation, Role, User
from austausch.citizens.models import Comment, CommentStatus
from austausch.outcomes.models import Commitment, CommitmentState
from austausch.programmes.models import (
    Delegation,
    DelegationInvitation,
    Meeting,
    Participation,
    Programme,
)
from austausch.radar.models import Fact, FactKind, Source
from austausch.registry.models import Municipality
from tests.portal.conftest import signed_in

pytestmark = pytest.mark.django_db

STAFF_TOOLS = (
    "radar:list",
    "citizens:queue",
    "matching:plans",
    "api-docs",
    "admin:index",
    "admin:audit_auditentry_changelist",
)
OVERDUE_MARK = "<strong>overdue</strong>"


def test_it_asks_strangers_to_sign_in(client: Client) -> None:
    response = client.get("/en/workspace/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/workspace/"


def test_a_coordinator_sees_their_programme_and_where_to_act(
    make_user: Callable[..., User], programme: Programme, draft_programme: Programme
) -> None:
    coordinator = make_user("Cora Coordinator", (Role.COORDINATOR, programme))
    html = signed_in(coordinator).get("/en/workspace/").text
    assert f'<a href="{programme.get_absolute_url()}">Kleinstadtakademie</a>' in html
    assert f'href="{reverse("programmes:edit", args=[programme.slug])}"' in html
    assert f'href="{reverse("programmes:meeting-create", args=[programme.slug])}"' in html
    assert "Geheimprogramm" not in html


def test_an_editor_sees_their_towns_overdue_commitment(
    make_user: Callable[..., User], town: Municipality, other_town: Municipality
) -> None:
    editor = make_user("Edda Editor", (Role.EDITOR, town))
    overdue = Commitment.objects.create(municipality=town, title="Radweg planen", due_on=date(2020, 3, 5))
    Commitment.objects.create(
        municipality=town, title="Schon erledigt", due_on=date(2020, 3, 5), state=CommitmentState.DONE
    )
    Commitment.objects.create(municipality=town, title="Noch lange hin", due_on=timezone.localdate() + timedelta(400))
    Commitment.objects.create(municipality=other_town, title="Fremde Zusage", due_on=date(2020, 3, 5))
    html = signed_in(editor).get("/en/workspace/").text
    assert f'<a href="{overdue.get_absolute_url()}">Radweg planen</a>' in html
    assert OVERDUE_MARK in html
    assert "due March 5, 2020" in html
    assert f'href="{reverse("outcomes:post-update", args=[overdue.pk])}"' in html
    assert f'href="{town.get_absolute_url()}">Wittenberge</a>' in html
    for other in ("Schon erledigt", "Noch lange hin", "Fremde Zusage"):
        assert other not in html


def test_a_commitment_due_soon_waits_too(make_user: Callable[..., User], town: Municipality) -> None:
    editor = make_user("Edda Editor", (Role.EDITOR, town))
    Commitment.objects.create(municipality=town, title="Bald fällig", due_on=timezone.localdate() + timedelta(10))
    html = signed_in(editor).get("/en/workspace/").text
    assert "Bald fällig" in html
    assert OVERDUE_MARK not in html


def test_an_admin_sees_every_staff_tool(db: None) -> None:
    admin = User.objects.create_superuser("admin@example.org", "a long enough passphrase 42", name="Ada Admin")
    html = signed_in(admin).get("/en/workspace/").text
    assert "As a platform admin you may act on every programme, town and organisation" in html
    for name in STAFF_TOOLS:
        assert f'href="{reverse(name)}"' in html, name


def test_a_person_without_roles_sees_no_staff_tools(make_user: Callable[..., User]) -> None:
    html = signed_in(make_user("Otto Outsider")).get("/en/workspace/").text
    assert "You hold no roles yet" in html
    assert "Nothing waits for you." in html
    for name in STAFF_TOOLS[:3] + STAFF_TOOLS[4:]:
        assert f'href="{reverse(name)}"' not in html, name
    assert f'href="{reverse("programmes:mine")}"' in html


def test_a_coordinator_sees_the_comments_waiting_on_their_meetings(
    make_user: Callable[..., User], programme: Programme, next_meeting: Meeting, draft_programme: Programme
) -> None:
    coordinator = make_user("Cora Coordinator", (Role.COORDINATOR, programme))
    meeting_type = ContentType.objects.get_for_model(Meeting)
    elsewhere = Meeting.objects.create(
        programme=draft_programme,
        kind="workshop",
        title="Anderswo",
        starts_on=date(2099, 1, 1),
        ends_on=date(2099, 1, 1),
    )
    for status, target in (
        (CommentStatus.PENDING, next_meeting),
        (CommentStatus.PENDING, next_meeting),
        (CommentStatus.HIDDEN, next_meeting),
        (CommentStatus.PUBLISHED, next_meeting),
        (CommentStatus.PENDING, elsewhere),
    ):
        Comment.objects.create(target_type=meeting_type, target_id=target.pk, body="Eine Frage", status=status)
    html = signed_in(coordinator).get("/en/workspace/").text
    assert f'href="{reverse("citizens:queue")}?status=pending">2 comments wait for a moderator</a>' in html
    assert f'href="{reverse("citizens:queue")}?status=hidden">One comment is hidden after reports</a>' in html


def test_a_reviewer_sees_the_radar_texts_with_facts_to_review(
    make_user: Callable[..., User], town: Municipality
) -> None:
    editor = make_user("Edda Editor", (Role.EDITOR, town))
    waiting = Source.objects.create(
        name="a.txt", original=b"x", text="x", title="Delegation aus Mölln", fingerprint="1"
    )
    Fact.objects.create(source=waiting, kind=FactKind.MUNICIPALITY, value={"key": "DE-01053090"})
    done = Source.objects.create(name="b.txt", original=b"y", text="y", title="Schon geprüft", fingerprint="2")
    Fact.objects.create(source=done, kind=FactKind.MUNICIPALITY, value={}, state="confirmed")
    html = signed_in(editor).get("/en/workspace/").text
    assert f'href="{waiting.get_absolute_url()}">Delegation aus Mölln</a>' in html
    assert "Schon geprüft" not in html


def test_it_lists_delegation_invitations_and_open_invitations(
    make_user: Callable[..., User], next_meeting: Meeting, town: Municipality
) -> None:
    person = make_user("Paul Participant", (Role.EDITOR, town))
    delegation = Delegation.objects.create(meeting=next_meeting, municipality=town)
    Participation.objects.create(delegation=delegation, person=person)
    DelegationInvitation.objects.create(delegation=delegation, email="PAUL@example.org")
    Invitation.objects.create(
        email="neu@example.org",
        role=Role.EDITOR,
        scope_type=ContentType.objects.get_for_model(town),
        scope_id=town.pk,
        invited_by=person,
        token_hash="a" * 64,
        expires_at=timezone.now() + timedelta(days=7),
    )
    html = signed_in(person).get("/en/workspace/").text
    assert "In the delegation of Wittenberge to" in html
    assert "Werkstatt Leerstand" in html
    assert "One seat in a delegation is kept for your e-mail address." in html
    assert f'href="{reverse("programmes:mine")}"' in html
    assert "neu@example.org: Editor · Wittenberge" in html


def test_its_strings_and_dates_are_in_the_page_language(
    make_user: Callable[..., User], town: Municipality, german: Callable[[str, str], None]
) -> None:
    editor = make_user("Edda Editor", (Role.EDITOR, town))
    Commitment.objects.create(municipality=town, title="Radweg planen", due_on=date(2020, 3, 5))
    german("Your workspace", "Ihr Arbeitsbereich")
    german("due %(due)s", "fällig am %(due)s")
    client = signed_in(editor)
    html = client.get("/de/workspace/").text
    assert '<h1 class="kern-heading-x-large">Ihr Arbeitsbereich</h1>' in html
    assert "fällig am 5. März 2020" in html
    assert "due March 5, 2020" in client.get("/en/workspace/").text
