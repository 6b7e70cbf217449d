from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations

PAGES = [
    "/{lang}/",
    "/{lang}/municipalities/",
    "/{lang}/municipalities/?country=DE&size_class=Kleinstadt",
    "/{lang}/municipalities/DE-15002000/",
    "/{lang}/municipalities/US-1840002791/",
    "/{lang}/municipalities/Halle/",
    "/{lang}/municipalities/DE-99999999/",
    "/{lang}/about/data/",
]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_accessibility_violations(site: str, page: Page, lang: str, path: str) -> None:
    page.goto(site + path.format(lang=lang))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert axe_violations(page) == []


def test_typing_in_the_finder_shows_matching_towns(site: str, page: Page) -> None:
    page.goto(site + "/de/")
    page.get_by_label("Ort finden").press_sequentially("Diessen", delay=30)
    result = page.locator("#finder-results").get_by_role("link", name="Dießen am Ammersee")
    expect(result).to_be_visible()
    assert axe_violations(page) == []
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dießen am Ammersee")


def test_the_finder_works_without_javascript(site: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(site + "/en/")
    page.get_by_label("Find a town").fill("Moelln")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(f"{site}/en/municipalities/?q=Moelln")
    page.get_by_role("link", name="Mölln").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mölln")
    context.close()


def test_the_language_switch_keeps_the_page(site: str, page: Page) -> None:
    page.goto(site + "/de/municipalities/DE-12070424/")
    expect(page.get_by_role("heading", name="Eckdaten")).to_be_visible()
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{site}/en/municipalities/DE-12070424/")
    expect(page.get_by_role("heading", name="Key figures")).to_be_visible()


def test_the_list_filters_by_keyboard(site: str, page: Page) -> None:
    page.goto(site + "/en/municipalities/")
    page.get_by_label("Country").select_option("US")
    page.get_by_label("State").select_option("NJ")
    page.get_by_role("button", name="Show").press("Enter")
    expect(page.get_by_role("row", name="Newark")).to_be_visible()
    expect(page.get_by_role("row", name="Halle (Saale)")).to_have_count(0)


def test_the_axe_check_can_fail(site: str, page: Page) -> None:
    page.goto(site + "/en/")
    page.evaluate("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
    assert [violation["id"] for violation in axe_violations(page)] == ["image-alt"]
