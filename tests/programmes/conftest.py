from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from austausch.accounts.models import User
from austausch.programmes.models import Meeting, MeetingKind, Programme
from austausch.programmes.services import create_meeting, create_programme
from austausch.registry.models import Municipality


@pytest.fixture
def coordinator(db: None) -> User:
    return User.objects.create_user(
        "coordinator@example.org", "a long enough passphrase 42", name="Cora", is_staff=True
    )


@pytest.fixture
def programme(coordinator: User, registry_sample: frozenset[str]) -> Programme:
    return create_programme(actor=coordinator, name="Transatlantic Cities of Tomorrow", slug="tcot", published=True)


@pytest.fixture
def open_event(coordinator: User, registry_sample: frozenset[str]) -> Meeting:
    """A public presentation with three seats, next month."""
    first = timezone.localdate() + timedelta(days=30)
    return create_meeting(
        actor=coordinator,
        host_towns=[Municipality.objects.get(key="DE-06411000")],
        kind=MeetingKind.PRESENTATION,
        title="Smart City in der sozialen Stadt",
        starts_on=first,
        ends_on=first,
        published=True,
        registration_open=True,
        capacity=3,
    )


def days_from_now(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)
