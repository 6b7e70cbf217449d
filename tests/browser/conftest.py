"""Real Chromium (Debian's, at /usr/bin/chromium) driven by Playwright, with axe-core from npm."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, sync_playwright

AXE = settings.NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("AUSTAUSCH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Chromium's background services try to reach Google; this machine has no such network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent.name == "browser":
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(bypass_csp=True, locale="de-DE")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def site(live_server, transactional_db: None, sample_dataset: Path) -> str:  # type: ignore[no-untyped-def]
    """The platform served on a loopback port with the sample towns loaded."""
    from austausch.registry.services import import_registry

    import_registry(directory=sample_dataset)
    return str(live_server.url)


# Only the violations, summed up in the page: axe's passes and their HTML would otherwise cross to Python on
# every call, which took three quarters of the time of a run.
AXE_RUN = """() => axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
    resultTypes: ['violations'],
}).then(result => result.violations.map(violation => ({
    id: violation.id, help: violation.help, nodes: violation.nodes.map(node => node.target),
})))"""


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core against the page for WCAG 2.1 A and AA (and best practices); return its violations."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return list(page.evaluate(AXE_RUN))
