"""Issue 7's whole story on the demo data, in one browser: after a demo meeting the town's editor records a
commitment and posts an update; a citizen follows it and asks a question; the editor, as moderator, approves it;
the next update reaches the follower; the public pages show the new state. axe checks every page on the way."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.citizens.models import Comment, CommentStatus
from austausch.outcomes.models import Commitment
from austausch.programmes.models import Meeting
from austausch.registry.models import Municipality
from tests.browser.conftest import axe_violations
from tests.browser.test_accounts import PASSWORD, sign_in
from tests.demo.towns import DEMO_TOWN_NAMES
from tests.registry.datasets import write_sample

HALLE = "DE-15002000"
MEETING = "Austausch mit internationalen Partnern in Halle (Saale)"
TITLE = "Digitale Sprechstunde im Bürgeramt"


@pytest.fixture
def demo_site(live_server, transactional_db: None, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    """The platform with the demo towns and `austausch demo` loaded, as a new user finds it."""
    from austausch.registry.services import import_registry

    write_sample(tmp_path, DEMO_TOWN_NAMES)
    import_registry(directory=tmp_path)
    call_command("demo", stdout=StringIO())
    return str(live_server.url)


def checked(page: Page) -> None:
    assert axe_violations(page) == [], page.url


def link_from_last_mail(kind: str) -> str:
    found = re.search(rf"(https?://\S+/citizens/{kind}/\S+/)", mail.outbox[-1].body)
    assert found, mail.outbox[-1].body
    return found.group(1)


def test_a_commitment_from_a_demo_meeting_is_followed_discussed_and_its_new_state_shown(
    demo_site: str, page: Page
) -> None:
    site = demo_site
    halle = Municipality.objects.get(key=HALLE)
    editor = User.objects.create_user("edda@example.org", PASSWORD, name="Edda Editor")
    RoleAssignment.objects.create(
        user=editor, role=Role.EDITOR, scope_type=ContentType.objects.get_for_model(halle), scope_id=halle.pk
    )
    meeting = Meeting.objects.get(title=MEETING)
    programme_page = f"outcomes/programmes/{meeting.programme.slug}/"  # type: ignore[union-attr]
    page.goto(f"{site}/de/{programme_page}")
    before = int(page.locator("[data-summary]").inner_text().split()[0])

    # The editor records what Halle will do, from the meeting's page.
    sign_in(page, site, "edda@example.org")
    page.goto(f"{site}/de/outcomes/meetings/{meeting.pk}/")
    checked(page)
    page.get_by_role("link", name="Zusage aus diesem Treffen erfassen").click()
    page.locator('input[name="town"]').fill("Halle (Saale)")
    page.locator('input[name="title_de"]').fill(TITLE)
    page.locator('input[name="owner_role"]').fill("Bürgeramt der Stadt Halle (Saale)")
    page.locator('input[name="due_on"]').fill((timezone.localdate() + timedelta(days=180)).isoformat())
    page.locator('textarea[name="success_indicator_de"]').fill("Termine per Video sind online buchbar.")
    page.locator("main form").get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    checked(page)
    commitment = Commitment.objects.get(title=TITLE)
    assert (commitment.meeting, commitment.municipality) == (meeting, halle)

    # A first update: work has begun.
    page.get_by_role("link", name="Neuigkeit veröffentlichen").click()
    page.locator('textarea[name="text"]').fill("Die Software ist beschafft.")
    page.locator('select[name="new_state"]').select_option("in_progress")
    page.locator('main form button[type="submit"]').click()
    expect(page.locator("[data-state]")).to_have_text("In Arbeit")

    # A citizen, without an account, follows the commitment and asks a question.
    citizen = page.context.browser.new_context(bypass_csp=True, locale="de-DE").new_page()  # type: ignore[union-attr]
    citizen.goto(f"{site}/de/outcomes/commitments/{commitment.pk}/")
    checked(citizen)
    citizen.locator("#id_follow-email").fill("rita@example.net")
    citizen.get_by_role("button", name="Folgen", exact=True).click()
    citizen.goto(link_from_last_mail("confirm"))
    citizen.get_by_role("button", name="Bestätigen").click()
    expect(citizen.locator("main [role=status]")).to_contain_text(f"Sie folgen nun {TITLE}")
    citizen.goto(f"{site}/de/outcomes/commitments/{commitment.pk}/")
    form = citizen.locator('form[action*="/citizens/comment/"]')
    form.get_by_label("Ihre Frage oder Ihr Kommentar").fill("Ab wann kann ich <i>online</i> buchen?")
    form.get_by_label("Ihre E-Mail-Adresse").fill("rita@example.net")
    form.get_by_role("button", name="Senden").click()
    expect(citizen.locator("main [role=status]")).to_contain_text("sobald die Moderation ihn freigegeben hat")
    checked(citizen)
    assert Comment.objects.on(commitment).get().status == CommentStatus.PENDING

    # The editor moderates: the question is approved.
    page.goto(f"{site}/de/citizens/moderation/")
    expect(page.locator("main")).to_contain_text("Ab wann kann ich")
    checked(page)
    page.get_by_role("button", name="Freigeben").click()
    expect(page.locator("main [role=status]")).to_contain_text("Veröffentlicht")

    # The commitment is done: the follower hears of it.
    page.goto(f"{site}/de/outcomes/commitments/{commitment.pk}/")
    page.get_by_role("link", name="Neuigkeit veröffentlichen").click()
    page.locator('textarea[name="text"]').fill("Seit heute sind Video-Termine buchbar.")
    page.locator('select[name="new_state"]').select_option("done")
    page.locator('main form button[type="submit"]').click()
    expect(page.locator("[data-state]")).to_have_text("Erledigt")
    assert mail.outbox[-1].to == ["rita@example.net"]
    assert "Seit heute sind Video-Termine buchbar." in mail.outbox[-1].body

    # Everyone sees the new state, the history, the question as plain text, and the programme's summary.
    citizen.goto(f"{site}/de/outcomes/commitments/{commitment.pk}/")
    expect(citizen.locator("[data-state]")).to_have_text("Erledigt")
    expect(citizen.locator("main")).to_contain_text("Die Software ist beschafft.")
    expect(citizen.locator("#comments")).to_contain_text("Ab wann kann ich <i>online</i> buchen?")
    checked(citizen)
    for lang, done in (("de", "erledigt"), ("en", "done")):
        citizen.goto(f"{site}/{lang}/{programme_page}")
        summary = citizen.locator("[data-summary]").inner_text()
        assert summary.startswith(f"{before + 1} "), summary
        assert re.search(rf"\d+ {done}", summary), summary
        expect(citizen.locator("main")).to_contain_text(TITLE)
        checked(citizen)
    citizen.context.close()
