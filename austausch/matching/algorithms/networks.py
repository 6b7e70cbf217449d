"""Network builder: applicant towns into networks around a lead town and a topic, with CP-SAT.

Plain data in, plain data out: the database, the CSV upload and the pages live elsewhere.

The rules. The n applicants inside the population band go into k networks: each applicant
joins exactly one; each network has one topic, between `min_size` and `max_size` members, at
least one member willing to lead (the lead) and, while `one_town_per_state` is on, at most one
member per state. A town only joins a network on a topic it listed. With `distinct_topics` no two
networks share a topic. Pins put towns together (towns pinned to the same number share a network,
towns pinned to different numbers do not); a forbid keeps a town out of the network holding the
towns pinned to that number.

The objective is topic_weight × topic fit + diversity_weight × diversity:
- topic fit = Σ over members of (P - r) / P, where r is the 0-based rank of the network's topic
  in the member's list and P the longest list: 1 for every first choice;
- diversity: for each indicator, the applicants with a value are split into thirds; a network
  *spans* the indicator when it has a member in the lowest and one in the highest third, and
  diversity = spans × n / (k × m) for m indicators with any spread. It runs from 0 to n like
  topic fit, so equal weights mean equal say, and it explains itself ("differs on 6 of 7").
  We tried the sum of pairwise profile distances first (pair variables with triangle
  inequalities) and its squared form (within-network variance, through network centroids): on 27
  towns CP-SAT still left gaps of 20 % after 30 s and 7 % after 120 s, while spans are proven
  optimal in well under a second.
Both parts are integer points for CP-SAT (POINTS per unit); the plan reports them in units.

The model ("slots"): a potential network per topic and copy (one copy with distinct topics,
else as many as the topic's applicants could fill), x[i, s] = applicant i is in slot s only for
topics i listed, active[s] for the k slots in use, and span[s, d] ≤ (members of s in the lowest
third of d), ≤ (members in the highest third), ≤ active[s]. Topic fit is linear in x, which keeps
the LP relaxation tight. Copies of a topic are used in order, which removes part of the symmetry.

The solve, within the time limit:
1. the topic-level relaxation: which topic each town works on and how many networks of each
   topic, without the split into networks (span counts per topic are capped by its networks and
   by its towns in each third). Every plan maps onto a solution of it with the same objective, so
   the bound CP-SAT proves for it bounds every plan; it goes into step 3 as a cut on the objective;
2. the split: one small slot model per topic for the towns step 1 gave it: a good plan in seconds;
3. the full slot model, started from that plan (or from the greedy baseline's), until CP-SAT
   proves it optimal or the time is up.
The plan reports the lower of the bounds CP-SAT proved in steps 1 and 3 and the gap to it; it is
optimal when the gap is zero. Every step only ever replaces a plan with a better complete one.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from austausch.lib.i18n import gettext as _
from austausch.matching.algorithms.baselines import greedy_assignment
from austausch.matching.algorithms.planning import (
    Applicant,
    Assignment,
    Exclusion,
    Network,
    NetworkPlan,
    NetworkProblem,
    NetworkRules,
    PlanningError,
    PlanQuality,
    PlanStatus,
    SolverOptions,
    build_plan,
    load_cp_sat,
    run_cp_sat,
    score,
)
from austausch.matching.algorithms.problem import infeasible_rules, prepare_network_problem

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

FULL_MODEL_MIN_SECONDS = 1.0

__all__ = [
    "Applicant",
    "Exclusion",
    "Network",
    "NetworkPlan",
    "NetworkRules",
    "PlanQuality",
    "PlanStatus",
    "PlanningError",
    "SolverOptions",
    "plan_networks",
]


def plan_networks(
    *,
    applicants: Sequence[Applicant],
    topics: Sequence[str],
    rules: NetworkRules,
    solver: SolverOptions | None = None,
) -> NetworkPlan:
    """The best plan CP-SAT finds within the time limit, never a partial one."""
    load_cp_sat()
    started = time.perf_counter()
    solver = solver or SolverOptions()
    problem = prepare_network_problem(applicants=applicants, topics=topics, rules=rules)
    # CP-SAT takes a moment past its own limit to stop and hand back a large model's solution.
    deadline = started + rules.time_limit_seconds - min(0.5, 0.05 * rules.time_limit_seconds)

    def until(share: float) -> float:
        """A deadline for the next step: this share of the time that is left."""
        now = time.perf_counter()
        return now + max(0.0, deadline - now) * share

    relaxation = _solve_relaxation(problem, until(0.25), solver)
    bound = relaxation.bound
    best = _split(problem, relaxation, until(0.4), solver) if relaxation.topic_of is not None else None
    best = best or greedy_assignment(problem)
    proven = best is not None and bound is not None and score(problem, best) >= bound
    # Building the full model takes about a second for 300 towns; not worth starting without time.
    if best is None or (not proven and deadline - time.perf_counter() > FULL_MODEL_MIN_SECONDS):
        everyone = range(len(problem.applicants))
        full = _solve_slots(problem, deadline, solver, towns=everyone, hint=best, objective_cap=bound)
        if full.status == "INFEASIBLE":
            raise infeasible_rules(problem)
        if full.bound is not None:
            bound = full.bound if bound is None else min(bound, full.bound)
        if full.networks is not None:
            found = _assignment(len(problem.applicants), full.networks)
            if best is None or score(problem, found) >= score(problem, best):
                best = found
        proven = full.status == "OPTIMAL" or (best is not None and bound is not None and score(problem, best) >= bound)
    if best is None:
        raise PlanningError(
            _(
                "No plan found within {time_limit_seconds:g} s: CP-SAT could neither find one nor prove that none "
                "exists. Allow more time or relax a rule."
            ).format(time_limit_seconds=rules.time_limit_seconds),
            rule="time_limit",
        )
    status = PlanStatus.OPTIMAL if proven else PlanStatus.FEASIBLE
    return build_plan(problem, best, status=status, bound=bound, started=started)


# --- solving -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Relaxation:
    bound: int | None  # None when CP-SAT stopped before it could prove one
    topic_of: tuple[int, ...] | None  # per applicant, when a solution was found
    networks_on: tuple[int, ...] | None  # per topic


@dataclass(frozen=True)
class _SlotResult:
    status: str
    bound: int | None
    networks: list[tuple[int, tuple[int, ...]]] | None  # (topic, member positions) per network


def _seconds_until(until: float) -> float:
    return max(0.05, until - time.perf_counter())


def _sum(terms: Iterable[cp_model.LinearExprT]) -> cp_model.LinearExpr:
    from ortools.sat.python import cp_model

    return cp_model.LinearExpr.sum(list(terms))


def _solve_relaxation(problem: NetworkProblem, until: float, options: SolverOptions) -> _Relaxation:
    """Topic groups without the split into networks; see the module docstring."""
    from ortools.sat.python import cp_model  # imports pandas: only when solving

    model = cp_model.CpModel()
    count, topics = len(problem.applicants), range(len(problem.topics))
    works_on = {key: model.new_bool_var(f"on_{key}") for key in problem.fit}
    networks_on = [model.new_int_var(0, problem.topic_copies(topic), f"networks_{topic}") for topic in topics]
    model.add(_sum(networks_on) == problem.networks)
    for i in range(count):
        model.add_exactly_one(works_on[i, topic] for topic in topics if (i, topic) in works_on)
    objective = [points * works_on[key] for key, points in problem.fit_points.items()]
    for topic in topics:
        group = {i: works_on[i, topic] for i in range(count) if (i, topic) in works_on}
        _add_topic_group(model, problem, group, networks_on[topic], objective)
        for pinned in problem.pin_groups:
            for i in pinned[1:]:
                model.add(works_on.get((i, topic), 0) == works_on.get((pinned[0], topic), 0))
    model.maximize(_sum(objective))
    solver, status = run_cp_sat(model, _seconds_until(until), options)
    if status == "INFEASIBLE":
        raise infeasible_rules(problem)
    if status == "MODEL_INVALID":
        raise RuntimeError("the topic-level model is invalid")
    if status not in ("OPTIMAL", "FEASIBLE"):
        # Stopped early, perhaps in presolve: then CP-SAT's bound is not one we may rely on.
        return _Relaxation(bound=None, topic_of=None, networks_on=None)
    topic_of = tuple(
        next(topic for topic in topics if (i, topic) in works_on and solver.value(works_on[i, topic]))
        for i in range(count)
    )
    counts = tuple(solver.value(variable) for variable in networks_on)
    return _Relaxation(bound=math.floor(solver.best_objective_bound), topic_of=topic_of, networks_on=counts)


def _add_topic_group(
    model: cp_model.CpModel,
    problem: NetworkProblem,
    group: Mapping[int, cp_model.IntVar],
    networks: cp_model.IntVar,
    objective: list[cp_model.LinearExpr],
) -> None:
    """The towns working on one topic must fill its `networks`: sizes, leads, states, and the spans
    they earn (appended to `objective`)."""
    size = _sum(group.values())
    model.add(size >= problem.min_size * networks)
    model.add(size <= problem.max_size * networks)
    model.add(_sum(v for i, v in group.items() if problem.applicants[i].willing_to_lead) >= networks)
    if problem.rules.one_town_per_state:
        for same_state in _by_state(problem, group).values():
            model.add(_sum(same_state) <= networks)
    for low, high in zip(problem.lowest_third, problem.highest_third, strict=True):
        spans = model.new_int_var(0, problem.networks, "spans")
        model.add(spans <= networks)
        model.add(spans <= _sum(v for i, v in group.items() if i in low))
        model.add(spans <= _sum(v for i, v in group.items() if i in high))
        objective.append(problem.span_points * spans)
    # Pinned groups are separate networks, so a topic cannot hold more of them than networks.
    model.add(_sum(group[g[0]] for g in problem.pin_groups if g[0] in group) <= networks)


def _split(problem: NetworkProblem, relaxation: _Relaxation, until: float, options: SolverOptions) -> Assignment | None:
    """Step 2: split each topic's towns into its networks, one small model per topic."""
    assert relaxation.topic_of is not None and relaxation.networks_on is not None  # noqa: S101 - caller checks
    networks: list[tuple[int, tuple[int, ...]]] = []
    waiting = len(problem.applicants)
    for topic, count in enumerate(relaxation.networks_on):
        towns = [i for i, chosen in enumerate(relaxation.topic_of) if chosen == topic]
        if not count:
            continue
        # Each topic gets a share of the time left in proportion to its towns.
        now = time.perf_counter()
        topic_until = now + max(0.0, until - now) * len(towns) / waiting
        waiting -= len(towns)
        result = _solve_slots(problem, topic_until, options, towns=towns, networks_per_topic={topic: count})
        if result.networks is None:
            return None
        networks.extend(result.networks)
    return _assignment(len(problem.applicants), networks)


def _by_state(problem: NetworkProblem, members: Mapping[int, cp_model.IntVar]) -> dict[str, list[cp_model.IntVar]]:
    states: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for i, variable in members.items():
        states[problem.applicants[i].state].append(variable)
    return states


def _solve_slots(
    problem: NetworkProblem,
    until: float,
    options: SolverOptions,
    *,
    towns: Sequence[int],
    networks_per_topic: Mapping[int, int] | None = None,
    hint: Assignment | None = None,
    objective_cap: int | None = None,
) -> _SlotResult:
    """The slot model for some towns (by position): all of them, or in the split step one topic's
    group with its number of networks fixed."""
    from ortools.sat.python import cp_model  # imports pandas: only when solving

    model = cp_model.CpModel()
    if networks_per_topic is None:
        networks_per_topic = {topic: problem.topic_copies(topic) for topic in range(len(problem.topics))}
        networks = problem.networks
    else:
        networks = sum(networks_per_topic.values())
    slots = [(topic, copy) for topic, copies in networks_per_topic.items() for copy in range(copies)]
    member = {
        (i, s): model.new_bool_var(f"x_{i}_{s}")
        for s, (topic, _) in enumerate(slots)
        for i in towns
        if (i, topic) in problem.fit
    }
    active = [model.new_bool_var(f"active_{s}") for s in range(len(slots))]
    model.add(_sum(active) == networks)
    for i in towns:
        model.add_exactly_one(member[i, s] for s in range(len(slots)) if (i, s) in member)
    objective = [problem.fit_points[i, slots[s][0]] * variable for (i, s), variable in member.items()]
    pin_groups = [group for group in problem.pin_groups if group[0] in towns]
    for s, (_topic, copy) in enumerate(slots):
        group = {i: member[i, s] for i in towns if (i, s) in member}
        _add_slot(model, problem, group, active[s], objective)
        if copy > 0:
            model.add_implication(active[s], active[s - 1])  # copies of a topic are used in order
        _add_slot_pins(model, problem, pin_groups, group)
    total = _sum(objective)
    if objective_cap is not None:
        model.add(total <= objective_cap)
    model.maximize(total)
    if hint is not None:
        _add_hint(model, hint, slots, member, active)
    solver, status = run_cp_sat(model, _seconds_until(until), options)
    if status == "MODEL_INVALID":
        raise RuntimeError("the slot model is invalid")
    found = None
    if status in ("OPTIMAL", "FEASIBLE"):
        found = [
            (slots[s][0], tuple(i for i in towns if (i, s) in member and solver.value(member[i, s])))
            for s in range(len(slots))
            if solver.value(active[s])
        ]
    bound = math.floor(solver.best_objective_bound) if found is not None else None
    return _SlotResult(status=status, bound=bound, networks=found)


def _add_slot(
    model: cp_model.CpModel,
    problem: NetworkProblem,
    group: Mapping[int, cp_model.IntVar],
    active: cp_model.IntVar,
    objective: list[cp_model.LinearExpr],
) -> None:
    """One network slot, if active: its size, a lead, one town per state, and the spans it earns
    (appended to `objective`)."""
    size = _sum(group.values())
    model.add(size >= problem.min_size * active)
    model.add(size <= problem.max_size * active)
    for variable in group.values():
        model.add_implication(variable, active)
    model.add(_sum(v for i, v in group.items() if problem.applicants[i].willing_to_lead) >= active)
    if problem.rules.one_town_per_state:
        for same_state in _by_state(problem, group).values():
            if len(same_state) > 1:
                model.add_at_most_one(same_state)
    for low, high in zip(problem.lowest_third, problem.highest_third, strict=True):
        span = model.new_bool_var("span")
        model.add_implication(span, active)
        model.add(span <= _sum(v for i, v in group.items() if i in low))
        model.add(span <= _sum(v for i, v in group.items() if i in high))
        objective.append(problem.span_points * span)


def _add_slot_pins(
    model: cp_model.CpModel,
    problem: NetworkProblem,
    pin_groups: Sequence[tuple[int, ...]],
    group: Mapping[int, cp_model.IntVar],
) -> None:
    """Pins: the first town of each group stands for it; the others follow it into its slot. A slot
    holds at most one pin group, and no town forbidden from the group it holds."""
    for pinned in pin_groups:
        for i in pinned[1:]:
            model.add(group.get(i, 0) == group.get(pinned[0], 0))
    holders = [group[g[0]] for g in pin_groups if g[0] in group]
    if len(holders) > 1:
        model.add_at_most_one(holders)
    for i, g in problem.forbidden:
        if i in group and problem.pin_groups[g][0] in group:
            model.add_bool_or([group[i].Not(), group[problem.pin_groups[g][0]].Not()])


def _add_hint(
    model: cp_model.CpModel,
    hint: Assignment,
    slots: Sequence[tuple[int, int]],
    member: Mapping[tuple[int, int], cp_model.IntVar],
    active: Sequence[cp_model.IntVar],
) -> None:
    slot_of = _slots_for(hint, slots)
    for (i, s), variable in member.items():
        model.add_hint(variable, slot_of[hint.network_of[i]] == s)
    for s, variable in enumerate(active):
        model.add_hint(variable, s in slot_of)


def _assignment(count: int, networks: Iterable[tuple[int, tuple[int, ...]]]) -> Assignment:
    network_of = [-1] * count
    topics = []
    for network, (topic, members) in enumerate(networks):
        topics.append(topic)
        for i in members:
            network_of[i] = network
    return Assignment(network_of=tuple(network_of), topic_of_network=tuple(topics))


def _slots_for(assignment: Assignment, slots: Sequence[tuple[int, int]]) -> list[int]:
    """The slot of each network in a plan: the copies of a topic in the order of their first member."""
    first_member = {network: assignment.network_of.index(network) for network in set(assignment.network_of)}
    ordered = sorted(first_member, key=lambda network: (assignment.topic_of_network[network], first_member[network]))
    copies: Counter[int] = Counter()
    slot_of = [0] * len(assignment.topic_of_network)
    for network in ordered:
        topic = assignment.topic_of_network[network]
        slot_of[network] = slots.index((topic, copies[topic]))
        copies[topic] += 1
    return slot_of
