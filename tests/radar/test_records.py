"""From reviewed facts to records: meetings, programmes, organisations, practices, each with its provenance."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.test import Client
from django.utils.translation import override

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.audit.models import AuditEntry
from austausch.knowledge.models import Practice
from austausch.organisations.models import Organisation, OrganisationKind, Sector
from austausch.programmes.models import Meeting, MeetingKind, Programme
from austausch.programmes.services.programmes import create_programme
from austausch.radar.models import Fact, FactKind, FactState, Source, fingerprint
from austausch.radar.services.ingesting import ingest
from austausch.radar.services.recording import find_duplicate, provenance, record_fact
from austausch.radar.services.reviewing import correct_fact, set_state
from austausch.registry.models import Municipality
from tests.radar.samples import PASSWORD, as_user, seed

WITTENBERGE = (
    "Wittenberge war am 24. und 25. April 2023 Gastgeber für einen Erfahrungsaustausch der Kleinstadtakademie."
)


@pytest.fixture
def town_editor(registry_sample: frozenset[str]) -> User:
    editor = User.objects.create_user("edda@example.org", PASSWORD, name="Edda Editor")
    town = Municipality.objects.get(name="Wittenberge")
    RoleAssignment.objects.create(
        user=editor, role=Role.EDITOR, scope_type=ContentType.objects.get_for_model(town), scope_id=town.pk
    )
    return editor


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with override("en"):
        yield


def town(name: str) -> Municipality:
    """The largest town of that name (there are many Trentons)."""
    found = Municipality.objects.filter(name=name).order_by("-population").first()
    assert found is not None
    return found


def source_with(text: str, *facts: tuple[str, dict, str]) -> Source:
    """A stored text with facts already reviewed: (kind, value, the words the fact was found in)."""
    source = Source.objects.create(name="report.txt", original=text.encode(), text=text, language="de",
                                   title=text[:40], fingerprint=fingerprint(text))  # fmt: skip
    for position, (kind, value, words) in enumerate(facts):
        start = text.index(words)
        Fact.objects.create(source=source, kind=kind, value=value, proposed_value=value, position=position,
                            spans=[[start, start + len(words)]], state=FactState.CONFIRMED)  # fmt: skip
    return source


def event(source: Source) -> Fact:
    return source.facts.get(kind=FactKind.EVENT)


def test_a_reviewed_event_becomes_a_meeting_with_its_host_town_and_provenance(
    reviewer: User, registry_sample: frozenset[str]
) -> None:
    source = ingest(actor=reviewer, files=[("003.txt", seed("003"))])[0].source
    assert source is not None
    fact = source.facts.filter(kind=FactKind.EVENT).first()
    assert fact is not None
    correct_fact(
        actor=reviewer,
        fact=fact,
        value={"kind": "exchange_meeting", "title": "", "start": "2023-04-24", "end": "2023-04-25",
               "place_key": town("Wittenberge").key},
    )  # fmt: skip

    meeting = record_fact(actor=reviewer, fact=fact)

    assert isinstance(meeting, Meeting)
    assert list(meeting.host_municipalities.all()) == [town("Wittenberge")]
    assert (meeting.starts_on, meeting.ends_on) == (datetime.date(2023, 4, 24), datetime.date(2023, 4, 25))
    assert meeting.kind == MeetingKind.EXCHANGE_MEETING and "Wittenberge" in meeting.title
    fact.refresh_from_db()
    assert fact.record == meeting and fact.created_record
    assert provenance(meeting) == [fact]
    assert AuditEntry.objects.filter(action="programmes.meeting.created").count() == 1
    assert AuditEntry.objects.filter(action="radar.fact.recorded", target_id=str(source.pk)).count() == 1

    rendered = Template("{% load radar %}{% radar_sources meeting %}").render(Context({"meeting": meeting}))
    assert "Sources" in rendered and str(source) in rendered
    start, end = fact.spans[0]
    assert f"characters {start}–{end}" in rendered


def test_the_same_meeting_reported_by_two_sources_merges_into_one(
    reviewer: User, registry_sample: frozenset[str]
) -> None:
    key = town("Wittenberge").key
    value = {"kind": "meeting", "start": "2023-04-24", "end": "2023-04-25", "place_key": key}
    first = source_with(WITTENBERGE, (FactKind.EVENT, value, "am 24. und 25. April 2023"))
    second = source_with(
        "Am 25. April 2023 trafen sich 27 Kleinstädte in Wittenberge zum Austausch.",
        (FactKind.EVENT, {**value, "start": "2023-04-25"}, "Am 25. April 2023"),
    )
    meeting = record_fact(actor=reviewer, fact=event(first))

    assert find_duplicate(event(second)) == meeting
    assert record_fact(actor=reviewer, fact=event(second), existing=meeting) == meeting

    assert Meeting.objects.count() == 1
    assert {fact.source for fact in provenance(meeting)} == {first, second}
    assert not Fact.objects.get(pk=event(second).pk).created_record
    rendered = Template("{% load radar %}{% radar_sources meeting %}").render(Context({"meeting": meeting}))
    assert str(first) in rendered and str(second) in rendered


def test_a_programme_is_recognised_by_its_name_and_its_meetings_by_programme_and_dates(
    reviewer: User, registry_sample: frozenset[str]
) -> None:
    dates = {"kind": "study_visit", "start": "2022-11-07", "end": "2022-11-11"}
    hamburg = source_with(
        "Expertinnen aus Hamburg besuchten im Programm Transatlantic Cities of Tomorrow die USA.",
        (FactKind.PROGRAMME, {"name": "Transatlantic Cities of Tomorrow"}, "Transatlantic Cities of Tomorrow"),
        (FactKind.EVENT, {**dates, "place_key": ""}, "besuchten"),
        (FactKind.MUNICIPALITY, {"key": town("Trenton").key, "name": "Trenton", "role": "host"}, "USA"),
    )
    programme = record_fact(actor=reviewer, fact=hamburg.facts.get(kind=FactKind.PROGRAMME))
    meeting = record_fact(actor=reviewer, fact=event(hamburg))
    assert isinstance(meeting, Meeting) and meeting.programme == programme
    assert list(meeting.host_municipalities.all()) == [town("Trenton")]

    schwerin = source_with(
        "Auch Schwerin war beim Programm TRANSATLANTIC CITIES OF TOMORROW dabei, in Princeton.",
        (FactKind.PROGRAMME, {"name": "TRANSATLANTIC CITIES OF TOMORROW"}, "TRANSATLANTIC CITIES OF TOMORROW"),
        (FactKind.EVENT, {**dates, "place_key": town("Princeton").key}, "in Princeton"),
    )
    programme_fact = schwerin.facts.get(kind=FactKind.PROGRAMME)
    assert find_duplicate(programme_fact) == programme
    record_fact(actor=reviewer, fact=programme_fact, existing=programme)
    assert Programme.objects.count() == 1

    # Same programme, same dates, another host town: the same study visit, which now has both towns.
    assert find_duplicate(event(schwerin)) == meeting
    record_fact(actor=reviewer, fact=event(schwerin), existing=meeting)
    assert set(meeting.host_municipalities.all()) == {town("Trenton"), town("Princeton")}
    assert AuditEntry.objects.filter(action="programmes.meeting.changed").count() == 1


def test_an_organisation_is_found_by_its_abbreviation_and_a_new_one_gets_a_likely_kind(
    reviewer: User, registry_sample: frozenset[str]
) -> None:
    reviewer.is_superuser = True
    reviewer.save()
    known = Organisation.objects.create(
        name="Deutscher Städte- und Gemeindebund", abbreviation="DStGB", kind="association", sector="nonprofit"
    )
    source = source_with(
        "Der Städte- und Gemeindebund (DStGB) und das Bundesministerium für Wirtschaft und Klimaschutz luden ein.",
        (FactKind.ORGANISATION, {"name": "Städte- und Gemeindebund", "abbreviation": "DStGB"}, "DStGB"),
        (FactKind.ORGANISATION, {"name": "Bundesministerium für Wirtschaft und Klimaschutz", "abbreviation": ""},
         "Bundesministerium für Wirtschaft und Klimaschutz"),
    )  # fmt: skip
    association, ministry = source.facts.all()
    assert find_duplicate(association) == known
    assert find_duplicate(ministry) is None

    record_fact(actor=reviewer, fact=association, existing=known)
    created = record_fact(actor=reviewer, fact=ministry)

    assert isinstance(created, Organisation)
    assert (created.kind, created.sector) == (OrganisationKind.MINISTRY, Sector.PUBLIC_AGENCY)
    assert Organisation.objects.count() == 2
    assert provenance(known) == [association]


def test_a_town_editor_makes_a_practice_from_the_text_with_its_confirmed_towns_and_topics(
    town_editor: User,
) -> None:
    source = ingest(actor=town_editor, files=[("003.txt", seed("003"))])[0].source
    assert source is not None
    for fact in source.facts.filter(kind__in=[FactKind.MUNICIPALITY, FactKind.TOPIC]):
        set_state(actor=town_editor, fact=fact, state=FactState.CONFIRMED)
    practice_fact = source.facts.get(kind=FactKind.PRACTICE)
    correct_fact(actor=town_editor, fact=practice_fact,
                 value={"title": "Digitale Arbeitswelten in Kleinstädten", "summary": practice_fact.value["summary"],
                        "status": "running"})  # fmt: skip

    practice = record_fact(actor=town_editor, fact=practice_fact)

    assert isinstance(practice, Practice) and not practice.is_published
    assert practice.title == "Digitale Arbeitswelten in Kleinstädten"
    assert town("Wittenberge") in practice.municipalities.all()
    assert practice.summary and practice.summary in source.text
    assert practice.created_by == town_editor and "Radar" in practice.source_note
    assert provenance(practice) == [Fact.objects.get(pk=practice_fact.pk)]


def test_nothing_is_written_when_a_record_cannot_be_made(
    reviewer: User, town_editor: User, registry_sample: frozenset[str]
) -> None:
    open_year = source_with(
        "Wittenberge war am 24. und 25. April Gastgeber.",
        (FactKind.EVENT, {"kind": "meeting", "start": "--04-24", "end": "--04-25",
                          "place_key": town("Wittenberge").key}, "am 24. und 25. April"),
    )  # fmt: skip
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="with the year"):
        record_fact(actor=reviewer, fact=event(open_year))

    # A town editor may review, but not set up meetings outside a programme they coordinate.
    value = {"kind": "meeting", "start": "2023-04-24", "end": "2023-04-25", "place_key": town("Wittenberge").key}
    dated = source_with(WITTENBERGE, (FactKind.EVENT, value, "am 24. und 25. April 2023"))
    with pytest.raises(PermissionDenied):
        record_fact(actor=town_editor, fact=event(dated))

    assert not Meeting.objects.exists()
    assert AuditEntry.objects.count() == entries
    assert not Fact.objects.filter(record_id__isnull=False).exists()
    assert not RoleAssignment.objects.filter(role=Role.COORDINATOR).exists()


def test_only_accepted_facts_make_records_and_a_recorded_fact_stays(
    reviewer: User, registry_sample: frozenset[str]
) -> None:
    source = source_with(
        "Das Projekt summer of pioneers lief in Wittenberge.",
        (FactKind.PROGRAMME, {"name": "summer of pioneers"}, "summer of pioneers"),
    )
    fact = source.facts.get()
    Fact.objects.filter(pk=fact.pk).update(state=FactState.PROPOSED)
    fact.refresh_from_db()
    with pytest.raises(ValidationError, match="confirm or correct"):
        record_fact(actor=reviewer, fact=fact)

    set_state(actor=reviewer, fact=fact, state=FactState.CONFIRMED)
    programme = record_fact(actor=reviewer, fact=fact)
    assert isinstance(programme, Programme) and programme.slug == "summer-of-pioneers"
    with pytest.raises(ValidationError, match="already part of a record"):
        set_state(actor=reviewer, fact=fact, state=FactState.DROPPED)
    with pytest.raises(ValidationError, match="already part of a record"):
        record_fact(actor=reviewer, fact=fact)


def test_the_review_page_offers_to_update_the_duplicate_and_the_button_does(
    reviewer: User, registry_sample: frozenset[str]
) -> None:
    existing = create_programme(actor=reviewer, name="Kleinstadtakademie", slug="kleinstadtakademie")
    source = source_with(WITTENBERGE, (FactKind.PROGRAMME, {"name": "Kleinstadtakademie"}, "Kleinstadtakademie"))
    fact = source.facts.get()
    client = as_user(reviewer)

    page = client.get(f"/en/radar/sources/{source.pk}/").content.decode()
    assert "This looks like a record that exists" in page and f'name="update" value="{existing.pk}"' in page

    response = client.post(f"/en/radar/facts/{fact.pk}/record/", {"update": existing.pk})
    assert response.status_code == 302 and response["Location"].endswith(f"#fact-{fact.pk}")
    assert Programme.objects.count() == 1 and provenance(existing) == [Fact.objects.get(pk=fact.pk)]


def test_a_refused_record_is_a_message_on_the_review_page(town_editor: User, registry_sample: frozenset[str]) -> None:
    source = source_with(WITTENBERGE, (FactKind.PROGRAMME, {"name": "Kleinstadtakademie"}, "Kleinstadtakademie"))
    client: Client = as_user(town_editor)
    response = client.post(f"/en/radar/facts/{source.facts.get().pk}/record/", follow=True)
    assert "You may not create programmes." in response.content.decode()
    assert not Programme.objects.exists()


def test_a_practice_reported_again_is_updated_with_the_new_towns(
    reviewer: User, registry_sample: frozenset[str]
) -> None:
    reviewer.is_superuser = True
    reviewer.save()
    practice_value = {"title": "Coworking im Bahnhof", "summary": "Ein Coworking Space im Bahnhof.", "status": "pilot"}
    first = source_with(
        "Wittenberge: Coworking im Bahnhof. Ein Coworking Space im Bahnhof.",
        (FactKind.MUNICIPALITY, {"key": town("Wittenberge").key, "name": "Wittenberge", "role": "host"}, "Wittenberge"),
        (FactKind.PRACTICE, practice_value, "Ein Coworking Space im Bahnhof."),
    )
    practice = record_fact(actor=reviewer, fact=first.facts.get(kind=FactKind.PRACTICE))
    second = source_with(
        "Mölln plant ebenfalls: COWORKING IM BAHNHOF!",
        (FactKind.MUNICIPALITY, {"key": town("Mölln").key, "name": "Mölln", "role": "mentioned"}, "Mölln"),
        (FactKind.PRACTICE, {**practice_value, "title": "COWORKING IM BAHNHOF!"}, "COWORKING IM BAHNHOF"),
    )
    again = second.facts.get(kind=FactKind.PRACTICE)

    assert find_duplicate(again) == practice
    record_fact(actor=reviewer, fact=again, existing=practice)

    assert Practice.objects.count() == 1
    assert set(practice.municipalities.all()) == {town("Wittenberge"), town("Mölln")}
    assert {fact.source for fact in provenance(practice)} == {first, second}
