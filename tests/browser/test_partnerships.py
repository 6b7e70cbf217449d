"""Partnerships on the town pages, and a town editor adding and ending one, in Chromium with axe."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations
from tests.conftest import SAMPLE_NAMES
from tests.registry.conftest import PARTNER_NAMES
from tests.registry.datasets import write_sample


@pytest.fixture
def twinned_site(live_server, transactional_db: None, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    from austausch.registry.services import import_registry
    from austausch.registry.twinnings import import_twinnings

    write_sample(tmp_path, SAMPLE_NAMES | PARTNER_NAMES)
    import_registry(directory=tmp_path)
    import_twinnings(directory=tmp_path)
    return str(live_server.url)


@pytest.fixture
def editor_page(twinned_site: str, browser: Browser) -> Page:
    from austausch.accounts.models import Role, RoleAssignment, User
    from austausch.registry.models import Municipality

    editor = User.objects.create_user("wiebke@example.org", "a long enough passphrase 42", name="Wiebke")
    RoleAssignment.objects.create(
        user=editor,
        role=Role.EDITOR,
        scope_type=ContentType.objects.get_for_model(Municipality),
        scope_id=Municipality.objects.get(key="DE-12070424").pk,
    )
    client = Client()
    client.force_login(editor)
    context = browser.new_context(bypass_csp=True, locale="en-GB", viewport={"width": 390, "height": 844})
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": twinned_site}])
    return context.new_page()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_town_page_shows_the_partners_and_their_map(twinned_site: str, page: Page, lang: str) -> None:
    page.goto(f"{twinned_site}/{lang}/municipalities/DE-15002000/")
    table = page.locator("#partnerships-caption").locator("xpath=..")
    for name in ("Grenoble (FR)", "Savannah (US)", "Jiaxing (CN)"):
        expect(table.get_by_role("rowheader", name=name, exact=True)).to_be_visible()
    expect(page.locator(".partner-map svg")).to_be_visible()
    assert axe_violations(page) == []
    page.goto(f"{twinned_site}/{lang}/municipalities/DE-12070424/partnerships/")
    assert axe_violations(page) == []


def test_an_editor_adds_a_partnership_and_ends_another(twinned_site: str, editor_page: Page) -> None:
    page = editor_page
    page.goto(f"{twinned_site}/en/municipalities/DE-12070424/partnerships/")
    page.get_by_role("link", name="Add a partnership").click()
    page.get_by_label("Partner town in the registry").fill("Nowhereville")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("No town matches “Nowhereville”")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Partner town in the registry").fill("Halle (Saale)")
    page.get_by_label("Kind").select_option(label="Project partnership")
    page.get_by_label("Since (year)").fill("2019")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnerships of Wittenberge")
    expect(page.get_by_role("link", name="Halle (Saale)", exact=True)).to_be_visible()

    page.get_by_role("link", name="Change · Elmshorn", exact=True).click()
    page.get_by_label("Status").select_option("ended")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save").click()
    row = page.get_by_role("row").filter(has_text="Elmshorn")
    expect(row.get_by_text("ended")).to_be_visible()
    expect(page.get_by_text("registry.partnership.changed")).to_be_visible()
    assert axe_violations(page) == []
