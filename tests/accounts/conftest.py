"""People and places for the account tests: personas with roles on real towns and an organisation."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import models
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.organisations.models import Organisation
from austausch.registry.models import Municipality

PASSWORD = "a long enough passphrase 42"
NEW_PASSWORD = "another long passphrase 77"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    # The production hasher takes a third of a second per password; the tests need hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def town(registry_sample: frozenset[str]) -> Municipality:
    return Municipality.objects.get(key="DE-12070424")  # Wittenberge


@pytest.fixture
def other_town(registry_sample: frozenset[str]) -> Municipality:
    return Municipality.objects.get(key="DE-15002000")  # Halle (Saale)


@pytest.fixture
def organisation(town: Municipality) -> Organisation:
    return Organisation.objects.create(
        name="Stadtverwaltung Wittenberge", kind="town_administration", sector="public_agency", municipality=town
    )


def grant(user: User, role: str, scope: models.Model) -> None:
    RoleAssignment.objects.create(
        user=user, role=role, scope_type=ContentType.objects.get_for_model(scope), scope_id=scope.pk
    )


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(name: str, *roles: tuple[str, models.Model], email: str = "", **fields: object) -> User:
        email = email or f"{name.split()[0].lower()}@example.org"
        user = User.objects.create_user(email, PASSWORD, name=name, **fields)
        for role, scope in roles:
            grant(user, role, scope)
        return user

    return make


@pytest.fixture
def editor(make_user: Callable[..., User], town: Municipality) -> User:
    """Edits the town of Wittenberge."""
    return make_user("Edda Editor", (Role.EDITOR, town))


@pytest.fixture
def coordinator(make_user: Callable[..., User], organisation: Organisation) -> User:
    """Coordinates the organisation (standing in for a programme until programmes exist)."""
    return make_user("Cora Coordinator", (Role.COORDINATOR, organisation))


@pytest.fixture
def participant(make_user: Callable[..., User], organisation: Organisation) -> User:
    return make_user("Paul Participant", (Role.PARTICIPANT, organisation), phone="+49 3877 555 01")


@pytest.fixture
def outsider(make_user: Callable[..., User], db: None) -> User:
    return make_user("Otto Outsider")


@pytest.fixture
def admin(db: None) -> User:
    return User.objects.create_superuser("admin@example.org", PASSWORD, name="Ada Admin")


def signed_in(user: User) -> Client:
    """A session as after a full sign-in: with an authenticator, its code was given too."""
    client = Client()
    client.force_login(user)
    if device := TOTPDevice.objects.filter(user=user, confirmed=True).first():
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def invitation_link(message: mail.EmailMessage) -> str:
    """The path of the sign-up link in an invitation e-mail."""
    match = re.search(r"https?://[^/\s]+(/\S+/accounts/invitation/\S+/)", str(message.body))
    assert match, message.body
    return match.group(1)


def current_code(device: TOTPDevice) -> str:
    """The code the person's app shows now. Forgets the last used step so a test may sign in twice."""
    device.refresh_from_db()
    device.last_t = -1
    device.save(update_fields=["last_t"])
    forget_failures(device)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def forget_failures(device: TOTPDevice) -> None:
    """django-otp refuses codes for a while after a wrong one; a test that goes on at once must wait or forget."""
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
