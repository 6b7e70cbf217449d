from __future__ import annotations

import re
from datetime import timedelta

import time_machine
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.utils import timezone

from austausch.accounts.models import User
from austausch.audit.models import AuditEntry
from tests.accounts.conftest import NEW_PASSWORD, PASSWORD, signed_in


def sign_in(client: Client, email: str, password: str, **extra: str) -> object:
    return client.post("/en/accounts/login/", {"username": email, "password": password}, **extra)


def test_signing_in_with_e_mail_and_password_leads_to_the_profile(outsider: User) -> None:
    client = Client()
    page = client.get("/en/accounts/login/")
    assert 'name="username"' in page.text
    assert 'autocomplete="email"' in page.text
    response = sign_in(client, "  Otto@Example.org ", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/profile/"
    assert client.get("/en/accounts/profile/").context["user"] == outsider


def test_a_wrong_password_is_refused_with_a_message(outsider: User) -> None:
    response = sign_in(Client(), outsider.email, "not the password at all")
    assert response.status_code == 200
    assert "Please enter a correct e-mail address and password" in response.text


def test_an_inactive_account_cannot_sign_in(outsider: User) -> None:
    User.objects.filter(pk=outsider.pk).update(is_active=False)
    assert sign_in(Client(), outsider.email, PASSWORD).status_code == 200


def test_signing_out_takes_a_post_and_ends_the_session(outsider: User) -> None:
    client = signed_in(outsider)
    assert client.get("/en/accounts/logout/").status_code == 405
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/en/accounts/profile/")["Location"].startswith("/en/accounts/login/")


def test_password_reset_sends_a_link_that_sets_a_new_password(outsider: User) -> None:
    client = Client()
    assert "Reset your password" in client.get("/en/accounts/password/reset/").text
    response = client.post("/en/accounts/password/reset/", {"email": "OTTO@example.org"})
    assert response["Location"] == "/en/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [outsider.email]
    assert mail.outbox[0].subject == "A new password for Austausch"
    link = re.search(r"http://testserver(/en/accounts/password/reset/\S+/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form_page = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form_page.text
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == "/en/accounts/password/reset/done/"
    assert sign_in(Client(), outsider.email, NEW_PASSWORD).status_code == 302
    assert sign_in(Client(), outsider.email, PASSWORD).status_code == 200
    assert AuditEntry.objects.filter(action="accounts.user.password_reset", target_id=str(outsider.pk)).exists()
    # The link works once.
    assert "not valid any more" in client.get(link.group(1), follow=True).text


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(db: None) -> None:
    response = Client().post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/en/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_password_change_checks_the_old_one_and_the_rules(outsider: User) -> None:
    client = signed_in(outsider)
    wrong = client.post(
        "/en/accounts/password/change/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert "Your old password was entered incorrectly" in wrong.text
    short = client.post(
        "/en/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": "short1", "new_password2": "short1"},
    )
    assert "at least 12 characters" in short.text
    changed = client.post(
        "/en/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert changed["Location"] == "/en/accounts/profile/"
    assert client.get("/en/accounts/profile/").status_code == 200  # still signed in
    assert sign_in(Client(), outsider.email, NEW_PASSWORD).status_code == 302


def test_the_fifth_wrong_password_from_one_address_is_answered_429(outsider: User) -> None:
    for _attempt in range(5):
        response = sign_in(Client(), outsider.email, "wrong password", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    locked = sign_in(Client(), outsider.email, PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert locked.status_code == 429
    assert "Too many attempts" in locked.text
    assert "Reset your password" in locked.text
    assert AccessAttempt.objects.filter(username=outsider.email, ip_address="203.0.113.9").exists()


def test_a_stranger_cannot_lock_the_owner_out_of_an_account(outsider: User) -> None:
    for _attempt in range(10):
        sign_in(Client(), outsider.email, "wrong password", REMOTE_ADDR="203.0.113.9")
    # The owner, from their own address, signs in as usual; the stranger's address stays locked.
    assert sign_in(Client(), outsider.email, PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302
    assert sign_in(Client(), outsider.email, PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 429


def test_a_lock_out_lifts_after_a_quarter_of_an_hour(outsider: User) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _attempt in range(5):
            sign_in(Client(), outsider.email, "wrong password", REMOTE_ADDR="203.0.113.9")
        assert sign_in(Client(), outsider.email, PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 429
        traveller.shift(timedelta(minutes=16))
        assert sign_in(Client(), outsider.email, PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 302


def test_the_lock_out_page_speaks_german(outsider: User) -> None:
    for _attempt in range(6):
        response = Client().post("/de/accounts/login/", {"username": outsider.email, "password": "falsch"})
    assert response.status_code == 429
    assert "Zu viele Versuche" in response.text
