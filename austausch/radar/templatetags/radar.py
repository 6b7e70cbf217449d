"""`{% radar_sources record %}`: the texts a record was made from, quoted where they say it.

Also the highlighting of a source text: each accepted or proposed fact marked in place.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django import template
from django.db import models

from austausch.radar.models import Fact, FactKind, FactState, Source, can_review
from austausch.radar.services.recording import provenance

register = template.Library()


@dataclasses.dataclass
class Segment:
    text: str
    fact: Fact | None = None
    anchor: str = ""


# Where spans overlap, the more specific fact is marked: an event before the town it happens in.
PRIORITY = [FactKind.EVENT, FactKind.MUNICIPALITY, FactKind.PROGRAMME, FactKind.ORGANISATION, FactKind.PUBLICATION,
            FactKind.PRACTICE, FactKind.PERSON, FactKind.TOPIC]  # fmt: skip


def marked(fact: Fact) -> bool:
    """Facts marked in the text: all but dropped ones and practices the text reports (their span is the whole
    lead paragraph); a practice the text only names (by its title) is marked like any name."""
    if fact.state == FactState.DROPPED or fact.kind not in PRIORITY:
        return False
    return fact.kind != FactKind.PRACTICE or not fact.value.get("summary")


def highlight(source: Source, facts: list[Fact]) -> list[Segment]:
    """The text cut into plain and marked pieces, each character marked at most once: where spans
    overlap, the one that starts first wins, then the longer one, then the kind earlier in PRIORITY."""
    spans = sorted(
        ((start, end, fact, number) for fact in facts if marked(fact)
         for number, (start, end) in enumerate(fact.spans)),
        key=lambda span: (span[0], -span[1], PRIORITY.index(FactKind(span[2].kind))),
    )  # fmt: skip
    segments, cursor = [], 0
    for start, end, fact, number in spans:
        if start < cursor:
            continue
        if start > cursor:
            segments.append(Segment(source.text[cursor:start]))
        segments.append(Segment(source.text[start:end], fact, f"span-{fact.pk}-{number}"))
        cursor = end
    if cursor < len(source.text):
        segments.append(Segment(source.text[cursor:]))
    return segments


@dataclasses.dataclass
class Citation:
    source: Source
    quotes: list[tuple[int, int, str]]


@register.inclusion_tag("radar/_sources.html", takes_context=True)
def radar_sources(context: template.Context, record: models.Model) -> dict[str, Any]:
    """Which texts a record came from, each quoted at the spans the facts were found in."""
    citations: dict[int, Citation] = {}
    for fact in provenance(record):
        citation = citations.setdefault(fact.source_id, Citation(fact.source, []))
        citation.quotes.extend((start, end, fact.source.text[start:end]) for start, end in fact.spans)
    request = context.get("request")
    return {
        "citations": list(citations.values()),
        "reviewer": can_review(getattr(request, "user", None)),
        "record": record,
    }
