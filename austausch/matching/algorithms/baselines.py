"""Greedy baselines: what a careful coordinator with a spreadsheet would do, to compare the
optimiser against. They obey every rule or return None; they never prove anything.

The network greedy also gives CP-SAT its first plan when the topic-level step finds none.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence

import numpy as np

from austausch.matching.algorithms.pairings import (
    PairingPlan,
    PairingRules,
    build_pairing_plan,
    prepare_pairing_problem,
)
from austausch.matching.algorithms.planning import (
    Applicant,
    Assignment,
    NetworkPlan,
    NetworkProblem,
    NetworkRules,
    PlanStatus,
    build_plan,
)
from austausch.matching.algorithms.problem import prepare_network_problem


def greedy_networks(
    *, applicants: Sequence[Applicant], topics: Sequence[str], rules: NetworkRules
) -> NetworkPlan | None:
    """The greedy plan under the same checks and rules as `plan_networks`, or None if it got stuck."""
    started = time.perf_counter()
    problem = prepare_network_problem(applicants=applicants, topics=topics, rules=rules)
    assignment = greedy_assignment(problem)
    if assignment is None:
        return None
    return build_plan(problem, assignment, status=PlanStatus.HEURISTIC, bound=None, started=started)


def greedy_assignment(problem: NetworkProblem) -> Assignment | None:
    """Topics first, in proportion to how much the applicants want them; then a lead for each
    network; then every other town, the one with the fewest open networks first, into the open
    network where it adds the most topic fit and newly spanned indicators. A town with no open
    network may take the place of a member that can move elsewhere (one step of repair); networks
    left below the minimum size take towns from networks above it."""
    network_topics = _choose_topics(problem)
    if network_topics is None:
        return None
    greedy = _Greedy(problem, network_topics)
    if not (_place_pins_and_leads(greedy) and _place_the_rest(greedy)):
        return None
    if not greedy.top_up():
        return None
    return Assignment(network_of=tuple(int(n) for n in greedy.network_of), topic_of_network=tuple(network_topics))


def _place_pins_and_leads(greedy: _Greedy) -> bool:
    """Pinned towns into their networks, then a town willing to lead into each network without one,
    the networks with the fewest candidates first. False when one cannot be placed."""
    problem = greedy.problem
    for network, group in enumerate(problem.pin_groups):
        for i in group:
            if not greedy.open_networks()[i, network]:
                return False
            greedy.place(i, network)
    leaderless = [n for n in range(problem.networks) if not greedy.willing[greedy.network_of == n].any()]
    scarcity = greedy.open_networks() & greedy.willing[:, None]
    for network in sorted(leaderless, key=lambda n: (int(scarcity[:, n].sum()), n)):
        candidates = np.flatnonzero(greedy.open_networks()[:, network] & greedy.willing)
        if not len(candidates):
            return False
        greedy.place(int(candidates[np.argmax(greedy.fit[candidates, greedy.topic_of[network]])]), network)
    return True


def _place_the_rest(greedy: _Greedy) -> bool:
    """Every other town, the one with the fewest open networks first, where it adds the most."""
    min_size = greedy.problem.min_size
    while (greedy.network_of < 0).any():
        waiting = np.flatnonzero(greedy.network_of < 0)
        options = greedy.open_networks()[waiting]
        row = int(np.argmin(options.sum(axis=1)))
        i, candidates = int(waiting[row]), np.flatnonzero(options[row])
        if not len(candidates):
            if not greedy.repair(i):
                return False
            continue
        small = candidates[greedy.sizes()[candidates] < min_size]
        if len(small) and np.maximum(min_size - greedy.sizes(), 0).sum() >= len(waiting):
            candidates = small  # every remaining town is needed to fill the small networks
        greedy.place(i, int(candidates[np.argmax(greedy.gain(i, candidates))]))
    return True


class _Greedy:
    """The greedy's working state: who is where, and which networks are still open to whom."""

    def __init__(self, problem: NetworkProblem, network_topics: Sequence[int]) -> None:
        count, networks = len(problem.applicants), problem.networks
        self.problem = problem
        self.topic_of = np.array(network_topics)
        self.fit = np.zeros((count, len(problem.topics)), dtype=np.int64)
        for (i, topic), points in problem.fit_points.items():
            self.fit[i, topic] = points
        listed = np.zeros(self.fit.shape, dtype=bool)
        for i, topic in problem.fit:
            listed[i, topic] = True
        self.allowed = listed[:, self.topic_of]  # applicant × network: listed the topic, not forbidden
        for i, pin_group in problem.forbidden:
            self.allowed[i, pin_group] = False  # pin group g is network g, see _choose_topics
        self.pinned = np.zeros(count, dtype=bool)
        self.pinned[[i for group in problem.pin_groups for i in group]] = True
        self.low = np.array([[i in third for third in problem.lowest_third] for i in range(count)], dtype=bool)
        self.high = np.array([[i in third for third in problem.highest_third] for i in range(count)], dtype=bool)
        self.willing = np.array([applicant.willing_to_lead for applicant in problem.applicants], dtype=bool)
        _, self.state = np.unique([applicant.state for applicant in problem.applicants], return_inverse=True)
        self.network_of = np.full(count, -1)
        self.networks = networks

    def sizes(self) -> np.ndarray:
        return np.bincount(self.network_of[self.network_of >= 0], minlength=self.networks)

    def open_networks(self) -> np.ndarray:
        """applicant × network: could the (unplaced) applicant join the network as things stand?"""
        placed = self.network_of >= 0
        open_ = self.allowed & (self.sizes() < self.problem.max_size)[None, :] & ~placed[:, None]
        if self.problem.rules.one_town_per_state:
            taken = np.zeros((self.networks, self.state.max() + 1), dtype=bool)
            taken[self.network_of[placed], self.state[placed]] = True
            open_ &= ~taken[:, self.state].T
        return open_

    def place(self, i: int, network: int) -> None:
        self.network_of[i] = network

    def gain(self, i: int, candidates: np.ndarray) -> np.ndarray:
        placed = self.network_of >= 0
        has_low = np.zeros((self.networks, self.low.shape[1]), dtype=bool)
        has_high = np.zeros_like(has_low)
        np.logical_or.at(has_low, self.network_of[placed], self.low[placed])
        np.logical_or.at(has_high, self.network_of[placed], self.high[placed])
        low, high = has_low[candidates], has_high[candidates]
        newly_spanned = ~(low & high) & ((self.low[i] & high) | (self.high[i] & low))
        return self.fit[i, self.topic_of[candidates]] + self.problem.span_points * newly_spanned.sum(axis=1)

    def movable(self, b: int) -> bool:
        """May b leave its network: not pinned, and not the network's only willing town?"""
        members = self.network_of == self.network_of[b]
        return not self.pinned[b] and not (self.willing[b] and self.willing[members].sum() == 1)

    def top_up(self) -> bool:
        """Bring networks below the minimum size up to it with towns from networks above it."""
        while (small := np.flatnonzero(self.sizes() < self.problem.min_size)).size:
            network, sizes = int(small[0]), self.sizes()
            states_inside = set(self.state[self.network_of == network].tolist())
            donors = [
                b
                for b in np.flatnonzero(self.allowed[:, network] & (self.network_of >= 0))
                if sizes[self.network_of[b]] > self.problem.min_size
                and self.movable(int(b))
                and not (self.problem.rules.one_town_per_state and self.state[b] in states_inside)
            ]
            if not donors:
                return False
            self.place(int(max(donors, key=lambda b: (self.fit[b, self.topic_of[network]], -b))), network)
        return True

    def repair(self, i: int) -> bool:
        """Put i where a member b (same state, or any member of a full network) can make room by
        moving to another open network. b is neither pinned nor its network's only willing town."""
        full = self.sizes() >= self.problem.max_size
        for network in np.flatnonzero(self.allowed[i]):
            members = np.flatnonzero(self.network_of == network)
            blockers = members if full[network] else members[self.state[members] == self.state[i]]
            for b in blockers:
                if not self.movable(int(b)):
                    continue
                self.network_of[b] = -1
                open_ = self.open_networks()
                elsewhere = np.flatnonzero(open_[b])
                elsewhere = elsewhere[elsewhere != network]
                if len(elsewhere) and open_[i, network]:
                    self.place(int(b), int(elsewhere[np.argmax(self.gain(int(b), elsewhere))]))
                    self.place(i, int(network))
                    return True
                self.network_of[b] = network
        return False


def _choose_topics(problem: NetworkProblem) -> list[int] | None:
    """Pinned groups first (network g holds pin group g), on the topic their towns want most.
    Then topics that give a network to towns none of the chosen topics serves yet, most such towns
    first; then in proportion to each topic's total fit (largest remainder)."""
    topics, towns = range(len(problem.topics)), range(len(problem.applicants))
    copies = [problem.topic_copies(topic) for topic in topics]
    demand = [sum(problem.fit.get((i, t), 0.0) for i in towns) for t in topics]
    share = [value / sum(demand) * problem.networks for value in demand]
    used: Counter[int] = Counter()
    chosen: list[int] = []

    def choose(topic: int) -> None:
        chosen.append(topic)
        used[topic] += 1

    for group in problem.pin_groups:
        shared = [t for t in topics if all((i, t) in problem.fit for i in group) and used[t] < copies[t]]
        if not shared:
            return None
        choose(max(shared, key=lambda t: (sum(problem.fit[i, t] for i in group), -t)))
    while len(chosen) < problem.networks:
        available = [t for t in topics if used[t] < copies[t]]
        if not available:
            return None
        unserved = [i for i in towns if not any((i, t) in problem.fit for t in used)]
        choose(max(available, key=lambda t: (sum((i, t) in problem.fit for i in unserved), share[t] - used[t], -t)))
    return chosen


def greedy_pairings(
    *, group_a: Sequence[Applicant], group_b: Sequence[Applicant], topics: Sequence[str], rules: PairingRules
) -> PairingPlan | None:
    """Pins first, then the best-scoring pairs while both towns have room, then the best pairs
    that bring towns below their minimum up to it; None if a minimum stays unmet."""
    started = time.perf_counter()
    problem = prepare_pairing_problem(group_a=group_a, group_b=group_b, topics=topics, rules=rules)
    degree_a, degree_b = Counter[int](), Counter[int]()
    chosen: set[tuple[int, int]] = set()
    (min_a, max_a), (min_b, max_b) = rules.partners_per_a, rules.partners_per_b

    def take(pair: tuple[int, int]) -> None:
        chosen.add(pair)
        degree_a[pair[0]] += 1
        degree_b[pair[1]] += 1

    def room(pair: tuple[int, int]) -> bool:
        return pair not in chosen and degree_a[pair[0]] < max_a and degree_b[pair[1]] < max_b

    for pair in problem.pinned:
        take(pair)
    ranked = sorted(problem.points, key=lambda pair: (-problem.points[pair], pair))
    for pair in ranked:
        if room(pair):
            take(pair)
    for pair in ranked:
        if room(pair) and (degree_a[pair[0]] < min_a or degree_b[pair[1]] < min_b):
            take(pair)
    if any(degree_a[i] < min_a for i in range(len(problem.group_a))) or any(
        degree_b[j] < min_b for j in range(len(problem.group_b))
    ):
        return None
    return build_pairing_plan(problem, sorted(chosen), status=PlanStatus.HEURISTIC, bound=None, started=started)
