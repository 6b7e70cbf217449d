from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations


@pytest.fixture
def knowledge_site(site: str) -> Iterator[str]:
    """The sample towns plus the seed practices (full-text only: no vectors needed for the pages)."""
    from importlib import import_module

    from django.apps import apps

    from austausch.knowledge import embeddings
    from austausch.knowledge.importer import import_practices
    from tests.knowledge.conftest import SEED_PRACTICES

    # transactional_db empties every table between tests, the taxonomy of the data migration too.
    import_module("austausch.knowledge.migrations.0002_topics").seed(apps, None)
    embeddings.vectors.version = -1
    import_practices(SEED_PRACTICES)
    yield site
    embeddings.vectors.version = -1


PAGES = ["/{lang}/knowledge/", "/{lang}/knowledge/?q=Coworking&country=DE", "/{lang}/knowledge/publications/"]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_knowledge_pages_have_no_accessibility_violations(
    knowledge_site: str, page: Page, lang: str, path: str
) -> None:
    page.goto(knowledge_site + path.format(lang=lang))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_practice_page_has_no_accessibility_violations(knowledge_site: str, page: Page, lang: str) -> None:
    from austausch.knowledge.models import Practice

    practice = Practice.objects.get(title__startswith="Digitale Arbeitswelten")
    page.goto(f"{knowledge_site}/{lang}/knowledge/practices/{practice.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(practice.title)
    assert axe_violations(page) == []


def test_search_and_facets_work_without_javascript(knowledge_site: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(knowledge_site + "/en/knowledge/")
    page.get_by_label("Search practices").fill("coworking")
    page.get_by_label("Country").select_option("DE")
    page.get_by_role("button", name="Search").click()
    expect(
        page.get_by_role("link", name="Digitale Arbeitswelten: Coworking im Bahnhof von Wittenberge")
    ).to_be_visible()
    expect(page.locator("mark").first).to_have_text("Coworking")
    context.close()
