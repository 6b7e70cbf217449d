"""The client's address comes from X-Forwarded-For only through the proxies we trust."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory

from austausch.accounts.models import User
from austausch.settings import envnetworks
from austausch.web.client import client_address
from tests.accounts.conftest import PASSWORD

PROXY = "10.0.0.2"


@pytest.fixture
def behind_proxy(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "127.0.0.1"]


def address(remote: str, forwarded: str | None = None) -> str:
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))


def test_without_trusted_proxies_the_header_is_ignored(settings: Any) -> None:
    settings.TRUSTED_PROXIES = []
    assert address("198.51.100.7", "203.0.113.9") == "198.51.100.7"


@pytest.mark.usefixtures("behind_proxy")
def test_through_a_trusted_proxy_the_address_it_appended_counts() -> None:
    assert address(PROXY, "203.0.113.9") == "203.0.113.9"
    # Whatever the client wrote into the header itself stands left of what our proxy appended.
    assert address(PROXY, "1.2.3.4, 203.0.113.9") == "203.0.113.9"
    assert address(PROXY, "garbage, 203.0.113.9") == "203.0.113.9"


@pytest.mark.usefixtures("behind_proxy")
def test_a_chain_of_trusted_proxies_is_walked_back_to_the_client() -> None:
    assert address(PROXY, "1.2.3.4, 203.0.113.9, 10.0.0.7") == "203.0.113.9"
    assert address(PROXY, "[2001:db8::1]:4711") == "2001:db8::1"


@pytest.mark.usefixtures("behind_proxy")
def test_a_client_that_reaches_the_server_directly_cannot_choose_its_address() -> None:
    assert address("198.51.100.7", "203.0.113.9") == "198.51.100.7"


@pytest.mark.usefixtures("behind_proxy")
def test_a_trusted_proxy_without_the_header_is_the_client() -> None:
    assert address(PROXY) == PROXY


def test_a_mistyped_proxy_list_stops_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUSTAUSCH_TRUSTED_PROXIES", "10.0.0.0/24, 10.0.0.300")
    with pytest.raises(ImproperlyConfigured, match=r"10\.0\.0\.300"):
        envnetworks("AUSTAUSCH_TRUSTED_PROXIES")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.usefixtures("behind_proxy")
def test_behind_the_proxy_one_visitors_wrong_passwords_lock_out_no_other_visitor(db: None) -> None:
    """Every request comes from the proxy; the lock-out still falls on the one who guessed."""
    owner = User.objects.create_user("owner@example.org", PASSWORD, name="Olga Owner")

    def sign_in(password: str, client: str) -> int:
        response = Client().post(
            "/en/accounts/login/",
            {"username": owner.email, "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=client,
        )
        return response.status_code

    for _attempt in range(4):
        assert sign_in("wrong password", client="203.0.113.9") == 200
    assert sign_in("wrong password", client="203.0.113.9") == 429  # the fifth locks that address out
    assert sign_in(PASSWORD, client="203.0.113.9") == 429
    assert sign_in(PASSWORD, client="198.51.100.7") == 302
