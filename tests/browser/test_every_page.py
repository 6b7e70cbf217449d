"""Every page in `pages.PAGES`, in German and English, on a phone (390×844) and a desktop (1280×800): no
sideways scrolling, no table cut off (one wider than its place scrolls inside a labelled region), and no
axe-core violation of WCAG 2.1 AA."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from playwright.sync_api import Browser, Page

from austausch.accounts.models import User
from tests.browser.conftest import AXE, axe_violations
from tests.browser.pages import ADMIN, ANYONE, PAGES, build_world
from tests.conftest import SAMPLE_NAMES
from tests.demo.towns import DEMO_TOWN_NAMES
from tests.registry.datasets import write_sample

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


def pattern_names(patterns: list, namespace: str = "") -> set[str]:
    """Every pattern's name (namespaced) in the URLconf; a whole namespace the table waves through is `ns:*`."""
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in {"admin", "api"}:
                names.add(f"{pattern.namespace}:*")
                continue
            names |= pattern_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            names.add(namespace + (pattern.name or str(pattern.pattern)))
    return names


def test_every_url_pattern_has_an_entry_in_the_list_of_pages() -> None:
    listed = {entry.name for entry in PAGES}
    assert sorted(pattern_names(get_resolver().url_patterns) - listed) == []


def test_every_entry_names_a_pattern_of_the_project() -> None:
    listed = {entry.name for entry in PAGES}
    assert sorted(listed - pattern_names(get_resolver().url_patterns)) == []


def test_the_list_check_sees_a_pattern_without_an_entry() -> None:
    from django.urls import path

    extra = [path("new-page/", lambda request: None, name="new-page")]
    assert "new-page" in pattern_names(extra) - {entry.name for entry in PAGES}


@pytest.fixture
def world(live_server, transactional_db: None, tmp_path: Path) -> dict:  # type: ignore[no-untyped-def]
    from austausch.registry.services import import_registry
    from austausch.registry.twinnings import import_twinnings

    write_sample(tmp_path, SAMPLE_NAMES | DEMO_TOWN_NAMES)
    import_registry(directory=tmp_path)
    import_twinnings(directory=tmp_path)
    world = {"site": str(live_server.url), **build_world()}
    client = Client()
    client.force_login(User.objects.get(pk=world["admin"]))
    return {**world, "session": client.cookies["sessionid"].value}


# The captions (or openings) of tables wider than their place that are not inside a labelled region which
# scrolls sideways: such a table is cut off, or widens the page.
CUT_OFF_TABLES = """() => [...document.querySelectorAll('table')].filter(table => {
  if (table.scrollWidth <= table.parentElement.clientWidth + 1) return false;
  const region = table.closest('[role=region]');
  return !(region && getComputedStyle(region).overflowX === 'auto'
           && (region.hasAttribute('aria-label') || region.hasAttribute('aria-labelledby')));
}).map(table => (table.caption ? table.caption.textContent : table.outerHTML).trim().slice(0, 60))"""


def visit(page: Page, site: str, address: str, where: str) -> list[str]:
    """The problems of one page: a server error, sideways scrolling, axe-core's violations."""
    response = page.goto(site + address)
    if response is None or response.status >= 500:
        return [f"{where}: status {response and response.status}"]
    problems = []
    width, room = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if width > room:
        problems.append(f"{where}: {width} px wide in {room}")
    if tables := page.evaluate(CUT_OFF_TABLES):
        problems.append(f"{where}: tables cut off or widening the page: {tables}")
    if violations := axe_violations(page):
        problems.append(f"{where}: {violations}")
    return problems


def test_every_page_fits_a_phone_and_a_desktop_without_accessibility_violations(world: dict, browser: Browser) -> None:
    problems = []
    for size, viewport in VIEWPORTS.items():
        # One context per width: axe comes with every page it loads, and the platform admin's pages come after
        # everyone's, once the context holds the admin's session.
        context = browser.new_context(viewport=viewport, bypass_csp=True)  # type: ignore[arg-type]
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        for viewer in (ANYONE, ADMIN):
            if viewer == ADMIN:
                context.add_cookies([{"name": "sessionid", "value": world["session"], "url": world["site"]}])
            for entry in PAGES:
                if entry.address is None or entry.viewer != viewer:
                    continue
                for lang in ("de", "en"):
                    address = entry.address.format(lang=lang, **world)
                    problems += visit(page, world["site"], address, f"{entry.name} {address} {size}")
        context.close()
    assert not problems, "\n".join(problems)
