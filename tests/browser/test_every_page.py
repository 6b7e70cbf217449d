"""Every page in `pages.PAGES`, in German and English, on a phone (390×844) and a desktop (1280×800): no
sideways scrolling and no axe-core violation of WCAG 2.1 AA."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from playwright.sync_api import Browser

from austausch.accounts.models import User
from tests.browser.conftest import axe_violations
from tests.browser.pages import ADMIN, PAGES, build_world
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

    write_sample(tmp_path, SAMPLE_NAMES | DEMO_TOWN_NAMES)
    import_registry(directory=tmp_path)
    return {"site": str(live_server.url), **build_world()}


def test_every_page_fits_a_phone_and_a_desktop_without_accessibility_violations(world: dict, browser: Browser) -> None:
    client = Client()
    client.force_login(User.objects.get(pk=world["admin"]))
    session = client.cookies["sessionid"].value
    problems = []
    for viewer in ("anyone", ADMIN):
        for size, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport, bypass_csp=True)  # type: ignore[arg-type]
            if viewer == ADMIN:
                context.add_cookies([{"name": "sessionid", "value": session, "url": world["site"]}])
            page = context.new_page()
            for entry in PAGES:
                if entry.address is None or entry.viewer != viewer:
                    continue
                for lang in ("de", "en"):
                    address = entry.address.format(lang=lang, **world)
                    response = page.goto(world["site"] + address)
                    where = f"{entry.name} {address} {size}"
                    if response is None or response.status >= 500:
                        problems.append(f"{where}: status {response and response.status}")
                        continue
                    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
                    if width[0] > width[1]:
                        problems.append(f"{where}: {width[0]} px wide in {width[1]}")
                    violations = axe_violations(page)
                    if violations:
                        problems.append(f"{where}: {violations}")
            context.close()
    assert problems == []
