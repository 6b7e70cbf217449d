"""Content in two languages: a page shows its reader's language, else the other one, marked."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from austausch.organisations.models import Organisation

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
