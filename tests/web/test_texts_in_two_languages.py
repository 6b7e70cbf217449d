"""Content in two languages: a page shows its reader's language, else the other one, marked."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from austausch.organisations.forms import OrganisationForm
from austausch.organisations.models import Organisation
from austausch.programmes.models import Programme, Round

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation() -> Organisation:
    return Organisation.objects.create(
        name_de="Deutscher Städtetag",
        name_en="Association of German Cities",
        description_de="Der kommunale Spitzenverband der Städte.",
        kind="association",
        sector="public_agency",
    )


def test_a_text_in_both_languages_is_shown_in_the_readers(client: Client, organisation: Organisation) -> None:
    german = client.get(organisation.get_absolute_url().replace("/en/", "/de/")).content.decode()
    assert "Der kommunale Spitzenverband der Städte." in german
    assert "(English)" not in german and "(Deutsch)" not in german


def test_a_text_only_in_the_other_language_says_which_it_is(client: Client, organisation: Organisation) -> None:
    with translation.override("en"):
        url = organisation.get_absolute_url()
    english = client.get(url).content.decode()
    assert '<div class="prose" lang="de"><p>Der kommunale Spitzenverband der Städte.</p>\n</div>' in english
    assert '<p class="text-language">(Deutsch)</p>' in english


def test_reading_a_text_gives_the_readers_language_and_lookups_the_text_as_written(
    organisation: Organisation,
) -> None:
    with translation.override("en"):
        assert organisation.name == "Association of German Cities"
        assert Organisation.objects.filter(name="Deutscher Städtetag").get() == organisation
    with translation.override("de"):
        assert organisation.name == "Deutscher Städtetag"


def test_a_form_asks_for_each_text_in_both_languages_the_pages_first(organisation: Organisation) -> None:
    with translation.override("en"):
        form = OrganisationForm(instance=organisation)
        assert [name for name in form.fields if name.startswith(("name", "description"))] == [
            "name_en", "name_de", "description_en", "description_de",
        ]  # fmt: skip
        assert form.fields["name_de"].label == "Name (Deutsch)"
        assert form["description_de"].initial == "Der kommunale Spitzenverband der Städte."
        assert form["description_en"].initial == ""


def test_a_required_text_needs_one_language_and_keeps_the_other(organisation: Organisation) -> None:
    base = {"kind": "association", "sector": "public_agency"}
    with translation.override("en"):
        empty = OrganisationForm({**base, "name_en": "", "name_de": ""}, instance=organisation)
        assert not empty.is_valid() and empty.errors["name_en"] == ["Write it in at least one language."]
        english = OrganisationForm({**base, "name_en": "Cities' association", "name_de": ""}, instance=organisation)
        assert english.is_valid(), english.errors
        assert english.changes(["name", "kind"]) == {
            "name_en": "Cities' association",
            "name_de": "",
            "kind": "association",
        }


def test_the_api_gives_each_text_in_both_languages(client: Client, organisation: Organisation) -> None:
    answer = client.get(f"/api/v1/organisations/{organisation.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert answer["name"] == "Association of German Cities"
    assert answer["translations"] == {
        "de": {"description": "Der kommunale Spitzenverband der Städte.", "name": "Deutscher Städtetag"},
        "en": {"description": "", "name": "Association of German Cities"},
    }


def test_a_programme_in_the_api_has_both_languages_down_to_its_meetings(client: Client) -> None:
    programme = Programme.objects.create(
        slug="tcot", name_de="Städte von morgen", name_en="Cities of Tomorrow", status="running", published=True
    )
    Round.objects.create(programme=programme, number=1, title_de="Osten", title_en="East")
    answer = client.get("/api/v1/programmes/tcot").json()
    assert answer["name"] == "Städte von morgen"
    assert answer["translations"]["en"]["name"] == "Cities of Tomorrow"
