"""How a town compares with its peer group: each indicator beside the group's median and the town's
percentile in it, as the Chicago Fed's peer city tool shows it. The group is the peer finder's top
`size` towns with its default preferences."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.utils.formats import number_format

from austausch.matching.peers import find_peers
from austausch.registry.indicators import INDICATORS, IndicatorDefinition
from austausch.registry.models import IndicatorValue, Municipality

GROUP_DEFAULT = 25
GROUP_MAX = 200


@dataclass(frozen=True)
class IndicatorComparison:
    indicator: IndicatorDefinition
    value: IndicatorValue | None  # the town's own, with its year and source
    median: float | None  # of the peers that have a value
    percentile: float | None  # share of those peers below the town, equal ones counted half (0–100)
    peers_with_value: int
    years: list[int]  # the years of the peers' values
    sources: list[str]  # where the peers' values come from

    @property
    def median_display(self) -> str:
        """The median as the registry shows values; a median between two levels stays a number."""
        if self.median is None:
            return ""
        if self.indicator.levels and self.median != int(self.median):
            return number_format(self.median, decimal_pos=1)
        return self.indicator.display(self.median)

    def as_dict(self) -> dict[str, object]:
        return {
            "indicator": self.indicator.code,
            "label": str(self.indicator.label),
            "unit": str(self.indicator.unit),
            "value": None if self.value is None else self.value.value,
            "year": None if self.value is None else self.value.year,
            "source": None if self.value is None else self.value.source,
            "peer_median": self.median,
            "percentile": None if self.percentile is None else round(self.percentile, 1),
            "peers_with_value": self.peers_with_value,
            "peer_years": self.years,
            "peer_sources": self.sources,
        }


def percentile_in(value: float, others: list[float]) -> float | None:
    """Where `value` stands among `others`: the share below it, equal values counted half, in percent."""
    if not others:
        return None
    below = sum(other < value for other in others)
    equal = sum(other == value for other in others)
    return 100.0 * (below + equal / 2) / len(others)


def compare(town: Municipality, *, size: int = GROUP_DEFAULT) -> tuple[list[Municipality], list[IndicatorComparison]]:
    """The peer group and, for each indicator of the registry, how `town` stands in it."""
    if not 1 <= size <= GROUP_MAX:
        raise ValueError(f"the peer group has 1 to {GROUP_MAX} towns, not {size}")
    group = [peer.municipality for peer in find_peers(town, limit=size)]
    own = {value.indicator: value for value in IndicatorValue.objects.filter(municipality=town)}
    values: dict[str, list[IndicatorValue]] = defaultdict(list)
    for value in IndicatorValue.objects.filter(municipality__in=group):
        values[value.indicator].append(value)
    rows = []
    for indicator in INDICATORS:
        found = values.get(indicator.code, [])
        figures = [value.value for value in found]
        mine = own.get(indicator.code)
        rows.append(
            IndicatorComparison(
                indicator=indicator,
                value=mine,
                median=statistics.median(figures) if figures else None,
                percentile=percentile_in(mine.value, figures) if mine is not None else None,
                peers_with_value=len(figures),
                years=sorted({value.year for value in found if value.year is not None}),
                sources=sorted({value.source for value in found if value.source}),
            )
        )
    return group, rows
