"""The practice form: every field, organisations, contacts and links, validated per field and per row, saved whole."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from austausch.audit.models import AuditEntry
from austausch.knowledge.forms import PracticeForm
from austausch.knowledge.models import Practice, PracticeContact, validate_contact_channel
from austausch.knowledge.services import Contact, Link, OrganisationNotEditable, create_practice, update_practice
from austausch.organisations.models import Organisation
from austausch.registry.models import Municipality
from tests.knowledge.conftest import DARMSTADT, WITTENBERGE
from tests.knowledge.test_views import form_data

NEW = "/en/knowledge/practices/new/"


@pytest.fixture
def town_hall(registry_sample: frozenset[str]) -> Organisation:
    return Organisation.objects.create(
        name="Stadtverwaltung Wittenberge",
        kind="town_administration",
        sector="public_agency",
        municipality=Municipality.objects.get(key=WITTENBERGE),
    )


@pytest.fixture
def darmstadt_company(registry_sample: frozenset[str]) -> Organisation:
    return Organisation.objects.create(
        name="Digitalstadt Darmstadt GmbH",
        kind="municipal_company",
        sector="public_agency",
        municipality=Municipality.objects.get(key=DARMSTADT),
    )


def rows(prefix: str, *entries: dict[str, str], initial: int = 0) -> dict[str, str]:
    data = {f"{prefix}-TOTAL_FORMS": str(len(entries)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for number, entry in enumerate(entries):
        data |= {f"{prefix}-{number}-{name}": value for name, value in entry.items()}
    return data


def full_form(town_hall: Organisation, **changes: str) -> dict[str, str]:
    data = form_data(
        title="Coworking im Bahnhof",
        body="## Idee\\nEin leerer Bahnhof wird Büro.",
        started_on="2021-05-01",
        ended_on="2023-04-30",
        budget_amount="250000",
        budget_currency="EUR",
        funding_sources="Land Brandenburg",
        partners="Verein Summer of Pioneers",
        results="38 Pioniere",
        evidence="Evaluation 2023",
        lessons_worked="Wohnraum mitdenken",
        lessons_failed="Zu wenig Parkplätze",
        transfer_staff="1 Stelle",
        transfer_budget="50.000 € im Jahr",
        transfer_legal="Nutzungsänderung",
        transfer_data="keine",
        transfer_software="Buchungssystem",
        publiccode_url="https://example.org/publiccode.yml",
        repository_url="https://example.org/repo",
        source_url="https://example.org/press",
        source_note="Pressemitteilung vom 18. November 2022",
        organisations=str(town_hall.pk),
    )
    data |= rows(
        "contacts",
        {
            "role": "Digitalbeauftragte",
            "organisation": str(town_hall.pk),
            "department": "Stabsstelle Digitales",
            "channel": "digital@wittenberge.example",
        },
        {"role": "", "organisation": "", "department": "", "channel": ""},
    )
    data |= rows("links", {"title": "Projektseite", "url": "https://example.org/coworking"}, {"title": "", "url": ""})
    return data | changes


def test_the_form_covers_every_field_of_a_practice(wittenberge_editor) -> None:  # type: ignore[no-untyped-def]
    form = PracticeForm(user=wittenberge_editor)
    in_sections = [field.name for _title, fields in form.sections() for field in fields]
    assert sorted(in_sections) == sorted(form.fields)
    assert len(in_sections) == len(set(in_sections))


def test_an_editor_saves_every_field_contacts_and_links_at_once(
    client: Client, wittenberge_editor, town_hall: Organisation
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(wittenberge_editor)
    response = client.post(NEW, full_form(town_hall, action="publish"))
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert practice.is_published and practice.budget_currency == "EUR" and practice.transfer_legal
    assert list(practice.organisations.all()) == [town_hall]
    contact = practice.contacts.get()
    assert (contact.role, contact.organisation, contact.department, contact.channel) == (
        "Digitalbeauftragte",
        town_hall,
        "Stabsstelle Digitales",
        "digital@wittenberge.example",
    )
    assert list(practice.links.values_list("title", "url")) == [("Projektseite", "https://example.org/coworking")]
    entry = AuditEntry.objects.get(action="knowledge.practice.created")
    assert entry.after["contacts"][0]["channel"] == "digital@wittenberge.example"
    assert entry.after["links"] == [["Projektseite", "https://example.org/coworking"]]
    html = client.get(practice.get_absolute_url()).content.decode()
    assert 'href="mailto:digital@wittenberge.example"' in html and "Stabsstelle Digitales" in html


def test_only_organisations_one_edits_are_offered(
    client: Client, wittenberge_editor, town_hall: Organisation, darmstadt_company: Organisation
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(wittenberge_editor)
    page = client.get(NEW).content.decode()
    assert "Stadtverwaltung Wittenberge" in page
    assert f'name="organisations" value="{darmstadt_company.pk}"' not in page
    response = client.post(NEW, full_form(town_hall, organisations=str(darmstadt_company.pk)))
    assert response.status_code == 400
    assert not Practice.objects.exists()


def test_the_service_refuses_adding_or_removing_an_organisation_one_does_not_edit(
    wittenberge_editor, admin, town_hall: Organisation, darmstadt_company: Organisation
) -> None:  # type: ignore[no-untyped-def]
    wittenberge = Municipality.objects.get(key=WITTENBERGE)
    with pytest.raises(OrganisationNotEditable):
        create_practice(
            actor=wittenberge_editor,
            title="T",
            summary="S",
            municipalities=[wittenberge],
            organisations=[darmstadt_company],
        )
    practice = create_practice(
        actor=admin, title="T", summary="S", municipalities=[wittenberge], organisations=[town_hall, darmstadt_company]
    )
    with pytest.raises(PermissionDenied):
        update_practice(actor=wittenberge_editor, practice=practice, organisations=[town_hall])
    update_practice(actor=wittenberge_editor, practice=practice, organisations=[darmstadt_company])
    assert list(practice.organisations.all()) == [darmstadt_company]


def test_an_organisation_someone_else_added_stays_when_an_editor_saves(
    client: Client, wittenberge_editor, admin, town_hall: Organisation, darmstadt_company: Organisation
) -> None:  # type: ignore[no-untyped-def]
    practice = create_practice(
        actor=admin,
        title="T",
        summary="S",
        organisations=[darmstadt_company],
        municipalities=[Municipality.objects.get(key=WITTENBERGE)],
    )
    client.force_login(wittenberge_editor)
    page = client.get(f"/en/knowledge/practices/{practice.pk}/edit/").content.decode()
    assert "Digitalstadt Darmstadt GmbH" in page  # named, not offered
    response = client.post(f"/en/knowledge/practices/{practice.pk}/edit/", full_form(town_hall, title="T2"))
    assert response.status_code == 302
    assert set(practice.organisations.all()) == {town_hall, darmstadt_company}


def test_errors_are_shown_per_field_and_per_row_and_nothing_is_saved(
    client: Client, wittenberge_editor, town_hall: Organisation
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(wittenberge_editor)
    data = full_form(town_hall, started_on="2023-01-01", ended_on="2022-01-01", budget_currency="")
    data = {name: value for name, value in data.items() if not name.startswith(("contacts-", "links-"))}
    data |= rows("contacts", {"role": "Amt"}, {"role": "Bauamt", "channel": "Max Mustermann"})
    data |= rows("links", {"title": "", "url": "https://example.org"}, {"title": "Kaputt", "url": "no address"})
    response = client.post(NEW, data)
    assert response.status_code == 400
    form, formsets = response.context["form"], response.context["formsets"]
    assert "ended_on" in form.errors and "budget_currency" in form.errors
    assert formsets["contacts"].errors[0] == {} and "channel" in formsets["contacts"].errors[1]
    assert "title" in formsets["links"].errors[0] and "url" in formsets["links"].errors[1]
    html = response.content.decode()
    assert "Nothing was saved" in html and 'aria-invalid="true"' in html
    assert not Practice.objects.exists() and not PracticeContact.objects.exists()


def test_an_editor_changes_and_removes_contacts(client: Client, wittenberge_editor, town_hall: Organisation) -> None:  # type: ignore[no-untyped-def]
    client.force_login(wittenberge_editor)
    client.post(NEW, full_form(town_hall))
    practice = Practice.objects.get()
    contact, link = practice.contacts.get(), practice.links.get()
    edit = f"/en/knowledge/practices/{practice.pk}/edit/"
    assert "Stabsstelle Digitales" in client.get(edit).content.decode()
    data = {name: value for name, value in full_form(town_hall).items() if not name.startswith(("contacts-", "links-"))}
    data |= rows(
        "contacts",
        {"id": str(contact.pk), "role": "Bürgermeister", "department": "Büro"},
        {"role": "Bauamtsleitung", "channel": "+49 3877 951-0"},
        initial=1,
    )
    data |= rows(
        "links",
        {"id": str(link.pk), "title": "Projektseite", "url": "https://example.org/coworking", "DELETE": "on"},
        initial=1,
    )
    assert client.post(edit, data).status_code == 302
    assert list(practice.contacts.order_by("pk").values_list("role", "channel")) == [
        ("Bürgermeister", ""),
        ("Bauamtsleitung", "+49 3877 951-0"),
    ]
    assert not practice.links.exists()
    change = AuditEntry.objects.get(action="knowledge.practice.changed")
    assert set(change.after) == {"contacts", "links"}


def test_a_failure_after_the_update_leaves_the_practice_as_it_was(
    client: Client, wittenberge_editor, town_hall: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(wittenberge_editor)
    client.post(NEW, full_form(town_hall))
    practice = Practice.objects.get()

    def refuse(**kwargs: object) -> None:
        raise PermissionDenied("refused")

    monkeypatch.setattr("austausch.knowledge.views.set_published", refuse)
    data = full_form(town_hall, title="Changed", action="publish")
    data = {name: value for name, value in data.items() if not name.startswith(("contacts-", "links-"))}
    data |= rows("contacts") | rows("links")
    assert client.post(f"/en/knowledge/practices/{practice.pk}/edit/", data).status_code == 400
    practice.refresh_from_db()
    assert practice.title == "Coworking im Bahnhof" and practice.contacts.count() == 1 and practice.links.count() == 1
    assert not AuditEntry.objects.filter(action="knowledge.practice.changed").exists()


@pytest.mark.parametrize(
    ("channel", "valid"),
    [
        ("digital@town.example", True),
        ("https://town.example/contact", True),
        ("+49 (0)3877 951-0", True),
        ("Max Mustermann", False),
        ("ftp://town.example", False),
        ("12", False),
        ("a@b", False),
    ],
)
def test_a_contact_channel_is_an_address_a_page_or_a_number(channel: str, valid: bool) -> None:
    from django.core.exceptions import ValidationError

    if valid:
        validate_contact_channel(channel)
    else:
        with pytest.raises(ValidationError):
            validate_contact_channel(channel)


def test_contacts_appear_in_the_api(client: Client, admin, town_hall: Organisation) -> None:  # type: ignore[no-untyped-def]
    practice = create_practice(
        actor=admin,
        title="T",
        summary="S",
        municipalities=[Municipality.objects.get(key=WITTENBERGE)],
        publish=True,
        contacts=[Contact("Digitalbeauftragte", town_hall, "Stabsstelle", "digital@wittenberge.example")],
        links=[Link("Seite", "https://example.org")],
    )
    document = client.get(f"/api/v1/practices/{practice.pk}").json()
    assert document["contacts"] == [
        {
            "role": "Digitalbeauftragte",
            "organisation": "Stadtverwaltung Wittenberge",
            "department": "Stabsstelle",
            "channel": "digital@wittenberge.example",
        }
    ]
