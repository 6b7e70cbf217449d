"""The GDPR rights: a copy of all data held about a person, and erasure that leaves no trace of them."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from datetime import date

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models
from django.test import Client
from django.test.utils import isolate_apps
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from austausch.accounts.gdpr import erase_user, export_personal_data
from austausch.accounts.models import Invitation, Role, RoleAssignment, User
from austausch.accounts.services import accept_invitation, invite, update_profile
from austausch.audit.models import AuditEntry
from austausch.citizens.models import Reader
from austausch.knowledge.models import Practice
from austausch.lib.personal_data import PersonalData, sections, undeclared
from austausch.organisations.models import Organisation
from austausch.programmes.models import (
    AgendaSession,
    Delegation,
    DelegationInvitation,
    Meeting,
    MeetingKind,
    Participation,
    Registration,
    RegistrationStatus,
)
from austausch.registry.models import Municipality
from tests.accounts.conftest import PASSWORD, grant, invitation_link, signed_in

NAME = "Zephyrine Quackenbush-Oyelaran"
EARLIER_NAME = "Zephyrine Q."
EMAIL = "zephyrine.quackenbush@example.org"
PHONE = "+49 3877 4242 999"
LINK_BASE = "http://testserver/en/accounts/invitation/"


def database_occurrences(*needles: str) -> list[str]:
    """Every table, every column, every row: where any of the needles occurs (ignoring case).

    Reads the raw tables the database lists, so that tables no model describes (many-to-many,
    full-text indexes) count too. Session data is stored encoded, so it is decoded and read as well.
    """
    tables = connection.introspection.table_names()
    model_tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    assert model_tables <= set(tables), model_tables - set(tables)
    forms = {form.lower() for needle in needles for form in (needle, json.dumps(needle)[1:-1])}
    found = []
    with connection.cursor() as cursor:
        for table in tables:
            columns = [column.name for column in connection.introspection.get_table_description(cursor, table)]
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from the database
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = (
                        bytes(value).decode("utf-8", "replace") if isinstance(value, bytes | memoryview) else str(value)
                    ).lower()
                    found += [f"{table}.{column}: {value!r}" for form in forms if form in text]
    for session in Session.objects.all():
        decoded = json.dumps(session.get_decoded(), ensure_ascii=False).lower()
        found += [f"django_session (decoded) {session.session_key}" for form in forms if form in decoded]
    return found


@pytest.fixture
def person(make_user: Callable[..., User], town: Municipality, organisation: Organisation, editor: User) -> User:
    """Someone with a history: invited by the town's editor, named twice, holding roles, inviting others."""
    invite(inviter=editor, email=EMAIL, role=Role.EDITOR, scope=town, link_base=LINK_BASE)
    token = invitation_link(mail.outbox[-1]).rstrip("/").rsplit("/", 1)[1]
    person = accept_invitation(token=token, name=EARLIER_NAME, password=PASSWORD)
    update_profile(user=person, actor=person, name=NAME, phone=PHONE, phone_visibility="members")
    grant(person, Role.COORDINATOR, organisation)
    invite(inviter=person, email="guest@example.org", role=Role.PARTICIPANT, scope=organisation, link_base=LINK_BASE)
    # A second, still open invitation to them from someone else.
    invite(inviter=editor, email=EMAIL.upper(), role=Role.PARTICIPANT, scope=town, link_base=LINK_BASE)
    TOTPDevice.objects.create(user=person, name="authenticator app", confirmed=True)
    # They also follow and comment as a reader, under the same address and their name.
    Reader.objects.create(email=EMAIL, display_name=NAME, confirmed_at=timezone.now())
    return person


@pytest.fixture
def signed_in_person(person: User) -> Client:
    """The person signed in (a session and a sign-in record), plus two typos later and a pending second step."""
    client = signed_in(person)
    for _attempt in range(2):
        Client().post("/en/accounts/login/", {"username": EMAIL, "password": "typo typo typo"})
    # Two-factor is on: the right password leaves a session waiting for the code.
    Client().post("/en/accounts/login/", {"username": EMAIL, "password": PASSWORD})
    # A deployment may also keep a log of failures (AXES_ENABLE_ACCESS_FAILURE_LOG).
    AccessFailureLog.objects.create(
        username=EMAIL, ip_address="127.0.0.1", user_agent="test", http_accept="*/*", path_info="/en/accounts/login/"
    )
    return client


def read_export(data: bytes) -> tuple[dict, dict[str, list[dict[str, str]]]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    document = json.loads(archive.read("data.json"))
    tables = {
        name.removesuffix(".csv"): list(csv.DictReader(io.StringIO(archive.read(name).decode())))
        for name in archive.namelist()
        if name.endswith(".csv")
    }
    return document, tables


def test_the_export_holds_every_section_in_json_and_csv(person: User, signed_in_person: Client) -> None:
    document, tables = read_export(export_personal_data(person))
    assert set(document) == set(tables) == {section.section for section in sections()}
    assert {
        "profile",
        "roles",
        "invitations_sent",
        "invitations_received",
        "audit_entries",
        "two_factor_devices",
        "sessions",
        "login_attempts",
        "reader_address",
        "follows",
        "comments",
        "registrations",
        "participations",
        "delegation_invitations",
    } <= set(document)
    assert [reader["display_name"] for reader in document["reader_address"]] == [NAME]
    assert document["profile"]["email"] == EMAIL
    assert document["profile"]["phone"] == PHONE
    assert tables["profile"][0]["name"] == NAME
    assert {(role["role"], role["scope_type"]) for role in document["roles"]} == {
        ("editor", "municipality"),
        ("coordinator", "organisation"),
    }
    assert [invitation["email"] for invitation in document["invitations_sent"]] == ["guest@example.org"]
    assert len(document["invitations_received"]) == 2
    assert document["invitations_received"][0]["invited_by"] == "Edda Editor"
    actions = {entry["action"] for entry in document["audit_entries"]}
    assert {"accounts.user.created", "accounts.user.changed", "accounts.invitation.sent"} <= actions
    assert document["two_factor_devices"] == [
        {
            "name": "authenticator app",
            "confirmed": True,
            "created_at": document["two_factor_devices"][0]["created_at"],
            "last_used_at": None,
        }
    ]
    assert len(document["sessions"]) >= 1
    failed = [attempt for attempt in document["login_attempts"] if attempt["kind"] == "failed_attempts"]
    assert [attempt["failures"] for attempt in failed] == [2]
    assert any(attempt["kind"] == "sign_in" for attempt in document["login_attempts"])


def test_the_export_holds_no_secrets(person: User) -> None:
    data = export_personal_data(person)
    device = TOTPDevice.objects.get(user=person)
    text = zipfile.ZipFile(io.BytesIO(data)).read("data.json").decode()
    assert device.key not in text
    assert person.password not in text
    assert "token_hash" not in text
    assert Invitation.objects.first().token_hash not in text  # type: ignore[union-attr]


def test_the_profile_page_downloads_ones_own_export_only(person: User, outsider: User, admin: User) -> None:
    response = signed_in(person).get("/en/accounts/profile/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="austausch-personal-data-')
    assert read_export(response.content)[0]["profile"]["email"] == EMAIL
    # Another person's export by its direct URL: not found for anyone but a platform admin.
    assert signed_in(outsider).get(f"/en/accounts/people/{person.pk}/export/").status_code == 404
    assert Client().get(f"/en/accounts/people/{person.pk}/export/").status_code == 302
    by_admin = signed_in(admin).get(f"/en/accounts/people/{person.pk}/export/")
    assert read_export(by_admin.content)[0]["profile"]["email"] == EMAIL
    assert outsider.email.encode() not in response.content


def test_erasure_leaves_no_trace_of_name_e_mail_or_phone_in_any_table(
    person: User, signed_in_person: Client, editor: User, town: Municipality
) -> None:
    assert database_occurrences(EMAIL), "the scan must see the person before erasure"
    assert any("axes_accessattempt" in place for place in database_occurrences(EMAIL))
    assert any("django_session (decoded)" in place for place in database_occurrences(str(person.pk)))

    erase_user(user=person, actor=person)

    assert database_occurrences(EMAIL, NAME, EARLIER_NAME, PHONE, "Quackenbush") == []
    # The scan still sees everyone else.
    assert database_occurrences(editor.email)


def test_erasure_keeps_an_anonymous_placeholder_and_the_trail(
    person: User, signed_in_person: Client, town: Municipality
) -> None:
    pk = person.pk
    entries_before = AuditEntry.objects.count()
    sent = Invitation.objects.get(email="guest@example.org")
    erase_user(user=person, actor=person)

    placeholder = User.objects.get(pk=pk)
    assert placeholder.email == f"erased-{pk}@invalid"
    assert (placeholder.name, placeholder.phone) == ("", "")
    assert not placeholder.is_active
    assert not placeholder.has_usable_password()
    assert placeholder.erased_at is not None
    assert not RoleAssignment.objects.filter(user_id=pk).exists()
    assert not TOTPDevice.objects.filter(user_id=pk).exists()
    assert not AccessAttempt.objects.exists()
    assert not AccessFailureLog.objects.exists()
    assert not AccessLog.objects.filter(username__iexact=EMAIL).exists()
    assert signed_in_person.get("/en/accounts/profile/").status_code == 302  # the session is gone
    # The trail keeps what happened: the entries stay, plus one for the erasure of the account and one for
    # the reader address under the same e-mail, with nothing personal in them.
    assert AuditEntry.objects.count() == entries_before + 2
    assert not Reader.objects.exists()
    assert AuditEntry.objects.get(action="citizens.reader.erased").after == {"follows": 0, "comments": 0}
    erased = AuditEntry.objects.get(action="accounts.user.erased")
    assert erased.actor_id == pk
    assert erased.after == {"erased": True}
    assert AuditEntry.objects.filter(actor_id=pk, action="accounts.user.changed").get().after["name"] == "[erased]"
    # What they did for others stays, pointing at the placeholder; the open invitation to them is closed.
    sent.refresh_from_db()
    assert sent.invited_by_id == pk
    open_invitation = Invitation.objects.get(role=Role.PARTICIPANT, scope_id=town.pk)
    assert open_invitation.email == f"erased-{pk}@invalid"
    assert open_invitation.accepted_at is None
    assert Client().post("/en/accounts/login/", {"username": EMAIL, "password": PASSWORD}).status_code == 200


def test_the_erase_page_asks_for_the_e_mail_then_erases_and_signs_out(person: User) -> None:
    client = signed_in(person)
    page = client.get("/en/accounts/profile/erase/")
    assert "This cannot be undone" in page.text
    wrong = client.post("/en/accounts/profile/erase/", {"email": "someone.else@example.org"})
    assert "This is not the e-mail address of your account." in wrong.text
    assert User.objects.get(pk=person.pk).erased_at is None
    done = client.post("/en/accounts/profile/erase/", {"email": EMAIL.upper()}, follow=True)
    assert done.redirect_chain[-1][0] == "/en/accounts/erased/"
    assert "Account erased" in done.text
    assert not done.context["user"].is_authenticated
    assert User.objects.get(pk=person.pk).erased_at is not None


def test_erasure_is_only_by_post_with_confirmation(person: User) -> None:
    client = signed_in(person)
    client.get("/en/accounts/profile/erase/", {"email": EMAIL})
    client.post("/en/accounts/profile/erase/", {})
    assert User.objects.get(pk=person.pk).erased_at is None


def our_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if model.__module__.startswith("austausch.")]


def test_every_model_holding_a_persons_name_address_or_number_is_declared_by_its_app() -> None:
    # A new model with a person's field fails here until its app's personal_data.py covers it or says why not.
    assert undeclared(our_models()) == {}


@isolate_apps("austausch.programmes")
def test_a_model_with_a_persons_field_that_no_app_declares_is_found() -> None:
    class Speaker(models.Model):  # noqa: DJ008 - never shown
        full_name = models.CharField(max_length=100)
        e_mail = models.EmailField()
        account = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
        title = models.CharField(max_length=100)

        class Meta:
            app_label = "programmes"

    class Room(models.Model):  # noqa: DJ008 - never shown
        title = models.CharField(max_length=100)

        class Meta:
            app_label = "programmes"

    assert undeclared([Speaker, Room]) == {"programmes.Speaker": ["full_name", "e_mail", "account"]}


def test_a_section_that_is_never_erased_must_say_why() -> None:
    with pytest.raises(ImproperlyConfigured, match="say why"):
        PersonalData("anything", (Registration,), lambda person: [])


@pytest.fixture
def meeting(town: Municipality) -> Meeting:
    meeting = Meeting.objects.create(
        kind=MeetingKind.PRESENTATION,
        title="Kleinstadt digital",
        starts_on=date(2026, 5, 4),
        ends_on=date(2026, 5, 5),
        published=True,
        registration_open=True,
        capacity=10,
    )
    meeting.host_municipalities.set([town])
    return meeting


@pytest.fixture
def registered_and_invited(person: User, meeting: Meeting, town: Municipality, other_town: Municipality) -> User:
    """The person registered for the meeting under their address, with a delegation seat kept for the
    same address, a place in another delegation, named as a speaker, and the author of a practice."""
    Registration.objects.create(
        meeting=meeting,
        name=NAME,
        email=EMAIL,
        organisation="Stadtwerke",
        answers={"diet": "vegetarian"},
        status=RegistrationStatus.CONFIRMED,
        token_hash="a" * 64,
    )
    DelegationInvitation.objects.create(
        delegation=Delegation.objects.create(meeting=meeting, municipality=other_town), email=EMAIL, role="Kämmerin"
    )
    delegation = Delegation.objects.create(meeting=meeting, municipality=town)
    Participation.objects.create(delegation=delegation, person=person)
    AgendaSession.objects.create(
        meeting=meeting,
        title="Opening",
        starts_at=timezone.now(),
        ends_at=timezone.now(),
        speakers=f"{NAME}, Bernd Beispiel",
    )
    Practice.objects.create(title="Dorfbüro", summary="Ein Büro im Bahnhof.", created_by=person)
    return person


def test_the_export_holds_registrations_delegation_seats_participations_and_agenda(
    registered_and_invited: User,
) -> None:
    document, tables = read_export(export_personal_data(registered_and_invited))
    [registration] = document["registrations"]
    assert (registration["meeting"], registration["name"], registration["answers"]) == (
        "Kleinstadt digital",
        NAME,
        {"diet": "vegetarian"},
    )
    [invitation] = document["delegation_invitations"]
    assert (invitation["email"], invitation["role"]) == (EMAIL, "Kämmerin")
    assert invitation["delegation"].endswith("Kleinstadt digital")
    assert [participation["status"] for participation in document["participations"]] == ["invited"]
    assert [session["speakers"] for session in document["agenda_speaker"]] == [f"{NAME}, Bernd Beispiel"]
    assert tables["registrations"][0]["email"] == EMAIL
    assert [(row["as"], row["record"]) for row in document["practices_recorded"]] == [("created_by", "Dorfbüro")]
    assert "token_hash" not in json.dumps(document)


def test_erasure_removes_registrations_and_delegation_seats_and_the_name_as_speaker(
    registered_and_invited: User, editor: User
) -> None:
    erase_user(user=registered_and_invited, actor=registered_and_invited)

    assert database_occurrences(EMAIL, NAME, EARLIER_NAME, PHONE, "Quackenbush") == []
    assert not DelegationInvitation.objects.exists()
    # The seat taken still counts for the meeting, without anything saying whose it was.
    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.organisation, registration.answers) == (
        "[erased]",
        f"erased-{registered_and_invited.pk}@invalid",
        "",
        {},
    )
    assert Participation.objects.get().person_id == registered_and_invited.pk
    assert AgendaSession.objects.get().speakers == "[erased], Bernd Beispiel"
    # What they recorded stays, pointing at the anonymous placeholder.
    assert Practice.objects.get().created_by_id == registered_and_invited.pk
    assert database_occurrences(editor.email)
