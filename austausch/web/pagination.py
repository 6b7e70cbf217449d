"""One way to page through lists, for the API ({"count", "items"}) and the HTML pages alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from django.db.models import QuerySet
from ninja import Schema
from ninja.errors import HttpError

MAX_PAGE_SIZE = 200
ItemT = TypeVar("ItemT")


class Page(Schema, Generic[ItemT]):
    count: int
    items: list[ItemT]


def paginate(
    queryset: QuerySet, *, page: int, page_size: int, load: Callable[[int, int], list] | None = None
) -> dict[str, object]:
    """One page of a queryset. `load(start, stop)`, where given, loads the rows in a cheaper way."""
    if page < 1:
        raise HttpError(422, "page: must be 1 or more")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise HttpError(422, f"page_size: must be between 1 and {MAX_PAGE_SIZE}")
    start = (page - 1) * page_size
    items = load(start, start + page_size) if load else list(queryset[start : start + page_size])
    return {"count": queryset.count(), "items": items}
