from __future__ import annotations

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.knowledge.models import Practice
from austausch.knowledge.services import create_practice
from austausch.programmes.models import Meeting, MeetingKind, Programme
from austausch.programmes.services.meetings import create_meeting
from austausch.programmes.services.programmes import create_programme
from austausch.registry.models import Municipality

PASSWORD = "a long enough passphrase 42"
HALLE, WITTENBERGE, MOELLN, DARMSTADT = "DE-15002000", "DE-12070424", "DE-01053090", "DE-06411000"


@pytest.fixture(autouse=True)
def fresh_page_cache() -> None:
    """Town pages are cached per process; each test starts without what an earlier one rendered."""
    from django.core.cache import cache

    cache.clear()


def town(key: str) -> Municipality:
    return Municipality.objects.get(key=key)


def make_editor(email: str, key: str) -> User:
    user = User.objects.create_user(email, PASSWORD, name=email.split("@")[0])
    municipality = town(key)
    RoleAssignment.objects.create(
        user=user,
        role=Role.EDITOR,
        scope_type=ContentType.objects.get_for_model(municipality),
        scope_id=municipality.pk,
    )
    return user


@pytest.fixture
def halle_editor(registry_sample: frozenset[str]) -> User:
    return make_editor("editor@halle.example", HALLE)


@pytest.fixture
def wittenberge_editor(registry_sample: frozenset[str]) -> User:
    return make_editor("editor@wittenberge.example", WITTENBERGE)


@pytest.fixture
def outsider(db: None) -> User:
    return User.objects.create_user("otto@example.org", PASSWORD, name="Otto Outsider")


@pytest.fixture
def coordinator(db: None) -> User:
    return User.objects.create_user("cora@example.org", PASSWORD, name="Cora", is_staff=True)


@pytest.fixture
def programme(coordinator: User, registry_sample: frozenset[str]) -> Programme:
    return create_programme(actor=coordinator, name="Kleinstadtakademie", slug="kleinstadtakademie", published=True)


@pytest.fixture
def meeting(coordinator: User, programme: Programme) -> Meeting:
    """The demo-like exchange meeting in Wittenberge, 24–25 April 2023."""
    return create_meeting(
        actor=coordinator,
        programme=programme,
        host_municipalities=[town(WITTENBERGE)],
        kind=MeetingKind.EXCHANGE_MEETING,
        title="Digitale Arbeitswelten: Erfahrungsaustausch in Wittenberge",
        starts_on=date(2023, 4, 24),
        ends_on=date(2023, 4, 25),
        published=True,
    )


@pytest.fixture
def practice(registry_sample: frozenset[str]) -> Practice:
    admin = User.objects.create_superuser("admin@example.org", PASSWORD, name="Admin")
    return create_practice(
        actor=admin,
        municipalities=[town(WITTENBERGE)],
        publish=True,
        title="summer of pioneers",
        summary="Coworking auf Probe in einer Kleinstadt.",
    )
