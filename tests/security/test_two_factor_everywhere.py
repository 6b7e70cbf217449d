"""Staff with an authenticator cannot reach anything with the password alone, whichever door they use."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from austausch.accounts.models import User
from austausch.organisations.models import Organisation
from tests.accounts.conftest import PASSWORD, current_code

# Pages only staff may open (here as a platform admin, who holds every right), the admin included.
STAFF_PAGES = [
    "/en/accounts/profile/",
    "/en/programmes/new/",
    "/en/matching/plans/",
    "/en/radar/",
    "/en/citizens/moderation/",
    "/en/knowledge/practices/new/",
    "/admin/",
    "/admin/knowledge/topic/",
    "/admin/organisations/organisation/",
]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def protected_admin(registry_sample: frozenset[str]) -> User:
    """A platform admin (Django staff and superuser) who has turned on two-factor sign-in."""
    admin = User.objects.create_superuser("admin@example.org", PASSWORD, name="Ada Admin")
    TOTPDevice.objects.create(user=admin, name="authenticator app", confirmed=True)
    return admin


def password_at_the_admin_login(admin: User) -> Client:
    client = Client()
    client.post("/admin/login/?next=/admin/", {"username": admin.email, "password": PASSWORD})
    return client


def password_at_the_platform_login(admin: User) -> Client:
    client = Client()
    client.post("/en/accounts/login/", {"username": admin.email, "password": PASSWORD})
    return client


def session_without_the_code(admin: User) -> Client:
    """A session opened with the password alone, as any form without a second step would open it."""
    client = Client()
    client.force_login(admin)
    return client


def both_steps(admin: User) -> Client:
    client = Client()
    client.post("/en/accounts/login/", {"username": admin.email, "password": PASSWORD})
    device = TOTPDevice.objects.get(user=admin)
    client.post("/en/accounts/login/code/", {"otp_token": current_code(device)})
    return client


def api_write(client: Client) -> int:
    client.get("/en/")  # a page sets the CSRF cookie, as a browser would have it
    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else ""
    response = client.post(
        "/api/v1/organisations",
        {
            "name": "Bürgerstiftung Wittenberge",
            "kind": "foundation",
            "sector": "nonprofit",
            "municipality": "DE-12070424",
        },
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    return response.status_code


@pytest.mark.parametrize(
    "sign_in", [password_at_the_admin_login, password_at_the_platform_login, session_without_the_code]
)
def test_the_password_alone_opens_no_staff_page_no_admin_and_no_api_write(protected_admin: User, sign_in: Any) -> None:
    client = sign_in(protected_admin)
    for path in STAFF_PAGES:
        response = client.get(path)
        assert response.status_code in (302, 403), path
        if response.status_code == 302:
            assert "/login/" in response["Location"], path
    assert api_write(client) in (401, 403)
    assert not Organisation.objects.exists()


def test_with_the_code_every_staff_page_the_admin_and_the_api_write_open(protected_admin: User) -> None:
    """The check above can fail: the same pages and the same write work after both steps."""
    client = both_steps(protected_admin)
    for path in STAFF_PAGES:
        assert client.get(path).status_code == 200, path
    assert api_write(client) == 201
    assert Organisation.objects.filter(name="Bürgerstiftung Wittenberge").exists()


def test_the_admin_login_sends_people_to_the_sign_in_with_its_second_step(protected_admin: User) -> None:
    response = Client().get("/admin/login/?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/login/?next=%2Fadmin%2Faccounts%2Fuser%2F")


def test_staff_without_an_authenticator_still_sign_in_with_the_password(registry_sample: frozenset[str]) -> None:
    admin = User.objects.create_superuser("ada@example.org", PASSWORD, name="Ada Admin")
    client = password_at_the_platform_login(admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/en/accounts/profile/").status_code == 200
