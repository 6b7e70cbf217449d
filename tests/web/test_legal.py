"""Imprint, privacy and accessibility statements: the operator's texts in the reader's language, linked from every
page, and a deployment check that warns while any is missing."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks
from django.test import Client, override_settings

TEXTS = {
    "AUSTAUSCH_IMPRINT_DE": "**Stadt Musterstadt**, Rathausplatz 1",
    "AUSTAUSCH_IMPRINT_EN": "**City of Musterstadt**, Rathausplatz 1",
    "AUSTAUSCH_PRIVACY_DE": "Wir speichern nur, was nötig ist.",
    "AUSTAUSCH_PRIVACY_EN": "We keep only what is needed.",
    "AUSTAUSCH_ACCESSIBILITY_DE": "Diese Plattform ist weitgehend barrierefrei.",
    "AUSTAUSCH_ACCESSIBILITY_EN": "This platform is largely accessible.",
    "AUSTAUSCH_ACCESSIBILITY_CONTACT": "barrierefreiheit@example.org",
}


def legal_warnings() -> list[str]:
    return [message.id for message in run_checks(include_deployment_checks=True) if message.id == "austausch.W001"]


@pytest.mark.django_db
def test_the_deployment_check_warns_while_a_text_is_missing() -> None:
    assert legal_warnings() == ["austausch.W001"]
    with override_settings(**TEXTS):
        assert legal_warnings() == []
    with override_settings(**{**TEXTS, "AUSTAUSCH_PRIVACY_EN": ""}):
        assert legal_warnings() == ["austausch.W001"]


@pytest.mark.django_db
@override_settings(**TEXTS)
def test_each_page_shows_the_operators_text_in_the_readers_language(client: Client) -> None:
    german = client.get("/de/legal/imprint/").content.decode()
    english = client.get("/en/legal/imprint/").content.decode()
    assert "<strong>Stadt Musterstadt</strong>" in german and "City of" not in german
    assert "<strong>City of Musterstadt</strong>" in english
    assert "We keep only what is needed." in client.get("/en/legal/privacy/").content.decode()


@pytest.mark.django_db
@override_settings(**TEXTS)
def test_the_accessibility_statement_names_the_feedback_address_and_the_arbitration_body(client: Client) -> None:
    html = client.get("/de/legal/accessibility/").content.decode()
    assert "barrierefreiheit@example.org" in html
    assert "Schlichtungsstelle" in html


@pytest.mark.django_db
def test_a_missing_text_says_so_rather_than_showing_an_empty_page(client: Client) -> None:
    html = client.get("/en/legal/privacy/").content.decode()
    assert "has not published this text yet" in html


@pytest.mark.django_db
def test_every_page_links_the_three_statements_in_its_footer(client: Client) -> None:
    html = client.get("/en/").content.decode()
    footer = html[html.index("<footer") :]
    for address in ("/en/legal/imprint/", "/en/legal/privacy/", "/en/legal/accessibility/"):
        assert f'href="{address}"' in footer
