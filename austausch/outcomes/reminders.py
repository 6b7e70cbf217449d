"""Reminders to the side that answers for a commitment: at its due date and 6, 12 and 24 months after the
meeting it came from, until it is done or dropped. A scheduler runs this daily; a second run sends nothing."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from austausch.accounts.roles import Role, holders
from austausch.audit.services import log_action
from austausch.outcomes.models import OPEN_STATES, Commitment, Milestone, ReminderSent

MONTHS = {Milestone.MONTHS_6: 6, Milestone.MONTHS_12: 12, Milestone.MONTHS_24: 24}


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Aug + 6 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def milestones(commitment: Commitment) -> list[tuple[Milestone, date]]:
    """When the commitment's reminders fall due. Without a meeting, the months count from its recording."""
    points: list[tuple[Milestone, date]] = []
    if commitment.due_on is not None:
        points.append((Milestone.DUE, commitment.due_on))
    anchor = commitment.meeting.ends_on if commitment.meeting else timezone.localtime(commitment.created_at).date()
    points.extend((milestone, add_months(anchor, months)) for milestone, months in MONTHS.items())
    return sorted(points, key=lambda point: point[1])


def recipients(commitment: Commitment) -> list[str]:
    """The town's editors; where the town has none yet, the coordinators of the programme or meeting."""
    people = holders(Role.EDITOR, commitment.municipality)
    if not people.exists():
        scope = commitment.programme or commitment.meeting
        if scope is None:
            return []
        people = holders(Role.COORDINATOR, scope)
    return sorted(set(people.values_list("email", flat=True)))


@dataclass(frozen=True)
class Reminder:
    commitment: Commitment
    milestone: Milestone
    recipients: list[str]


def send_reminders(*, today: date | None = None, base_url: str, dry_run: bool = False) -> list[Reminder]:
    """Send what has fallen due and is not yet sent. When several milestones passed since the last run, one
    e-mail (for the latest) covers them: nobody needs three reminders on the same morning."""
    today = today or timezone.localdate()
    done: list[Reminder] = []
    open_commitments = (
        Commitment.objects.filter(state__in=OPEN_STATES)
        .select_related("municipality", "meeting", "programme", "owner_organisation")
        .prefetch_related("reminders")
        .order_by("pk")
    )
    for commitment in open_commitments:
        sent = {reminder.milestone for reminder in commitment.reminders.all()}
        reached = [milestone for milestone, day in milestones(commitment) if day <= today and milestone not in sent]
        if not reached:
            continue
        people = recipients(commitment)
        if not people:
            # Nobody to tell yet: leave it unsent, so that the town's first editor gets it.
            done.append(Reminder(commitment, reached[-1], []))
            continue
        if not dry_run and not _send(commitment, reached, people, base_url):
            continue
        done.append(Reminder(commitment, reached[-1], people))
    return done


def _send(commitment: Commitment, reached: list[Milestone], people: list[str], base_url: str) -> bool:
    """Record and send in one transaction: if the mail fails, the record goes too and the next run retries."""
    latest = reached[-1]
    try:
        with transaction.atomic():
            for milestone in reached:
                ReminderSent.objects.create(
                    commitment=commitment, milestone=milestone, recipients=len(people) if milestone == latest else 0
                )
            log_action(
                "outcomes.reminder.sent",
                actor=None,
                target=commitment,
                after={"milestones": [str(milestone) for milestone in reached], "recipients": len(people)},
            )
            language = "de" if commitment.municipality.country == "DE" else "en"
            with translation.override(language):
                context = {
                    "commitment": commitment,
                    "milestone": latest.label,
                    "link": base_url.rstrip("/") + commitment.get_absolute_url(),
                    "update_link": base_url.rstrip("/") + reverse("outcomes:post-update", kwargs={"pk": commitment.pk}),
                }
                subject = render_to_string("outcomes/email/reminder_subject.txt", context).strip()
                body = render_to_string("outcomes/email/reminder.txt", context)
            send_mail(subject=subject, message=body, from_email=None, recipient_list=people)
    except IntegrityError:
        # Another run sent it meanwhile.
        return False
    return True
