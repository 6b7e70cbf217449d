"""What the registry's commands share: a town named on the command line, or a clear exit 2."""

from __future__ import annotations

from django.core.management.base import CommandError

from austausch.registry.models import Municipality
from austausch.registry.search import AmbiguousName, resolve_municipality


def municipality_argument(text: str) -> Municipality:
    """A key or a unique name; an ambiguous name lists the candidates with their keys and states."""
    try:
        municipality = resolve_municipality(text)
    except AmbiguousName as ambiguous:
        lines = [f"  {candidate.key}  {candidate.name}, {candidate.state}" for candidate in ambiguous.candidates]
        raise CommandError(
            f"{len(ambiguous.candidates)} municipalities match {text!r}; give a key:\n" + "\n".join(lines),
            returncode=2,
        ) from None
    if municipality is None:
        raise CommandError(
            f"No municipality matches {text!r}. Give a key (DE-<AGS>, US-<id>) or an exact name.", returncode=2
        )
    return municipality
