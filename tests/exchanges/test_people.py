from __future__ import annotations

import pytest
from django.test import Client

from austausch.accounts.gdpr import erase_user, personal_data
from austausch.accounts.models import User, Visibility
from austausch.audit.models import AuditEntry
from austausch.exchanges.models import ExpertListing
from tests.exchanges.conftest import PASSWORD, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert(topic) -> User:
    return User.objects.create_user("erika@example.org", PASSWORD, name="Erika Expertin", phone="+49 30 1234567")


def listing_form(topic, **changes):
    return {
        "topics": [topic.pk],
        "organisation": "Stadt Wittenberge",
        "languages": "Deutsch, Englisch",
        "how_to_reach": "Videocall dienstags",
        "consent": "on",
        **changes,
    }


def test_listing_oneself_needs_consent(expert, topic):
    response = signed_in(expert).post("/en/exchanges/people/me/", listing_form(topic, consent=""))
    assert response.status_code == 400
    assert not ExpertListing.objects.exists()


def test_a_listed_person_is_shown_to_members_with_only_the_contact_they_allow(expert, topic, outsider):
    assert signed_in(expert).post("/en/exchanges/people/me/", listing_form(topic)).status_code == 302
    assert AuditEntry.objects.filter(action="exchanges.listing.created").exists()
    page = signed_in(outsider).get(f"/en/exchanges/people/?topic={topic.slug}").content.decode()
    assert "Erika Expertin" in page and "Videocall dienstags" in page and "Deutsch, Englisch" in page
    assert expert.email not in page and "1234567" not in page  # private by default
    expert.email_visibility = Visibility.MEMBERS
    expert.save()
    assert expert.email in signed_in(outsider).get("/en/exchanges/people/").content.decode()
    assert f"/exchanges/ask/person/{expert.pk}/" in page


def test_the_directory_is_for_signed_in_members_only(expert, topic):
    response = Client().get("/en/exchanges/people/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_removing_oneself_deletes_the_listing(expert, topic, outsider):
    client = signed_in(expert)
    client.post("/en/exchanges/people/me/", listing_form(topic))
    assert client.post("/en/exchanges/people/me/", {"remove": "1"}).status_code == 302
    assert not ExpertListing.objects.exists()
    assert "Erika Expertin" not in signed_in(outsider).get("/en/exchanges/people/").content.decode()


def test_the_listing_is_exported_and_erased_with_the_account(expert, topic):
    signed_in(expert).post("/en/exchanges/people/me/", listing_form(topic))
    exported = personal_data(expert)
    assert "Videocall dienstags" in str(exported)
    erase_user(user=expert, actor=expert)
    assert not ExpertListing.objects.exists()
