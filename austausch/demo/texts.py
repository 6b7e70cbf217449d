"""Setting the demo's texts on records in both languages, and keeping them current.

A model whose fields are registered for translation takes the German and the English version (`title_de`,
`title_en`); one that is not takes the German original alone. A second run of `austausch demo` brings the texts
of records it created earlier up to date, through the audited update like any other change.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from austausch.audit.services import update_audited
from austausch.demo.data import Text


def is_translated(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(f"{name}_en")
    except Exception:  # FieldDoesNotExist: the field takes one language
        return False
    return True


def as_fields(model: type[models.Model], **values: Any) -> dict[str, Any]:
    """`title=Text(de, en)` as the model's fields; other values as they are."""
    fields: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, Text):
            if is_translated(model, name):
                fields[f"{name}_de"], fields[f"{name}_en"] = value.de, value.en
            else:
                fields[name] = value.de
        else:
            fields[name] = value
    return fields


def refresh(instance: models.Model, *, actor: Any, action: str, **values: Any) -> bool:
    """Set what differs from `values` (texts in both languages) through the audited update; False if nothing did."""
    changes = {
        name: value for name, value in as_fields(type(instance), **values).items() if getattr(instance, name) != value
    }
    if not changes:
        return False
    update_audited(instance, changes, actor=actor, action=action)
    return True
