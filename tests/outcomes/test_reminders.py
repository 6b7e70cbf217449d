"""`austausch outcomes remind` with frozen time: due date, 6, 12 and 24 months after the meeting, once each."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail
from django.core.management import call_command

from austausch.accounts.models import User
from austausch.outcomes.models import Commitment, ReminderSent
from austausch.outcomes.reminders import add_months
from austausch.outcomes.services import create_commitment, post_update
from austausch.programmes.models import Meeting
from tests.outcomes.conftest import MOELLN, WITTENBERGE, town


@contextmanager
def on(day: date) -> Iterator[None]:
    with time_machine.travel(
        datetime(day.year, day.month, day.day, 7, 0, tzinfo=ZoneInfo("Europe/Berlin")), tick=False
    ):
        yield


def remind(*args: str) -> str:
    output = StringIO()
    call_command("outcomes", "remind", "--base-url", "https://austausch.example", *args, stdout=output)
    return output.getvalue()


def coworking(actor: User, meeting: Meeting, key: str = WITTENBERGE) -> Commitment:
    with on(date(2023, 4, 26)):
        return create_commitment(
            actor=actor,
            municipality=town(key),
            meeting=meeting,
            title="Coworking Space im Bahnhofsempfangsgebäude",
            owner_role="Bauamt",
            due_on=date(2023, 10, 1),
        )


def test_months_are_added_to_the_calendar() -> None:
    assert add_months(date(2023, 4, 25), 6) == date(2023, 10, 25)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2023, 11, 30), 24) == date(2025, 11, 30)


def test_reminders_fall_at_each_milestone_once_until_done(wittenberge_editor: User, meeting: Meeting) -> None:
    commitment = coworking(wittenberge_editor, meeting)
    with on(date(2023, 9, 30)):
        assert remind().strip() == "No reminders due."
    with on(date(2023, 10, 1)):
        output = remind()
        assert "Reminded editor@wittenberge.example of “Coworking Space im Bahnhofsempfangsgebäude”" in output
        assert "due date" in output
        assert remind().strip() == "No reminders due."
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editor@wittenberge.example"]
    assert message.subject == "Erinnerung: „Coworking Space im Bahnhofsempfangsgebäude“ (Wittenberge)"
    assert f"https://austausch.example/de/outcomes/commitments/{commitment.pk}/updates/new/" in message.body
    assert "Fälligkeitsdatum" in message.body
    with on(date(2023, 10, 24)):
        assert remind().strip() == "No reminders due."
    with on(date(2023, 10, 25)):
        assert "6 months after the meeting" in remind()
        remind()
    assert len(mail.outbox) == 2 and "6 Monate nach dem Treffen" in mail.outbox[1].body
    with on(date(2024, 4, 25)):
        assert "12 months after the meeting" in remind()
    with on(date(2024, 5, 2)):
        post_update(
            actor=wittenberge_editor, commitment=commitment, on=date(2024, 5, 2), text="Open.", new_state="done"
        )
    with on(date(2025, 4, 25)):
        assert remind().strip() == "No reminders due."
    assert len(mail.outbox) == 3
    assert sorted(ReminderSent.objects.values_list("milestone", flat=True)) == ["12m", "6m", "due"]


def test_a_late_first_run_sends_one_mail_for_all_passed_milestones(wittenberge_editor: User, meeting: Meeting) -> None:
    coworking(wittenberge_editor, meeting)
    with on(date(2025, 5, 1)):
        output = remind()
        assert output.count("Reminded") == 1 and "24 months after the meeting" in output
        assert remind().strip() == "No reminders due."
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.count() == 4


def test_a_town_without_editors_has_its_coordinator_reminded(coordinator: User, meeting: Meeting) -> None:
    coworking(coordinator, meeting, key=MOELLN)
    with on(date(2023, 10, 1)):
        assert "Reminded cora@example.org" in remind()
    assert mail.outbox[0].to == ["cora@example.org"]


def test_nobody_to_tell_leaves_the_reminder_for_later(wittenberge_editor: User) -> None:
    admin = User.objects.create_superuser("root@example.org", "a long enough passphrase 42")
    with on(date(2023, 4, 26)):
        create_commitment(
            actor=admin, municipality=town(MOELLN), title="Loose", owner_role="Amt", due_on=date(2023, 5, 1)
        )
    with on(date(2023, 5, 2)):
        assert "Nobody to remind" in remind()
    assert not ReminderSent.objects.exists() and not mail.outbox


def test_a_dry_run_sends_and_records_nothing(wittenberge_editor: User, meeting: Meeting) -> None:
    coworking(wittenberge_editor, meeting)
    with on(date(2023, 10, 1)):
        assert "Would remind editor@wittenberge.example" in remind("--dry-run")
    assert not mail.outbox and not ReminderSent.objects.exists()


def test_the_help_says_who_is_reminded() -> None:
    from austausch.outcomes.management.commands.outcomes import Command

    parser = Command().create_parser("austausch", "outcomes")
    remind_help = parser._subparsers._group_actions[0].choices["remind"].format_help()  # type: ignore[union-attr]
    words = " ".join(remind_help.split())
    assert "editors of the commitment's town" in words and "a second run sends nothing" in words
