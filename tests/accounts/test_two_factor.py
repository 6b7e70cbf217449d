from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from austausch.accounts.models import User
from austausch.audit.models import AuditEntry
from tests.accounts.conftest import PASSWORD, current_code, forget_failures, signed_in


@pytest.fixture
def protected_editor(editor: User) -> User:
    """An editor who has turned on two-factor sign-in."""
    TOTPDevice.objects.create(user=editor, name="authenticator app", confirmed=True)
    return editor


def password_step(client: Client, user: User) -> object:
    return client.post("/en/accounts/login/", {"username": user.email, "password": PASSWORD})


def test_the_setup_page_shows_a_qr_code_and_the_key_without_inline_styles(editor: User) -> None:
    response = signed_in(editor).get("/en/accounts/two-factor/")
    assert response.status_code == 200
    assert re.search(r'<img class="qr-code" src="data:image/svg\+xml[^"]+" alt="[^"]+">', response.text)
    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', response.text)
    assert secret
    assert len(secret.group(1).replace(" ", "")) == 32  # 20 random bytes in base32
    assert "style=" not in response.text
    assert "<script>" not in response.text


def test_a_wrong_code_does_not_turn_it_on(editor: User) -> None:
    client = signed_in(editor)
    client.get("/en/accounts/two-factor/")
    response = client.post("/en/accounts/two-factor/", {"otp_token": "000000"})
    assert "This code is not right" in response.text
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()


def test_confirming_with_the_current_code_turns_it_on(editor: User) -> None:
    client = signed_in(editor)
    client.get("/en/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=editor)
    response = client.post("/en/accounts/two-factor/", {"otp_token": current_code(device)})
    assert response["Location"] == "/en/accounts/profile/"
    assert TOTPDevice.objects.get(user=editor).confirmed
    assert AuditEntry.objects.filter(action="accounts.two_factor.enabled", target_id=str(editor.pk)).exists()
    assert "Two-factor sign-in is on" in client.get("/en/accounts/profile/").text


def test_participants_and_outsiders_cannot_set_it_up(participant: User, outsider: User) -> None:
    assert signed_in(participant).get("/en/accounts/two-factor/").status_code == 403
    assert signed_in(outsider).post("/en/accounts/two-factor/", {"otp_token": "123456"}).status_code == 403
    assert not TOTPDevice.objects.exists()


def test_platform_admins_may_set_it_up(admin: User) -> None:
    assert signed_in(admin).get("/en/accounts/two-factor/").status_code == 200


def test_with_a_device_the_password_alone_does_not_sign_in(protected_editor: User) -> None:
    client = Client()
    response = password_step(client, protected_editor)
    assert response["Location"] == "/en/accounts/login/code/"
    assert client.get("/en/accounts/profile/").status_code == 302  # not signed in yet
    assert "Sign-in code" in client.get("/en/accounts/login/code/").text


def test_the_right_code_completes_the_sign_in_as_a_verified_session(protected_editor: User) -> None:
    client = Client()
    password_step(client, protected_editor)
    device = TOTPDevice.objects.get(user=protected_editor)
    response = client.post("/en/accounts/login/code/", {"otp_token": current_code(device)})
    assert response["Location"] == "/en/accounts/profile/"
    assert client.get("/en/accounts/profile/").context["user"] == protected_editor
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_wrong_codes_are_refused_and_five_send_back_to_the_password(protected_editor: User) -> None:
    client = Client()
    password_step(client, protected_editor)
    first = client.post("/en/accounts/login/code/", {"otp_token": "000000"})
    assert "This code is not right" in first.text
    for _attempt in range(4):
        response = client.post("/en/accounts/login/code/", {"otp_token": "000000"})
    assert response["Location"] == "/en/accounts/login/"
    device = TOTPDevice.objects.get(user=protected_editor)
    assert client.post("/en/accounts/login/code/", {"otp_token": current_code(device)})["Location"] == (
        "/en/accounts/login/"
    )
    assert client.get("/en/accounts/profile/").status_code == 302


def test_the_code_step_without_the_password_step_goes_to_the_login(protected_editor: User) -> None:
    device = TOTPDevice.objects.get(user=protected_editor)
    response = Client().post("/en/accounts/login/code/", {"otp_token": current_code(device)})
    assert response["Location"] == "/en/accounts/login/"


def test_turning_it_off_needs_a_valid_code(protected_editor: User) -> None:
    client = signed_in(protected_editor)
    assert "Turn off two-factor sign-in" in client.get("/en/accounts/two-factor/").text
    wrong = client.post("/en/accounts/two-factor/off/", {"otp_token": "000000"})
    assert "This code is not right" in wrong.text
    assert TOTPDevice.objects.filter(user=protected_editor).exists()
    device = TOTPDevice.objects.get(user=protected_editor)
    assert client.post("/en/accounts/two-factor/off/", {"otp_token": current_code(device)}).status_code == 302
    assert not TOTPDevice.objects.filter(user=protected_editor).exists()
    assert AuditEntry.objects.filter(action="accounts.two_factor.disabled").exists()
    assert password_step(Client(), protected_editor)["Location"] == "/en/accounts/profile/"


def test_right_after_a_wrong_code_even_the_right_one_is_refused_for_a_moment(protected_editor: User) -> None:
    client = Client()
    password_step(client, protected_editor)
    client.post("/en/accounts/login/code/", {"otp_token": "000000"})
    device = TOTPDevice.objects.get(user=protected_editor)
    device.last_t = -1
    device.save(update_fields=["last_t"])
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    refused = client.post("/en/accounts/login/code/", {"otp_token": f"{code:06d}"})
    assert "This code is not right" in refused.text
    forget_failures(device)
    accepted = client.post("/en/accounts/login/code/", {"otp_token": current_code(device)})
    assert accepted["Location"] == "/en/accounts/profile/"
