"""How a municipality looks to machines: the API and `austausch show --json` share these shapes."""

from __future__ import annotations

from ninja import Schema

from austausch.registry.indicators import INDICATORS
from austausch.registry.models import Municipality

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
