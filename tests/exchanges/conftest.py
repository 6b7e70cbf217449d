from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.knowledge.models import Topic
from austausch.registry.models import Municipality

PASSWORD = "a long enough passphrase 42"
WITTENBERGE, DARMSTADT = "DE-12070424", "DE-06411000"


@pytest.fixture(autouse=True)
def fresh_page_cache() -> None:
    """Town pages are cached per process; each test starts without what an earlier one rendered."""
    cache.clear()


@pytest.fixture(autouse=True)
def english(default_language: None) -> None:
    """Services speak English here, so that the tests read the messages as written."""
    translation.activate("en")


def editor_of(town: Municipality, email: str, name: str) -> User:
    person = User.objects.create_user(email, PASSWORD, name=name)
    RoleAssignment.objects.create(
        user=person, role=Role.EDITOR, scope_type=ContentType.objects.get_for_model(town), scope_id=town.pk
    )
    return person


@pytest.fixture
def wittenberge(registry_sample: frozenset[str]) -> Municipality:
    return Municipality.objects.get(key=WITTENBERGE)


@pytest.fixture
def darmstadt(registry_sample: frozenset[str]) -> Municipality:
    return Municipality.objects.get(key=DARMSTADT)


@pytest.fixture
def asker(wittenberge: Municipality) -> User:
    """A practitioner of Wittenberge, who edits its pages."""
    return editor_of(wittenberge, "wanda@wittenberge.example", "Wanda Wittenberge")


@pytest.fixture
def host_editor(darmstadt: Municipality) -> User:
    return editor_of(darmstadt, "dora@darmstadt.example", "Dora Darmstadt")


@pytest.fixture
def outsider(db: None) -> User:
    return User.objects.create_user("otto@example.org", PASSWORD, name="Otto Outsider")


@pytest.fixture
def topic(db: None) -> Topic:
    parent = Topic.objects.get(slug="future-of-work")
    return Topic.objects.create(
        slug="digitale-arbeitswelten", parent=parent, label_de="Digitale Arbeitswelten", label_en="Digital workplaces"
    )


def signed_in(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client
