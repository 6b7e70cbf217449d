from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from austausch.accounts.models import User, Visibility
from austausch.accounts.services import update_profile
from austausch.audit.models import AuditEntry
from tests.accounts.conftest import signed_in

CHANGES = {"name": "Paula Participant", "phone": "+49 3877 555 99", "email_visibility": "members"}


def test_the_profile_lists_roles_and_links_to_the_data_rights(participant: User) -> None:
    text = signed_in(participant).get("/en/accounts/profile/").text
    assert "Participant · " in text
    assert "Stadtverwaltung Wittenberge" in text
    assert 'href="/en/accounts/profile/export/"' in text
    assert 'href="/en/accounts/profile/erase/"' in text
    assert "two-factor" not in text  # participants have no staff role to protect


def test_the_profile_speaks_german(participant: User) -> None:
    text = signed_in(participant).get("/de/accounts/profile/").text
    assert "Ihr Konto" in text
    assert "Teilnehmer" in text


def test_saving_the_profile_changes_the_person_and_is_audited(participant: User) -> None:
    response = signed_in(participant).post(
        "/en/accounts/profile/", {**CHANGES, "phone_visibility": "private"}, follow=True
    )
    assert "Your details have been saved." in response.text
    participant.refresh_from_db()
    assert participant.name == "Paula Participant"
    assert participant.phone == "+49 3877 555 99"
    assert participant.email_visibility == Visibility.MEMBERS
    entry = AuditEntry.objects.get(action="accounts.user.changed")
    assert entry.before == {"name": "Paul Participant", "phone": "+49 3877 555 01", "email_visibility": "private"}
    assert entry.after == CHANGES


def test_the_profile_explains_bad_input_per_field(participant: User) -> None:
    response = signed_in(participant).post(
        "/en/accounts/profile/",
        {"name": "", "phone": "1" * 41, "email_visibility": "everyone", "phone_visibility": "private"},
    )
    errors = response.context["form"].errors
    assert set(errors) == {"name", "phone", "email_visibility"}
    assert User.objects.get(pk=participant.pk).name == "Paul Participant"


def test_nobody_changes_another_persons_profile(participant: User, outsider: User, admin: User) -> None:
    # The page edits only the signed-in person, whatever the form says.
    signed_in(outsider).post("/en/accounts/profile/", {**CHANGES, "phone_visibility": "private", "id": participant.pk})
    assert User.objects.get(pk=participant.pk).name == "Paul Participant"
    with pytest.raises(PermissionDenied):
        update_profile(user=participant, actor=outsider, name="Hacked")
    assert User.objects.get(pk=participant.pk).name == "Paul Participant"
    update_profile(user=participant, actor=admin, name="Paul P.")  # platform admins may
    assert User.objects.get(pk=participant.pk).name == "Paul P."


def test_account_pages_need_a_signed_in_person(db: None) -> None:
    for path in ("profile/", "profile/export/", "profile/erase/", "two-factor/", "password/change/"):
        response = Client().get(f"/en/accounts/{path}")
        assert response.status_code == 302, path
        assert response["Location"].startswith("/en/accounts/login/?next="), path
