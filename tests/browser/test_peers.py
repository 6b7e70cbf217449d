from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations

WITTENBERGE = "DE-12070424"


def first_town(page: Page) -> str:
    return page.locator("table.peers tbody tr").first.get_by_role("rowheader").inner_text()


def test_from_the_town_page_to_a_changed_ranking(site: str, page: Page) -> None:
    page.goto(f"{site}/en/municipalities/{WITTENBERGE}/")
    assert axe_violations(page) == []  # the town page with its new link
    page.get_by_role("link", name="Find peers for Wittenberge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peers for Wittenberge")
    expect(page.get_by_role("table")).to_have_count(2)  # the ranking and what conditions compare
    assert first_town(page) == "Mölln"

    page.get_by_label("Weight of similar size").fill("0")
    page.get_by_label("Conditions", exact=True).select_option("different")
    page.get_by_label("Weight of conditions").fill("5")
    page.get_by_role("button", name="Find peers").click()

    expect(page).to_have_url(f"{site}/en/matching/peers/{WITTENBERGE}/?" + "&".join([
        "population_weight=0", "conditions=different", "conditions_weight=5", "topic=", "topic_weight=1",
        "distance=ignore", "distance_weight=1", "distance_scale_km=100", "country=same", "ties=ignore",
        "ties_weight=1", "offers_weight=1", "population_min=", "population_max=", "limit=20",
    ]))  # fmt: skip
    assert first_town(page) == "Halle"
    expect(page.get_by_label("Conditions", exact=True)).to_have_value("different")
    expect(page.get_by_role("columnheader", name="Conditions (weight 5)")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Size (weight 0)")).to_have_count(0)


def test_the_form_is_usable_by_keyboard_alone(site: str, page: Page) -> None:
    page.goto(f"{site}/en/matching/peers/{WITTENBERGE}/")
    page.get_by_label("Weight of similar size").focus()
    reached = []
    for _ in range(40):
        reached.append(page.evaluate("() => document.activeElement.name || document.activeElement.textContent"))
        if reached[-1] == "Find peers":
            break
        page.keyboard.press("Tab")
    assert reached[:3] == ["population_weight", "conditions", "conditions_weight"]
    assert {"topic", "distance", "country", "ties", "countries", "states", "population_max", "limit"} <= set(reached)
    assert reached[-1] == "Find peers"
    # Choose "far" with an arrow key, then submit from the focused number field with Enter.
    page.get_by_label("Distance", exact=True).focus()
    page.keyboard.press("ArrowUp")  # from "does not matter" (last) up to "prefer far"
    page.get_by_label("Weight of distance").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    expect(page.get_by_role("columnheader", name="Distance (weight 3)")).to_be_visible()
    expect(page.get_by_label("Distance", exact=True)).to_have_value("far")


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("query", ["", "?distance=near&ties=avoid&topic=&country=any", "?population_weight=-1"])
def test_the_peer_page_has_no_accessibility_violations(site: str, page: Page, lang: str, query: str) -> None:
    page.goto(f"{site}/{lang}/matching/peers/{WITTENBERGE}/{query}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("form.peer-form")).to_be_visible()
    assert axe_violations(page) == []


def test_the_page_works_without_javascript(site: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(f"{site}/en/matching/peers/{WITTENBERGE}/")
    page.get_by_label("Population up to").fill("15000")
    page.get_by_role("button", name="Find peers").click()
    populations = page.locator("table.peers tbody tr td.number:nth-child(5)").all_inner_texts()
    assert populations
    assert all(int(text.replace(",", "")) <= 15_000 for text in populations)
    context.close()


def test_on_a_phone_each_peer_is_a_card_of_named_values(site: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True, locale="en-GB")
    page = context.new_page()
    page.goto(f"{site}/en/matching/peers/{WITTENBERGE}/")
    row = page.locator("table.peers tbody tr").first
    town = row.get_by_role("rowheader").bounding_box()
    population = row.locator("td[data-label='Population']")
    size = row.locator("td[data-label='Size']")
    assert population.evaluate("cell => getComputedStyle(cell, '::before').content") == '"Population"'
    assert size.evaluate("cell => getComputedStyle(cell, '::before').content") == '"Size"'
    # The values stand one under another below the town's name, within the screen, with nothing to scroll.
    assert town is not None and (box := population.bounding_box()) is not None
    assert box["y"] >= town["y"] + town["height"] - 1 and box["x"] + box["width"] <= 390
    assert page.locator("table.peers").evaluate(
        "table => table.parentElement.scrollWidth <= table.parentElement.clientWidth"
    )
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    assert axe_violations(page) == []
    context.close()
