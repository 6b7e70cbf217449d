from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations
from tests.browser.test_accounts import PASSWORD


@pytest.fixture
def knowledge_site(site: str) -> Iterator[str]:
    """The sample towns plus the seed practices (full-text only: no vectors needed for the pages)."""
    from importlib import import_module

    from django.apps import apps

    from austausch.knowledge import embeddings
    from austausch.knowledge.importer import import_practices
    from austausch.knowledge.services import create_publication
    from tests.knowledge.conftest import SEED_PRACTICES

    # transactional_db empties every table between tests, the taxonomy of the data migration too.
    import_module("austausch.knowledge.migrations.0002_topics").seed(apps, None)
    embeddings.vectors.version = -1
    practices = import_practices(SEED_PRACTICES)
    create_publication(
        actor=None,
        title="Smart City in der sozialen Stadt",
        authors="Anna Beispiel",
        publisher="Friedrich-Ebert-Stiftung",
        url="https://example.org/smart-city.pdf",
        summary="Ergebnisse und **Handlungsempfehlungen** für Coworking und digitale Dienste.",
        practices=practices[:1],
    )
    yield site
    embeddings.vectors.version = -1


def expect_german_only_heading(page: Page, title: str, lang: str) -> None:
    """A title written only in German: as is on a German page, marked as German on an English one."""
    heading = page.get_by_role("heading", level=1)
    if lang == "de":
        expect(heading).to_have_text(title)
        expect(heading.locator(".text-language")).to_have_count(0)
    else:
        expect(heading).to_have_text(f"{title} (Deutsch)")
        expect(heading.locator('span[lang="de"]')).to_have_text(title)
        expect(heading.locator(".text-language")).to_have_text("(Deutsch)")


PAGES = [
    "/{lang}/knowledge/",
    "/{lang}/knowledge/?q=Coworking&country=DE",
    "/{lang}/knowledge/?q=Coworking",
    "/{lang}/knowledge/publications/",
    "/{lang}/knowledge/publications/?q=Coworking",
]


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
    assert practice.title_de and not practice.title_en  # written in German only
    expect_german_only_heading(page, practice.title_de, lang)
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


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_publication_page_has_no_accessibility_violations(knowledge_site: str, page: Page, lang: str) -> None:
    from austausch.knowledge.models import Publication

    publication = Publication.objects.get()
    page.goto(f"{knowledge_site}/{lang}/knowledge/publications/{publication.pk}/")
    assert publication.title_de and not publication.title_en  # written in German only
    expect_german_only_heading(page, publication.title_de, lang)
    expect(page.locator("main strong")).to_have_text("Handlungsempfehlungen")
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_an_editor_fills_in_the_practice_form_and_mends_its_errors(knowledge_site: str, page: Page, lang: str) -> None:
    from django.contrib.contenttypes.models import ContentType

    from austausch.accounts.models import Role, RoleAssignment, User
    from austausch.knowledge.models import Practice
    from austausch.organisations.models import Organisation
    from austausch.registry.models import Municipality
    from tests.browser.test_accounts import sign_in

    wittenberge = Municipality.objects.get(key="DE-12070424")
    town_hall = Organisation.objects.create(
        name="Stadtverwaltung Wittenberge", kind="town_administration", sector="public_agency", municipality=wittenberge
    )
    editor = User.objects.create_user("edda@example.org", PASSWORD, name="Edda Editor")
    RoleAssignment.objects.create(
        user=editor,
        role=Role.EDITOR,
        scope_type=ContentType.objects.get_for_model(wittenberge),
        scope_id=wittenberge.pk,
    )
    sign_in(page, knowledge_site, "edda@example.org", lang)
    page.goto(f"{knowledge_site}/{lang}/knowledge/practices/new/")
    assert axe_violations(page) == []

    # Each text has a field per language, the page's language first: the editor writes in that one.
    page.locator(f'input[name="title_{lang}"]').fill("Rathaus-Chatbot")
    page.locator(f'textarea[name="summary_{lang}"]').fill("Ein Chatbot beantwortet Fragen zu Terminen.")
    page.locator('input[name="towns"]').fill("Wittenberge")
    page.locator('input[name="started_on"]').fill("2024-05-01")
    page.locator('input[name="ended_on"]').fill("2024-01-01")
    page.locator(f'input[name="organisations"][value="{town_hall.pk}"]').check()
    page.locator('input[name="contacts-0-role"]').fill("Digitalbeauftragte")
    page.locator('input[name="contacts-0-channel"]').fill("Erika Mustermann")
    page.locator('input[name="links-0-title"]').fill("Projektseite")
    page.locator('input[name="links-0-url"]').fill("https://example.org/chatbot")
    page.locator('button[value="draft"]').click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator('input[name="contacts-0-channel"]')).to_have_attribute("aria-invalid", "true")
    expect(page.locator('input[name="ended_on"]')).to_have_attribute("aria-invalid", "true")
    assert axe_violations(page) == []
    assert not Practice.objects.filter(title="Rathaus-Chatbot").exists()

    page.locator('input[name="ended_on"]').fill("2024-12-31")
    page.locator('input[name="contacts-0-channel"]').fill("digital@wittenberge.example")
    page.locator('button[value="draft"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rathaus-Chatbot")
    expect(page.get_by_role("link", name="digital@wittenberge.example")).to_be_visible()
    assert axe_violations(page) == []
    practice = Practice.objects.get(title="Rathaus-Chatbot")
    page.goto(f"{knowledge_site}/{lang}/knowledge/practices/{practice.pk}/edit/")
    expect(page.locator('input[name="contacts-0-role"]')).to_have_value("Digitalbeauftragte")
    assert axe_violations(page) == []


def test_results_follow_the_query_as_one_types(knowledge_site: str, browser: Browser) -> None:
    # The site's own Content Security Policy stays on: htmx must work under it.
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(knowledge_site + "/en/knowledge/")
    page.get_by_label("Search practices").press_sequentially("coworking", delay=20)
    expect(page.locator("#knowledge-results mark").first).to_have_text("Coworking")
    expect(page.locator("#knowledge-count")).to_contain_text("for “coworking”")
    expect(page).to_have_url(re.compile(r"/en/knowledge/\?q=coworking"))
    expect(page.locator("#publications-heading")).to_be_visible()
    expect(page.get_by_label("Search practices")).to_be_focused()
    context.close()
