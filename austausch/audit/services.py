"""The audit trail. Every service that writes calls `log_action` inside its transaction."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models

from austausch.audit.models import AuditEntry

M = TypeVar("M", bound=models.Model)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of an instance as JSON-ready values, for `before` and `after`."""
    return {name: _json_value(getattr(instance, name)) for name in fields}


def log_action(
    action: str,
    *,
    actor: Any,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        before=before,
        after=after,
    )


def update_audited(
    instance: M,
    changes: dict[str, Any],
    *,
    actor: Any,
    action: str,
    many: dict[str, Iterable[models.Model]] | None = None,
    target: models.Model | None = None,
    noted: dict[str, Any] | None = None,
) -> M:
    """The one way to change a record: set `changes`, validate, save, set the `many`-to-many relations given,
    and log each field before and after under `action`.

    The entry is about `target` when the record is part of a larger one (a participant's answer belongs to
    the meeting's log); `noted` adds facts to `after` that are not fields of the record (the update that
    moved a commitment)."""
    before = snapshot(instance, changes)
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    after = snapshot(instance, changes)
    for name, related in (many or {}).items():
        manager = getattr(instance, name)
        related = list(related)
        before[name] = sorted(manager.values_list("pk", flat=True))
        manager.set(related)
        after[name] = sorted(item.pk for item in related)
    log_action(action, actor=actor, target=target or instance, before=before, after={**after, **(noted or {})})
    return instance


def entries_for(target: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")


def _json_value(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value
