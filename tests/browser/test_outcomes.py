"""An editor records a commitment after a demo-like meeting and posts an update; the public sees the new state.
Every page is checked with axe, in German and English."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from playwright.sync_api import Page, expect

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.outcomes.models import Commitment
from austausch.programmes.models import MeetingKind
from austausch.programmes.services.meetings import create_meeting
from austausch.programmes.services.programmes import create_programme
from austausch.registry.models import Municipality
from tests.browser.conftest import axe_violations
from tests.browser.test_accounts import PASSWORD, sign_in

WITTENBERGE = "DE-12070424"


def checked(page: Page) -> None:
    assert axe_violations(page) == [], page.url


def test_an_editor_records_a_commitment_posts_an_update_and_the_public_page_shows_it(site: str, page: Page) -> None:
    coordinator = User.objects.create_user("cora@example.org", PASSWORD, name="Cora Coordinator", is_staff=True)
    editor = User.objects.create_user("edda@example.org", PASSWORD, name="Edda Editor")
    wittenberge = Municipality.objects.get(key=WITTENBERGE)
    RoleAssignment.objects.create(
        user=editor,
        role=Role.EDITOR,
        scope_type=ContentType.objects.get_for_model(wittenberge),
        scope_id=wittenberge.pk,
    )
    programme = create_programme(
        actor=coordinator, name="Kleinstadtakademie", slug="kleinstadtakademie", published=True
    )
    meeting = create_meeting(
        actor=coordinator,
        programme=programme,
        host_municipalities=[wittenberge],
        kind=MeetingKind.EXCHANGE_MEETING,
        title="Digitale Arbeitswelten: Erfahrungsaustausch in Wittenberge",
        starts_on=date(2023, 4, 24),
        ends_on=date(2023, 4, 25),
        published=True,
    )

    sign_in(page, site, "edda@example.org")
    page.goto(f"{site}/de/outcomes/meetings/{meeting.pk}/")
    checked(page)
    page.get_by_role("link", name="Zusage aus diesem Treffen erfassen").click()
    checked(page)
    page.locator('input[name="town"]').fill("Wittenberge")
    page.locator('input[name="title_de"]').fill("Coworking Space im Bahnhofsempfangsgebäude")
    page.locator('input[name="owner_role"]').fill("Bauamt der Stadt Wittenberge")
    page.locator('input[name="due_on"]').fill((timezone.localdate() + timedelta(days=365)).isoformat())
    page.locator('textarea[name="success_indicator_de"]').fill("Der Coworking Space ist geöffnet.")
    page.locator("main form").get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Coworking Space im Bahnhofsempfangsgebäude")
    expect(page.locator("[data-state]")).to_have_text("Geplant")
    checked(page)
    commitment = Commitment.objects.get()
    assert commitment.meeting == meeting and commitment.programme == programme

    page.get_by_role("link", name="Neuigkeit veröffentlichen").click()
    checked(page)
    page.locator('textarea[name="text"]').fill("Der Bauantrag ist **genehmigt**.")
    page.locator('select[name="new_state"]').select_option("in_progress")
    page.locator('input[name="link"]').fill("https://www.wittenberge.de/")
    page.locator('main form button[type="submit"]').click()
    expect(page.locator("[data-state]")).to_have_text("In Arbeit")

    page.context.clear_cookies()
    # The commitment was written in German only: an English page says so after its title.
    for lang, state, summary, heading in (
        ("de", "In Arbeit", "1 Zusage aus diesem Programm: 1 in Arbeit", "Coworking Space im Bahnhofsempfangsgebäude"),
        (
            "en",
            "In progress",
            "1 commitment from this programme: 1 in progress",
            "Coworking Space im Bahnhofsempfangsgebäude (Deutsch)",
        ),
    ):
        page.goto(f"{site}/{lang}/outcomes/commitments/{commitment.pk}/")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(page.locator("[data-state]")).to_have_text(state)
        expect(page.locator("main")).to_contain_text(re.compile("genehmigt"))
        expect(page.locator("main")).not_to_contain_text("Neuigkeit veröffentlichen")
        checked(page)
        page.goto(f"{site}/{lang}/outcomes/programmes/kleinstadtakademie/")
        expect(page.locator("[data-summary]")).to_have_text(summary)
        checked(page)
        page.goto(f"{site}/{lang}/outcomes/towns/{WITTENBERGE}/")
        expect(page.locator("main")).to_contain_text("Coworking Space im Bahnhofsempfangsgebäude")
        checked(page)
        page.goto(f"{site}/{lang}/outcomes/meetings/{meeting.pk}/")
        checked(page)


def test_a_form_with_errors_is_accessible(site: str, page: Page) -> None:
    editor = User.objects.create_user("edda@example.org", PASSWORD, name="Edda Editor")
    wittenberge = Municipality.objects.get(key=WITTENBERGE)
    RoleAssignment.objects.create(
        user=editor,
        role=Role.EDITOR,
        scope_type=ContentType.objects.get_for_model(wittenberge),
        scope_id=wittenberge.pk,
    )
    sign_in(page, site, "edda@example.org", lang="en")
    page.goto(f"{site}/en/outcomes/commitments/new/?town={WITTENBERGE}")
    page.locator('select[name="state"]').select_option("dropped")
    page.locator("main form").get_by_role("button").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    checked(page)
    page.goto(f"{site}/en/outcomes/transfers/new/")
    checked(page)
    assert not Commitment.objects.exists()
