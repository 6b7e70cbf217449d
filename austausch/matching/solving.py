"""The network builder's solving on the database: applicants checked against the registry, the rules
as a coordinator sets them, and the optimiser's plan as a JSON-ready document. Writes nothing; the
command uses it directly, saved plans through `services.run_plan`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from django.utils.translation import gettext as _

from austausch.knowledge.models import Topic
from austausch.matching.algorithms.planning import NetworkRules, PlanningError, PlanQuality
from austausch.matching.applicants import ApplicantEntry, ApplicantsError, Towns, towns_for
from austausch.matching.models import PlanMode
from austausch.registry.indicators import INDICATORS
from austausch.registry.models import Municipality

# gunicorn gives a request 30 s; the pages run the optimiser inside the request, so they cap it.
WEB_TIME_LIMIT = 20.0
MAX_TIME_LIMIT = 600.0


@dataclass(frozen=True)
class BuilderRules:
    """The rules as a coordinator sets them, JSON-ready (stored on the plan)."""

    networks: int | None = None
    size_min: int | None = None
    size_max: int | None = None
    one_per_state: bool = True
    distinct_topics: bool = False
    population_min: int | None = None
    population_max: int | None = None
    topic_weight: float = 1.0  # topic fit; the other part (diversity, or similarity for pairings) weighs 1
    time_limit: float = 10.0
    per_town: int = 1  # pairings: each town gets 1 to this many partners

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BuilderRules:
        known = {field.name for field in fields(cls)}
        return cls(**{name: value for name, value in data.items() if name in known})

    def check(self, mode: str = PlanMode.NETWORKS) -> None:
        """Rules no plan could ever meet, named before any solving."""
        if (self.size_min is not None and self.size_max is None) or (
            self.size_max is not None and self.size_min is None
        ):
            raise PlanningError(_("Give both the smallest and the largest network size, or neither."), rule="size")
        if mode == PlanMode.NETWORKS and self.networks is None and self.size_min is None:
            raise PlanningError(_("Give the number of networks or a network size range."), rule="networks")
        if not (math.isfinite(self.topic_weight) and 0 <= self.topic_weight <= 100):
            raise PlanningError(_("The topic weight must be between 0 and 100."), rule="topic_weight")
        if not (math.isfinite(self.time_limit) and 0.5 <= self.time_limit <= MAX_TIME_LIMIT):
            raise PlanningError(
                _("The time limit must be between 0.5 and {most:g} seconds.").format(most=MAX_TIME_LIMIT),
                rule="time_limit",
            )
        if self.per_town < 1:
            raise PlanningError(_("Each town needs at least one partner."), rule="partners")

    def population_band(self) -> tuple[float, float] | None:
        if self.population_min is None and self.population_max is None:
            return None
        return (float(self.population_min or 0), float(self.population_max or math.inf))


def solve(
    entries: Sequence[ApplicantEntry],
    rules: BuilderRules,
    *,
    mode: str = PlanMode.NETWORKS,
    pins: Sequence[dict[str, Any]] = (),
    forbids: Sequence[dict[str, Any]] = (),
    time_limit_cap: float | None = None,
) -> dict[str, Any]:
    """The optimiser's plan as a JSON-ready document; raises PlanningError or ApplicantsError."""
    # The solvers bring numpy and OR-Tools: loaded when a plan is solved, not when the forms are.
    from austausch.matching.algorithms.networks import plan_networks

    rules.check(mode)
    towns = towns_for(entries)
    limit = rules.time_limit if time_limit_cap is None else min(rules.time_limit, time_limit_cap)
    if mode == PlanMode.PAIRINGS:
        return _solve_pairings(entries, towns, rules, pins, forbids, limit)
    pk_of = {town.key: town.pk for town in towns.municipalities.values()}
    network_rules = NetworkRules(
        networks=rules.networks,
        size=(rules.size_min, rules.size_max) if rules.size_min is not None and rules.size_max is not None else None,
        one_town_per_state=rules.one_per_state,
        population_band=rules.population_band(),
        distinct_topics=rules.distinct_topics,
        topic_weight=rules.topic_weight,
        diversity_weight=1.0,
        pins={_known(pk_of, pin["town"]): int(pin["network"]) for pin in pins},
        forbids=frozenset((_known(pk_of, forbid["town"]), int(forbid["network"])) for forbid in forbids),
        time_limit_seconds=limit,
    )
    plan = plan_networks(applicants=towns.applicants, topics=towns.topics, rules=network_rules)
    applicant_of = {applicant.town: applicant for applicant in towns.applicants}
    labels = _topic_labels(towns.topics)
    networks = []
    for number, network in enumerate(plan.networks, start=1):
        members = [towns.municipalities[pk] for pk in network.members]
        populations = [town.population for town in members]
        networks.append(
            {
                "number": number,
                "topic": network.topic,
                "topic_label": labels[network.topic],
                "lead": _town(towns.municipalities[network.lead]),
                "pinned_as": network.pinned_as,
                "topic_fit": round(network.topic_fit, 4),
                "differs_on": [INDICATORS[position].code for position in network.spanned_indicators],
                "states": len({town.state for town in members}),
                "population_range": [min(populations), max(populations)],
                "members": [
                    {
                        **_town(town),
                        "lead": town.pk == network.lead,
                        "willing_to_lead": applicant_of[town.pk].willing_to_lead,
                        "choice": applicant_of[town.pk].topics.index(network.topic) + 1,
                    }
                    for town in members
                ],
            }
        )
    return {
        "mode": PlanMode.NETWORKS.value,
        **_quality(plan.quality),
        "networks": networks,
        "excluded": [
            {**_town(towns.municipalities[exclusion.town]), "reason": exclusion.reason} for exclusion in plan.excluded
        ],
    }


def _solve_pairings(
    entries: Sequence[ApplicantEntry],
    towns: Towns,
    rules: BuilderRules,
    pins: Sequence[dict[str, Any]],
    forbids: Sequence[dict[str, Any]],
    limit: float,
) -> dict[str, Any]:
    from austausch.matching.algorithms.pairings import PairingRules, plan_pairings

    groups = list(dict.fromkeys(entry.group for entry in entries))
    if len(groups) != 2:
        raise ApplicantsError(
            [_("Pairings need exactly two groups; the applicants name {count}.").format(count=len(groups))]
        )
    pk_of = {town.key: town.pk for town in towns.municipalities.values()}
    group_of = {pk_of[entry.town]: entry.group for entry in entries}
    group_a = [applicant for applicant in towns.applicants if group_of[applicant.town] == groups[0]]
    group_b = [applicant for applicant in towns.applicants if group_of[applicant.town] == groups[1]]
    population = rules.population_band()
    if population is not None:
        group_a = [a for a in group_a if population[0] <= a.population <= population[1]]
        group_b = [b for b in group_b if population[0] <= b.population <= population[1]]
    pairing_rules = PairingRules(
        partners_per_a=(1, rules.per_town),
        partners_per_b=(1, rules.per_town),
        similarity_weight=1.0,
        topic_weight=rules.topic_weight,
        pinned=frozenset((_known(pk_of, pin["town"]), _known(pk_of, pin["partner"])) for pin in pins),
        forbidden=frozenset((_known(pk_of, forbid["town"]), _known(pk_of, forbid["partner"])) for forbid in forbids),
        group_names=(groups[0], groups[1]),
        time_limit_seconds=limit,
    )
    plan = plan_pairings(group_a=group_a, group_b=group_b, topics=towns.topics, rules=pairing_rules)
    labels = _topic_labels(towns.topics)
    return {
        "mode": PlanMode.PAIRINGS.value,
        "groups": groups,
        **_quality(plan.quality),
        "pairings": [
            {
                "number": number,
                "a": _town(towns.municipalities[pairing.town_a]),
                "b": _town(towns.municipalities[pairing.town_b]),
                "similarity": round(pairing.similarity, 4),
                "topic_overlap": round(pairing.topic_overlap, 4),
                "shared_topic": pairing.shared_topic,
                "shared_topic_label": labels.get(pairing.shared_topic or "", ""),
            }
            for number, pairing in enumerate(plan.pairings, start=1)
        ],
    }


def _known(pk_of: dict[str, int], key: str) -> int:
    if key not in pk_of:
        raise PlanningError(
            _("{key} is pinned or forbidden but is not among the applicants.").format(key=key), rule="pins"
        )
    return pk_of[key]


def _town(town: Municipality) -> dict[str, Any]:
    return {"key": town.key, "name": town.name, "state": town.state, "population": town.population}


def _topic_labels(slugs: Sequence[str]) -> dict[str, str]:
    return {topic.slug: topic.label for topic in Topic.objects.filter(slug__in=slugs)}


def _quality(quality: PlanQuality) -> dict[str, Any]:
    gap = quality.gap
    return {
        "status": str(quality.status),
        "objective": round(quality.objective, 4),
        "parts": {name: round(value, 4) for name, value in quality.parts.items()},
        "bound": None if quality.bound is None else round(quality.bound, 4),
        "gap": None if gap is None or not math.isfinite(gap) else round(gap, 6),
        "seconds": round(quality.wall_seconds, 3),
    }
