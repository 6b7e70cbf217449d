"""The coordinator's path and public registration in Chromium, with an axe check on every page."""

from __future__ import annotations

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from austausch.accounts.models import User
from austausch.programmes.models import Meeting, MeetingKind, Participation, ParticipationStatus
from austausch.programmes.services.meetings import create_meeting
from austausch.registry.models import Municipality
from tests.browser.conftest import axe_violations
from tests.browser.test_accounts import PASSWORD, sign_in


def checked(page: Page) -> None:
    assert axe_violations(page) == [], page.url


def submit(page: Page, action: str) -> None:
    page.locator(f'form[action$="{action}"]').get_by_role("button").click()


def test_coordinator_creates_a_programme_round_meeting_agenda_and_delegation_and_a_participant_confirms(
    site: str, page: Page
) -> None:
    User.objects.create_user("cora@example.org", PASSWORD, name="Cora Coordinator", is_staff=True)
    User.objects.create_user("pia@example.org", PASSWORD, name="Pia Participant")
    sign_in(page, site, "cora@example.org")

    page.goto(f"{site}/de/programmes/new/")
    checked(page)
    page.locator('input[name="name_de"]').fill("Transatlantic Cities of Tomorrow")
    page.locator('select[name="status"]').select_option("running")
    page.locator('input[name="published"]').check()
    page.locator("main form").get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Transatlantic Cities of Tomorrow")
    checked(page)

    page.goto(f"{site}/de/programmes/transatlantic-cities-of-tomorrow/edit/")
    checked(page)
    page.locator("#round-title").fill("Hamburg, Schwerin, Rostock")
    submit(page, "/rounds/")
    expect(page.locator("main")).to_contain_text("Hamburg, Schwerin, Rostock")

    page.goto(f"{site}/de/programmes/transatlantic-cities-of-tomorrow/meetings/new/")
    checked(page)
    first = timezone.localdate() + timedelta(days=20)
    page.locator('select[name="round"]').select_option(index=1)
    page.locator('select[name="kind"]').select_option("study_visit")
    page.locator('input[name="title_de"]').fill("Study visit to Philadelphia and Trenton")
    page.locator('input[name="starts_on"]').fill(first.isoformat())
    page.locator('input[name="ends_on"]').fill((first + timedelta(days=4)).isoformat())
    page.locator('textarea[name="host_municipalities_text"]').fill("Philadelphia")
    page.locator('input[name="published"]').check()
    page.locator("main form").get_by_role("button").click()
    # "Philadelphia" names several towns: the form says which, and keeps what was typed.
    expect(page.locator("main .errorlist")).to_contain_text("US-1840000673")
    checked(page)
    page.locator('textarea[name="host_municipalities_text"]').fill("US-1840000673\nUS-1840001383")
    page.locator("main form").get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Study visit to Philadelphia and Trenton")
    checked(page)

    day = (first + timedelta(days=1)).isoformat()
    agenda = page.locator('form[action$="/sessions/"]')
    agenda.locator('select[name="kind"]').select_option("talk")
    agenda.locator('input[name="title"]').fill("Welcome at City Hall")
    agenda.locator('input[name="starts_at"]').fill(f"{day}T09:00")
    agenda.locator('input[name="ends_at"]').fill(f"{day}T10:30")
    submit(page, "/sessions/")
    expect(page.locator("main")).to_contain_text("Welcome at City Hall")

    page.locator('input[name="town"]').fill("DE-02000000")
    submit(page, "/delegations/")
    expect(page.locator('select[name="delegation"]')).to_contain_text("Hamburg")
    page.locator('select[name="delegation"]').select_option(label="Hamburg")
    page.locator('input[name="email"]').fill("pia@example.org")
    page.locator('select[name="sector"]').select_option("public_agency")
    submit(page, "/invite/")
    expect(page.locator("main table").first).to_contain_text("Pia Participant")
    checked(page)
    page.get_by_role("banner").get_by_role("button").click()

    sign_in(page, site, "pia@example.org")
    page.goto(f"{site}/de/programmes/mine/")
    checked(page)
    page.locator('button[value="confirm"]').click()
    expect(page.locator(".messages")).to_contain_text("Study visit to Philadelphia and Trenton")
    checked(page)
    assert Participation.objects.get(person__email="pia@example.org").status == ParticipationStatus.CONFIRMED

    meeting = Meeting.objects.get()
    page.goto(f"{site}/de/programmes/meetings/{meeting.pk}/")
    expect(page.locator("main")).to_contain_text("Welcome at City Hall")
    checked(page)
    page.goto(f"{site}/de/programmes/transatlantic-cities-of-tomorrow/")
    checked(page)
    page.goto(f"{site}/de/programmes/transatlantic-cities-of-tomorrow/network/")
    checked(page)
    page.goto(f"{site}/de/municipalities/DE-02000000/")  # the town page's exchange history
    expect(page.locator("#exchange-heading + dl")).to_contain_text("Study visit to Philadelphia and Trenton")
    checked(page)


def test_public_registration_and_cancellation(site: str, page: Page) -> None:
    coordinator = User.objects.create_user("cora@example.org", PASSWORD, name="Cora", is_staff=True)
    first = timezone.localdate() + timedelta(days=30)
    meeting = create_meeting(
        actor=coordinator,
        host_municipalities=[Municipality.objects.get(key="DE-06411000")],
        kind=MeetingKind.PRESENTATION,
        title="Smart City in der sozialen Stadt",
        starts_on=first,
        ends_on=first,
        venue="Friedrich-Ebert-Stiftung",
        published=True,
        registration_open=True,
        capacity=1,
        registration_questions=[{"id": "q1", "label": "Ihre Kommune", "required": True}],
    )
    page.goto(f"{site}/de/programmes/meetings/{meeting.pk}/")
    checked(page)
    page.locator(f'a[href$="/meetings/{meeting.pk}/register/"]').click()
    checked(page)
    page.locator('input[name="name"]').fill("Ada Lovelace")
    page.locator('input[name="email"]').fill("ada@example.org")
    page.locator("main form").get_by_role("button").click()
    expect(page.locator("main .errorlist")).to_be_visible()  # the required question
    checked(page)
    page.locator('input[name="answer_q1"]').fill("Darmstadt")
    page.locator("main form").get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "/registered/" in page.url
    checked(page)

    link = re.search(r"https?://\S+/registration/\S+/cancel/", str(mail.outbox[-1].body))
    assert link
    page.goto(link.group(0))
    checked(page)
    page.locator("main form").get_by_role("button").click()
    expect(page.locator("main [role=status]")).to_contain_text("Smart City in der sozialen Stadt")
    checked(page)
    assert meeting.registrations.get().status == "cancelled"


def test_coordinator_adds_a_photo_a_document_and_the_closing_report(site: str, page: Page, tmp_path, settings) -> None:  # type: ignore[no-untyped-def]
    from austausch.organisations.models import Organisation, OrganisationKind, Sector
    from tests.programmes.test_files import PDF_BYTES, png_bytes

    settings.MEDIA_ROOT = tmp_path / "media"
    coordinator = User.objects.create_user("cora@example.org", PASSWORD, name="Cora", is_staff=True)
    Organisation.objects.create(name="Temple University", kind=OrganisationKind.UNIVERSITY, sector=Sector.EDUCATION)
    first = timezone.localdate() - timedelta(days=3)
    meeting = create_meeting(
        actor=coordinator,
        host_municipalities=[Municipality.objects.get(key="US-1840000673")],
        kind=MeetingKind.STUDY_VISIT,
        title="Study visit to Philadelphia",
        starts_on=first,
        ends_on=first,
        published=True,
    )
    sign_in(page, site, "cora@example.org")
    page.goto(f"{site}/de/programmes/meetings/{meeting.pk}/manage/")
    checked(page)

    form = page.locator('form[action$="/files/"]')
    form.locator('select[name="kind"]').select_option("photo")
    form.locator('input[name="title"]').fill("Auf den Stufen des Rathauses")
    form.locator('input[name="upload"]').set_input_files(
        files=[{"name": "stufen.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    form.locator('button[type="submit"]').click()
    # Without a description of the picture the photo is refused, at that field.
    expect(page.locator('form[action$="/files/"] .errorlist')).to_contain_text("beschreiben")
    checked(page)
    form = page.locator('form[action$="/files/"]')
    form.locator('select[name="kind"]').select_option("photo")
    form.locator('input[name="title"]').fill("Auf den Stufen des Rathauses")
    form.locator('input[name="caption"]').fill("Zwölf Personen auf den Stufen der City Hall")
    form.locator('input[name="upload"]').set_input_files(
        files=[{"name": "stufen.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    form.locator('button[type="submit"]').click()
    expect(page.locator(".messages")).to_contain_text("Auf den Stufen des Rathauses")
    form = page.locator('form[action$="/files/"]')
    form.locator('select[name="kind"]').select_option("document")
    form.locator('input[name="title"]').fill("Programm der Reise")
    form.locator('input[name="upload"]').set_input_files(
        files=[{"name": "programm.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    form.locator('button[type="submit"]').click()
    expect(page.locator(".messages")).to_contain_text("Programm der Reise")

    report = page.locator('form[action$="/report/"]')
    report.locator('input[name="attendance"]').fill("14")
    report.get_by_label("Temple University").check()
    report.locator('textarea[name="report_de"]').fill("Alle haben viel gelernt.")
    report.locator('button[type="submit"]').click()
    expect(page.locator(".messages")).to_be_visible()
    checked(page)

    page.goto(f"{site}/de/programmes/meetings/{meeting.pk}/")
    expect(page.get_by_role("img", name="Zwölf Personen auf den Stufen der City Hall")).to_be_visible()
    expect(page.get_by_role("link", name="Programm der Reise")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Temple University")
    expect(page.locator("main")).to_contain_text("Alle haben viel gelernt.")
    checked(page)
