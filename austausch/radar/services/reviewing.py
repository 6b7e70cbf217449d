"""A reviewer's decision on a proposed fact (confirmed, corrected or dropped), and the facts a reviewer adds.
A programme or organisation a reviewer accepts is a name the radar knows in the next texts."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from austausch.audit.services import log_action, update_audited
from austausch.lib.permissions import require
from austausch.radar.models import Fact, FactKind, FactState, Source
from austausch.radar.services.learning import learn_from
from austausch.registry.search import resolve_municipality

# What a reviewer may mark in a text that the radar missed.
ADDABLE = (FactKind.MUNICIPALITY, FactKind.EVENT, FactKind.PROGRAMME, FactKind.ORGANISATION, FactKind.PERSON)


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
    fact = update_audited(fact, decision, actor=actor, action=f"radar.fact.{state}")
    if state == FactState.CONFIRMED:
        learn_from(actor=actor, fact=fact)
    return fact


@transaction.atomic
def confirm_all(*, actor: Any, source: Source) -> int:
    """Confirm every fact of the text still proposed; how many were confirmed."""
    require(source.editable_by(actor), _("You may not review this text."))
    facts = list(source.facts.select_for_update().filter(state=FactState.PROPOSED, record_id__isnull=True))
    for fact in facts:
        set_state(actor=actor, fact=fact, state=FactState.CONFIRMED)
    return len(facts)


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
    fact = update_audited(fact, correction, actor=actor, action="radar.fact.corrected")
    # "This is the organisation X": the words the text used become another name of X.
    learn_from(actor=actor, fact=fact)
    return fact


def spans_of_quote(text: str, quote: str) -> list[list[int]]:
    """Every place the text says `quote`, as whole words; a ValidationError when it says it nowhere."""
    quote = " ".join(quote.split())
    if not quote:
        raise ValidationError({"quote": _("Please select or type the words of the text that name the fact.")})
    words = r"\s+".join(re.escape(word) for word in quote.split())
    spans = [list(match.span()) for match in re.finditer(rf"(?<!\w){words}(?!\w)", text)]
    if not spans:
        raise ValidationError(
            {"quote": _("“%(quote)s” is not in the text; please copy it exactly.") % {"quote": quote}}
        )
    return spans


def value_of_added(kind: str, quote: str, name: str, source: Source) -> dict[str, Any]:
    """What an added fact says, read from the words marked in the text (and a name the reviewer gave)."""
    quote = " ".join(quote.split())
    if kind == FactKind.MUNICIPALITY:
        try:
            town = resolve_municipality(name or quote)
        except ValidationError as error:
            raise ValidationError({"name": error.messages}) from error
        return {"key": town.key, "name": town.name, "role": "mentioned"}
    if kind == FactKind.EVENT:
        from austausch.radar.extraction.dates import find_dates

        dates = find_dates(quote, source.published_on)
        if not dates or not dates[0].first.iso():
            raise ValidationError({"quote": _("Please mark a date, e.g. “3. Mai 2024” or “May 3 to 5, 2024”.")})
        return {"kind": "meeting", "start": dates[0].first.iso(), "end": dates[0].last.iso(), "place_key": ""}
    if kind in (FactKind.PROGRAMME, FactKind.ORGANISATION):
        return {"name": name or quote, "abbreviation": ""}
    return {"name": name or quote, "role": "", "organisation": ""}


@transaction.atomic
def add_fact(*, actor: Any, source: Source, kind: str, quote: str, name: str = "") -> Fact:
    """A fact the radar missed, marked by a reviewer in the text (`quote`), confirmed at once. `name` is what
    the words stand for when they say it otherwise ("des Rings" for the organisation "Partnerschaftsring")."""
    require(source.editable_by(actor), _("You may not review this text."))
    if kind not in ADDABLE:
        raise ValidationError({"kind": _("Please choose what kind of fact the words name.")})
    spans = spans_of_quote(source.text, quote)
    value = value_of_added(kind, quote, " ".join(name.split()), source)
    last = source.facts.order_by("-position").values_list("position", flat=True).first()
    fact = Fact(
        source=source,
        kind=kind,
        value=value,
        proposed_value={},
        spans=spans,
        position=(last or 0) + 1,
        state=FactState.CONFIRMED,
        reviewer=actor,
        reviewed_at=timezone.now(),
    )
    fact.full_clean()
    fact.save()
    log_action("radar.fact.added", actor=actor, target=fact, after={"kind": kind, "value": value, "spans": spans})
    learn_from(actor=actor, fact=fact)
    return fact
