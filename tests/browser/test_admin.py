from __future__ import annotations

from playwright.sync_api import Browser, ConsoleMessage, expect

from austausch.accounts.models import User
from austausch.audit.models import AuditEntry
from austausch.knowledge.models import Topic

PASSWORD = "a long enough passphrase 42"


def test_admins_edit_topics_under_the_real_csp_and_the_change_is_audited(site: str, browser: Browser) -> None:
    User.objects.create_superuser("admin@example.org", PASSWORD, name="Admin")
    # Browser tests flush the database between tests, seeded topics included: bring our own.
    topic = Topic.objects.create(
        slug="digital-administration-test", label_de="Digitale Verwaltung", label_en="Digital administration"
    )
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if _is_problem(message) else None)
    page.goto(f"{site}/admin/login/")  # sends to the platform's sign-in, which has the two-factor step
    page.get_by_label("E-mail address").fill("admin@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{site}/admin/")
    page.goto(f"{site}/admin/knowledge/topic/{topic.pk}/change/")
    page.get_by_label("English label").fill("Digital administration (renamed)")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")
    assert problems == []
    context.close()
    entry = AuditEntry.objects.get(action="knowledge.topic.changed")
    assert entry.after == {"label_en": "Digital administration (renamed)"}
    assert entry.actor is not None and entry.actor.email == "admin@example.org"


def _is_problem(message: ConsoleMessage) -> bool:
    return message.type == "error" or "Content Security Policy" in message.text
