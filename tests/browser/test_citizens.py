"""A reader without an account follows a commitment and comments on a meeting; a moderator approves.

Every page and form on the way is checked with axe, in German and in English.
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from austausch.accounts.models import User
from austausch.citizens.models import Comment, CommentStatus, Follow
from austausch.outcomes.models import Commitment, CommitmentState
from austausch.outcomes.services import create_commitment, post_update
from austausch.programmes.models import Meeting, MeetingKind
from austausch.programmes.services.meetings import create_meeting
from austausch.programmes.services.programmes import create_programme
from austausch.registry.models import Municipality
from tests.browser.conftest import axe_violations
from tests.browser.test_accounts import PASSWORD, sign_in


def checked(page: Page) -> None:
    assert axe_violations(page) == [], page.url


def link_from_last_mail(kind: str) -> str:
    found = re.search(rf"(https?://\S+/citizens/{kind}/\S+/)", mail.outbox[-1].body)
    assert found, mail.outbox[-1].body
    return found.group(1)


def demo_meeting() -> tuple[User, Meeting, Commitment]:
    coordinator = User.objects.create_user("cora@example.org", PASSWORD, name="Cora Coordinator", is_staff=True)
    programme = create_programme(
        actor=coordinator, name="Transatlantic Cities of Tomorrow", slug="tcot", published=True
    )
    first = timezone.localdate() - timedelta(days=20)
    meeting = create_meeting(
        actor=coordinator,
        programme=programme,
        host_municipalities=[Municipality.objects.get(key="US-1840000673")],
        kind=MeetingKind.STUDY_VISIT,
        title="Study visit to Philadelphia",
        starts_on=first,
        ends_on=first + timedelta(days=3),
        published=True,
    )
    commitment = create_commitment(
        actor=coordinator,
        municipality=Municipality.objects.get(key="DE-02000000"),
        meeting=meeting,
        title="E-Akte im Gesundheitsamt",
        owner_role="Gesundheitsamt",
        due_on=timezone.localdate() + timedelta(days=200),
    )
    return coordinator, meeting, commitment


def test_a_citizen_follows_and_comments_a_moderator_approves_and_the_page_shows_it(site: str, page: Page) -> None:
    coordinator, meeting, commitment = demo_meeting()

    # Follow the commitment: the form, the "check your e-mail" page, the confirmation page.
    page.goto(f"{site}/de{commitment.get_absolute_url()[3:]}")
    checked(page)
    page.locator("#id_follow-email").fill("rita@example.net")
    page.get_by_role("button", name="Folgen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bitte sehen Sie in Ihr E-Mail-Postfach")
    checked(page)
    page.goto(link_from_last_mail("confirm"))
    checked(page)
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.locator("main [role=status]")).to_contain_text("Sie folgen nun E-Akte im Gesundheitsamt")
    checked(page)
    assert Follow.objects.get().confirmed_at is not None

    # The town posts an update: the follower hears of it.
    post_update(
        actor=coordinator,
        commitment=commitment,
        on=timezone.localdate(),
        text="Pilot im Gesundheitsamt gestartet.",
        new_state=CommitmentState.IN_PROGRESS,
    )
    assert "Pilot im Gesundheitsamt gestartet." in mail.outbox[-1].body

    # Comment on the meeting, with some HTML that must stay text.
    page.goto(f"{site}{meeting.get_absolute_url()}")
    form = page.locator('form[action*="/citizens/comment/"]')
    form.get_by_label("Ihre Frage oder Ihr Kommentar").fill("Gibt es schon die E-Akte? <b>Bitte</b> antworten.")
    form.get_by_label("Angezeigter Name (freiwillig)").fill("Rita")
    form.get_by_label("Ihre E-Mail-Adresse").fill("rita@example.net")
    form.get_by_role("button", name="Senden").click()
    # Confirmed in this browser a moment ago: the comment goes straight to the moderators.
    expect(page.locator("main [role=status]")).to_contain_text("sobald die Moderation ihn freigegeben hat")
    checked(page)
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    expect(page.locator("#comments")).not_to_contain_text("Gibt es schon die E-Akte?")

    # A bad form says what is wrong, and is accessible too.
    form = page.locator('form[action*="/citizens/comment/"]')
    form.get_by_label("Ihre Frage oder Ihr Kommentar").fill("x" * 10)
    form.get_by_label("Ihre E-Mail-Adresse").fill("not an address")
    form.get_by_role("button", name="Senden").click()
    expect(page.locator("main .errorlist")).to_contain_text("gültige E-Mail-Adresse")
    checked(page)

    # The moderator approves from the queue.
    moderator = page.context.browser.new_context(bypass_csp=True, locale="de-DE").new_page()  # type: ignore[union-attr]
    sign_in(moderator, site, "cora@example.org")
    moderator.goto(f"{site}/de/citizens/moderation/")
    expect(moderator.locator("main")).to_contain_text("Gibt es schon die E-Akte?")
    checked(moderator)
    moderator.get_by_role("button", name="Freigeben").click()
    expect(moderator.locator("main [role=status]")).to_contain_text("Veröffentlicht")
    checked(moderator)

    # The moderator answers officially on the meeting page.
    moderator.goto(f"{site}{meeting.get_absolute_url()}")
    checked(moderator)
    moderator.locator("#comments summary").click()
    moderator.locator("#comments").get_by_label("Offizielle Antwort").fill("Ja, seit diesem Monat im Pilotbetrieb.")
    moderator.get_by_role("button", name="Antwort veröffentlichen").click()
    expect(moderator.locator("#comments")).to_contain_text("Offizielle Antwort von Transatlantic Cities of Tomorrow")
    moderator.context.close()

    # The public page shows the comment, as text, with the official answer; in German and English.
    page.goto(f"{site}{meeting.get_absolute_url()}")
    comments = page.locator("#comments")
    expect(comments).to_contain_text("Gibt es schon die E-Akte? <b>Bitte</b> antworten.")
    expect(comments).to_contain_text("Rita")
    expect(comments).to_contain_text("Ja, seit diesem Monat im Pilotbetrieb.")
    checked(page)
    page.goto(f"{site}/en{meeting.get_absolute_url()[3:]}")
    expect(page.locator("#comments")).to_contain_text("Official answer from Transatlantic Cities of Tomorrow")
    checked(page)
    page.goto(f"{site}/en{commitment.get_absolute_url()[3:]}")
    expect(page.locator("#follow-heading")).to_have_text("Follow by e-mail")
    checked(page)


def test_unsubscribe_my_data_and_the_429_page_are_accessible_in_both_languages(site: str, page: Page, settings) -> None:  # type: ignore[no-untyped-def]
    coordinator, _meeting, commitment = demo_meeting()
    settings.CITIZENS_PER_ADDRESS_PER_HOUR = 1
    statuses: list[int] = []
    page.on("response", lambda response: statuses.append(response.status))
    for lang, button, confirm, stop in (
        ("de", "Folgen", "Bestätigen", "Ja, abbestellen"),
        ("en", "Follow", "Confirm", "Yes, stop them"),
    ):
        page.goto(f"{site}/{lang}{commitment.get_absolute_url()[3:]}")
        page.locator("#id_follow-email").fill(f"{lang}@example.net")
        page.get_by_role("button", name=button, exact=True).click()
        page.goto(link_from_last_mail("confirm"))
        page.get_by_role("button", name=confirm).click()
        post_update(
            actor=coordinator,
            commitment=commitment,
            on=timezone.localdate(),
            text=f"News {lang}",
            new_state=CommitmentState.IN_PROGRESS if lang == "de" else CommitmentState.DONE,
        )
        page.goto(link_from_last_mail("unsubscribe"))
        checked(page)
        page.get_by_role("button", name=stop).click()
        expect(page.locator("main [role=status]")).to_be_visible()
        checked(page)
        page.goto(link_from_last_mail("my-data"))
        expect(page.locator("main")).to_contain_text(f"{lang}@example.net")
        checked(page)
        # A second request from the same address within the hour: 429 with a clear page.
        page.goto(f"{site}/{lang}{commitment.get_absolute_url()[3:]}")
        page.locator("#id_follow-email").fill(f"{lang}@example.net")
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Zu viele Nachrichten" if lang == "de" else "Too many messages"
        )
        assert 429 in statuses
        checked(page)
    assert not Follow.objects.exists()
