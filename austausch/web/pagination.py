"""One way to page through lists, for the API ({"count", "items"}) and the HTML pages alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Generic, TypeVar

from django.db.models import QuerySet
from ninja import Schema
from ninja.errors import HttpError
from pydantic import Field

MAX_PAGE_SIZE = 200
# Far beyond any list here, and small enough that (page - 1) * page_size stays a 64-bit offset.
MAX_PAGE = 1_000_000
# Query parameters of every list endpoint: the schema shows the bounds, and a value outside them is a 422.
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE, description="Page number, from 1.")]
PageSize = Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE, description=f"Items per page, 1 to {MAX_PAGE_SIZE}.")]
ItemT = TypeVar("ItemT")


class Page(Schema, Generic[ItemT]):
    count: int
    items: list[ItemT]


def paginate(
    queryset: QuerySet, *, page: int, page_size: int, load: Callable[[int, int], list] | None = None
) -> dict[str, object]:
    """One page of a queryset. `load(start, stop)`, where given, loads the rows in a cheaper way."""
    if not 1 <= page <= MAX_PAGE:
        raise HttpError(422, f"page: must be between 1 and {MAX_PAGE}")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise HttpError(422, f"page_size: must be between 1 and {MAX_PAGE_SIZE}")
    start = (page - 1) * page_size
    items = load(start, start + page_size) if load else list(queryset[start : start + page_size])
    return {"count": queryset.count(), "items": items}
