"""What a person asks the peer finder for: weights, choices and hard filters, plain values that the
forms build and `scoring.rank_peers` reads. No numpy here, so that the forms load without it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from numpy import bool_
    from numpy.typing import NDArray


class Factor(StrEnum):
    POPULATION = "population"
    CONDITIONS = "conditions"
    TOPIC = "topic"
    DISTANCE = "distance"
    TIES = "ties"
    OFFERS = "offers"  # offers what the origin seeks


class ConditionsPreference(StrEnum):
    SIMILAR = "similar"
    DIFFERENT = "different"


class DistancePreference(StrEnum):
    NEAR = "near"
    FAR = "far"
    IGNORE = "ignore"


class CountryPreference(StrEnum):
    SAME = "same"
    OTHER = "other"
    ANY = "any"


class TiesPreference(StrEnum):
    PREFER = "prefer"
    AVOID = "avoid"
    IGNORE = "ignore"


@dataclass(frozen=True)
class PeerPreferences:
    """Weights and choices. The defaults look for towns like mine in my own country: size,
    conditions, topic experience and offers of what I seek count equally; distance and existing ties are ignored."""

    population_weight: float = 1.0
    conditions_weight: float = 1.0
    conditions: ConditionsPreference = ConditionsPreference.SIMILAR
    topic_weight: float = 1.0
    distance_weight: float = 1.0
    distance: DistancePreference = DistancePreference.IGNORE
    distance_scale_km: float = 100.0
    country: CountryPreference = CountryPreference.SAME
    ties_weight: float = 1.0
    ties: TiesPreference = TiesPreference.IGNORE
    offers_weight: float = 1.0

    def __post_init__(self) -> None:
        for factor in Factor:
            weight = self.weight(factor)
            if not (math.isfinite(weight) and weight >= 0):
                raise ValueError(f"the weight of {factor} must be a finite number ≥ 0, not {weight}")
        if not (math.isfinite(self.distance_scale_km) and self.distance_scale_km > 0):
            raise ValueError(f"the distance scale must be a positive number of km, not {self.distance_scale_km}")

    def weight(self, factor: Factor) -> float:
        return float(getattr(self, f"{factor}_weight"))


@dataclass(frozen=True, eq=False)
class PeerFilters:
    """Hard filters: a town outside any of them is no candidate. `None` means no restriction;
    `mask` is a boolean array over all towns for anything else the caller wants to impose."""

    countries: frozenset[str] | None = None
    states: frozenset[str] | None = None
    population_min: float | None = None
    population_max: float | None = None
    mask: NDArray[bool_] | None = None
