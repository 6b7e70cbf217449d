"""`austausch outcomes remind`: e-mail the towns whose commitments are due, for a scheduler to run daily."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from austausch.outcomes.reminders import send_reminders


class Command(BaseCommand):
    help = "Outcomes of the exchanges: `austausch outcomes remind` sends the reminders on open commitments."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        remind = actions.add_parser(
            "remind",
            help="E-mail reminders on open commitments (idempotent; run it daily).",
            description="E-mails a reminder on each commitment that is neither done nor dropped, at its due date "
            "and 6, 12 and 24 months after the meeting it came from (after its recording when it has no "
            "meeting). The reminder goes to the editors of the commitment's town; where the town has no "
            "editors, to the coordinators of its programme or meeting. Each reminder is sent once: a second "
            "run sends nothing. When several dates passed since the last run, one e-mail covers them. "
            "Prints what it sent.",
        )
        remind.add_argument(
            "--base-url",
            default=settings.BASE_URL,
            help=f"the address in the e-mails' links (default: AUSTAUSCH_BASE_URL, now {settings.BASE_URL})",
        )
        remind.add_argument("--dry-run", action="store_true", help="only print what would be sent")
        remind.add_argument("--today", type=date.fromisoformat, help="act as if it were this date (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] != "remind":
            raise CommandError(f"Unknown action {options['action']!r}.")
        reminders = send_reminders(today=options["today"], base_url=options["base_url"], dry_run=options["dry_run"])
        verb = "Would remind" if options["dry_run"] else "Reminded"
        sent = 0
        for reminder in reminders:
            commitment = reminder.commitment
            where = f"“{commitment.title}” ({commitment.municipality.name}, #{commitment.pk})"
            if not reminder.recipients:
                self.stdout.write(f"Nobody to remind of {where}: the town has no editors and no coordinator.")
                continue
            sent += 1
            people = ", ".join(reminder.recipients)
            with translation.override("en"):
                self.stdout.write(f"{verb} {people} of {where}: {reminder.milestone.label}.")
        if not sent:
            self.stdout.write("No reminders due.")
