"""What the audit trail keeps about a person: what they did, what was done to their account, and where
their name, address or number was written into a record's before and after.

Erasure keeps the entries (the trail must still say what happened) and replaces the person in them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast

from austausch.audit.models import AuditEntry
from austausch.lib.personal_data import Person, PersonalData, Row, register


def _about(person: Person) -> Q:
    account = ContentType.objects.get_for_model(person.user)
    return Q(actor=person.user) | Q(target_type=account, target_id=str(person.user.pk))


def _export(person: Person) -> list[Row]:
    return [
        {
            "when": entry.created_at,
            "action": entry.action,
            "by_you": entry.actor_id == person.user.pk,
            "object_type": entry.target_type.model if entry.target_type else "",
            "object_id": entry.target_id,
            "object": entry.target_label,
            "before": entry.before,
            "after": entry.after,
        }
        for entry in AuditEntry.objects.filter(_about(person)).select_related("target_type")
    ]


def _naming(person: Person) -> QuerySet[AuditEntry]:
    query = _about(person)
    for email in person.emails:
        query |= Q(target_label__icontains=email) | Q(before_text__icontains=email) | Q(after_text__icontains=email)
    return AuditEntry.objects.annotate(
        before_text=Cast("before", TextField()), after_text=Cast("after", TextField())
    ).filter(query)


def _erase(person: Person, actor: Any) -> None:
    for entry in _naming(person):
        entry.target_label = person.scrub(entry.target_label)
        entry.before = person.scrub(entry.before)
        entry.after = person.scrub(entry.after)
        entry.save(update_fields=["target_label", "before", "after"])


register(PersonalData("audit_entries", (AuditEntry,), _export, _erase))
