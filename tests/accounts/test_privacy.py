"""Who sees a participant's contact data: themselves, admins and the coordinators of their scopes; others by consent."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.test import Client

from austausch.accounts.models import Role, User, Visibility
from austausch.accounts.privacy import visible_contact
from austausch.organisations.models import Organisation
from austausch.registry.models import Municipality
from tests.accounts.conftest import signed_in

EVERYTHING = {"email": "paul@example.org", "phone": "+49 3877 555 01"}


def test_a_private_person_is_seen_whole_by_themselves_admins_and_their_coordinators(
    participant: User, coordinator: User, admin: User
) -> None:
    assert visible_contact(participant, participant) == EVERYTHING
    assert visible_contact(participant, admin) == EVERYTHING
    assert visible_contact(participant, coordinator) == EVERYTHING


def test_a_private_person_is_hidden_from_members_and_the_public(
    participant: User, outsider: User, editor: User
) -> None:
    assert visible_contact(participant, outsider) == {}
    assert visible_contact(participant, editor) == {}
    assert visible_contact(participant, AnonymousUser()) == {}


def test_coordinating_another_scope_shows_nothing(
    participant: User, make_user: Callable[..., User], town: Municipality
) -> None:
    elsewhere = make_user("Cleo Elsewhere", (Role.COORDINATOR, town))
    assert visible_contact(participant, elsewhere) == {}


def test_a_participant_does_not_see_another_participant_of_the_same_scope(
    participant: User, make_user: Callable[..., User], organisation: Organisation
) -> None:
    fellow = make_user("Fritz Fellow", (Role.PARTICIPANT, organisation))
    assert visible_contact(participant, fellow) == {}


def test_consent_per_field_opens_it_to_members_or_everyone(participant: User, outsider: User) -> None:
    participant.email_visibility = Visibility.MEMBERS
    participant.phone_visibility = Visibility.PUBLIC
    assert visible_contact(participant, outsider) == EVERYTHING
    assert visible_contact(participant, AnonymousUser()) == {"phone": EVERYTHING["phone"]}


def test_an_inactive_viewer_counts_as_the_public(participant: User, outsider: User) -> None:
    participant.email_visibility = Visibility.MEMBERS
    outsider.is_active = False
    assert visible_contact(participant, outsider) == {}


def test_the_person_page_shows_each_viewer_only_what_they_may_see(
    participant: User, coordinator: User, outsider: User
) -> None:
    url = f"/en/accounts/people/{participant.pk}/"
    assert EVERYTHING["email"] in signed_in(coordinator).get(url).text
    assert EVERYTHING["phone"] in signed_in(participant).get(url).text
    outsiders_view = signed_in(outsider).get(url).text
    assert "Paul Participant" in outsiders_view
    assert EVERYTHING["email"] not in outsiders_view
    assert EVERYTHING["phone"] not in outsiders_view
    assert "shares no contact details with you" in outsiders_view
    assert Client().get(url).status_code == 302  # the public sees no people pages


def test_an_unknown_or_inactive_person_is_not_found(outsider: User, participant: User) -> None:
    User.objects.filter(pk=participant.pk).update(is_active=False)
    assert signed_in(outsider).get(f"/en/accounts/people/{participant.pk}/").status_code == 404
    assert signed_in(outsider).get("/en/accounts/people/999999/").status_code == 404
