"""A reviewer pastes a press release, reviews what the radar found and makes a meeting of it, in Chromium."""

from __future__ import annotations

import datetime

from playwright.sync_api import Locator, Page, expect

from austausch.accounts.models import User
from austausch.programmes.models import Meeting
from austausch.radar.models import Fact, FactKind, FactState, Source
from austausch.registry.models import Municipality
from tests.browser.conftest import axe_violations
from tests.browser.test_accounts import PASSWORD, sign_in
from tests.radar.queue import read_queued
from tests.radar.samples import seed


def checked(page: Page) -> None:
    assert axe_violations(page) == [], page.url


def fact_item(page: Page, fact: Fact) -> Locator:
    return page.locator(f"#fact-{fact.pk}")


def town_fact(source: Source, name: str) -> Fact:
    return next(fact for fact in source.facts.filter(kind=FactKind.MUNICIPALITY) if fact.value["name"] == name)


def test_a_reviewer_turns_a_pasted_press_release_into_a_meeting(site: str, page: Page) -> None:
    User.objects.create_user("rita@example.org", PASSWORD, name="Rita Reviewer", is_staff=True)
    sign_in(page, site, "rita@example.org")

    page.goto(f"{site}/de/radar/upload/")
    checked(page)
    page.get_by_label("Text einfügen").fill(seed("003").decode())
    page.locator("main form").get_by_role("button", name="Einlesen").click()
    expect(page.locator("#progress")).to_be_visible()  # queued for the background worker
    checked(page)
    read_queued()  # the worker's part
    page.locator("#progress a[href*='/radar/sources/']").first.click()  # htmx has brought the link in
    expect(page.get_by_role("heading", level=2, name="Fakten")).to_be_visible()
    checked(page)

    source = Source.objects.get()
    wittenberge = Municipality.objects.get(name="Wittenberge")
    event = source.facts.get(kind=FactKind.EVENT, value__start="2023-04-24")
    host, partner = town_fact(source, "Wittenberge"), town_fact(source, "Mölln")
    dropped = town_fact(source, "Dippoldiswalde")

    # Confirm the event and a partner town, correct Wittenberge's role, drop a town: all by keyboard-usable forms.
    # With JavaScript each decision swaps the review region; a reviewer sees it done before the next one.
    fact_item(page, event).get_by_role("button", name="Bestätigen").click()
    expect(fact_item(page, event)).to_contain_text("Bestätigt")
    fact_item(page, partner).get_by_role("button", name="Bestätigen").click()
    expect(fact_item(page, partner)).to_contain_text("Bestätigt")
    item = fact_item(page, host)
    item.locator("summary").click()
    item.get_by_label("Rolle im Text").select_option("host")
    item.get_by_role("button", name="Korrektur speichern").click()
    expect(fact_item(page, host)).to_contain_text("Korrigiert")
    fact_item(page, dropped).get_by_role("button", name="Verwerfen").click()
    expect(page.locator("main .messages")).to_contain_text("Verworfen")
    checked(page)

    fact_item(page, event).get_by_role("button", name="Treffen anlegen").click()
    expect(page.locator("main .messages")).to_contain_text("Angelegt")
    checked(page)

    meeting = Meeting.objects.get()
    assert list(meeting.host_municipalities.all()) == [wittenberge]
    assert (meeting.starts_on, meeting.ends_on) == (datetime.date(2023, 4, 24), datetime.date(2023, 4, 25))
    states = {fact.pk: fact.state for fact in source.facts.all()}
    assert states[host.pk] == FactState.CORRECTED and states[partner.pk] == FactState.CONFIRMED
    assert states[dropped.pk] == FactState.DROPPED
    assert Fact.objects.get(pk=event.pk).record == meeting
    expect(fact_item(page, event).get_by_role("link", name=meeting.title)).to_be_visible()

    for path in ("/en/radar/upload/", f"/en/radar/sources/{source.pk}/", "/en/radar/", "/de/radar/"):
        page.goto(f"{site}{path}")
        checked(page)


def test_the_upload_page_says_what_became_of_each_file(site: str, page: Page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    User.objects.create_user("rita@example.org", PASSWORD, name="Rita Reviewer", is_staff=True)
    sign_in(page, site, "rita@example.org", lang="en")
    good, empty = tmp_path / "004.txt", tmp_path / "empty.txt"
    good.write_bytes(seed("004"))
    empty.write_bytes(b"")

    page.goto(f"{site}/en/radar/upload/")
    page.get_by_label("Or upload files").set_input_files([str(good), str(empty)])
    page.locator("main form").get_by_role("button", name="Read").click()
    expect(page.get_by_role("heading", level=2, name="Waiting to be read")).to_be_visible()
    read_queued()

    outcomes = page.locator(".radar-outcomes")  # htmx brings them in without a reload
    expect(outcomes.locator("li.outcome-created")).to_contain_text("004.txt")
    expect(outcomes.locator("li.outcome-failed")).to_contain_text("empty.txt")
    checked(page)


SELECT_WORDS = """([selector, words]) => {
    const body = document.querySelector(selector);
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(words);
        if (at >= 0) {
            document.getSelection().setBaseAndExtent(node, at, node, at + words.length);
            return true;
        }
    }
    return false;
}"""


def test_a_reviewer_marks_a_missed_organisation_and_the_next_text_proposes_it(site: str, page: Page) -> None:
    from tests.radar.test_learning import FIRST, SECOND

    User.objects.create_user("rita@example.org", PASSWORD, name="Rita Reviewer", is_staff=True)
    sign_in(page, site, "rita@example.org", lang="en")
    page.goto(f"{site}/en/radar/upload/")
    page.get_by_label("Paste a text").fill(FIRST)
    page.locator("main form").get_by_role("button", name="Read").click()
    expect(page.locator("#progress")).to_be_visible()  # queued for the background worker
    assert read_queued() == 1  # the worker's part
    page.locator("#progress").get_by_role("link", name="Review the facts").click()  # htmx has brought it in
    expect(page.get_by_role("heading", level=2, name="Facts")).to_be_visible()
    first = Source.objects.get()
    assert not first.facts.filter(kind=FactKind.ORGANISATION).exists()
    checked(page)

    # Selecting the name in the text fills the form; each decision swaps the review region, not the page.
    page.evaluate("window.notReloaded = true")
    assert page.evaluate(SELECT_WORDS, [".radar-body", "Wandelwerk"])
    expect(page.get_by_label("Words in the text")).to_have_value("Wandelwerk")
    page.get_by_label("Kind of fact").select_option("organisation")
    checked(page)
    page.get_by_role("button", name="Add fact").click()
    expect(page.locator("main .messages")).to_contain_text("Added: Organisation: Wandelwerk")
    expect(page.locator("#add-fact summary")).to_be_focused()  # keyboard focus stays where the reviewer works
    page.get_by_role("button", name="Confirm all open facts").click()
    expect(page.locator("main .messages")).to_contain_text("confirmed")
    assert page.evaluate("window.notReloaded === true")
    assert not first.facts.filter(state=FactState.PROPOSED).exists()
    checked(page)

    page.goto(f"{site}/en/radar/upload/")
    page.get_by_label("Paste a text").fill(SECOND)
    page.locator("main form").get_by_role("button", name="Read").click()
    expect(page.locator("#progress")).to_be_visible()
    assert read_queued() == 1
    page.locator("#progress").get_by_role("link", name="Review the facts").click()
    expect(page.get_by_role("heading", level=2, name="Facts")).to_be_visible()
    second = Source.objects.exclude(pk=first.pk).get()
    proposed = second.facts.get(kind=FactKind.ORGANISATION, value__name="Wandelwerk")
    assert proposed.state == FactState.PROPOSED
    expect(fact_item(page, proposed)).to_contain_text("Wandelwerk")
    checked(page)
