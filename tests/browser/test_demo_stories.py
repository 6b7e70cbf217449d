"""The demo's programmes read in the reader's language, in Chromium, with an axe check."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

from tests.browser.conftest import axe_violations
from tests.demo.towns import DEMO_TOWN_NAMES
from tests.registry.datasets import write_sample


@pytest.fixture
def demo_site(live_server, transactional_db: None, tmp_path: Path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    from austausch.registry.services import import_registry

    write_sample(tmp_path, DEMO_TOWN_NAMES)
    import_registry(directory=tmp_path)
    call_command("demo", stdout=StringIO())
    yield str(live_server.url)


def test_a_reader_of_the_english_pages_reads_the_programme_in_english(demo_site: str, page: Page) -> None:
    page.goto(f"{demo_site}/en/programmes/kleinstadtakademie/")
    assert page.locator("h1").inner_text() == "Kleinstadtakademie (Small Town Academy)"
    summary = page.locator(".prose").first.inner_text()
    assert "27 small towns, six lead towns." in summary and "Kleinstädte" not in summary
    assert axe_violations(page) == []

    page.goto(f"{demo_site}/de/programmes/kleinstadtakademie/")
    assert page.locator("h1").inner_text() == "Kleinstadtakademie"
    assert "27 Kleinstädte, sechs Leitkommunen." in page.locator(".prose").first.inner_text()
