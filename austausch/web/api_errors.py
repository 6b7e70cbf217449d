"""Service errors in the API's words, for every router."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from ninja.errors import HttpError


@contextmanager
def as_api_errors() -> Iterator[None]:
    """403 for a refused permission, 422 naming each field for a validation error."""
    try:
        yield
    except PermissionDenied as error:
        raise HttpError(403, str(error) or "You may not do this.") from error
    except ValidationError as error:
        messages = [f"{field}: {' '.join(errors)}" for field, errors in error.message_dict.items()]
        raise HttpError(422, "; ".join(messages)) from error
