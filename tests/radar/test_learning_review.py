"""Reviewers teach the radar: what they confirm, correct and add is known in the next texts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from austausch.accounts.models import User
from austausch.audit.models import AuditEntry
from austausch.organisations.models import Organisation, OrganisationKind, Sector
from austausch.radar.models import Fact, FactKind, FactState, KnownName, Source
from austausch.radar.services.ingesting import ingest
from austausch.radar.services.learning import known_names, teach_name
from austausch.radar.services.reviewing import add_fact, confirm_all, correct_fact
from tests.radar.samples import PASSWORD, as_user
from tests.radar.test_learning import FIRST, SECOND


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    """The services' messages below are read in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def outsider(db: None) -> User:
    return User.objects.create_user("otto@example.org", PASSWORD, name="Otto Outsider")


def read(actor: User, name: str, text: str) -> Source:
    source = ingest(actor=actor, files=[(name, text.encode())])[0].source
    assert source is not None
    return source


def organisations(source: Source) -> list[str]:
    return [fact.value["name"] for fact in source.facts.filter(kind=FactKind.ORGANISATION)]


def test_a_missed_organisation_marked_on_one_text_is_proposed_on_the_next(
    reviewer: User, registry_sample: frozenset[str]
) -> None:
    first = read(reviewer, "darmstadt.txt", FIRST)
    assert "Wandelwerk" not in organisations(first)
    fact = add_fact(actor=reviewer, source=first, kind=FactKind.ORGANISATION, quote="Wandelwerk")
    assert fact.state == FactState.CONFIRMED and fact.quotes() == ["Wandelwerk"]
    assert AuditEntry.objects.filter(action="radar.fact.added").exists()
    assert AuditEntry.objects.filter(action="radar.name.learned").exists()

    second = read(reviewer, "marburg.txt", SECOND)
    proposed = second.facts.get(kind=FactKind.ORGANISATION, value__name="Wandelwerk")
    assert proposed.state == FactState.PROPOSED and proposed.quotes() == ["Wandelwerk"]


def test_a_correction_makes_the_words_of_the_text_another_name(reviewer: User, registry_sample: frozenset[str]) -> None:
    first = read(reviewer, "darmstadt.txt", FIRST)
    fact = add_fact(actor=reviewer, source=first, kind=FactKind.PROGRAMME, quote="Lindgrün")
    correct_fact(actor=reviewer, fact=fact, value={"name": "Lindgrün – Gärten für Schulen"})
    assert KnownName.objects.get(spelling="Lindgrün").name == "Lindgrün – Gärten für Schulen"
    second = read(reviewer, "marburg.txt", SECOND)
    assert second.facts.filter(kind=FactKind.PROGRAMME, value__name="Lindgrün – Gärten für Schulen").exists()


def test_confirm_all_confirms_the_open_facts_and_learns_their_names(
    reviewer: User, registry_sample: frozenset[str]
) -> None:
    source = read(reviewer, "darmstadt.txt", FIRST + " Der Deutsche Städtetag lud ein.")
    source.facts.filter(kind=FactKind.MUNICIPALITY).update(state=FactState.DROPPED)
    open_facts = source.facts.filter(state=FactState.PROPOSED).count()
    assert open_facts > 0
    assert confirm_all(actor=reviewer, source=source) == open_facts
    assert not source.facts.filter(state=FactState.PROPOSED).exists()
    assert source.facts.filter(state=FactState.DROPPED).exists()  # a dropped fact stays dropped
    assert KnownName.objects.filter(spelling="Deutsche Städtetag", name="Deutscher Städtetag").exists()


def test_the_platforms_own_organisations_are_recognised(reviewer: User, registry_sample: frozenset[str]) -> None:
    Organisation.objects.create(
        name="Wandelwerk Kassel", abbreviation="WWK", kind=OrganisationKind.NONPROFIT, sector=Sector.NONPROFIT
    )
    source = read(reviewer, "wwk.txt", "Beim Treffen in Marburg stellte die WWK ihre Arbeit vor.")
    assert "Wandelwerk Kassel" in organisations(source)


def test_the_dictionary_is_built_again_only_when_names_change(reviewer: User, db: None) -> None:
    first = known_names()
    assert known_names() is first
    teach_name(actor=reviewer, kind=FactKind.ORGANISATION, spelling="Wandelwerk", name="Wandelwerk")
    second = known_names()
    assert second is not first and second.find("Gäste von Wandelwerk", FactKind.ORGANISATION)
    # Another process's save sends no signal here; the version sees its change all the same.
    KnownName.objects.filter(spelling="Wandelwerk").update(name="Wandelwerk e. V.", updated_at=timezone.now())
    assert known_names().find("von Wandelwerk", FactKind.ORGANISATION)[0].known.name == "Wandelwerk e. V."


@pytest.mark.parametrize("spelling", ["Stadt", "EU", "the partners"])
def test_common_or_short_words_are_never_learned_as_a_name(reviewer: User, db: None, spelling: str) -> None:
    with pytest.raises(ValidationError, match="too short or too common"):
        teach_name(actor=reviewer, kind=FactKind.ORGANISATION, spelling=spelling, name="Stadtwerke")
    assert not KnownName.objects.exists()


def test_a_kind_other_than_programme_or_organisation_is_not_learned(reviewer: User, db: None) -> None:
    with pytest.raises(ValidationError, match="Only programmes and organisations"):
        teach_name(actor=reviewer, kind=FactKind.MUNICIPALITY, spelling="Wandelwerk", name="Wandelwerk")


@pytest.mark.parametrize(
    ("kind", "quote", "field", "message"),
    [
        (FactKind.ORGANISATION, "Sonnenschein GmbH", "quote", "is not in the text"),
        (FactKind.ORGANISATION, "  ", "quote", "Please select or type"),
        (FactKind.TOPIC, "Klimaschutz", "kind", "Please choose what kind"),
        ("weather", "Klimaschutz", "kind", "Please choose what kind"),
        (FactKind.EVENT, "Klimaschutz", "quote", "Please mark a date"),
        (FactKind.MUNICIPALITY, "Bäume", "name", ""),
    ],
)
def test_bad_input_for_an_added_fact_is_a_clear_error(
    reviewer: User, registry_sample: frozenset[str], kind: str, quote: str, field: str, message: str
) -> None:
    source = read(reviewer, "darmstadt.txt", FIRST)
    with pytest.raises(ValidationError) as error:
        add_fact(actor=reviewer, source=source, kind=kind, quote=quote)
    assert field in error.value.message_dict and message in " ".join(error.value.message_dict[field])
    assert not Fact.objects.filter(source=source, reviewer=reviewer).exists()


def test_an_added_town_and_date_take_their_value_from_the_words(
    reviewer: User, registry_sample: frozenset[str]
) -> None:
    source = read(reviewer, "darmstadt.txt", FIRST)
    source.facts.all().delete()
    with pytest.raises(ValidationError, match="Indiana"):  # two towns have the name: the reviewer gives the key
        add_fact(actor=reviewer, source=source, kind=FactKind.MUNICIPALITY, quote="Darmstadt")
    town = add_fact(actor=reviewer, source=source, kind=FactKind.MUNICIPALITY, quote="Darmstadt", name="DE-06411000")
    assert town.value["key"] == "DE-06411000" and len(town.spans) == 2
    event = add_fact(actor=reviewer, source=source, kind=FactKind.EVENT, quote="3. Mai 2024")
    assert (event.value["start"], event.value["end"]) == ("2024-05-03", "2024-05-03")


def test_only_reviewers_add_facts(outsider: User, reviewer: User, registry_sample: frozenset[str]) -> None:
    source = read(reviewer, "darmstadt.txt", FIRST)
    with pytest.raises(PermissionDenied):
        add_fact(actor=outsider, source=source, kind=FactKind.ORGANISATION, quote="Wandelwerk")
    with pytest.raises(PermissionDenied):
        confirm_all(actor=outsider, source=source)


def test_the_review_page_adds_a_fact_without_javascript(reviewer: User, registry_sample: frozenset[str]) -> None:
    source = read(reviewer, "darmstadt.txt", FIRST)
    client = as_user(reviewer)
    page = client.get(f"/en/radar/sources/{source.pk}/").content.decode()
    assert f'action="/en/radar/sources/{source.pk}/add/"' in page and "Add a fact the radar missed" in page
    assert f'action="/en/radar/sources/{source.pk}/confirm-all/"' in page

    answer = client.post(f"/en/radar/sources/{source.pk}/add/", {"quote": "Wandelwerk", "kind": "organisation"})
    fact = source.facts.get(kind=FactKind.ORGANISATION, value__name="Wandelwerk")
    assert answer.status_code == 302 and answer["Location"].endswith(f"#fact-{fact.pk}")


def test_a_quote_not_in_the_text_is_shown_on_the_form(reviewer: User, registry_sample: frozenset[str]) -> None:
    source = read(reviewer, "darmstadt.txt", FIRST)
    client = as_user(reviewer)
    wrong = {"quote": "Sonnenschein GmbH", "kind": "organisation"}
    answer = client.post(f"/en/radar/sources/{source.pk}/add/", wrong)
    assert answer.status_code == 422
    page = answer.content.decode()
    assert "is not in the text" in page and 'value="Sonnenschein GmbH"' in page
    # htmx swaps only successful answers into the page: the same form with its error comes as 200.
    answer = client.post(f"/en/radar/sources/{source.pk}/add/", wrong, headers={"HX-Request": "true"})
    assert answer.status_code == 200 and "is not in the text" in answer.content.decode()
    answer = client.post(f"/en/radar/sources/{source.pk}/add/", {"quote": "Wandelwerk", "kind": "weather"})
    assert answer.status_code == 422 and "Select a valid choice" in answer.content.decode()


def test_confirm_all_on_the_page(reviewer: User, outsider: User, registry_sample: frozenset[str]) -> None:
    source = read(reviewer, "darmstadt.txt", FIRST)
    assert as_user(outsider).post(f"/en/radar/sources/{source.pk}/confirm-all/").status_code == 403
    answer = as_user(reviewer).post(f"/en/radar/sources/{source.pk}/confirm-all/", follow=True)
    assert "facts confirmed." in answer.content.decode()
    assert not source.facts.filter(state=FactState.PROPOSED).exists()
