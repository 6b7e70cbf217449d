"""Pairings: towns of two groups (say German and US towns) matched one to one or one to few.

Each town of group A gets between `partners_per_a` = (min, max) partners from group B, each town
of group B between `partners_per_b` of group A. The objective is the sum over chosen pairs of
similarity_weight × similarity + topic_weight × topic overlap, both in [0, 1]:
- similarity is the peer finder's "similar conditions" score: 1 / (1 + d) for the root mean
  square difference d over the indicators both towns have, times the share of A's known
  indicators that B also has (a German town carries seven, a US place one);
- topic overlap is max over topics of min(fit of A, fit of B), fit = (P - rank) / P as for
  networks, so two first choices that agree score 1.
This is a b-matching: its LP relaxation is integral, and CP-SAT proves optimality at once.
Towns come as `Applicant`s; only their profiles and topics matter here.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from austausch.lib.i18n import gettext as _
from austausch.matching.algorithms.planning import (
    POINTS,
    Applicant,
    PlanningError,
    PlanQuality,
    PlanStatus,
    SolverOptions,
    load_cp_sat,
    run_cp_sat,
)

if TYPE_CHECKING:
    from ortools.sat.python import cp_model


@dataclass(frozen=True)
class PairingRules:
    partners_per_a: tuple[int, int] = (1, 1)
    partners_per_b: tuple[int, int] = (1, 1)
    similarity_weight: float = 1.0
    topic_weight: float = 1.0
    pinned: frozenset[tuple[int, int]] = frozenset()  # (town of A, town of B) that must be paired
    forbidden: frozenset[tuple[int, int]] = frozenset()  # pairs that must not be
    group_names: tuple[str, str] = ("group A", "group B")
    time_limit_seconds: float = 10.0


@dataclass(frozen=True)
class Pairing:
    town_a: int
    town_b: int
    similarity: float  # unweighted, in [0, 1]
    topic_overlap: float  # unweighted, in [0, 1]
    shared_topic: str | None  # the topic behind the overlap


@dataclass(frozen=True)
class PairingPlan:
    pairings: tuple[Pairing, ...]
    quality: PlanQuality


@dataclass(frozen=True)
class PairingProblem:
    group_a: tuple[Applicant, ...]
    group_b: tuple[Applicant, ...]
    topics: tuple[str, ...]
    rules: PairingRules
    similarity: np.ndarray  # A × B
    topic_overlap: np.ndarray  # A × B
    shared_topic: dict[tuple[int, int], int]  # (a, b) → topic, where they share one
    similarity_points: dict[tuple[int, int], int]  # allowed pairs only, weighted
    topic_points: dict[tuple[int, int], int]
    pinned: tuple[tuple[int, int], ...]

    @property
    def points(self) -> dict[tuple[int, int], int]:
        return {pair: self.similarity_points[pair] + self.topic_points[pair] for pair in self.similarity_points}


def plan_pairings(
    *,
    group_a: Sequence[Applicant],
    group_b: Sequence[Applicant],
    topics: Sequence[str],
    rules: PairingRules,
    solver: SolverOptions | None = None,
) -> PairingPlan:
    """The best pairing, proven optimal unless the time limit stops CP-SAT first."""
    load_cp_sat()
    started = time.perf_counter()
    problem = prepare_pairing_problem(group_a=group_a, group_b=group_b, topics=topics, rules=rules)
    from ortools.sat.python import cp_model  # imports pandas: only when solving

    model = cp_model.CpModel()
    paired = {pair: model.new_bool_var(f"pair_{pair}") for pair in problem.similarity_points}
    for pair in problem.pinned:
        model.add(paired[pair] == 1)
    for side, (low, high) in ((0, rules.partners_per_a), (1, rules.partners_per_b)):
        partners: dict[int, list[cp_model.IntVar]] = {
            town: [] for town in range(len(problem.group_a) if side == 0 else len(problem.group_b))
        }
        for pair, variable in paired.items():
            partners[pair[side]].append(variable)
        for variables in partners.values():
            model.add_linear_constraint(cp_model.LinearExpr.sum(variables), low, high)
    points = problem.points
    model.maximize(cp_model.LinearExpr.weighted_sum(list(paired.values()), [points[pair] for pair in paired]))
    result, status = run_cp_sat(model, rules.time_limit_seconds, solver or SolverOptions())
    if status == "INFEASIBLE":
        raise PlanningError(
            _(
                "No pairing satisfies all rules together, although each check on its own passed; CP-SAT proved it. "
                "The rules in force: {rules}."
            ).format(rules=describe_pairing_rules(problem)),
            rule="infeasible",
        )
    if status not in ("OPTIMAL", "FEASIBLE"):
        raise PlanningError(
            _("No pairing found within {time_limit_seconds:g} s; allow more time or relax a rule.").format(
                time_limit_seconds=rules.time_limit_seconds
            ),
            rule="time_limit",
        )
    chosen = [pair for pair, variable in paired.items() if result.value(variable)]
    plan_status = PlanStatus.OPTIMAL if status == "OPTIMAL" else PlanStatus.FEASIBLE
    bound = math.floor(result.best_objective_bound)
    return build_pairing_plan(problem, chosen, status=plan_status, bound=bound, started=started)


def prepare_pairing_problem(
    *, group_a: Sequence[Applicant], group_b: Sequence[Applicant], topics: Sequence[str], rules: PairingRules
) -> PairingProblem:
    name_a, name_b = rules.group_names
    _check_weights(rules)
    if not group_a or not group_b:
        raise PlanningError(
            _("Pairing needs towns in both groups ({name_a}: {count_a}, {name_b}: {count_b}).").format(
                name_a=name_a, count_a=len(group_a), name_b=name_b, count_b=len(group_b)
            ),
            rule="applicants",
        )
    _check_towns(group_a, group_b, topics)
    for name, (low, high) in ((name_a, rules.partners_per_a), (name_b, rules.partners_per_b)):
        if low < 0 or high < max(low, 1):
            raise PlanningError(
                _("{low}–{high} partners per town of {name} is impossible.").format(low=low, high=high, name=name),
                rule="partners",
            )
    _check_capacity(len(group_a), rules.partners_per_a[0], name_a, len(group_b), rules.partners_per_b[1], name_b)
    _check_capacity(len(group_b), rules.partners_per_b[0], name_b, len(group_a), rules.partners_per_a[1], name_a)

    similarity = _similarity(
        np.array([a.profile for a in group_a], dtype=float), np.array([b.profile for b in group_b], dtype=float)
    )
    longest = max(len(applicant.topics) for applicant in (*group_a, *group_b)) or 1
    fit_a = _fit_matrix(group_a, topics, longest)
    fit_b = _fit_matrix(group_b, topics, longest)
    both = np.minimum(fit_a[:, None, :], fit_b[None, :, :])  # A × B × topic
    overlap = both.max(axis=2) if len(topics) else np.zeros(similarity.shape)
    shared = {
        (i, j): int(np.argmax(both[i, j]))
        for i in range(len(group_a))
        for j in range(len(group_b))
        if overlap[i, j] > 0
    }

    pinned, forbidden = _pin_positions(group_a, group_b, rules)
    _check_partner_counts(group_a, group_b, rules, pinned, forbidden)
    allowed_pairs = [(i, j) for i in range(len(group_a)) for j in range(len(group_b)) if (i, j) not in forbidden]
    return PairingProblem(
        group_a=tuple(group_a),
        group_b=tuple(group_b),
        topics=tuple(topics),
        rules=rules,
        similarity=similarity,
        topic_overlap=overlap,
        shared_topic=shared,
        similarity_points={pair: round(POINTS * rules.similarity_weight * similarity[pair]) for pair in allowed_pairs},
        topic_points={pair: round(POINTS * rules.topic_weight * overlap[pair]) for pair in allowed_pairs},
        pinned=tuple(sorted(pinned)),
    )


def _check_weights(rules: PairingRules) -> None:
    for name in ("similarity_weight", "topic_weight", "time_limit_seconds"):
        value = getattr(rules, name)
        if not (math.isfinite(value) and value >= 0):
            raise PlanningError(
                _("The {setting} must be a finite number ≥ 0, not {value}.").format(
                    setting=name.replace("_", " "), value=value
                ),
                rule=name,
            )


def _check_towns(group_a: Sequence[Applicant], group_b: Sequence[Applicant], topics: Sequence[str]) -> None:
    """Each town once, all with the same indicators, listing only the programme's topics."""
    known_topics = set(topics)
    towns = Counter(applicant.town for applicant in (*group_a, *group_b))
    for applicant in (*group_a, *group_b):
        if towns[applicant.town] > 1:
            raise PlanningError(
                _("{label} (town {town}) appears twice among the towns to pair.").format(
                    label=applicant.label, town=applicant.town
                ),
                rule="applicants",
            )
        applicant.check_profile_like(group_a[0])
        unknown = [topic for topic in applicant.topics if topic not in known_topics]
        if unknown:
            raise PlanningError(
                _("{label} lists the topic '{topic}', which is not one of the programme's topics.").format(
                    label=applicant.label, topic=unknown[0]
                ),
                rule="topics",
            )


def _pin_positions(
    group_a: Sequence[Applicant], group_b: Sequence[Applicant], rules: PairingRules
) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Pinned and forbidden pairs of towns as pairs of positions (in group A, in group B)."""
    name_a, name_b = rules.group_names
    position_a = {applicant.town: i for i, applicant in enumerate(group_a)}
    position_b = {applicant.town: j for j, applicant in enumerate(group_b)}

    def positions(pairs: Iterable[tuple[int, int]], what: str) -> set[tuple[int, int]]:
        found = set()
        for town_a, town_b in pairs:
            if town_a not in position_a or town_b not in position_b:
                raise PlanningError(
                    _(
                        "The {what} pair ({town_a}, {town_b}) needs a town of {name_a} first and one of {name_b} "
                        "second."
                    ).format(what=what, town_a=town_a, town_b=town_b, name_a=name_a, name_b=name_b),
                    rule="pins",
                )
            found.add((position_a[town_a], position_b[town_b]))
        return found

    pinned, forbidden = positions(rules.pinned, "pinned"), positions(rules.forbidden, "forbidden")
    if pinned & forbidden:
        i, j = min(pinned & forbidden)
        raise PlanningError(
            _("{label} and {label2} are both pinned and forbidden as a pair.").format(
                label=group_a[i].label, label2=group_b[j].label
            ),
            rule="pins",
        )
    return pinned, forbidden


def _check_partner_counts(
    group_a: Sequence[Applicant],
    group_b: Sequence[Applicant],
    rules: PairingRules,
    pinned: set[tuple[int, int]],
    forbidden: set[tuple[int, int]],
) -> None:
    """No town pinned to more partners than it may have, nor forbidden so many that too few remain."""
    name_a, name_b = rules.group_names
    for side, group, (low, high), name in (
        (0, group_a, rules.partners_per_a, name_a),
        (1, group_b, rules.partners_per_b, name_b),
    ):
        other = len(group_b) if side == 0 else len(group_a)
        for town in range(len(group)):
            pins = sum(1 for pair in pinned if pair[side] == town)
            allowed = other - sum(1 for pair in forbidden if pair[side] == town)
            if pins > high:
                raise PlanningError(
                    _("{label} is pinned to {pins} partners, but a town of {name} has at most {high}.").format(
                        label=group[town].label, pins=pins, name=name, high=high
                    ),
                    rule="pins",
                )
            if allowed < low:
                raise PlanningError(
                    _(
                        "{label} needs {low} or more partners, but only {allowed} towns are not forbidden for it."
                    ).format(label=group[town].label, low=low, allowed=allowed),
                    rule="forbids",
                )


def _check_capacity(count: int, minimum: int, name: str, other_count: int, other_maximum: int, other_name: str) -> None:
    if count * minimum > other_count * other_maximum:
        raise PlanningError(
            _(
                "Each of the {count} towns of {name} needs {minimum} or more partners ({needed} in all), "
                "but the {other_count} towns of {other_name} take at most {other_maximum} each ({most})."
            ).format(
                count=count,
                name=name,
                minimum=minimum,
                needed=count * minimum,
                other_count=other_count,
                other_name=other_name,
                other_maximum=other_maximum,
                most=other_count * other_maximum,
            ),
            rule="partners",
        )


def _similarity(profiles_a: np.ndarray, profiles_b: np.ndarray) -> np.ndarray:
    known_a, known_b = ~np.isnan(profiles_a), ~np.isnan(profiles_b)
    shared = known_a[:, None, :] & known_b[None, :, :]
    difference = np.where(shared, np.nan_to_num(profiles_a)[:, None, :] - np.nan_to_num(profiles_b)[None, :, :], 0.0)
    shared_count = shared.sum(axis=2)
    distance = np.sqrt((difference**2).sum(axis=2) / np.maximum(shared_count, 1))
    coverage = shared_count / np.maximum(known_a.sum(axis=1), 1)[:, None]
    return coverage / (1.0 + distance)


def _fit_matrix(group: Sequence[Applicant], topics: Sequence[str], longest: int) -> np.ndarray:
    position = {topic: t for t, topic in enumerate(topics)}
    fit = np.zeros((len(group), len(topics)))
    for i, applicant in enumerate(group):
        for rank, topic in enumerate(applicant.topics):
            fit[i, position[topic]] = (longest - rank) / longest
    return fit


def describe_pairing_rules(problem: PairingProblem) -> str:
    rules = problem.rules
    (name_a, name_b), (low_a, high_a), (low_b, high_b) = rules.group_names, rules.partners_per_a, rules.partners_per_b
    parts = [
        _("{count} towns of {name} with {low}–{high} partners each").format(
            count=len(problem.group_a), name=name_a, low=low_a, high=high_a
        ),
        _("{count} towns of {name} with {low}–{high} partners each").format(
            count=len(problem.group_b), name=name_b, low=low_b, high=high_b
        ),
    ]
    if rules.pinned:
        parts.append(_("{count} pinned pairs").format(count=len(rules.pinned)))
    if rules.forbidden:
        parts.append(_("{count} forbidden pairs").format(count=len(rules.forbidden)))
    return "; ".join(parts)


def build_pairing_plan(
    problem: PairingProblem, chosen: Sequence[tuple[int, int]], *, status: PlanStatus, bound: int | None, started: float
) -> PairingPlan:
    pairings = tuple(
        Pairing(
            town_a=problem.group_a[i].town,
            town_b=problem.group_b[j].town,
            similarity=float(problem.similarity[i, j]),
            topic_overlap=float(problem.topic_overlap[i, j]),
            shared_topic=problem.topics[problem.shared_topic[i, j]] if (i, j) in problem.shared_topic else None,
        )
        for i, j in sorted(chosen)
    )
    similarity = sum(problem.similarity_points[pair] for pair in chosen)
    topic = sum(problem.topic_points[pair] for pair in chosen)
    objective = similarity + topic
    gap = None
    if bound is not None:
        gap = (bound - objective) / objective if objective > 0 else (0.0 if bound <= objective else math.inf)
    quality = PlanQuality(
        objective=objective / POINTS,
        parts={"similarity": similarity / POINTS, "topic_overlap": topic / POINTS},
        bound=None if bound is None else bound / POINTS,
        gap=gap,
        status=status,
        wall_seconds=time.perf_counter() - started,
    )
    return PairingPlan(pairings=pairings, quality=quality)
