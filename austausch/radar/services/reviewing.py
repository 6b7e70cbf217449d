"""A reviewer's decision on a proposed fact: confirmed, corrected or dropped."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from austausch.audit.services import update_audited
from austausch.lib.permissions import require
from austausch.radar.models import Fact, FactState


def lock_for_review(actor: Any, fact: Fact) -> None:
    """Check the right, then read the fact afresh and lock it, so two reviewers cannot both decide it."""
    require(fact.editable_by(actor), _("You may not review this text."))
    Fact.objects.select_for_update().filter(pk=fact.pk).first()
    fact.refresh_from_db()


def _still_open(fact: Fact) -> None:
    if fact.record_id is not None:
        raise ValidationError(_("This fact is already part of a record and cannot change."))


@transaction.atomic
def set_state(*, actor: Any, fact: Fact, state: FactState) -> Fact:
    """Confirm a fact as proposed, or drop it. A fact that made a record stays as it is."""
    lock_for_review(actor, fact)
    if state not in (FactState.CONFIRMED, FactState.DROPPED):
        raise ValueError(f"not a review decision: {state}")
    _still_open(fact)
    decision = {"state": state, "reviewer": actor, "reviewed_at": timezone.now()}
    return update_audited(fact, decision, actor=actor, action=f"radar.fact.{state}")


@transaction.atomic
def correct_fact(*, actor: Any, fact: Fact, value: dict[str, Any]) -> Fact:
    """Replace what the fact says by the reviewer's version (a form has cleaned it)."""
    lock_for_review(actor, fact)
    _still_open(fact)
    correction = {
        "value": {**fact.value, **value},
        "state": FactState.CORRECTED,
        "reviewer": actor,
        "reviewed_at": timezone.now(),
    }
    return update_audited(fact, correction, actor=actor, action="radar.fact.corrected")
