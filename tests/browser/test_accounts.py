"""Invitation → sign-up → sign-in → sign-out in a real browser, each page checked with axe."""

from __future__ import annotations

import re

from django.contrib.contenttypes.models import ContentType
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.registry.models import Municipality
from tests.browser.conftest import axe_violations

PASSWORD = "a long enough passphrase 42"


def make_editor() -> User:
    editor = User.objects.create_user("edda@example.org", PASSWORD, name="Edda Editor")
    town = Municipality.objects.get(key="DE-12070424")
    RoleAssignment.objects.create(
        user=editor, role=Role.EDITOR, scope_type=ContentType.objects.get_for_model(town), scope_id=town.pk
    )
    return editor


def sign_in(page: Page, site: str, email: str, lang: str = "de") -> None:
    page.goto(f"{site}/{lang}/accounts/login/")
    assert axe_violations(page) == []
    page.locator('input[name="username"]').fill(email)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator("main").get_by_role("button").click()


def sign_out(page: Page) -> None:
    page.get_by_role("banner").get_by_role("button").click()
    expect(page.get_by_role("banner")).not_to_contain_text("Edda Editor")


def test_invitation_sign_up_sign_in_and_out(site: str, page: Page) -> None:
    make_editor()
    sign_in(page, site, "edda@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihr Konto")
    assert axe_violations(page) == []

    invite_form = page.locator('form[action$="/accounts/profile/invite/"]')
    invite_form.get_by_label("E-Mail-Adresse der Person").fill("nele@example.org")
    invite_form.get_by_label("Als").select_option("participant")
    invite_form.get_by_role("button").click()
    expect(page.locator(".messages")).to_contain_text("nele@example.org")
    link = re.search(r"https?://\S+/accounts/invitation/\S+/", str(mail.outbox[-1].body))
    assert link
    sign_out(page)

    page.goto(link.group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihr Konto anlegen")
    assert axe_violations(page) == []
    page.get_by_label("Ihr Name").fill("Nele Neu")
    page.locator('input[name="password"]').fill("short")
    page.get_by_label("Passwort wiederholen").fill("short")
    page.locator("main").get_by_role("button").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert axe_violations(page) == []  # the page with its error messages, too
    page.locator('input[name="password"]').fill(PASSWORD)
    page.get_by_label("Passwort wiederholen").fill(PASSWORD)
    page.locator("main").get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihr Konto")
    expect(page.locator("main")).to_contain_text("Teilnehmer")
    page.get_by_role("banner").get_by_role("button").click()
    expect(page.get_by_role("banner")).not_to_contain_text("Nele Neu")

    sign_in(page, site, "nele@example.org", lang="en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    assert axe_violations(page) == []
    page.get_by_role("banner").get_by_role("button").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_account_pages_have_no_accessibility_violations(site: str, page: Page) -> None:
    make_editor()
    for path in ("/en/accounts/password/reset/", "/en/accounts/invitation/unknown-token/"):
        page.goto(site + path)
        assert axe_violations(page) == [], path
    sign_in(page, site, "edda@example.org", lang="en")
    for path in ("/en/accounts/two-factor/", "/en/accounts/password/change/", "/en/accounts/profile/erase/"):
        page.goto(site + path)
        assert axe_violations(page) == [], path


def test_sign_in_and_two_factor_set_up_work_under_the_real_content_security_policy(site: str, browser: Browser) -> None:
    make_editor()
    context = browser.new_context(locale="en-GB")  # CSP enforced
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security" in message.text else None)
    page.goto(site + "/en/accounts/login/")
    page.locator('input[name="username"]').fill("edda@example.org")
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator("main").get_by_role("button").click()
    page.goto(site + "/en/accounts/two-factor/")
    qr_code = page.locator("img.qr-code")
    expect(qr_code).to_be_visible()
    assert qr_code.evaluate("image => image.naturalWidth") > 0
    assert violations == []
    context.close()
