"""What the registry's commands share: a town named on the command line, or a clear exit 2."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from austausch.registry.models import Municipality
from austausch.registry.search import resolve_municipality


def municipality_argument(text: str) -> Municipality:
    """A key or a unique name; otherwise exit 2 with the resolver's message (an ambiguous name lists the candidates)."""
    try:
        return resolve_municipality(text)
    except ValidationError as problem:
        raise CommandError(problem.messages[0], returncode=2) from None
