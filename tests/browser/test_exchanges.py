"""From a peer to an exchange in Chromium: Wittenberge asks its first peer for a study visit on "Digitale
Arbeitswelten", the peer's editor finds it in the workspace and the mail and accepts with dates, and the
meeting shows on both towns' pages and calendars. Every page is checked with axe, in German and English."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.cache import cache
from django.utils import timezone, translation
from playwright.sync_api import Browser, Page, expect

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.exchanges.models import ExchangeRequest, RequestState
from austausch.knowledge.models import Topic
from austausch.registry.models import Municipality
from tests.browser.conftest import axe_violations
from tests.browser.test_accounts import PASSWORD, sign_in

WITTENBERGE = "DE-12070424"


def checked(page: Page) -> None:
    assert axe_violations(page) == [], page.url


def editor_of(town: Municipality, email: str, name: str) -> User:
    person = User.objects.create_user(email, PASSWORD, name=name)
    RoleAssignment.objects.create(
        user=person, role=Role.EDITOR, scope_type=ContentType.objects.get_for_model(town), scope_id=town.pk
    )
    return person


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_practitioner_asks_a_peer_for_a_study_visit_and_its_editor_accepts(
    site: str, page: Page, browser: Browser, lang: str
) -> None:
    cache.clear()  # town pages are cached per process; an earlier test may have rendered these
    wittenberge = Municipality.objects.get(key=WITTENBERGE)
    peer = Municipality.objects.filter(name="Mölln").order_by("-population").first()  # Wittenberge's first peer
    assert peer is not None
    editor_of(wittenberge, "wanda@wittenberge.example", "Wanda Wittenberge")
    editor = editor_of(peer, "mia@moelln.example", "Mia Mölln")
    topic = Topic.objects.create(
        slug="digitale-arbeitswelten",
        # A transactional test empties the tables, topics from the data migration included.
        parent=Topic.objects.get_or_create(
            slug="future-of-work", defaults={"label_de": "Zukunft der Arbeit", "label_en": "Future of work"}
        )[0],
        label_de="Digitale Arbeitswelten",
        label_en="Digital workplaces",
    )

    # The practitioner of Wittenberge finds the peer and asks it.
    sign_in(page, site, "wanda@wittenberge.example", lang)
    page.goto(f"{site}/{lang}/matching/peers/{WITTENBERGE}/")
    checked(page)
    first_row = page.locator("table.peers tbody tr").first
    expect(first_row.get_by_role("rowheader")).to_have_text("Mölln")
    first_row.locator(f'a[href$="/exchanges/ask/town/{peer.key}/"]').click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mölln")
    checked(page)
    first = timezone.localdate() + timedelta(days=30)
    page.locator('input[name="kind"][value="study_visit"]').check()
    page.locator('select[name="topic"]').select_option(str(topic.pk))
    expect(page.locator('select[name="requester_municipality"]')).to_have_value(str(wittenberge.pk))
    page.locator('textarea[name="message"]').fill("Wie haben Sie das Coworking im Bahnhof aufgebaut?")
    page.locator('input[name="proposed_from"]').fill(first.isoformat())
    page.locator('input[name="proposed_to"]').fill((first + timedelta(days=1)).isoformat())
    page.locator('input[name="delegation"]').fill("Bürgermeister und Wirtschaftsförderung")
    page.locator("main form").get_by_role("button").click()
    exchange = ExchangeRequest.objects.get()
    expect(page).to_have_url(f"{site}/{lang}/exchanges/{exchange.pk}/")
    checked(page)

    # The peer's editor has the mail, and the request waits in the workspace.
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert f"/exchanges/{exchange.pk}/" in mail.outbox[0].body
    assert "wanda@wittenberge.example" not in mail.outbox[0].body
    other = browser.new_context(bypass_csp=True, locale="de-DE").new_page()
    sign_in(other, site, editor.email, lang)
    other.goto(f"{site}/{lang}/workspace/")
    checked(other)
    other.locator(f'main a[href$="/exchanges/{exchange.pk}/"]').first.click()
    expect(other.locator("main")).to_contain_text("Wie haben Sie das Coworking im Bahnhof aufgebaut?")
    checked(other)

    # It accepts with dates: the visit becomes a meeting of both towns.
    visit = first + timedelta(days=7)
    other.locator('input[name="starts_on"]').fill(visit.isoformat())
    other.locator('input[name="ends_on"]').fill((visit + timedelta(days=1)).isoformat())
    other.locator('button[formaction$="/accept/"]').click()
    expect(other.locator("main dl")).to_contain_text(re.compile("Terminiert|Scheduled"))
    checked(other)
    exchange.refresh_from_db()
    assert exchange.state == RequestState.SCHEDULED and exchange.meeting is not None
    title = exchange.meeting.title
    for town in (wittenberge, peer):
        page.goto(f"{site}/{lang}/municipalities/{town.key}/")
        expect(page.locator("main")).to_contain_text(title)
        checked(page)
        calendar = page.request.get(f"{site}/calendar/towns/{town.key}.ics").text()
        assert title in calendar.replace("\r\n ", "")
    page.goto(f"{site}/{lang}/exchanges/")
    checked(page)
    with translation.override(lang):
        expect(page.locator("main")).to_contain_text(str(exchange.get_state_display()))
    other.context.close()
