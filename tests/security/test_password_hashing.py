"""Passwords are stored with Argon2id; those stored with PBKDF2 before still work and are stored anew."""

from __future__ import annotations

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.test import Client

from austausch.accounts.models import User
from tests.accounts.conftest import PASSWORD


def test_a_new_password_is_stored_with_argon2id_at_owasps_minimum(db: None) -> None:
    user = User.objects.create_user("new@example.org", PASSWORD, name="Nora New")
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


def test_a_password_stored_with_pbkdf2_signs_in_and_is_stored_anew_with_argon2id(db: None) -> None:
    user = User.objects.create_user("old@example.org", name="Otto Old")
    # Few iterations keep the test fast; the sign-in goes through the settings as shipped.
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "somesaltvalue", iterations=1000)
    user.save(update_fields=["password"])

    response = Client().post("/en/accounts/login/", {"username": user.email, "password": PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(PASSWORD)
