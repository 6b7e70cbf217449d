"""How a municipality looks to machines: the API and `austausch show --json` share these shapes."""

from __future__ import annotations

from ninja import Schema

from austausch.registry.indicators import INDICATORS
from austausch.registry.models import Municipality, Partnership
from austausch.registry.twinnings import partnerships_of

INDICATOR_ORDER = {indicator.code: position for position, indicator in enumerate(INDICATORS)}


class IndicatorOut(Schema):
    code: str
    label: str
    value: float
    display: str
    unit: str
    year: int | None
    source: str


class MunicipalitySummary(Schema):
    key: str
    name: str
    country: str
    state: str
    state_code: str
    district: str
    population: int
    size_class: str


class MunicipalityDetail(MunicipalitySummary):
    official_id: str
    regional_id: str
    official_name: str
    kind: str
    population_as_of: str
    population_source: str
    area_km2: float | None
    area_source: str
    latitude: float | None
    longitude: float | None
    urbanisation: str
    postcode: str
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_indicators(municipality: Municipality) -> list[dict[str, object]]:
        values = sorted(municipality.indicator_values.all(), key=lambda value: INDICATOR_ORDER[value.indicator])
        return [
            {
                "code": value.indicator,
                "label": str(value.definition.label),
                "value": value.value,
                "display": value.display_value,
                "unit": str(value.definition.unit),
                "year": value.year,
                "source": value.source,
            }
            for value in values
        ]


def municipality_detail(municipality: Municipality) -> dict[str, object]:
    return MunicipalityDetail.from_orm(municipality).model_dump(mode="json")


class PartnerOut(Schema):
    key: str | None  # the registry key where the partner is a town of the registry
    name: str
    country: str
    wikidata_id: str
    latitude: float | None
    longitude: float | None


class PartnershipOut(Schema):
    partner: PartnerOut
    kind: str
    since: int | None
    status: str
    source: str


class PartnershipList(Schema):
    count: int
    items: list[PartnershipOut]


def partnership_out(partnership: Partnership, municipality: Municipality) -> dict[str, object]:
    partner = partnership.partner_of(municipality)
    in_registry = isinstance(partner, Municipality)
    return {
        "partner": {
            "key": partner.key if in_registry else None,  # type: ignore[union-attr]
            "name": partner.name,
            "country": partner.country,
            "wikidata_id": "" if in_registry else partner.wikidata_id,  # type: ignore[union-attr]
            "latitude": partner.latitude,
            "longitude": partner.longitude,
        },
        "kind": partnership.kind,
        "since": partnership.since,
        "status": partnership.status,
        "source": partnership.source,
    }


def partnership_list(municipality: Municipality) -> dict[str, object]:
    items = [partnership_out(tie, municipality) for tie in partnerships_of(municipality)]
    return PartnershipList(count=len(items), items=items).model_dump(mode="json")  # type: ignore[arg-type]
