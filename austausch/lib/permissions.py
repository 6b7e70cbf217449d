"""The one way a service refuses an actor."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


def require(allowed: bool, message: str) -> None:
    """Go on only if `allowed`; otherwise refuse with `message`, which views show as a 403."""
    if not allowed:
        raise PermissionDenied(message)
