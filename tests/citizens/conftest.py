from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.utils import timezone

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.knowledge.models import Practice
from austausch.programmes.models import Meeting, MeetingKind, Programme
from austausch.programmes.services.meetings import create_meeting
from austausch.programmes.services.programmes import create_programme
from austausch.registry.models import Municipality

PASSWORD = "a long enough passphrase 42"
WITTENBERGE, PHILADELPHIA, DARMSTADT = "DE-12070424", "US-1840000673", "DE-06411000"


@pytest.fixture
def coordinator(db: None) -> User:
    return User.objects.create_user("cora@example.org", PASSWORD, name="Cora Coordinator", is_staff=True)


@pytest.fixture
def outsider(db: None) -> User:
    return User.objects.create_user("otto@example.org", PASSWORD, name="Otto Outsider")


@pytest.fixture
def programme(coordinator: User, registry_sample: frozenset[str]) -> Programme:
    return create_programme(actor=coordinator, name="Transatlantic Cities of Tomorrow", slug="tcot", published=True)


@pytest.fixture
def meeting(coordinator: User, programme: Programme) -> Meeting:
    """A published study visit in a published programme, hosted by Philadelphia."""
    first = timezone.localdate() - timedelta(days=30)
    return create_meeting(
        actor=coordinator,
        programme=programme,
        host_municipalities=[Municipality.objects.get(key=PHILADELPHIA)],
        kind=MeetingKind.STUDY_VISIT,
        title="Study visit to Philadelphia",
        starts_on=first,
        ends_on=first + timedelta(days=3),
        published=True,
    )


@pytest.fixture
def commitment(coordinator: User, meeting: Meeting):  # type: ignore[no-untyped-def]
    """What Philadelphia promised at the study visit, recorded by the programme's coordinator."""
    from austausch.outcomes.services import create_commitment

    return create_commitment(
        actor=coordinator,
        municipality=Municipality.objects.get(key=PHILADELPHIA),
        meeting=meeting,
        title="E-file in the health office",
        owner_role="Health office",
        due_on=timezone.localdate() + timedelta(days=180),
    )


@pytest.fixture
def practice(registry_sample: frozenset[str]) -> Practice:
    """A published practice of Wittenberge (no programme: the default moderation applies)."""
    practice = Practice.objects.create(
        title="Coworking im Bahnhof",
        summary="Ein Coworking-Space im alten Bahnhof für Pendlerinnen und Pendler.",
        is_published=True,
        published_at=timezone.now(),
    )
    practice.municipalities.add(Municipality.objects.get(key=WITTENBERGE))
    return practice


@pytest.fixture
def town_editor(registry_sample: frozenset[str]) -> User:
    """An editor of Wittenberge: moderates comments on its practices and answers them officially."""
    user = User.objects.create_user("edda@wittenberge.example", PASSWORD, name="Edda Editor")
    town = Municipality.objects.get(key=WITTENBERGE)
    RoleAssignment.objects.create(
        user=user, role=Role.EDITOR, scope_type=ContentType.objects.get_for_model(town), scope_id=town.pk
    )
    return user


def link_in_mail(kind: str, index: int = -1) -> str:
    """The path of the `kind` link (confirm, unsubscribe, my-data) in an e-mail of the outbox."""
    found = re.search(rf"https?://[^/\s]+(/\S*/citizens/{kind}/\S+/)", mail.outbox[index].body)
    assert found, mail.outbox[index].body
    return found.group(1)
