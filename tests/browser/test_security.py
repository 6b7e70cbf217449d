from __future__ import annotations

from playwright.sync_api import Browser, ConsoleMessage, expect


def test_pages_work_under_the_real_content_security_policy(site: str, browser: Browser) -> None:
    """No bypass here: htmx must load and run, and the browser must report no CSP violation."""
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if _is_problem(message) else None)
    page.goto(site + "/de/")
    page.get_by_label("Ort finden").press_sequentially("Moelln", delay=30)
    expect(page.locator("#finder-results").get_by_role("link", name="Mölln").first).to_be_visible()
    page.goto(site + "/de/municipalities/DE-15002000/")
    expect(page.locator("svg.locator circle")).to_have_count(1)
    assert problems == []
    context.close()


def _is_problem(message: ConsoleMessage) -> bool:
    return message.type == "error" or "Content Security Policy" in message.text
