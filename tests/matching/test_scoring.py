from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from austausch.matching.algorithms.preferences import (
    ConditionsPreference,
    CountryPreference,
    DistancePreference,
    Factor,
    PeerFilters,
    PeerPreferences,
    TiesPreference,
)
from austausch.matching.algorithms.scoring import RankedPeer, TownTable, rank_peers, standardise

COUNTRIES = ("DE", "US")
STATES = ("Bayern", "Hessen", "Ohio")

# Timing is the benchmark's job; on a busy shared machine hypothesis's 200 ms deadline fails at random.
NO_DEADLINE = settings(deadline=None)


@dataclass(frozen=True)
class Scenario:
    towns: TownTable
    origin: int
    preferences: PeerPreferences
    filters: PeerFilters
    experience: list[int] | None
    ties: list[int] | None

    def rank(self, preferences: PeerPreferences | None = None, limit: int | None = None) -> list[RankedPeer]:
        return rank_peers(
            towns=self.towns,
            origin=self.origin,
            preferences=preferences or self.preferences,
            filters=self.filters,
            topic_experience=self.experience,
            ties=self.ties,
            limit=len(self.towns) if limit is None else limit,
        )


weights = st.floats(min_value=0, max_value=5)
preferences = st.builds(
    PeerPreferences,
    population_weight=weights,
    conditions_weight=weights,
    conditions=st.sampled_from(ConditionsPreference),
    topic_weight=weights,
    distance_weight=weights,
    distance=st.sampled_from(DistancePreference),
    distance_scale_km=st.floats(min_value=1, max_value=1000),
    country=st.sampled_from(CountryPreference),
    ties_weight=weights,
    ties=st.sampled_from(TiesPreference),
)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    count = draw(st.integers(min_value=2, max_value=25))
    indicators = draw(st.integers(min_value=0, max_value=4))

    def column(values: st.SearchStrategy[float]) -> list[float]:
        return draw(st.lists(values, min_size=count, max_size=count))

    maybe_missing = st.one_of(st.floats(min_value=-3, max_value=3), st.just(math.nan))
    matrix = np.array([column(maybe_missing) for _ in range(indicators)], dtype=float).T.reshape(count, indicators)
    towns = TownTable.build(
        # Small populations are common, and 0 occurs in the registry.
        population=column(st.integers(min_value=0, max_value=4_000_000)),
        indicators=matrix,
        latitude=column(st.one_of(st.floats(min_value=-80, max_value=80), st.just(math.nan))),
        longitude=column(st.one_of(st.floats(min_value=-180, max_value=180), st.just(math.nan))),
        country=column(st.sampled_from(COUNTRIES)),
        state=column(st.sampled_from(STATES)),
    )
    bound = st.one_of(st.none(), st.integers(min_value=0, max_value=4_000_000))
    filters = PeerFilters(
        countries=draw(st.one_of(st.none(), st.frozensets(st.sampled_from(COUNTRIES)))),
        states=draw(st.one_of(st.none(), st.frozensets(st.sampled_from(STATES)))),
        population_min=draw(bound),
        population_max=draw(bound),
        mask=draw(st.one_of(st.none(), st.lists(st.booleans(), min_size=count, max_size=count).map(np.array))),
    )
    return Scenario(
        towns=towns,
        origin=draw(st.integers(min_value=0, max_value=count - 1)),
        preferences=draw(preferences),
        filters=filters,
        experience=draw(st.one_of(st.none(), st.lists(st.integers(0, 6), min_size=count, max_size=count))),
        ties=draw(st.one_of(st.none(), st.lists(st.integers(0, count - 1), max_size=count))),
    )


def passes_filters(scenario: Scenario, index: int) -> bool:
    towns, filters = scenario.towns, scenario.filters
    country, origin_country = towns.country[index], towns.country[scenario.origin]
    return (
        (filters.countries is None or country in filters.countries)
        and (filters.states is None or towns.state[index] in filters.states)
        and (filters.population_min is None or towns.population[index] >= filters.population_min)
        and (filters.population_max is None or towns.population[index] <= filters.population_max)
        and (filters.mask is None or bool(filters.mask[index]))
        and (scenario.preferences.country is not CountryPreference.SAME or country == origin_country)
        and (scenario.preferences.country is not CountryPreference.OTHER or country != origin_country)
    )


@NO_DEADLINE
@given(scenarios())
def test_origin_is_never_its_own_peer(scenario: Scenario) -> None:
    assert scenario.origin not in {peer.index for peer in scenario.rank()}


@NO_DEADLINE
@given(scenarios())
def test_filters_are_obeyed_and_every_town_that_passes_them_is_ranked(scenario: Scenario) -> None:
    ranked = {peer.index for peer in scenario.rank()}
    passing = {i for i in range(len(scenario.towns)) if i != scenario.origin and passes_filters(scenario, i)}
    assert ranked == passing


@NO_DEADLINE
@given(scenarios())
def test_scores_are_finite_and_contributions_are_weight_times_a_factor_score_summing_to_the_score(
    scenario: Scenario,
) -> None:
    for peer in scenario.rank():
        assert math.isfinite(peer.score)
        assert peer.contributions.keys() == peer.factor_scores.keys()
        for factor, contribution in peer.contributions.items():
            assert 0.0 <= peer.factor_scores[factor] <= 1.0
            assert contribution == pytest.approx(scenario.preferences.weight(factor) * peer.factor_scores[factor])
        assert sum(peer.contributions.values()) == pytest.approx(peer.score, abs=1e-12)


@NO_DEADLINE
@given(scenarios())
def test_peers_come_best_first_and_equal_scores_go_to_the_lower_index(scenario: Scenario) -> None:
    ranked = scenario.rank()
    keys = [(-peer.score, peer.index) for peer in ranked]
    assert keys == sorted(keys)


@NO_DEADLINE
@given(scenarios(), st.integers(min_value=0, max_value=30))
def test_a_limit_returns_the_top_of_the_full_ranking(scenario: Scenario, limit: int) -> None:
    assert scenario.rank(limit=limit) == scenario.rank()[:limit]


# Raising a factor's weight by δ changes score(P) - score(Q) by δ × (factor score of P - of Q),
# and nothing else moves. So when P ranks above Q and is at least as good on that factor, it still
# ranks above Q afterwards. We compare only pairs whose factor scores differ by a margin far above
# floating-point noise, since equal factor scores leave the difference to rounding.
MARGIN = 1e-9


@NO_DEADLINE
@given(scenarios(), st.sampled_from(Factor), st.floats(min_value=0.1, max_value=5))
def test_raising_a_weight_keeps_a_peer_above_every_peer_it_beats_on_that_factor(
    scenario: Scenario, factor: Factor, increase: float
) -> None:
    raised = replace(scenario.preferences, **{f"{factor}_weight": scenario.preferences.weight(factor) + increase})
    before = {peer.index: rank for rank, peer in enumerate(scenario.rank())}
    after_ranking = scenario.rank(raised)
    after = {peer.index: rank for rank, peer in enumerate(after_ranking)}
    on_factor = {peer.index: peer.factor_scores.get(factor, 0.0) for peer in after_ranking}
    for better in before:
        for worse in before:
            if before[better] < before[worse] and on_factor[better] >= on_factor[worse] + MARGIN:
                assert after[better] < after[worse]


@NO_DEADLINE
@given(scenarios(), st.sampled_from(Factor), st.floats(min_value=0.1, max_value=5))
def test_raising_a_weight_never_lowers_a_peer_that_is_better_on_that_factor_than_every_peer_below_it(
    scenario: Scenario, factor: Factor, increase: float
) -> None:
    # Peers above it may fall behind it; peers below it cannot pass it, since it gains more.
    raised = replace(scenario.preferences, **{f"{factor}_weight": scenario.preferences.weight(factor) + increase})
    before = [peer.index for peer in scenario.rank()]
    after_ranking = scenario.rank(raised)
    after = [peer.index for peer in after_ranking]
    on_factor = {peer.index: peer.factor_scores.get(factor, 0.0) for peer in after_ranking}
    for rank, peer in enumerate(before):
        if all(on_factor[peer] >= on_factor[below] + MARGIN for below in before[rank + 1 :]):
            assert after.index(peer) <= rank


def table(**columns: object) -> TownTable:
    count = len(columns["population"])  # type: ignore[arg-type]
    defaults: dict[str, object] = {
        "indicators": np.zeros((count, 0)),
        "latitude": [50.0] * count,
        "longitude": [10.0] * count,
        "country": ["DE"] * count,
        "state": ["Hessen"] * count,
    }
    return TownTable.build(**{**defaults, **columns})  # type: ignore[arg-type]


def only(factor: Factor, **choices: object) -> PeerPreferences:
    """Preferences where a single factor counts."""
    zero = {f"{other}_weight": 0.0 for other in Factor if other is not factor}
    return PeerPreferences(**{**zero, **choices})  # type: ignore[arg-type]


def test_population_similarity_is_half_at_ten_times_the_size_and_zero_at_a_hundred() -> None:
    towns = table(population=[10_000, 10_000, 100_000, 1_000, 1_000_000, 0])
    peers = rank_peers(towns=towns, origin=0, preferences=only(Factor.POPULATION))
    scores = {peer.index: peer.factor_scores[Factor.POPULATION] for peer in peers}
    assert scores == pytest.approx({1: 1.0, 2: 0.5, 3: 0.5, 4: 0.0, 5: 0.0})


def test_similar_conditions_put_the_closest_profile_first_and_different_conditions_the_farthest() -> None:
    towns = table(population=[1] * 4, indicators=[[0.0, 0.0], [0.1, 0.0], [1.0, 1.0], [-2.0, 2.0]])
    similar = rank_peers(towns=towns, origin=0, preferences=only(Factor.CONDITIONS))
    different = rank_peers(
        towns=towns, origin=0, preferences=only(Factor.CONDITIONS, conditions=ConditionsPreference.DIFFERENT)
    )
    assert [peer.index for peer in similar] == [1, 2, 3]
    assert [peer.index for peer in different] == [3, 2, 1]


def test_conditions_compare_only_shared_indicators_and_weigh_them_by_how_many_are_shared() -> None:
    nan = math.nan
    towns = table(population=[1] * 4, indicators=[[0.0, 0.0], [0.0, nan], [nan, nan], [0.0, 0.0]])
    peers = rank_peers(towns=towns, origin=0, preferences=only(Factor.CONDITIONS))
    scores = {peer.index: peer.factor_scores[Factor.CONDITIONS] for peer in peers}
    # Identical on the one shared indicator of two, unknown, identical on both.
    assert scores == pytest.approx({1: 0.5, 2: 0.0, 3: 1.0})


def test_topic_experience_counts_the_first_practice_most() -> None:
    towns = table(population=[1] * 4)
    peers = rank_peers(towns=towns, origin=0, preferences=only(Factor.TOPIC), topic_experience=[5, 0, 1, 3])
    assert {peer.index: peer.factor_scores[Factor.TOPIC] for peer in peers} == pytest.approx({1: 0, 2: 0.5, 3: 0.75})


def test_distance_prefers_near_or_far_towns_and_gives_nothing_without_coordinates() -> None:
    # Frankfurt; Mainz (~30 km); Kassel (~150 km); a town without coordinates.
    towns = table(population=[1] * 4, latitude=[50.11, 49.99, 51.31, math.nan], longitude=[8.68, 8.25, 9.48, math.nan])
    near = rank_peers(towns=towns, origin=0, preferences=only(Factor.DISTANCE, distance=DistancePreference.NEAR))
    far = rank_peers(towns=towns, origin=0, preferences=only(Factor.DISTANCE, distance=DistancePreference.FAR))
    assert [peer.index for peer in near] == [1, 2, 3]
    assert [peer.index for peer in far] == [2, 1, 3]
    assert near[2].factor_scores[Factor.DISTANCE] == 0.0
    assert near[0].factor_scores[Factor.DISTANCE] == pytest.approx(100 / (100 + 33.5), rel=0.02)


def test_existing_ties_can_be_preferred_or_avoided() -> None:
    towns = table(population=[1] * 4)
    prefer = rank_peers(towns=towns, origin=0, preferences=only(Factor.TIES, ties=TiesPreference.PREFER), ties=[2])
    avoid = rank_peers(towns=towns, origin=0, preferences=only(Factor.TIES, ties=TiesPreference.AVOID), ties=[2])
    assert prefer[0].index == 2
    assert avoid[-1].index == 2
    as_set = rank_peers(towns=towns, origin=0, preferences=only(Factor.TIES, ties=TiesPreference.PREFER), ties={2})
    as_mask = rank_peers(
        towns=towns,
        origin=0,
        preferences=only(Factor.TIES, ties=TiesPreference.PREFER),
        ties=np.array([False, False, True, False]),
    )
    assert as_set == as_mask == prefer


def test_the_country_choice_keeps_the_same_the_other_or_any_country() -> None:
    towns = table(population=[1] * 4, country=["DE", "DE", "US", "US"])

    def chosen(country: CountryPreference) -> set[int]:
        return {peer.index for peer in rank_peers(towns=towns, origin=0, preferences=PeerPreferences(country=country))}

    assert chosen(CountryPreference.SAME) == {1}
    assert chosen(CountryPreference.OTHER) == {2, 3}
    assert chosen(CountryPreference.ANY) == {1, 2, 3}


def test_ignored_factors_and_factors_without_data_give_no_contribution() -> None:
    towns = table(population=[1, 1])
    [peer] = rank_peers(towns=towns, origin=0, preferences=PeerPreferences())
    assert set(peer.contributions) == {Factor.POPULATION}  # no indicators, no topic data, distance and ties ignored


def test_standardise_ignores_missing_values_and_clips_extremes() -> None:
    values = np.array([[1.0, 5.0], [3.0, 5.0], [math.nan, 5.0], [2.0, math.nan]])
    z_scores = standardise(values)
    assert z_scores[:, 0][[0, 1, 3]] == pytest.approx([-1.2247, 1.2247, 0.0], abs=1e-4)
    assert math.isnan(z_scores[2, 0]) and math.isnan(z_scores[3, 1])
    assert z_scores[:3, 1] == pytest.approx([0.0, 0.0, 0.0])
    extreme = standardise(np.array([[0.0]] * 99 + [[1000.0]]), clip=3.0)
    assert extreme.max() == 3.0


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
def test_weights_must_be_finite_and_not_negative(bad: float) -> None:
    with pytest.raises(ValueError, match="weight of population"):
        PeerPreferences(population_weight=bad)


@settings(max_examples=20, deadline=None)
@given(scenarios())
def test_the_origin_index_must_exist(scenario: Scenario) -> None:
    with pytest.raises(ValueError, match="not a town index"):
        rank_peers(towns=scenario.towns, origin=len(scenario.towns))
