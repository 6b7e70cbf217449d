from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from austausch.accounts.forms import scope_value
from austausch.accounts.models import Invitation, Role, RoleAssignment, User
from austausch.accounts.roles import has_role
from austausch.accounts.services import InvitationError, accept_invitation, invite
from austausch.audit.models import AuditEntry
from austausch.organisations.models import Organisation
from austausch.registry.models import Municipality
from tests.accounts.conftest import PASSWORD, invitation_link, signed_in


def send_invitation(inviter: User, scope: object, role: str = Role.EDITOR, email: str = "neu@example.org") -> str:
    """Invite through the profile page's form; returns the link's path from the e-mail."""
    response = signed_in(inviter).post(
        "/en/accounts/profile/invite/", {"email": email, "scope": scope_value(scope), "role": role}
    )
    assert response.status_code == 302, response.content
    return invitation_link(mail.outbox[-1])


def test_the_profile_offers_the_invite_form_with_the_scopes_the_person_holds(
    editor: User, town: Municipality, other_town: Municipality
) -> None:
    text = signed_in(editor).get("/en/accounts/profile/").text
    assert 'action="/en/accounts/profile/invite/"' in text
    assert f'value="{scope_value(town)}"' in text
    assert scope_value(other_town) not in text


def test_an_editor_invites_by_e_mail_and_the_link_signs_up_with_the_role(editor: User, town: Municipality) -> None:
    link = send_invitation(editor, town, email="Neu@Example.org")
    assert mail.outbox[-1].to == ["neu@example.org"]
    assert "Wittenberge" in mail.outbox[-1].body
    client = Client()
    page = client.get(link)
    assert page.status_code == 200
    assert "neu@example.org" in page.text
    response = client.post(link, {"name": "Nele Neu", "password": PASSWORD, "password_again": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/profile/"
    person = User.objects.get(email="neu@example.org")
    assert person.name == "Nele Neu"
    assert has_role(person, Role.EDITOR, town)
    assert client.get("/en/accounts/profile/").context["user"] == person  # signed in
    assert AuditEntry.objects.filter(action="accounts.invitation.accepted").count() == 1


def test_the_stored_invitation_holds_only_a_hash_of_the_token(editor: User, town: Municipality) -> None:
    link = send_invitation(editor, town)
    token = link.rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    assert token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_a_used_link_says_so_with_410(editor: User, town: Municipality) -> None:
    link = send_invitation(editor, town)
    Client().post(link, {"name": "Nele Neu", "password": PASSWORD, "password_again": PASSWORD})
    again = Client().get(link)
    assert again.status_code == 410
    assert "already been used" in again.text
    posted = Client().post(link, {"name": "Someone Else", "password": PASSWORD, "password_again": PASSWORD})
    assert posted.status_code == 410
    assert User.objects.filter(email="neu@example.org").count() == 1


def test_an_expired_link_says_so_with_410_and_creates_nothing(editor: User, town: Municipality) -> None:
    link = send_invitation(editor, town)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = Client().post(link, {"name": "Nele Neu", "password": PASSWORD, "password_again": PASSWORD})
    assert response.status_code == 410
    assert "expired" in response.text
    assert not User.objects.filter(email="neu@example.org").exists()


def test_an_unknown_link_says_so_with_404(db: None) -> None:
    response = Client().get("/en/accounts/invitation/not-a-real-token/")
    assert response.status_code == 404
    assert "not valid" in response.text
    german = Client().get("/de/accounts/invitation/not-a-real-token/")
    assert "nicht gültig" in german.text


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": " ", "password": PASSWORD, "password_again": PASSWORD}, "name", "This field is required."),
        ({"name": "Nele", "password": "short", "password_again": "short"}, "password", "at least 12 characters"),
        (
            {"name": "Nele", "password": "password1234", "password_again": "password1234"},
            "password",
            "too common",
        ),
        ({"name": "Nele", "password": PASSWORD, "password_again": PASSWORD + "x"}, "password_again", "differ"),
        ({"name": "Nele", "password": "", "password_again": ""}, "password", "This field is required."),
    ],
)
def test_sign_up_explains_each_field_and_writes_nothing(
    editor: User, town: Municipality, data: dict[str, str], field: str, message: str
) -> None:
    link = send_invitation(editor, town)
    response = Client().post(link, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in error for error in errors[field]), errors
    assert f'id="id_{field}_error"' in response.text or "errorlist" in response.text
    assert not User.objects.filter(email="neu@example.org").exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_existing_account_is_asked_to_sign_in_then_accepts(editor: User, town: Municipality, outsider: User) -> None:
    link = send_invitation(editor, town, email=outsider.email)
    anonymous = Client().get(link)
    assert "Sign in to accept" in anonymous.text
    assert f"/en/accounts/login/?next={link.replace('/', '%2F')}" in anonymous.text
    # The link alone does not add a role to someone's account: the form path refuses too.
    Client().post(link, {"name": "Intruder", "password": PASSWORD, "password_again": PASSWORD})
    assert not has_role(outsider, Role.EDITOR, town)
    client = Client()
    signed = client.post(f"/en/accounts/login/?next={link}", {"username": outsider.email, "password": PASSWORD})
    assert signed["Location"] == link
    assert "Accept the invitation" in client.get(link).text
    assert client.post(link).status_code == 302
    assert has_role(outsider, Role.EDITOR, town)
    assert User.objects.get(pk=outsider.pk).name == "Otto Outsider"


def test_someone_signed_in_as_another_person_cannot_accept(
    editor: User, town: Municipality, outsider: User, participant: User
) -> None:
    link = send_invitation(editor, town, email=outsider.email)
    client = signed_in(participant)
    assert client.get(link).status_code == 403
    assert client.post(link).status_code == 403
    assert not has_role(participant, Role.EDITOR, town)
    assert not has_role(outsider, Role.EDITOR, town)


def test_nobody_invites_to_a_town_they_do_not_hold(editor: User, other_town: Municipality) -> None:
    response = signed_in(editor).post(
        "/en/accounts/profile/invite/", {"email": "x@example.org", "scope": scope_value(other_town), "role": "editor"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in str(response.context["invite_form"].errors["scope"])
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_editor_cannot_invite_a_coordinator(editor: User, town: Municipality) -> None:
    response = signed_in(editor).post(
        "/en/accounts/profile/invite/", {"email": "x@example.org", "scope": scope_value(town), "role": "coordinator"}
    )
    assert "You may not invite people to this role there" in response.text
    assert not Invitation.objects.exists()


def test_a_coordinator_invites_participants_to_their_organisation(
    coordinator: User, organisation: Organisation
) -> None:
    link = send_invitation(coordinator, organisation, role=Role.PARTICIPANT, email="gast@example.org")
    Client().post(link, {"name": "Gabi Gast", "password": PASSWORD, "password_again": PASSWORD})
    assert has_role(User.objects.get(email="gast@example.org"), Role.PARTICIPANT, organisation)


def test_people_without_an_inviting_role_cannot_reach_the_invite_page(participant: User, outsider: User) -> None:
    assert signed_in(participant).get("/en/accounts/profile/invite/").status_code == 403
    assert signed_in(outsider).post("/en/accounts/profile/invite/", {"email": "x@example.org"}).status_code == 403
    assert Client().get("/en/accounts/profile/invite/").status_code == 302  # to the login page


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_acceptances_of_one_link_create_one_account(registry_sample: frozenset[str]) -> None:
    town = Municipality.objects.get(key="DE-12070424")
    inviter = User.objects.create_user("edda@example.org", PASSWORD, name="Edda Editor")
    RoleAssignment.objects.create(
        user=inviter, role=Role.EDITOR, scope_type=ContentType.objects.get_for_model(town), scope_id=town.pk
    )
    invite(
        inviter=inviter,
        email="neu@example.org",
        role=Role.EDITOR,
        scope=town,
        link_base="http://testserver/en/accounts/invitation/",
    )
    token = invitation_link(mail.outbox[-1]).rstrip("/").rsplit("/", 1)[1]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def accept(name: str) -> None:
        barrier.wait()
        try:
            accept_invitation(token=token, name=name, password=PASSWORD)
            outcomes.append("accepted")
        except InvitationError as error:
            outcomes.append(error.reason)
        except Exception as error:  # e.g. the unique e-mail refusing the loser on some databases
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(name,)) for name in ("First", "Second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("accepted") == 1, outcomes
    assert User.objects.filter(email="neu@example.org").count() == 1
    assert RoleAssignment.objects.filter(user__email="neu@example.org").count() == 1
