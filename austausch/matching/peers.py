"""The peer finder on the database: the registry as a `TownTable`, topic experience, existing ties.

The scoring itself (`algorithms.scoring.rank_peers`) knows nothing of Django; this module feeds it.
The table of all towns is built once per process and rebuilt when the registry changes. The page,
the API and the command turn parameters into preferences and filters with `forms.PeerForm`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Q

from austausch.matching.algorithms.preferences import PeerFilters, PeerPreferences
from austausch.registry.indicators import INDICATORS
from austausch.registry.models import IndicatorValue, Municipality, Partnership, PartnershipStatus

# The page, the API and the command load this module at start-up; numpy and the scoring on it are
# imported by the functions that compute, so that a command that finds no peers does not wait for them.
if TYPE_CHECKING:
    import numpy as np

    from austausch.matching.algorithms.scoring import TownTable

# Heavy-tailed indicators are compared on a log scale, or a few resorts and cities dominate.
LOG_SCALE = {"population_density", "overnight_stays"}
COLUMNS = {indicator.code: position for position, indicator in enumerate(INDICATORS)}


@dataclass(frozen=True)
class PeerFacts:
    """What lies behind the factor scores, so a ranking can be explained in words."""

    distance_km: float | None  # None where either town has no coordinates
    practices: int | None  # published practices on the chosen topic; None without a topic
    tied: bool  # already in a programme or network with the origin, or twinned with it
    twinned: bool  # a partnership (twinning) with the origin, active or dormant
    shared_indicators: int  # of the origin's known indicators, how many this town has too
    conditions_distance: float | None  # root mean square of the standardised differences; None if none shared
    most_similar: str | None  # indicator codes, among the shared ones
    most_different: str | None
    # Of the topics the origin looks for, how many this town offers; None when the origin names none.
    offers_sought: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "distance_km": None if self.distance_km is None else round(self.distance_km, 1),
            "practices": self.practices,
            "tied": self.tied,
            "twinned": self.twinned,
            "shared_indicators": self.shared_indicators,
            "conditions_distance": None if self.conditions_distance is None else round(self.conditions_distance, 4),
            "most_similar": self.most_similar,
            "most_different": self.most_different,
            "offers_sought": self.offers_sought,
        }


@dataclass(frozen=True)
class Peer:
    municipality: Municipality
    score: float
    contributions: dict[str, float]
    factor_scores: dict[str, float] = dataclasses.field(default_factory=dict)
    facts: PeerFacts | None = None

    def as_dict(self) -> dict[str, object]:
        town = self.municipality
        return {
            "key": town.key,
            "name": town.name,
            "country": town.country,
            "state": town.state,
            "population": town.population,
            "size_class": town.size_class,
            "score": round(self.score, 4),
            "contributions": {factor: round(value, 4) for factor, value in self.contributions.items()},
            "factor_scores": {factor: round(value, 4) for factor, value in self.factor_scores.items()},
            "facts": self.facts.as_dict() if self.facts else None,
        }


@dataclass(frozen=True, eq=False)
class RegistryTable:
    towns: TownTable
    ids: np.ndarray  # municipality primary keys, aligned with the table

    def index_of(self, municipality_id: int) -> int:
        import numpy as np

        position = int(np.searchsorted(self.ids, municipality_id))
        if position >= len(self.ids) or self.ids[position] != municipality_id:
            raise KeyError(municipality_id)
        return position


def registry_fingerprint() -> str:
    """Changes when towns or indicator values are added or removed; what is built from the registry
    is cached under it."""
    # Separate queries: SQLite answers COUNT and MAX alone from an index, but scans the table for both at once.
    return repr(
        [
            (model.objects.count(), model.objects.aggregate(last=Max("id"))["last"])
            for model in (Municipality, IndicatorValue)
        ]
    )


def registry_table() -> RegistryTable:
    """The table for the registry as it is now (a cheap fingerprint decides whether to rebuild)."""
    return _build_table(registry_fingerprint())


@lru_cache(maxsize=1)
def _build_table(fingerprint: str) -> RegistryTable:
    import numpy as np

    from austausch.matching.algorithms.scoring import TownTable, standardise

    rows = list(
        Municipality.objects.order_by("id").values_list(
            "id", "population", "latitude", "longitude", "country", "state_code"
        )
    )
    ids = np.array([row[0] for row in rows], dtype=np.int64)
    raw = np.full((len(rows), len(COLUMNS)), np.nan)
    positions = {municipality_id: position for position, municipality_id in enumerate(ids.tolist())}
    for municipality_id, code, value in IndicatorValue.objects.values_list("municipality_id", "indicator", "value"):
        raw[positions[municipality_id], COLUMNS[code]] = value
    for code in LOG_SCALE:
        raw[:, COLUMNS[code]] = np.log1p(np.maximum(raw[:, COLUMNS[code]], 0.0))
    towns = TownTable.build(
        population=[row[1] for row in rows],
        indicators=standardise(raw),
        latitude=[np.nan if row[2] is None else row[2] for row in rows],
        longitude=[np.nan if row[3] is None else row[3] for row in rows],
        country=[row[4] for row in rows],
        state=[row[5] for row in rows],
    )
    return RegistryTable(towns=towns, ids=ids)


def topic_experience(table: RegistryTable, topic_slug: str) -> np.ndarray:
    """Published practices per town on a topic (or any of its sub-topics)."""
    import numpy as np

    from austausch.knowledge.models import Practice

    counts = np.zeros(len(table.ids))
    practices = Practice.objects.filter(is_published=True).filter(
        Q(topics__slug=topic_slug) | Q(topics__parent__slug=topic_slug)
    )
    for municipality_id, count in (
        practices.values_list("municipalities").annotate(count=Count("id", distinct=True)).order_by()
    ):
        if municipality_id is not None:
            counts[table.index_of(municipality_id)] = count
    return counts


def tied_towns(municipality: Municipality) -> set[int]:
    """Towns already at a meeting or in a network together with this one (municipality ids)."""
    from austausch.programmes.models import Delegation, Meeting, NetworkMembership

    # Ids first: filtering and reading the same many-to-many in one query would reuse its join.
    meetings = set(
        Meeting.objects.filter(
            Q(host_municipalities=municipality) | Q(delegations__municipality=municipality)
        ).values_list("id", flat=True)
    )
    networks = set(NetworkMembership.objects.filter(municipality=municipality).values_list("network_id", flat=True))
    towns = set(
        Meeting.host_municipalities.through.objects.filter(meeting_id__in=meetings).values_list(
            "municipality_id", flat=True
        )
    )
    towns |= set(Delegation.objects.filter(meeting_id__in=meetings).values_list("municipality_id", flat=True))
    towns |= set(NetworkMembership.objects.filter(network_id__in=networks).values_list("municipality_id", flat=True))
    towns.discard(municipality.pk)
    return towns


def twinned_towns(municipality: Municipality) -> set[int]:
    """Registry towns in a partnership with this one that has not ended (municipality ids)."""
    standing = Partnership.objects.exclude(status=PartnershipStatus.ENDED)
    towns = set(
        standing.filter(municipality=municipality, partner_municipality__isnull=False).values_list(
            "partner_municipality_id", flat=True
        )
    )
    return towns | set(standing.filter(partner_municipality=municipality).values_list("municipality_id", flat=True))


def offers_of_what_is_sought(table: RegistryTable, municipality: Municipality) -> tuple[np.ndarray, int] | None:
    """Per town, how many of the topics `municipality` looks for it offers (declared or by a published
    practice), and how many it looks for; None when it looks for nothing."""
    import numpy as np

    from austausch.offers.services import offers_for_seeker, sought_count

    sought = sought_count(municipality)
    if not sought:
        return None
    counts = np.zeros(len(table.ids))
    for municipality_id, count in offers_for_seeker(municipality).items():
        counts[table.index_of(municipality_id)] = count
    return counts, sought


def find_peers(
    municipality: Municipality,
    *,
    preferences: PeerPreferences | None = None,
    filters: PeerFilters | None = None,
    topic: str = "",
    limit: int = 20,
) -> list[Peer]:
    from austausch.matching.algorithms.scoring import haversine_km, rank_peers

    table = registry_table()
    origin = table.index_of(municipality.pk)
    experience = topic_experience(table, topic) if topic else None
    twinned = {table.index_of(town) for town in twinned_towns(municipality)}
    ties = {table.index_of(town) for town in tied_towns(municipality)} | twinned
    offers = offers_of_what_is_sought(table, municipality)
    ranked = rank_peers(
        towns=table.towns,
        origin=origin,
        preferences=preferences,
        filters=filters,
        topic_experience=experience,
        ties=ties,
        seek_match=None if offers is None else offers[0] / offers[1],
        limit=limit,
    )
    towns = Municipality.objects.in_bulk([int(table.ids[peer.index]) for peer in ranked])
    kilometres = haversine_km(table.towns, origin) if ranked else None
    return [
        Peer(
            municipality=towns[int(table.ids[peer.index])],
            score=peer.score,
            contributions={str(factor): value for factor, value in peer.contributions.items()},
            factor_scores={str(factor): value for factor, value in peer.factor_scores.items()},
            facts=_facts(
                table.towns,
                origin,
                peer.index,
                kilometres=kilometres,
                experience=experience,
                tied=peer.index in ties,
                twinned=peer.index in twinned,
                offers_sought=None if offers is None else int(offers[0][peer.index]),
            ),
        )
        for peer in ranked
    ]


def _facts(
    towns: TownTable,
    origin: int,
    index: int,
    *,
    kilometres: np.ndarray | None,
    experience: np.ndarray | None,
    tied: bool,
    twinned: bool,
    offers_sought: int | None = None,
) -> PeerFacts:
    import numpy as np

    distance = None if kilometres is None or np.isnan(kilometres[index]) else float(kilometres[index])
    shared = np.flatnonzero(~np.isnan(towns.indicators[origin]) & ~np.isnan(towns.indicators[index]))
    differences = np.abs(towns.indicators[index, shared] - towns.indicators[origin, shared])
    codes = [INDICATORS[int(column)].code for column in shared]
    return PeerFacts(
        distance_km=distance,
        practices=None if experience is None else int(experience[index]),
        tied=tied,
        twinned=twinned,
        offers_sought=offers_sought,
        shared_indicators=len(shared),
        conditions_distance=float(np.sqrt(np.mean(differences**2))) if len(shared) else None,
        # argmin and argmax take the first of equal differences: the order of INDICATORS decides.
        most_similar=codes[int(np.argmin(differences))] if len(shared) else None,
        most_different=codes[int(np.argmax(differences))] if len(shared) else None,
    )
