"""The network builder in Chromium: upload the example applicants, set rules, run, read the
networks, pin a town and run again, accept; axe on every page."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from austausch.accounts.models import User
from austausch.knowledge.models import Topic
from austausch.programmes.models import Network, NetworkMembership
from austausch.programmes.services.programmes import create_programme
from tests.browser.conftest import axe_violations
from tests.browser.test_accounts import PASSWORD, sign_in

EXAMPLE = Path(__file__).resolve().parents[2] / "austausch" / "matching" / "data" / "applicants-example.csv"
TOPICS = [
    ("future-of-work", "Zukunft der Arbeit", "Future of work"),
    ("education", "Bildung", "Education"),
    ("participation", "Beteiligung", "Participation"),
    ("mobility", "Mobilität", "Mobility"),
    ("retail-and-town-centres", "Handel und Innenstadt", "Retail and town centres"),
]


def checked(page: Page) -> None:
    assert axe_violations(page) == [], page.url


def network(page: Page, number: int):  # type: ignore[no-untyped-def]
    return page.locator("section.plan-network").filter(has=page.locator(f"#network-{number}"))


def test_coordinator_uploads_runs_pins_and_accepts_a_plan(site: str, page: Page) -> None:
    for position, (slug, label_de, label_en) in enumerate(TOPICS):  # the database is flushed between tests
        Topic.objects.update_or_create(
            slug=slug, defaults={"label_de": label_de, "label_en": label_en, "position": position, "parent": None}
        )
    coordinator = User.objects.create_user("cora@example.org", PASSWORD, name="Cora Coordinator", is_staff=True)
    create_programme(actor=coordinator, name="Kleinstadtakademie", slug="ksa")
    sign_in(page, site, "cora@example.org")

    page.goto(f"{site}/en/matching/plans/")
    checked(page)
    page.get_by_role("link", name="New plan").click()
    checked(page)
    page.get_by_label("Title").fill("Kleinstadtakademie 2026")
    page.get_by_label("Programme").select_option(label="Kleinstadtakademie")
    page.get_by_label("Applicants file (CSV)").set_input_files(str(EXAMPLE))
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kleinstadtakademie 2026")
    checked(page)

    page.get_by_label("Number of networks").fill("2")
    expect(page.get_by_label("At most one town per state in a network")).to_be_checked()
    page.get_by_label("Time limit (seconds)").fill("5")
    page.get_by_role("button", name="Save the rules and run").click()
    expect(page.locator("#result")).to_contain_text("proven optimal")
    expect(network(page, 1).get_by_role("heading")).to_contain_text("Future of work, lead town Wittenberge")
    expect(network(page, 2)).to_contain_text("Dippoldiswalde")
    expect(network(page, 2)).to_contain_text("How they differ:")
    checked(page)

    # Move Dippoldiswalde into Wittenberge's network and run again.
    row = network(page, 2).get_by_role("row").filter(has_text="Dippoldiswalde")
    row.get_by_label("Network to pin Dippoldiswalde into").select_option("1")
    row.get_by_role("button", name="Pin Dippoldiswalde there").click()
    expect(network(page, 1)).to_contain_text("Dippoldiswalde")
    expect(network(page, 1)).to_contain_text("pinned")
    expect(page.locator("#result")).to_contain_text("Dippoldiswalde is pinned to group 1")
    checked(page)

    page.get_by_role("button", name="Accept the plan").click()
    expect(page.locator(".messages")).to_contain_text("2 networks were created")
    checked(page)
    assert Network.objects.filter(programme__slug="ksa").count() == 2
    lead = NetworkMembership.objects.get(is_lead=True, municipality__key="DE-12070424")
    assert set(lead.network.municipalities.values_list("key", flat=True)) >= {"DE-12070424", "DE-14628060"}

    # A copy without the pin, run again and compared with the accepted plan.
    page.get_by_role("button", name="Copy this plan to try a variant").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Copy of Kleinstadtakademie 2026")
    page.get_by_role("button", name="Remove all pins and forbids and run again").click()
    expect(page.locator("#result")).to_contain_text("proven optimal")
    checked(page)
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare plans")
    moved = page.get_by_role("table").nth(1)
    expect(moved).to_contain_text("Dippoldiswalde")
    expect(moved).to_contain_text("Oestrich-Winkel")
    checked(page)

    # The German pages pass the same checks.
    page.goto(f"{site}/de/matching/plans/")
    checked(page)
    page.goto(f"{site}/de/matching/plans/new/")
    checked(page)
