from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.contenttypes.models import ContentType

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.organisations.models import Organisation
from austausch.registry.models import Municipality

PASSWORD = "a long enough passphrase 42"


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(name: str, *roles: tuple[str, object]) -> User:
        user = User.objects.create_user(f"{name.lower()}@example.org", PASSWORD, name=name)
        for role, scope in roles:
            RoleAssignment.objects.create(
                user=user, role=role, scope_type=ContentType.objects.get_for_model(scope), scope_id=scope.pk
            )
        return user

    return make


@pytest.fixture
def organisation(registry_sample: frozenset[str]) -> Organisation:
    return Organisation.objects.create(
        name="Stadtverwaltung Wittenberge",
        kind="town_administration",
        sector="public_agency",
        municipality=Municipality.objects.get(key="DE-12070424"),
    )


@pytest.fixture
def owner(make_user: Callable[..., User], organisation: Organisation) -> User:
    """Editor of the organisation."""
    return make_user("Owner", (Role.EDITOR, organisation))


@pytest.fixture
def member(make_user: Callable[..., User], organisation: Organisation) -> User:
    """Belongs to the organisation as a participant, but does not edit it."""
    return make_user("Member", (Role.PARTICIPANT, organisation))


@pytest.fixture
def outsider(make_user: Callable[..., User], organisation: Organisation) -> User:
    """Editor of another town: signed in, with roles, none of them here."""
    return make_user("Outsider", (Role.EDITOR, Municipality.objects.get(key="DE-15002000")))


@pytest.fixture
def town_editor(make_user: Callable[..., User], organisation: Organisation) -> User:
    return make_user("Towneditor", (Role.EDITOR, organisation.municipality))
