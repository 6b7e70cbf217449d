from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterator, Sequence

import pytest
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from austausch.matching.algorithms.baselines import greedy_networks, greedy_pairings
from austausch.matching.algorithms.networks import (
    Applicant,
    NetworkPlan,
    NetworkRules,
    PlanningError,
    PlanStatus,
    plan_networks,
)
from austausch.matching.algorithms.pairings import PairingPlan, PairingRules, plan_pairings

TOPICS = ("Digitale Arbeitswelten", "Innenstadt", "Mobilität")
# CP-SAT is fast on these sizes; the deadline guards against a slow machine, not the solver.
solving = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are checked in English; the German catalogue translates them."""
    with translation.override("en"):
        yield


def town(
    number: int,
    state: str,
    topics: Sequence[str] = TOPICS[:1],
    *,
    willing: bool = True,
    profile: Sequence[float] = (0.0, 0.0),
    population: float = 10_000,
) -> Applicant:
    return Applicant(
        town=number,
        state=state,
        population=population,
        profile=tuple(profile),
        topics=tuple(topics),
        willing_to_lead=willing,
        name=f"Town {number}",
    )


# --- what every plan must satisfy, checked independently of the module ---------------------------


def expected_sizes(rules: NetworkRules, count: int) -> tuple[int, int, int]:
    if rules.size is not None and rules.networks is not None:
        return rules.networks, *rules.size
    if rules.size is None:
        assert rules.networks is not None
        return rules.networks, count // rules.networks, -(-count // rules.networks)
    low, high = rules.size
    networks = min(range(-(-count // high), count // low + 1), key=lambda n: (abs(count / n - (low + high) / 2), n))
    return networks, low, high


def thirds(applicants: Sequence[Applicant]) -> list[tuple[set[int], set[int]]]:
    """Per indicator with spread: the towns in the lowest and the highest third of those with a
    value; towns tied with the value at a cut count on neither side."""
    result = []
    for indicator in range(len(applicants[0].profile)):
        known = sorted((a.profile[indicator], a.town) for a in applicants if not math.isnan(a.profile[indicator]))
        if len(known) < 2:
            continue
        low_cut, high_cut = known[(len(known) - 1) // 3][0], known[-1 - (len(known) - 1) // 3][0]
        low = {t for value, t in known if value <= low_cut and value < high_cut}
        high = {t for value, t in known if value >= high_cut and value > low_cut}
        if low and high:
            result.append((low, high))
    return result


def objective(applicants: Sequence[Applicant], rules: NetworkRules, groups: Sequence[tuple[str, set[int]]]) -> float:
    """The documented objective: topic fit plus spanned indicators scaled to the same range."""
    by_town = {applicant.town: applicant for applicant in applicants}
    longest = max(len(applicant.topics) for applicant in applicants)
    fit = sum(
        (longest - by_town[member].topics.index(topic)) / longest for topic, members in groups for member in members
    )
    cuts = thirds(applicants)
    spans = sum(1 for _, members in groups for low, high in cuts if members & low and members & high)
    diversity = spans * len(applicants) / (len(groups) * len(cuts)) if cuts else 0.0
    return rules.topic_weight * fit + rules.diversity_weight * diversity


def assert_obeys_rules(plan: NetworkPlan, applicants: Sequence[Applicant], rules: NetworkRules) -> None:
    band = rules.population_band or (-math.inf, math.inf)
    inside = [a for a in applicants if band[0] <= a.population <= band[1]]
    by_town = {applicant.town: applicant for applicant in inside}
    assert {exclusion.town for exclusion in plan.excluded} == {a.town for a in applicants} - set(by_town)
    networks, low, high = expected_sizes(rules, len(inside))
    assert len(plan.networks) == networks
    placed = [member for network in plan.networks for member in network.members]
    assert sorted(placed) == sorted(by_town)
    for network in plan.networks:
        members = [by_town[member] for member in network.members]
        assert low <= len(members) <= high
        assert network.lead in network.members and by_town[network.lead].willing_to_lead
        assert all(network.topic in member.topics for member in members)
        if rules.one_town_per_state:
            assert len({member.state for member in members}) == len(members)
    if rules.distinct_topics:
        assert len({network.topic for network in plan.networks}) == len(plan.networks)
    network_of = {member: network for network in plan.networks for member in network.members}
    pinned = {number: {t for t, n in rules.pins.items() if n == number} for number in set(rules.pins.values())}
    for number, towns in pinned.items():
        assert len({id(network_of[t]) for t in towns}) == 1
        assert network_of[next(iter(towns))].pinned_as == number
    assert len({id(network_of[next(iter(towns))]) for towns in pinned.values()}) == len(pinned)
    for forbidden_town, number in rules.forbids:
        assert network_of[forbidden_town] is not network_of[next(iter(pinned[number]))]

    quality = plan.quality
    assert sum(quality.parts.values()) == pytest.approx(quality.objective)
    groups = [(network.topic, set(network.members)) for network in plan.networks]
    # Each fit and each span's weight is rounded to 1/1000 for CP-SAT.
    assert quality.objective == pytest.approx(objective(inside, rules, groups), abs=0.001 * (len(inside) + 10))
    if quality.bound is not None:
        assert quality.gap is not None and quality.gap >= 0
        assert quality.objective <= quality.bound


def set_partitions(items: Sequence[int], blocks: int) -> Iterator[list[list[int]]]:
    if not items:
        if blocks == 0:
            yield []
        return
    if blocks == 0:
        return
    first, rest = items[0], items[1:]
    for partition in set_partitions(rest, blocks - 1):
        yield [[first], *partition]
    for partition in set_partitions(rest, blocks):
        for block in range(len(partition)):
            yield [*partition[:block], [first, *partition[block]], *partition[block + 1 :]]


def brute_force_best(applicants: Sequence[Applicant], rules: NetworkRules) -> float | None:
    """The best objective over every valid plan, or None if there is none."""
    by_town = {applicant.town: applicant for applicant in applicants}
    networks, low, high = expected_sizes(rules, len(applicants))
    pinned = {number: {t for t, n in rules.pins.items() if n == number} for number in set(rules.pins.values())}

    def obeys_rules(partition: list[list[int]]) -> bool:
        block_of = {t: i for i, block in enumerate(partition) for t in block}
        pin_blocks = {number: {block_of[t] for t in towns} for number, towns in pinned.items()}
        return (
            all(low <= len(block) <= high for block in partition)
            and all(any(by_town[t].willing_to_lead for t in block) for block in partition)
            and all(
                len({by_town[t].state for t in block}) == len(block) or not rules.one_town_per_state
                for block in partition
            )
            and all(len(blocks) == 1 for blocks in pin_blocks.values())
            and len({min(blocks) for blocks in pin_blocks.values()}) == len(pin_blocks)
            and not any(block_of[t] in pin_blocks[n] for t, n in rules.forbids)
        )

    best = None
    for partition in set_partitions([a.town for a in applicants], networks):
        if low < 2 or not obeys_rules(partition):
            continue
        # A town only joins a network on a topic it listed.
        choices = [[topic for topic in TOPICS if all(topic in by_town[t].topics for t in b)] for b in partition]
        for topics in itertools.product(*choices):
            if rules.distinct_topics and len(set(topics)) < len(topics):
                continue
            value = objective(applicants, rules, [(t, set(b)) for t, b in zip(topics, partition, strict=True)])
            best = value if best is None else max(best, value)
    return best


# --- tiny instances: optimal, and equal to the brute force ---------------------------------------


@st.composite
def tiny_instances(draw: st.DrawFn) -> tuple[list[Applicant], NetworkRules]:
    count = draw(st.integers(min_value=3, max_value=7))
    orders = [draw(st.permutations(range(count))) for _ in range(2)]  # profiles without ties
    applicants = [
        town(
            number,
            draw(st.sampled_from("ABCDE")),
            draw(st.lists(st.sampled_from(TOPICS), min_size=2, max_size=3, unique=True)),
            willing=draw(st.sampled_from([True, True, False])),
            profile=[float(order[number]) for order in orders],
        )
        for number in range(count)
    ]
    networks = draw(st.integers(min_value=1, max_value=count // 2))
    ranges = st.tuples(st.integers(2, 3), st.integers(0, 2)).map(lambda s: (s[0], s[0] + s[1]))
    size = draw(st.one_of(st.none(), st.none(), ranges))
    pins = draw(st.one_of(st.just({}), st.dictionaries(st.integers(0, count - 1), st.integers(1, 2), max_size=2)))
    forbids = frozenset(
        (t, n)
        for t in draw(st.lists(st.integers(0, count - 1), max_size=1))
        for n in set(pins.values())
        if pins.get(t) != n
    )
    rules = NetworkRules(
        networks=networks,
        size=size,
        one_town_per_state=draw(st.booleans()),
        distinct_topics=draw(st.booleans()),
        topic_weight=draw(st.sampled_from([0.0, 0.5, 1.0, 2.0])),
        diversity_weight=draw(st.sampled_from([0.0, 1.0, 3.0])),
        pins=pins,
        forbids=forbids,
        time_limit_seconds=10,
    )
    return applicants, rules


# Three towns whose fits are thirds: the bound proved in whole points once fell a point below the plan itself.
THIRDS = (
    [
        Applicant(
            town=0,
            state="A",
            population=10000,
            profile=(0.0, 0.0),
            topics=(TOPICS[0], TOPICS[2]),
            willing_to_lead=True,
            name="A",
        ),
        Applicant(
            town=1,
            state="A",
            population=10000,
            profile=(1.0, 1.0),
            topics=(TOPICS[1], TOPICS[2]),
            willing_to_lead=True,
            name="B",
        ),
        Applicant(
            town=2, state="A", population=10000, profile=(2.0, 2.0), topics=TOPICS, willing_to_lead=True, name="C"
        ),
    ],
    NetworkRules(networks=1, size=(2, 3), one_town_per_state=False, topic_weight=2.0, diversity_weight=1.0),
)


@solving
@given(tiny_instances())
@example(instance=THIRDS)
def test_tiny_instances_are_solved_to_optimality_and_match_a_brute_force(
    instance: tuple[list[Applicant], NetworkRules],
) -> None:
    applicants, rules = instance
    best = brute_force_best(applicants, rules)
    if best is None:
        with pytest.raises(PlanningError):
            plan_networks(applicants=applicants, topics=TOPICS, rules=rules)
        return
    plan = plan_networks(applicants=applicants, topics=TOPICS, rules=rules)
    assert_obeys_rules(plan, applicants, rules)
    assert plan.quality.status is PlanStatus.OPTIMAL
    assert plan.quality.gap == 0
    assert plan.quality.objective == pytest.approx(best, abs=0.001 * (len(applicants) + 10))


@solving
@given(tiny_instances())
def test_the_greedy_baseline_returns_only_valid_plans_and_never_beats_the_optimum(
    instance: tuple[list[Applicant], NetworkRules],
) -> None:
    applicants, rules = instance
    try:
        greedy = greedy_networks(applicants=applicants, topics=TOPICS, rules=rules)
    except PlanningError:
        return
    if greedy is None:
        return
    assert_obeys_rules(greedy, applicants, rules)
    assert greedy.quality.status is PlanStatus.HEURISTIC and greedy.quality.bound is None
    best = plan_networks(applicants=applicants, topics=TOPICS, rules=rules)
    assert greedy.quality.objective <= best.quality.objective + 1e-9


@st.composite
def medium_instances(draw: st.DrawFn) -> tuple[list[Applicant], NetworkRules]:
    count = draw(st.integers(min_value=12, max_value=30))
    networks = draw(st.integers(min_value=2, max_value=count // 4))
    finite = st.floats(min_value=-2, max_value=2)
    applicants = [
        town(
            number,
            draw(st.sampled_from("ABCDEFGHIJ")),
            draw(st.lists(st.sampled_from(TOPICS), min_size=2, max_size=3, unique=True)),
            willing=draw(st.sampled_from([True, True, False])),
            profile=draw(st.lists(st.one_of(finite, st.just(math.nan)), min_size=3, max_size=3)),
            population=draw(st.integers(1_000, 40_000)),
        )
        for number in range(count)
    ]
    rules = NetworkRules(
        networks=networks,
        one_town_per_state=draw(st.booleans()),
        population_band=draw(st.sampled_from([None, None, (2_000, 35_000)])),
        time_limit_seconds=3,
    )
    return applicants, rules


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(medium_instances())
def test_every_plan_obeys_all_rules_or_an_error_names_the_rule(instance: tuple[list[Applicant], NetworkRules]) -> None:
    applicants, rules = instance
    try:
        plan = plan_networks(applicants=applicants, topics=TOPICS, rules=rules)
    except PlanningError as error:
        assert error.rule and str(error)
        return
    assert_obeys_rules(plan, applicants, rules)
    greedy = greedy_networks(applicants=applicants, topics=TOPICS, rules=rules)
    if greedy is not None:
        assert_obeys_rules(greedy, applicants, rules)


# --- infeasibility is explained before solving --------------------------------------------------


def spread(count: int, *, willing: int | None = None, states: int | None = None) -> list[Applicant]:
    states = states or count
    return [
        town(number, f"State {number % states}", willing=willing is None or number < willing) for number in range(count)
    ]


def error_for(applicants: Sequence[Applicant], rules: NetworkRules, topics: Sequence[str] = TOPICS) -> PlanningError:
    with pytest.raises(PlanningError) as raised:
        plan_networks(applicants=applicants, topics=topics, rules=rules)
    return raised.value


def test_too_few_willing_leads_are_named() -> None:
    error = error_for(spread(27, willing=4), NetworkRules(networks=6))
    assert str(error) == "6 networks need 6 lead towns, but only 4 applicants are willing to lead."
    assert error.rule == "leads"


def test_too_few_applicants_for_the_network_sizes_are_named() -> None:
    error = error_for(spread(27), NetworkRules(networks=6, size=(5, 6)))
    assert str(error) == "Network size 5–6 × 6 networks needs at least 30 applicants, 27 given."
    assert error.rule == "size"


def test_too_many_applicants_for_the_network_sizes_are_named() -> None:
    error = error_for(spread(27), NetworkRules(networks=6, size=(3, 4)))
    assert str(error) == "Network size 3–4 × 6 networks can take at most 24 applicants, 27 given."


def test_a_crowded_state_is_named() -> None:
    applicants = [town(n, "Bayern" if n < 9 else f"State {n}") for n in range(27)]
    error = error_for(applicants, NetworkRules(networks=6))
    assert str(error) == "At most one town per state: 9 applicants from Bayern cannot fit into 6 networks."
    assert error.rule == "one_town_per_state"
    plan = plan_networks(applicants=applicants, topics=TOPICS, rules=NetworkRules(networks=6, one_town_per_state=False))
    assert len(plan.networks) == 6


def test_duplicate_applicants_are_named() -> None:
    applicants = [*spread(4), town(2, "Elsewhere")]
    error = error_for(applicants, NetworkRules(networks=2))
    assert str(error) == "Town 2 (town 2) applies twice."
    assert error.rule == "applicants"


def test_an_unknown_topic_is_named_with_the_town() -> None:
    applicants = [*spread(3), town(3, "Elsewhere", ["Raumfahrt"])]
    error = error_for(applicants, NetworkRules(networks=2))
    assert str(error).startswith("Town 3 lists the topic 'Raumfahrt', which is not one of the programme's topics")
    assert error.rule == "topics"


def test_distinct_topics_need_enough_topics() -> None:
    error = error_for(spread(8), NetworkRules(networks=2, distinct_topics=True))
    assert str(error).startswith("2 networks with distinct topics need 2 topics, but only 1 are listed")
    assert error.rule == "distinct_topics"


def test_a_town_whose_topics_cannot_form_a_network_is_named() -> None:
    applicants = [*spread(6), town(6, "Elsewhere", ["Mobilität"])]
    error = error_for(applicants, NetworkRules(networks=2))
    assert str(error).startswith("Town 6 lists only topics no network can form around")
    assert error.rule == "listed_topics"


@pytest.mark.parametrize(
    ("pins", "forbids", "message"),
    [
        ({99: 1}, frozenset(), "The pinned town 99 is not among the applicants in the band."),
        ({0: 1, 1: 1, 2: 1}, frozenset(), "3 towns are pinned into network 1, but a network has at most 2."),
        ({0: 1}, frozenset({(1, 2)}), "Network 2 has no pinned towns"),
        ({0: 1}, frozenset({(0, 1)}), "Town 0 is both pinned into and forbidden from network 1."),
        ({0: 1, 1: 2, 2: 3}, frozenset(), "Pins name 3 networks, but there are only 2."),
    ],
)
def test_impossible_pins_and_forbids_are_named(
    pins: dict[int, int], forbids: frozenset[tuple[int, int]], message: str
) -> None:
    error = error_for(spread(4), NetworkRules(networks=2, pins=pins, forbids=forbids))
    assert str(error).startswith(message)
    assert error.rule in {"pins", "forbids"}


def test_rules_that_pass_every_check_but_conflict_are_proved_infeasible_and_listed() -> None:
    # Both towns listing only Innenstadt come from state X, so its network would hold two of X.
    applicants = [
        town(0, "X", ["Innenstadt"]),
        town(1, "X", ["Innenstadt"], willing=False),
        town(2, "Y", ["Mobilität"]),
        town(3, "Y", ["Mobilität"], willing=False),
    ]
    error = error_for(applicants, NetworkRules(networks=2))
    assert error.rule == "infeasible"
    assert "CP-SAT proved it" in str(error)
    assert "at most one town per state" in str(error)


def test_towns_outside_the_population_band_are_excluded_with_a_reason() -> None:
    applicants = [*spread(6), town(6, "Big", population=250_000)]
    rules = NetworkRules(networks=2, population_band=(5_000, 20_000))
    plan = plan_networks(applicants=applicants, topics=TOPICS, rules=rules)
    [exclusion] = plan.excluded
    assert exclusion.town == 6
    assert exclusion.reason == "population 250,000 is outside the band 5,000–20,000"
    assert_obeys_rules(plan, applicants, rules)


def test_a_size_range_alone_chooses_the_number_of_networks() -> None:
    applicants = spread(27)
    rules = NetworkRules(size=(4, 6))
    plan = plan_networks(applicants=applicants, topics=TOPICS, rules=rules)
    assert len(plan.networks) == 5  # 27 / 5 networks is closest to 5 towns each
    assert_obeys_rules(plan, applicants, rules)


def test_pins_and_forbids_shape_the_plan() -> None:
    applicants = spread(8)
    rules = NetworkRules(networks=2, pins={0: 1, 5: 1, 3: 2}, forbids=frozenset({(1, 1), (2, 2)}))
    plan = plan_networks(applicants=applicants, topics=TOPICS, rules=rules)
    assert_obeys_rules(plan, applicants, rules)


def test_diversity_puts_the_extremes_of_each_indicator_together() -> None:
    # Four towns low, middle, high on one indicator; with diversity only, both networks must span it.
    applicants = [town(n, f"S{n}", profile=[value]) for n, value in enumerate([0.0, 1.0, 2.0, 3.0, 4.0, 5.0])]
    plan = plan_networks(
        applicants=applicants, topics=TOPICS, rules=NetworkRules(networks=2, topic_weight=0, diversity_weight=1)
    )
    assert all(network.spanned_indicators == (0,) for network in plan.networks)
    assert plan.quality.objective == pytest.approx(6.0)


# --- pairings -------------------------------------------------------------------------------------


def assert_pairing_obeys_rules(
    plan: PairingPlan, group_a: Sequence[Applicant], group_b: Sequence[Applicant], rules: PairingRules
) -> None:
    pairs = {(p.town_a, p.town_b) for p in plan.pairings}
    assert len(pairs) == len(plan.pairings)
    degree_a, degree_b = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    assert all(rules.partners_per_a[0] <= degree_a[a.town] <= rules.partners_per_a[1] for a in group_a)
    assert all(rules.partners_per_b[0] <= degree_b[b.town] <= rules.partners_per_b[1] for b in group_b)
    assert rules.pinned <= pairs
    assert not rules.forbidden & pairs
    assert sum(plan.quality.parts.values()) == pytest.approx(plan.quality.objective)


@st.composite
def pairing_instances(draw: st.DrawFn) -> tuple[list[Applicant], list[Applicant], PairingRules]:
    finite = st.floats(min_value=-2, max_value=2)

    def group(first: int, size: int, indicators: int) -> list[Applicant]:
        return [
            town(
                number,
                "S",
                draw(st.lists(st.sampled_from(TOPICS), min_size=1, max_size=3, unique=True)),
                profile=draw(st.lists(st.one_of(finite, st.just(math.nan)), min_size=indicators, max_size=indicators)),
            )
            for number in range(first, first + size)
        ]

    group_a = group(0, draw(st.integers(1, 3)), 2)
    group_b = group(10, draw(st.integers(1, 4)), 2)
    range_ = st.tuples(st.integers(0, 2), st.integers(0, 2)).map(lambda r: (r[0], max(1, r[0] + r[1])))
    pairs = [(a.town, b.town) for a in group_a for b in group_b]
    rules = PairingRules(
        partners_per_a=draw(range_),
        partners_per_b=draw(range_),
        similarity_weight=draw(st.sampled_from([0.0, 1.0, 2.0])),
        topic_weight=draw(st.sampled_from([0.0, 1.0])),
        pinned=frozenset(draw(st.lists(st.sampled_from(pairs), max_size=1))),
        forbidden=frozenset(draw(st.lists(st.sampled_from(pairs), max_size=2))),
        time_limit_seconds=10,
    )
    return group_a, group_b, rules


def similarity(a: Applicant, b: Applicant) -> float:
    """1 / (1 + RMS difference on shared indicators), times the share of a's known ones b has."""
    known_a = [i for i, value in enumerate(a.profile) if not math.isnan(value)]
    shared = [i for i in known_a if not math.isnan(b.profile[i])]
    if not shared:
        return 0.0
    distance = math.sqrt(sum((a.profile[i] - b.profile[i]) ** 2 for i in shared) / len(shared))
    return len(shared) / len(known_a) / (1 + distance)


def topic_overlap(a: Applicant, b: Applicant, longest: int) -> float:
    shared = set(a.topics) & set(b.topics)
    return max((min(longest - a.topics.index(t), longest - b.topics.index(t)) / longest for t in shared), default=0.0)


def brute_force_pairings(
    group_a: Sequence[Applicant],
    group_b: Sequence[Applicant],
    rules: PairingRules,
    points: dict[tuple[int, int], float],
) -> float | None:
    best = None
    pairs = [(a.town, b.town) for a in group_a for b in group_b if (a.town, b.town) not in rules.forbidden]
    for chosen in itertools.chain.from_iterable(itertools.combinations(pairs, size) for size in range(len(pairs) + 1)):
        degree_a, degree_b = Counter(a for a, _ in chosen), Counter(b for _, b in chosen)
        if not rules.pinned <= set(chosen):
            continue
        if all(rules.partners_per_a[0] <= degree_a[a.town] <= rules.partners_per_a[1] for a in group_a) and all(
            rules.partners_per_b[0] <= degree_b[b.town] <= rules.partners_per_b[1] for b in group_b
        ):
            value = sum(points[pair] for pair in chosen)
            best = value if best is None else max(best, value)
    return best


@solving
@given(pairing_instances())
def test_pairings_are_optimal_like_a_brute_force_and_obey_the_rules(
    instance: tuple[list[Applicant], list[Applicant], PairingRules],
) -> None:
    group_a, group_b, rules = instance
    try:
        plan = plan_pairings(group_a=group_a, group_b=group_b, topics=TOPICS, rules=rules)
    except PlanningError:
        plan = None
    longest = max(len(applicant.topics) for applicant in (*group_a, *group_b))
    points = {
        (a.town, b.town): round(1000 * rules.similarity_weight * similarity(a, b)) / 1000
        + round(1000 * rules.topic_weight * topic_overlap(a, b, longest)) / 1000
        for a in group_a
        for b in group_b
        if (a.town, b.town) not in rules.forbidden
    }
    best = brute_force_pairings(group_a, group_b, rules, points)
    if best is None:
        assert plan is None
        return
    assert plan is not None
    assert_pairing_obeys_rules(plan, group_a, group_b, rules)
    assert plan.quality.status is PlanStatus.OPTIMAL
    assert plan.quality.objective == pytest.approx(best)
    greedy = greedy_pairings(group_a=group_a, group_b=group_b, topics=TOPICS, rules=rules)
    if greedy is not None:
        assert_pairing_obeys_rules(greedy, group_a, group_b, rules)
        assert greedy.quality.objective <= plan.quality.objective + 1e-9


def test_pairing_scores_similarity_on_shared_indicators_and_the_best_shared_topic() -> None:
    german = town(1, "Hessen", ["Mobilität", "Innenstadt"], profile=[0.0, 1.0])
    american = town(2, "Ohio", ["Innenstadt", "Mobilität"], profile=[1.0, math.nan])
    [pairing] = plan_pairings(group_a=[german], group_b=[american], topics=TOPICS, rules=PairingRules()).pairings
    # d = 1 on the one shared indicator of German's two: 0.5 × 1 / (1 + 1)
    assert pairing.similarity == pytest.approx(0.25)
    # Both rank both topics, in different order: min(1, 1/2) for either, so the first in the list wins.
    assert pairing.topic_overlap == pytest.approx(0.5)
    assert pairing.shared_topic == "Innenstadt"


def test_pairing_capacity_is_checked_before_solving_and_named() -> None:
    germans = [town(n, "DE") for n in range(5)]
    americans = [town(10 + n, "US") for n in range(4)]
    rules = PairingRules(group_names=("the German towns", "the US towns"))
    with pytest.raises(PlanningError) as raised:
        plan_pairings(group_a=germans, group_b=americans, topics=TOPICS, rules=rules)
    assert str(raised.value) == (
        "Each of the 5 towns of the German towns needs 1 or more partners (5 in all), "
        "but the 4 towns of the US towns take at most 1 each (4)."
    )
    assert raised.value.rule == "partners"


def test_one_to_few_pairings_give_each_town_of_the_first_group_several_partners() -> None:
    germans = [town(n, "DE") for n in range(2)]
    americans = [town(10 + n, "US") for n in range(5)]
    rules = PairingRules(partners_per_a=(2, 3), partners_per_b=(1, 1))
    plan = plan_pairings(group_a=germans, group_b=americans, topics=TOPICS, rules=rules)
    assert_pairing_obeys_rules(plan, germans, americans, rules)
    assert len(plan.pairings) == 5
