from __future__ import annotations

from functools import partial

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from austausch.registry.models import Country, Municipality, SizeClass
from austausch.registry.schemas import MunicipalityDetail, MunicipalitySummary, PartnershipList, partnership_list
from austausch.registry.search import fetch, filter_municipalities
from austausch.web.pagination import Page, PageNumber, PageSize, paginate

router = Router(tags=["municipalities"])


class MunicipalityFilters(Schema):
    country: Country | None = None
    state: str = ""
    size_class: SizeClass | None = None
    name: str = ""


@router.get("/municipalities", response=Page[MunicipalitySummary], summary="List municipalities")
def list_municipalities(
    request: HttpRequest, filters: Query[MunicipalityFilters], page: PageNumber = 1, page_size: PageSize = 50
) -> dict[str, object]:
    """Towns filtered by country, state (name or code), size class and the start of the name.

    The name matches like the town finder: case, accents and umlaut spellings do not matter.
    """
    municipalities = filter_municipalities(
        filters.name,
        country=filters.country or "",
        state=filters.state,
        size_class=filters.size_class or "",
    )
    return paginate(municipalities, page=page, page_size=page_size, load=partial(fetch, municipalities))


@router.get("/municipalities/{key}", response=MunicipalityDetail, summary="One municipality")
def get_municipality(request: HttpRequest, key: str) -> Municipality:
    municipality = Municipality.objects.prefetch_related("indicator_values").filter(key=key.upper()).first()
    if municipality is None:
        raise HttpError(404, f"No municipality with the key {key!r}. Keys look like DE-15002000 or US-1840000455.")
    return municipality


@router.get("/municipalities/{key}/partnerships", response=PartnershipList, summary="Partnerships of a municipality")
def municipality_partnerships(request: HttpRequest, key: str) -> dict[str, object]:
    """The town's twinnings (Städtepartnerschaften), active first, then dormant, then ended. A partner in
    the registry has its `key`; a partner place outside it (abroad, or a German district) has `key` null,
    with its country and Wikidata id where known. `kind` is partnership, friendship, contact or project
    (project partnership); `status` is active, dormant or ended; `since` is the year it began, where known.
    """
    municipality = Municipality.objects.filter(key=key.upper()).first()
    if municipality is None:
        raise HttpError(404, f"No municipality with the key {key!r}. Keys look like DE-15002000 or US-1840000455.")
    return partnership_list(municipality)
