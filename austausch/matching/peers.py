"""The peer finder on the database: the registry as a `TownTable`, topic experience, existing ties.

The scoring itself (`scoring.rank_peers`) knows nothing of Django; this module feeds it. The table
of all towns is built once per process and rebuilt when the registry changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from django.db.models import Count, Max, Q

from austausch.matching.scoring import Factor, PeerFilters, PeerPreferences, TownTable, rank_peers, standardise
from austausch.registry.indicators import INDICATORS
from austausch.registry.models import IndicatorValue, Municipality

# Heavy-tailed indicators are compared on a log scale, or a few resorts and cities dominate.
LOG_SCALE = {"population_density", "overnight_stays"}
COLUMNS = {indicator.code: position for position, indicator in enumerate(INDICATORS)}


@dataclass(frozen=True)
class Peer:
    municipality: Municipality
    score: float
    contributions: dict[str, float]

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
        }


@dataclass(frozen=True, eq=False)
class RegistryTable:
    towns: TownTable
    ids: np.ndarray  # municipality primary keys, aligned with the table

    def index_of(self, municipality_id: int) -> int:
        position = int(np.searchsorted(self.ids, municipality_id))
        if position >= len(self.ids) or self.ids[position] != municipality_id:
            raise KeyError(municipality_id)
        return position


def registry_table() -> RegistryTable:
    """The table for the registry as it is now (a cheap fingerprint decides whether to rebuild)."""
    fingerprint = (
        Municipality.objects.aggregate(count=Count("id"), last=Max("id")),
        IndicatorValue.objects.aggregate(count=Count("id"), last=Max("id")),
    )
    return _build_table(repr(fingerprint))


@lru_cache(maxsize=1)
def _build_table(fingerprint: str) -> RegistryTable:
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
        Meeting.objects.filter(Q(host_towns=municipality) | Q(delegations__municipality=municipality)).values_list(
            "id", flat=True
        )
    )
    networks = set(NetworkMembership.objects.filter(municipality=municipality).values_list("network_id", flat=True))
    towns = set(
        Meeting.host_towns.through.objects.filter(meeting_id__in=meetings).values_list("municipality_id", flat=True)
    )
    towns |= set(Delegation.objects.filter(meeting_id__in=meetings).values_list("municipality_id", flat=True))
    towns |= set(NetworkMembership.objects.filter(network_id__in=networks).values_list("municipality_id", flat=True))
    towns.discard(municipality.pk)
    return towns


def find_peers(
    municipality: Municipality,
    *,
    preferences: PeerPreferences | None = None,
    filters: PeerFilters | None = None,
    topic: str = "",
    limit: int = 20,
) -> list[Peer]:
    table = registry_table()
    origin = table.index_of(municipality.pk)
    experience = topic_experience(table, topic) if topic else None
    ties = {table.index_of(town) for town in tied_towns(municipality)}
    ranked = rank_peers(
        towns=table.towns,
        origin=origin,
        preferences=preferences,
        filters=filters,
        topic_experience=experience,
        ties=ties,
        limit=limit,
    )
    towns = Municipality.objects.in_bulk([int(table.ids[peer.index]) for peer in ranked])
    return [
        Peer(
            municipality=towns[int(table.ids[peer.index])],
            score=peer.score,
            contributions={str(factor): value for factor, value in peer.contributions.items()},
        )
        for peer in ranked
    ]


__all__ = ["Factor", "Peer", "PeerFilters", "PeerPreferences", "find_peers", "registry_table"]
