"""The review screen: the text with its facts marked in place; confirm, correct and drop, without JavaScript."""

from __future__ import annotations

import re

import pytest

from austausch.accounts.models import User
from austausch.audit.models import AuditEntry
from austausch.radar.models import Fact, FactKind, FactState, Source
from austausch.radar.services.ingesting import ingest
from austausch.radar.services.reviewing import set_state
from austausch.registry.models import Municipality
from tests.radar.samples import PASSWORD, as_user, seed


@pytest.fixture
def outsider(db: None) -> User:
    return User.objects.create_user("otto@example.org", PASSWORD, name="Otto Outsider")


@pytest.fixture
def wittenberge_text(reviewer: User, registry_sample: frozenset[str]) -> Source:
    source = ingest(actor=reviewer, files=[("003.txt", seed("003"))])[0].source
    assert source is not None
    return source


def town_fact(source: Source, name: str) -> Fact:
    return next(fact for fact in source.facts.filter(kind=FactKind.MUNICIPALITY) if fact.value["name"] == name)


def test_the_text_shows_each_fact_marked_in_place_with_a_legend(reviewer: User, wittenberge_text: Source) -> None:
    page = as_user(reviewer).get(f"/en/radar/sources/{wittenberge_text.pk}/").content.decode()

    fact = town_fact(wittenberge_text, "Wittenberge")
    start, end = fact.spans[0]
    assert re.search(
        rf'<mark id="span-{fact.pk}-0" class="fact fact-municipality">{wittenberge_text.text[start:end]}'
        r'<span class="visually-hidden"[^>]*> \(Town: Wittenberge\)</span></mark>',
        page,
    )
    assert 'aria-label="Legend"' in page and '<mark class="fact fact-event">Event</mark>' in page
    assert f'id="fact-{fact.pk}"' in page and f'href="#span-{fact.pk}-0"' in page
    for action in ("confirm", "drop", "correct"):
        assert f'action="/en/radar/facts/{fact.pk}/{action}/"' in page


def test_reader_comments_are_shown_apart_as_public_opinion(reviewer: User, registry_sample: frozenset[str]) -> None:
    source = ingest(actor=reviewer, files=[("001.txt", seed("001"))])[0].source
    assert source is not None
    page = as_user(reviewer).get(f"/de/radar/sources/{source.pk}/").content.decode()
    comments = page[page.index('class="radar-comments"') :]
    assert "Leserkommentare" in comments and "Öffentliche Meinung" in comments and "eAkte" in comments


def test_confirm_and_drop_keep_who_decided(reviewer: User, wittenberge_text: Source) -> None:
    client = as_user(reviewer)
    wittenberge, other = wittenberge_text.facts.filter(kind=FactKind.MUNICIPALITY)[:2]

    response = client.post(f"/en/radar/facts/{wittenberge.pk}/confirm/")
    assert response.status_code == 302 and response["Location"].endswith(f"#fact-{wittenberge.pk}")
    client.post(f"/en/radar/facts/{other.pk}/drop/")

    wittenberge.refresh_from_db()
    other.refresh_from_db()
    assert (wittenberge.state, wittenberge.reviewer) == (FactState.CONFIRMED, reviewer)
    assert other.state == FactState.DROPPED
    assert AuditEntry.objects.filter(action__in=["radar.fact.confirmed", "radar.fact.dropped"]).count() == 2
    # A dropped fact is no longer marked in the text.
    page = client.get(f"/en/radar/sources/{wittenberge_text.pk}/").content.decode()
    assert f'id="span-{other.pk}-0"' not in page and f'id="span-{wittenberge.pk}-0"' in page


def test_a_town_is_corrected_by_key_and_an_ambiguous_name_is_explained(
    reviewer: User, wittenberge_text: Source
) -> None:
    client = as_user(reviewer)
    fact = town_fact(wittenberge_text, "Wittenberge")
    prefix = f"fact-{fact.pk}"

    response = client.post(f"/en/radar/facts/{fact.pk}/correct/", {f"{prefix}-town": "Halle", f"{prefix}-role": "host"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "matches 4 towns" in page and Municipality.objects.get(name="Halle (Saale)").key in page
    fact.refresh_from_db()
    assert fact.state == FactState.PROPOSED and fact.value["name"] == "Wittenberge"

    halle = Municipality.objects.get(name="Halle (Saale)")
    client.post(f"/en/radar/facts/{fact.pk}/correct/", {f"{prefix}-town": halle.key, f"{prefix}-role": "host"})
    fact.refresh_from_db()
    assert fact.state == FactState.CORRECTED
    assert fact.value == {"key": halle.key, "name": "Halle (Saale)", "role": "host"}
    assert fact.proposed_value["name"] == "Wittenberge"
    entry = AuditEntry.objects.get(action="radar.fact.corrected")
    assert entry.before["value"]["name"] == "Wittenberge" and entry.after["value"]["key"] == halle.key


def test_an_event_date_in_another_format_is_named(reviewer: User, wittenberge_text: Source) -> None:
    fact = wittenberge_text.facts.filter(kind=FactKind.EVENT).first()
    assert fact is not None
    prefix = f"fact-{fact.pk}"
    response = as_user(reviewer).post(
        f"/en/radar/facts/{fact.pk}/correct/",
        {f"{prefix}-kind": "workshop", f"{prefix}-start": "24.04.2023", f"{prefix}-end": "", f"{prefix}-place": ""},
    )
    assert response.status_code == 422 and "YYYY-MM-DD" in response.content.decode()
    assert Fact.objects.get(pk=fact.pk).state == FactState.PROPOSED


def test_someone_without_a_role_can_neither_see_nor_change_a_review(outsider: User, wittenberge_text: Source) -> None:
    client = as_user(outsider)
    fact = town_fact(wittenberge_text, "Wittenberge")
    assert client.get(f"/en/radar/sources/{wittenberge_text.pk}/").status_code == 403
    assert client.get("/en/radar/").status_code == 403
    for action in ("confirm", "drop", "correct", "record"):
        assert client.post(f"/en/radar/facts/{fact.pk}/{action}/").status_code == 403
    fact.refresh_from_db()
    assert fact.state == FactState.PROPOSED and fact.reviewer is None


def test_the_list_shows_the_texts_with_their_open_facts(reviewer: User, wittenberge_text: Source) -> None:
    page = as_user(reviewer).get("/de/radar/").content.decode()
    assert wittenberge_text.get_absolute_url() in page
    count = wittenberge_text.facts.count()
    assert f'<td class="kern-table__cell kern-table__cell--numeric number">{count}</td>' in page


def test_a_fact_without_a_span_of_its_own_is_reviewed_like_any_other(reviewer: User, wittenberge_text: Source) -> None:
    # A parent topic is proposed through its child's words and marks none of its own.
    fact = Fact.objects.create(source=wittenberge_text, kind=FactKind.TOPIC, value={"slug": "economy"}, spans=[])
    set_state(actor=reviewer, fact=fact, state=FactState.CONFIRMED)
    fact.refresh_from_db()
    assert (fact.state, fact.reviewer) == (FactState.CONFIRMED, reviewer)
    entry = AuditEntry.objects.get(action="radar.fact.confirmed")
    assert entry.before["state"] == FactState.PROPOSED and entry.after["reviewer"] == reviewer.pk
