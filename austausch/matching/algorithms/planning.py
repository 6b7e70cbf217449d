"""What the network builder and the pairing mode share: the plain input and output types, running
CP-SAT, and how a plan is scored and reported. The checks before any solving are in `problem`.

The rules and the objective are described in `austausch.matching.algorithms.networks`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING

from austausch.lib.i18n import gettext as _

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

POINTS = 1000  # integer points per unit of topic fit or diversity


class PlanningError(ValueError):
    """Input or rules that no plan can satisfy. The message names the rule in plain words; `rule`
    is a stable code for the pages and the API (e.g. "leads", "one_town_per_state")."""

    def __init__(self, message: str, *, rule: str) -> None:
        super().__init__(message)
        self.rule = rule


@dataclass(frozen=True)
class Applicant:
    town: int
    state: str
    population: float
    profile: tuple[float, ...]  # standardised indicators, NaN where unknown
    topics: tuple[str, ...]  # preferences, most wanted first
    willing_to_lead: bool
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or f"town {self.town}"

    def check_profile_like(self, first: Applicant) -> None:
        """Every town is compared on the same indicators as the first one."""
        if len(self.profile) != len(first.profile):
            raise PlanningError(
                _("{label} has {count} indicator values, {other} has {other_count}.").format(
                    label=self.label, count=len(self.profile), other=first.label, other_count=len(first.profile)
                ),
                rule="applicants",
            )


@dataclass(frozen=True)
class NetworkRules:
    """Give the number of networks, a size range, or both. With only a number, sizes are as even
    as possible; with only a range, the number is the one closest to an average network of
    (min + max) / 2 towns."""

    networks: int | None = None
    size: tuple[int, int] | None = None
    one_town_per_state: bool = True
    population_band: tuple[float, float] | None = None
    distinct_topics: bool = False
    topic_weight: float = 1.0
    diversity_weight: float = 1.0
    # Network numbers only group: towns pinned to the same number share a network, towns pinned
    # to different numbers do not, and a forbid keeps a town out of the network holding the towns
    # pinned to that number. Plans report the number as `Network.pinned_as`.
    pins: Mapping[int, int] = field(default_factory=dict)  # town → network number
    forbids: frozenset[tuple[int, int]] = frozenset()  # (town, network number)
    time_limit_seconds: float = 10.0


@dataclass(frozen=True)
class SolverOptions:
    workers: int = 2
    random_seed: int = 0


class PlanStatus(StrEnum):
    OPTIMAL = "optimal"  # CP-SAT proved no plan scores higher
    FEASIBLE = "feasible"  # a valid plan; the gap says how far from the bound it may be
    HEURISTIC = "heuristic"  # a greedy baseline: valid, but no bound


@dataclass(frozen=True)
class PlanQuality:
    objective: float
    parts: Mapping[str, float]  # weighted parts; they sum to the objective
    bound: float | None  # no plan can score higher (proved by CP-SAT)
    gap: float | None  # (bound - objective) / objective
    status: PlanStatus
    wall_seconds: float


@dataclass(frozen=True)
class Network:
    topic: str
    lead: int
    members: tuple[int, ...]  # towns, the lead included, in applicant order
    topic_fit: float  # unweighted, summed over members
    spanned_indicators: tuple[int, ...]  # profile positions the network spans
    pinned_as: int | None = None  # the network number the coordinator pinned towns to


@dataclass(frozen=True)
class Exclusion:
    town: int
    reason: str


@dataclass(frozen=True)
class NetworkPlan:
    networks: tuple[Network, ...]
    excluded: tuple[Exclusion, ...]
    quality: PlanQuality


@dataclass(frozen=True)
class NetworkProblem:
    """The checked problem, by position in `applicants`: what every solver and the greedy use."""

    applicants: tuple[Applicant, ...]
    excluded: tuple[Exclusion, ...]
    topics: tuple[str, ...]
    rules: NetworkRules
    networks: int
    min_size: int
    max_size: int
    fit: Mapping[tuple[int, int], float]  # (applicant, topic) → topic fit, only for listed topics
    fit_points: Mapping[tuple[int, int], int]  # weighted, in points
    lowest_third: tuple[frozenset[int], ...]  # per indicator with spread
    highest_third: tuple[frozenset[int], ...]
    span_indicators: tuple[int, ...]  # profile position of each indicator with spread
    span_points: int  # weighted points per spanned indicator
    pin_groups: tuple[tuple[int, ...], ...]
    pin_numbers: tuple[int, ...]
    forbidden: tuple[tuple[int, int], ...]  # (applicant, pin group)

    def topic_copies(self, topic: int) -> int:
        """How many networks could have this topic at most: each needs min_size towns that
        list the topic, one of them willing to lead."""
        listing = [i for i in range(len(self.applicants)) if (i, topic) in self.fit]
        willing = sum(self.applicants[i].willing_to_lead for i in listing)
        cap = 1 if self.rules.distinct_topics else self.networks
        return min(cap, len(listing) // self.min_size, willing)


@dataclass(frozen=True)
class Assignment:
    """A plan by position: the network (index) of every applicant and the topic of every network."""

    network_of: tuple[int, ...]
    topic_of_network: tuple[int, ...]


def load_cp_sat() -> None:
    """Import OR-Tools (and pandas with it) before a plan's clock starts: the first plan of a process
    would otherwise spend part of its time limit importing."""
    import_module("ortools.sat.python.cp_model")


def run_cp_sat(model: cp_model.CpModel, seconds: float, options: SolverOptions) -> tuple[cp_model.CpSolver, str]:
    """Solves and returns the solver with its status name ("OPTIMAL", "FEASIBLE", "INFEASIBLE", ...)."""
    from ortools.sat.python import cp_model  # imports pandas too: only when solving (start-up of every command)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = options.workers
    solver.parameters.random_seed = options.random_seed
    # The LP-heavy worker proves these models optimal far sooner than the default portfolio of
    # two workers; the second worker runs large-neighbourhood search from the hint.
    solver.parameters.subsolvers.append("max_lp")
    status = solver.solve(model)
    return solver, solver.status_name(status)


# --- plans -------------------------------------------------------------------------------------


def spanned(problem: NetworkProblem, members: Iterable[int]) -> list[int]:
    """Which indicators (by their index among those with spread) a group of applicants spans."""
    group = set(members)
    return [
        d
        for d, (low, high) in enumerate(zip(problem.lowest_third, problem.highest_third, strict=True))
        if group & low and group & high
    ]


def score_parts(problem: NetworkProblem, assignment: Assignment) -> tuple[int, int]:
    """Topic fit and diversity of a plan, in weighted points, exactly as CP-SAT counts them."""
    topic_fit = sum(
        problem.fit_points[i, assignment.topic_of_network[network]] for i, network in enumerate(assignment.network_of)
    )
    spans = sum(
        len(spanned(problem, (i for i, n in enumerate(assignment.network_of) if n == network)))
        for network in range(len(assignment.topic_of_network))
    )
    return topic_fit, spans * problem.span_points


def score(problem: NetworkProblem, assignment: Assignment) -> int:
    return sum(score_parts(problem, assignment))


def build_plan(
    problem: NetworkProblem, assignment: Assignment, *, status: PlanStatus, bound: int | None, started: float
) -> NetworkPlan:
    pin_number = {group[0]: number for group, number in zip(problem.pin_groups, problem.pin_numbers, strict=True)}
    networks = []
    for network, topic in enumerate(assignment.topic_of_network):
        members = [i for i, n in enumerate(assignment.network_of) if n == network]
        # The lead: the willing member who wants the topic most; earlier applicants win ties.
        lead = max(
            (i for i in members if problem.applicants[i].willing_to_lead), key=lambda i: (problem.fit[i, topic], -i)
        )
        networks.append(
            Network(
                topic=problem.topics[topic],
                lead=problem.applicants[lead].town,
                members=tuple(problem.applicants[i].town for i in members),
                topic_fit=sum(problem.fit[i, topic] for i in members),
                spanned_indicators=tuple(problem.span_indicators[d] for d in spanned(problem, members)),
                pinned_as=next((pin_number[i] for i in members if i in pin_number), None),
            )
        )
    networks.sort(key=lambda network: (problem.topics.index(network.topic), network.lead))
    topic_fit, diversity = score_parts(problem, assignment)
    objective = topic_fit + diversity
    gap = None
    if bound is not None:
        # The models count in whole points, rounded; a bound proved on one of them can fall a point short of the
        # plan that reaches it (seen with three towns of one third each). No plan beats a true bound, so the plan's
        # own score is one.
        bound = max(bound, objective)
        gap = (bound - objective) / objective if objective > 0 else (0.0 if bound == objective else math.inf)
    quality = PlanQuality(
        objective=objective / POINTS,
        parts={"topic_fit": topic_fit / POINTS, "diversity": diversity / POINTS},
        bound=None if bound is None else bound / POINTS,
        gap=gap,
        status=status,
        wall_seconds=time.perf_counter() - started,
    )
    return NetworkPlan(networks=tuple(networks), excluded=problem.excluded, quality=quality)
