"""Records of every app for the home page and the workspace, made directly through the models.

The portal only reads other apps' models, so its tests build those records without the apps' services.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test import Client
from django.utils import timezone
from django.utils.translation import trans_real

from austausch.accounts.models import RoleAssignment, User
from austausch.knowledge.models import Practice
from austausch.outcomes.models import Commitment, CommitmentUpdate, Transfer, TransferState
from austausch.programmes.models import Meeting, MeetingKind, Programme, ProgrammeStatus
from austausch.registry.models import Municipality

PASSWORD = "a long enough passphrase 42"
WITTENBERGE, MOELLN = "DE-12070424", "DE-01053090"
# Far ahead, so that the meeting is the next one whenever the tests run.
NEXT_MEETING_DAY = date(2099, 4, 24)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def town(registry_sample: frozenset[str]) -> Municipality:
    return Municipality.objects.get(key=WITTENBERGE)


@pytest.fixture
def other_town(registry_sample: frozenset[str]) -> Municipality:
    return Municipality.objects.get(key=MOELLN)


def grant(user: User, role: str, scope: models.Model) -> None:
    RoleAssignment.objects.create(
        user=user, role=role, scope_type=ContentType.objects.get_for_model(scope), scope_id=scope.pk
    )


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(name: str, *roles: tuple[str, models.Model], **fields: Any) -> User:
        user = User.objects.create_user(f"{name.split()[0].lower()}@example.org", PASSWORD, name=name, **fields)
        for role, scope in roles:
            grant(user, role, scope)
        return user

    return make


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def programme(town: Municipality) -> Programme:
    return Programme.objects.create(
        name="Kleinstadtakademie", slug="kleinstadtakademie", status=ProgrammeStatus.RUNNING, published=True
    )


@pytest.fixture
def draft_programme(db: None) -> Programme:
    return Programme.objects.create(name="Geheimprogramm", slug="geheimprogramm", published=False)


@pytest.fixture
def next_meeting(programme: Programme, town: Municipality) -> Meeting:
    meeting = Meeting.objects.create(
        programme=programme,
        kind=MeetingKind.WORKSHOP,
        title="Werkstatt Leerstand",
        starts_on=NEXT_MEETING_DAY,
        ends_on=NEXT_MEETING_DAY,
        published=True,
    )
    meeting.host_municipalities.set([town])
    return meeting


def make_practice(title: str, town: Municipality, *, published: bool) -> Practice:
    practice = Practice.objects.create(
        title=title,
        summary=f"{title}: what the town tried and learnt.",
        is_published=published,
        published_at=timezone.now() if published else None,
    )
    practice.municipalities.set([town])
    return practice


@pytest.fixture
def practice(town: Municipality) -> Practice:
    return make_practice("Summer of Pioneers", town, published=True)


@pytest.fixture
def commitment(town: Municipality, programme: Programme) -> Commitment:
    return Commitment.objects.create(municipality=town, programme=programme, title="Coworking im Bahnhof")


@pytest.fixture
def update(commitment: Commitment) -> CommitmentUpdate:
    return CommitmentUpdate.objects.create(commitment=commitment, on=date(2024, 3, 5), text="Der Raum ist gemietet.")


@pytest.fixture
def transfer(practice: Practice, town: Municipality, other_town: Municipality) -> Transfer:
    return Transfer.objects.create(
        municipality=other_town,
        practice=practice,
        origin_municipality=town,
        state=TransferState.PILOT,
        started_on=date(2024, 1, 10),
        changed_on=date(2024, 2, 1),
    )


@pytest.fixture
def german(db: None) -> Iterator[Callable[[str, str], None]]:
    """Adds a German translation to the loaded catalogue, to show that a string goes through gettext.

    The .po catalogues are written at the end of a release; until then a new string has no German yet.
    """
    catalogue = trans_real.translation("de")._catalog._catalogs[0]  # type: ignore[attr-defined]
    missing = object()
    before: dict[str, object] = {}

    def translate(english: str, german_text: str) -> None:
        before.setdefault(english, catalogue.get(english, missing))
        catalogue[english] = german_text

    yield translate
    for english, original in before.items():
        if original is missing:
            del catalogue[english]
        else:
            catalogue[english] = original
