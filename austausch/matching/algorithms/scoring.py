"""Peer scoring: rank every town against one origin town, explainably, on plain arrays.

Each factor scores a candidate in [0, 1]; its *contribution* is weight × factor score, and a
peer's score is the sum of the contributions of the active factors. A factor is active when its
weight is positive, the user did not choose "ignore", and its data was given.

- population: similarity on a log scale, 1 - |log10(candidate / origin)| / 2, floored at 0: a
  town ten times larger or smaller scores 0.5, a hundred times 0.
- conditions: d = root mean square difference of the standardised indicators both towns have;
  "similar" scores 1 / (1 + d), "different" d / (1 + d). Both are multiplied by the share of the
  origin's known indicators the candidate also has, so a town we know little about earns little
  either way (US places carry one indicator, German towns seven).
- topic: c / (1 + c) for c practices on the topic, so the first practice counts most.
- distance (haversine): "near" scores s / (s + km), "far" km / (s + km), s = distance_scale_km.
- ties: "prefer" scores 1 for towns already tied to the origin, "avoid" 1 for towns that are not.

Country (same / other / any) and the hard filters only decide who is a candidate. The origin town
is never its own peer. Nothing here touches the database: the registry builds a `TownTable` once
and every query reuses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from austausch.matching.algorithms.preferences import (
    ConditionsPreference,
    CountryPreference,
    DistancePreference,
    Factor,
    PeerFilters,
    PeerPreferences,
    TiesPreference,
)

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

EARTH_RADIUS_KM = 6371.0088
# How many orders of magnitude of population difference take the population score to zero.
POPULATION_SPAN_DECADES = 2.0


@dataclass(frozen=True)
class RankedPeer:
    index: int
    score: float
    contributions: Mapping[Factor, float]
    factor_scores: Mapping[Factor, float]


@dataclass(frozen=True, eq=False)
class TownTable:
    """All candidate towns as aligned arrays, with what every query needs precomputed.

    `indicators` is towns × indicators, standardised (see `standardise`), NaN where unknown;
    latitude and longitude may be NaN. Arrays are copied and made read-only.
    """

    population: FloatArray
    indicators: FloatArray
    latitude: FloatArray
    longitude: FloatArray
    country: NDArray[np.str_]
    state: NDArray[np.str_]
    log_population: FloatArray = field(init=False, repr=False)
    indicator_known: FloatArray = field(init=False, repr=False)
    indicators_or_zero: FloatArray = field(init=False, repr=False)
    indicator_squares: FloatArray = field(init=False, repr=False)
    latitude_radians: FloatArray = field(init=False, repr=False)
    longitude_radians: FloatArray = field(init=False, repr=False)
    cos_latitude: FloatArray = field(init=False, repr=False)
    # Countries and states as small integer codes: comparing strings per query is slow.
    country_names: tuple[str, ...] = field(init=False, repr=False)
    country_codes: NDArray[np.intp] = field(init=False, repr=False)
    state_names: tuple[str, ...] = field(init=False, repr=False)
    state_codes: NDArray[np.intp] = field(init=False, repr=False)

    @classmethod
    def build(
        cls,
        *,
        population: ArrayLike,
        indicators: ArrayLike,
        latitude: ArrayLike,
        longitude: ArrayLike,
        country: ArrayLike,
        state: ArrayLike,
    ) -> TownTable:
        return cls(
            population=np.array(population, dtype=np.float64),
            indicators=np.array(indicators, dtype=np.float64),
            latitude=np.array(latitude, dtype=np.float64),
            longitude=np.array(longitude, dtype=np.float64),
            country=np.array(country, dtype=np.str_),
            state=np.array(state, dtype=np.str_),
        )

    def __post_init__(self) -> None:
        count = len(self.population)
        if self.indicators.ndim == 1 and self.indicators.size == 0:
            object.__setattr__(self, "indicators", np.empty((count, 0)))
        if self.indicators.ndim != 2 or self.indicators.shape[0] != count:
            raise ValueError(f"indicators need one row per town ({count}), got shape {self.indicators.shape}")
        for name in ("latitude", "longitude", "country", "state"):
            if len(getattr(self, name)) != count:
                raise ValueError(f"{name} has {len(getattr(self, name))} entries for {count} towns")
        if np.isnan(self.population).any():
            raise ValueError("population must be known for every town")
        derived = {
            # A population of 0 (unpopulated areas in the source) is read as 1 so the log stays finite.
            "log_population": np.log10(np.maximum(self.population, 1.0)),
            # 1.0 where known, so shared-indicator sums become matrix-vector products.
            "indicator_known": (~np.isnan(self.indicators)).astype(np.float64),
            "indicators_or_zero": np.nan_to_num(self.indicators, nan=0.0),
            "indicator_squares": np.nan_to_num(self.indicators, nan=0.0) ** 2,
            "latitude_radians": np.radians(self.latitude),
            "longitude_radians": np.radians(self.longitude),
            "cos_latitude": np.cos(np.radians(self.latitude)),
        }
        for column in ("country", "state"):
            names, codes = np.unique(getattr(self, column), return_inverse=True)
            object.__setattr__(self, f"{column}_names", tuple(names.tolist()))
            derived[f"{column}_codes"] = codes.astype(np.intp)
        for name, value in derived.items():
            object.__setattr__(self, name, value)
        for name in (*derived, "population", "indicators", "latitude", "longitude", "country", "state"):
            getattr(self, name).setflags(write=False)

    def __len__(self) -> int:
        return len(self.population)


def standardise(values: ArrayLike, *, clip: float = 3.0) -> FloatArray:
    """z-scores per column, ignoring NaN, clipped to ±clip so one extreme town cannot dominate
    every distance. A column without spread becomes 0 where known. NaN stays NaN."""
    matrix = np.array(values, dtype=np.float64)
    known = ~np.isnan(matrix)
    # Computed by hand rather than with nanmean/nanstd, which warn on all-NaN columns.
    count = np.maximum(known.sum(axis=0), 1)
    mean = np.where(known, matrix, 0.0).sum(axis=0) / count
    deviation = np.where(known, matrix - mean, 0.0)
    spread = np.sqrt((deviation**2).sum(axis=0) / count)
    z_scores = deviation / np.where(spread > 0, spread, 1.0)
    return np.where(known, np.clip(z_scores, -clip, clip), np.nan)


def conditions_distance(towns: TownTable, origin: int) -> tuple[FloatArray, FloatArray]:
    """For every town: the root mean square difference to the origin over the indicators both
    have, and the share of the origin's known indicators it also has (0 when they share none;
    then the distance is 0 too)."""
    origin_known = towns.indicator_known[origin]
    origin_values = towns.indicators_or_zero[origin]
    shared_count = towns.indicator_known @ origin_known
    # Σ shared (x - o)² expanded into three matrix-vector products: one pass over the table each.
    sum_of_squares = (
        towns.indicator_squares @ origin_known
        - 2 * (towns.indicators_or_zero @ (origin_values * origin_known))
        + towns.indicator_known @ (origin_values**2 * origin_known)
    )
    mean_square = np.maximum(sum_of_squares, 0.0) / np.maximum(shared_count, 1.0)
    coverage = shared_count / max(float(origin_known.sum()), 1.0)
    return np.sqrt(mean_square), coverage


def haversine_km(towns: TownTable, origin: int) -> FloatArray:
    """Great-circle distance from the origin to every town; NaN where either has no coordinates."""
    lat0, lon0 = towns.latitude_radians[origin], towns.longitude_radians[origin]
    lat, lon = towns.latitude_radians, towns.longitude_radians
    cos_product = towns.cos_latitude[origin] * towns.cos_latitude
    half_chord = np.sin((lat - lat0) / 2) ** 2 + cos_product * np.sin((lon - lon0) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(half_chord, 0.0, 1.0)))


def candidate_mask(*, towns: TownTable, origin: int, preferences: PeerPreferences, filters: PeerFilters) -> BoolArray:
    """Who may appear at all: the hard filters plus the country choice, never the origin."""
    mask = np.ones(len(towns), dtype=bool)
    if filters.mask is not None:
        if filters.mask.shape != (len(towns),):
            raise ValueError(f"the filter mask must have one entry per town ({len(towns)})")
        mask &= filters.mask
    if filters.countries is not None:
        mask &= _is_one_of(towns.country_codes, towns.country_names, filters.countries)
    if filters.states is not None:
        mask &= _is_one_of(towns.state_codes, towns.state_names, filters.states)
    if filters.population_min is not None:
        mask &= towns.population >= filters.population_min
    if filters.population_max is not None:
        mask &= towns.population <= filters.population_max
    if preferences.country is CountryPreference.SAME:
        mask &= towns.country_codes == towns.country_codes[origin]
    elif preferences.country is CountryPreference.OTHER:
        mask &= towns.country_codes != towns.country_codes[origin]
    mask[origin] = False
    return mask


def _is_one_of(codes: NDArray[np.intp], names: tuple[str, ...], wanted: frozenset[str]) -> BoolArray:
    allowed = np.array([name in wanted for name in names], dtype=bool)
    return allowed[codes] if len(names) else np.zeros(len(codes), dtype=bool)


def factor_scores(
    *,
    towns: TownTable,
    origin: int,
    candidates: NDArray[np.intp],
    preferences: PeerPreferences,
    topic_experience: FloatArray | None,
    tied: BoolArray | None,
    seek_match: FloatArray | None = None,
) -> dict[Factor, FloatArray]:
    """The active factors' scores in [0, 1] for the given candidates, in a fixed order."""
    scores: dict[Factor, FloatArray] = {}
    if preferences.population_weight > 0:
        decades = np.abs(towns.log_population[candidates] - towns.log_population[origin])
        scores[Factor.POPULATION] = np.maximum(0.0, 1.0 - decades / POPULATION_SPAN_DECADES)
    if preferences.conditions_weight > 0 and towns.indicators.shape[1] > 0:
        distance, coverage = conditions_distance(towns, origin)
        distance, coverage = distance[candidates], coverage[candidates]
        similar = preferences.conditions is ConditionsPreference.SIMILAR
        scores[Factor.CONDITIONS] = coverage * (1.0 if similar else distance) / (1.0 + distance)
    if preferences.topic_weight > 0 and topic_experience is not None:
        practices = np.nan_to_num(np.maximum(topic_experience[candidates], 0.0), nan=0.0)
        scores[Factor.TOPIC] = practices / (1.0 + practices)
    if preferences.distance_weight > 0 and preferences.distance is not DistancePreference.IGNORE:
        km = haversine_km(towns, origin)[candidates]
        scale = preferences.distance_scale_km
        near = preferences.distance is DistancePreference.NEAR
        score = scale / (scale + km) if near else km / (scale + km)
        scores[Factor.DISTANCE] = np.nan_to_num(score, nan=0.0)  # unknown coordinates earn nothing
    if preferences.ties_weight > 0 and preferences.ties is not TiesPreference.IGNORE and tied is not None:
        is_tied = tied[candidates]
        wanted = is_tied if preferences.ties is TiesPreference.PREFER else ~is_tied
        scores[Factor.TIES] = wanted.astype(np.float64)
    if preferences.offers_weight > 0 and seek_match is not None:
        scores[Factor.OFFERS] = np.clip(np.nan_to_num(seek_match[candidates], nan=0.0), 0.0, 1.0)
    return scores


def _per_town(values: ArrayLike | None, name: str, count: int) -> FloatArray | None:
    if values is None:
        return None
    array = np.asarray(values, dtype=np.float64)
    if array.shape != (count,):
        raise ValueError(f"{name} must have one entry per town ({count})")
    return array


def rank_peers(
    *,
    towns: TownTable,
    origin: int,
    preferences: PeerPreferences | None = None,
    filters: PeerFilters | None = None,
    topic_experience: ArrayLike | None = None,
    ties: ArrayLike | set[int] | frozenset[int] | None = None,
    seek_match: ArrayLike | None = None,
    limit: int = 20,
) -> list[RankedPeer]:
    """The `limit` best peers of `origin`, best first; equal scores go to the lower index.

    `topic_experience` holds, per town, the number of practices it published on the chosen topic
    (flags work too: True counts as one practice). `ties` are the towns already tied to the origin
    (a programme or network together), as indices or as a boolean mask over all towns. `seek_match` holds,
    per town, the share (0 to 1) of the topics the origin looks for that the town offers.
    """
    preferences = preferences or PeerPreferences()
    filters = filters or PeerFilters()
    if not 0 <= origin < len(towns):
        raise ValueError(f"origin {origin} is not a town index (0–{len(towns) - 1})")
    if limit < 0:
        raise ValueError("limit must not be negative")
    experience = _per_town(topic_experience, "topic_experience", len(towns))
    offered = _per_town(seek_match, "seek_match", len(towns))
    tied = None
    if ties is not None:
        given = np.asarray(list(ties) if isinstance(ties, set | frozenset) else ties)
        if given.dtype == bool:
            if given.shape != (len(towns),):
                raise ValueError(f"a ties mask must have one entry per town ({len(towns)})")
            tied = given
        else:
            tied = np.zeros(len(towns), dtype=bool)
            tied[given.astype(np.intp)] = True

    candidates = np.flatnonzero(candidate_mask(towns=towns, origin=origin, preferences=preferences, filters=filters))
    scores = factor_scores(
        towns=towns,
        origin=origin,
        candidates=candidates,
        preferences=preferences,
        topic_experience=experience,
        tied=tied,
        seek_match=offered,
    )
    contributions = {factor: preferences.weight(factor) * score for factor, score in scores.items()}
    total = np.zeros(len(candidates))
    for contribution in contributions.values():
        total += contribution  # the same order as the contributions, so they sum to the total exactly

    best = _top(total, candidates, limit)
    return [
        RankedPeer(
            index=int(candidates[position]),
            score=float(total[position]),
            contributions={factor: float(values[position]) for factor, values in contributions.items()},
            factor_scores={factor: float(values[position]) for factor, values in scores.items()},
        )
        for position in best
    ]


def _top(total: FloatArray, candidates: NDArray[np.intp], limit: int) -> NDArray[np.intp]:
    """Positions of the `limit` highest totals, ordered by score and then by town index."""
    if limit == 0:
        return np.empty(0, dtype=np.intp)
    keep = np.arange(len(total))
    if limit < len(total):
        # Partitioning finds the cut-off in linear time; every candidate tied with it is kept,
        # so the index tie-break below decides among them rather than the partition's order.
        threshold = np.partition(total, len(total) - limit)[len(total) - limit]
        keep = np.flatnonzero(total >= threshold)
    order = np.lexsort((candidates[keep], -total[keep]))
    return keep[order][:limit]
