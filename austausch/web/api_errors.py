"""Service errors in the API's words, and request bodies as the schema describes them, for every router."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Schema
from ninja.errors import HttpError
from ninja.schema import DjangoGetter
from pydantic import BeforeValidator, model_validator


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


class Payload(Schema):
    """A request body: a JSON object. Ninja's Schema reads the attributes of whatever it is given, so a list
    or a number would otherwise pass as an object with every field left out."""

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, value: Any) -> Any:
        # Ninja hands the body over wrapped for attribute access.
        if not isinstance(value._obj if isinstance(value, DjangoGetter) else value, dict):
            raise ValueError("the body must be a JSON object")  # pydantic wants ValueError
        return value


def _date_as_text(value: Any) -> Any:
    # Pydantic would read a number as seconds since 1970; the schema says a date is a string.
    if not isinstance(value, str | date):
        raise ValueError("a date is written as text, e.g. 2026-05-31")  # pydantic wants ValueError
    return value


IsoDate = Annotated[date, BeforeValidator(_date_as_text)]
