"""Network builder on real small towns (Kleinstädte, 5,000–19,999 inhabitants) from the registry.

Run: .venv/bin/python bench/networks.py

Goals (issue 5):
(a) 27 applicants, 6 networks – the Kleinstadtakademie's shape, with Wittenberge and its four
    partners from the press release among them – solved to proven optimality in under 10 s;
(b) 300 applicants, 60 networks: a feasible plan in under 10 s, a gap under 5 % within 60 s.
Each is compared with the greedy baseline on the same instance. Towns, topic preferences and
willingness to lead are drawn with fixed seeds; profiles are the registry's seven indicators.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
from peers import INDICATORS, LOG_SCALE, Registry, load_registry

from austausch.matching.algorithms.baselines import greedy_networks
from austausch.matching.algorithms.networks import Applicant, NetworkPlan, NetworkRules, SolverOptions, plan_networks
from austausch.matching.algorithms.planning import load_cp_sat

TOPICS = (
    "Digitale Arbeitswelten",
    "Innenstadt und Leerstand",
    "Mobilität",
    "Klimaanpassung",
    "Beteiligung",
    "Gesundheitsversorgung",
    "Tourismus",
    "Bildung",
    "Wohnen",
    "Energie",
    "Ehrenamt",
    "Wirtschaftsförderung",
)
# Wittenberge leads "Digitale Arbeitswelten" with these four (seed text 003).
WITTENBERGE_NETWORK = ("DE-12070424", "DE-01053090", "DE-09181114", "DE-06439012", "DE-14628060")
SOLVER = SolverOptions(workers=2, random_seed=0)


def small_towns(registry: Registry) -> list[int]:
    """German towns of 5,000–19,999 inhabitants with every indicator known."""
    return [
        i
        for i, row in enumerate(registry.rows)
        if row["country"] == "DE"
        and 5_000 <= int(row["population"]) < 20_000
        and not np.isnan(registry.raw_indicators[i]).any()
    ]


def applicants(
    registry: Registry, *, count: int, topics: tuple[str, ...], seed: int, per_state: int, willing_share: float
) -> list[Applicant]:
    rng = random.Random(seed)
    by_key = {row["key"]: i for i, row in enumerate(registry.rows)}
    chosen = [by_key[key] for key in WITTENBERGE_NETWORK] if count < 100 else []
    pool = small_towns(registry)
    rng.shuffle(pool)
    states = Counter(registry.rows[i]["state"] for i in chosen)
    for i in pool:
        if len(chosen) == count:
            break
        if i not in chosen and states[registry.rows[i]["state"]] < per_state:
            chosen.append(i)
            states[registry.rows[i]["state"]] += 1
    profiles = registry.raw_indicators.copy()
    for code in LOG_SCALE:
        profiles[:, INDICATORS.index(code)] = np.log1p(profiles[:, INDICATORS.index(code)])
    willing = set(rng.sample(chosen, round(willing_share * count)))
    result = []
    for i in chosen:
        row = registry.rows[i]
        preferences = rng.sample(topics, 3)
        if row["key"] in WITTENBERGE_NETWORK:  # they chose digital work together
            preferences = [TOPICS[0], *(t for t in preferences if t != TOPICS[0])][:3]
        if row["key"] == WITTENBERGE_NETWORK[0]:
            willing.add(i)
        result.append(
            Applicant(
                town=i,
                state=row["state"],
                population=int(row["population"]),
                profile=tuple(float(value) for value in profiles[i]),
                topics=tuple(preferences),
                willing_to_lead=i in willing,
                name=row["name"],
            )
        )
    return result


def row(label: str, plan: NetworkPlan | None, seconds: float) -> str:
    if plan is None:
        return f"{label:28} {'(greedy got stuck)':>10}"
    quality = plan.quality
    bound = f"{quality.bound:9.3f}" if quality.bound is not None else f"{'–':>9}"
    gap = f"{quality.gap:7.2%}" if quality.gap is not None else f"{'–':>7}"
    return (
        f"{label:28} {quality.objective:9.3f} {quality.parts['topic_fit']:9.3f} {quality.parts['diversity']:9.3f} "
        f"{bound} {gap} {quality.status:>10} {seconds:8.2f}"
    )


def timed(function: Callable[..., Any], **arguments: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = function(**arguments)
    return result, time.perf_counter() - started


def header() -> None:
    columns = ("objective", "topic fit", "diversity", "bound")
    print(f"{'':28} " + " ".join(f"{name:>9}" for name in columns) + f" {'gap':>7} {'status':>10} {'seconds':>8}")


def kleinstadtakademie(registry: Registry) -> None:
    print("\n(a) 27 applicants, 6 networks, distinct topics (8 to choose from), one town per state, band 5,000–20,000")
    topics = TOPICS[:8]
    rules = NetworkRules(networks=6, distinct_topics=True, population_band=(5_000, 20_000), time_limit_seconds=10)
    instance = applicants(registry, count=27, topics=topics, seed=3, per_state=3, willing_share=0.3)
    print(
        f"    {len(instance)} towns from {len({a.state for a in instance})} states, "
        f"{sum(a.willing_to_lead for a in instance)} willing to lead"
    )
    plan, seconds = timed(plan_networks, applicants=instance, topics=topics, rules=rules, solver=SOLVER)
    greedy, greedy_seconds = timed(greedy_networks, applicants=instance, topics=topics, rules=rules)
    header()
    print(row("CP-SAT", plan, seconds))
    print(row("greedy baseline", greedy, greedy_seconds))
    if greedy is not None:
        print(f"{'greedy / CP-SAT':28} {greedy.quality.objective / plan.quality.objective:9.1%}")
    names = {a.town: f"{a.name} ({a.state})" for a in instance}
    for network in plan.networks:
        partners = ", ".join(names[m] for m in network.members if m != network.lead)
        print(f"    {network.topic}: lead {names[network.lead]}; {partners}; spans {len(network.spanned_indicators)}/7")
    goal = plan.quality.status == "optimal" and seconds < 10
    print(f"goal proven optimal in < 10 s: {'met' if goal else 'NOT met'} ({plan.quality.status}, {seconds:.2f} s)")

    print("\n    robustness: the same rules on other random draws of 27 small towns")
    slowest = 0.0
    for seed in range(10, 20):
        other = applicants(registry, count=27, topics=topics, seed=seed, per_state=3, willing_share=0.3)
        result, seconds = timed(plan_networks, applicants=other, topics=topics, rules=rules, solver=SOLVER)
        greedy = greedy_networks(applicants=other, topics=topics, rules=rules)
        slowest = max(slowest, seconds)
        ratio = f"{greedy.quality.objective / result.quality.objective:6.1%}" if greedy else "  stuck"
        quality = result.quality
        print(
            f"    seed {seed}: {quality.status:8} {seconds:5.2f} s  objective {quality.objective:7.3f}  greedy {ratio}"
        )
    print(f"    slowest: {slowest:.2f} s")


def large_programme(registry: Registry) -> None:
    print("\n(b) 300 applicants, 60 networks of 4–6, 12 topics (3 preferences each), one town per state")
    rules = NetworkRules(networks=60, size=(4, 6), population_band=(5_000, 20_000))
    instance = applicants(registry, count=300, topics=TOPICS, seed=7, per_state=40, willing_share=0.3)
    print(
        f"    {len(instance)} towns from {len({a.state for a in instance})} states, "
        f"{sum(a.willing_to_lead for a in instance)} willing to lead"
    )
    header()
    results = {}
    for limit in (3, 10, 60):
        limited = replace(rules, time_limit_seconds=limit)
        plan, seconds = timed(plan_networks, applicants=instance, topics=TOPICS, rules=limited, solver=SOLVER)
        results[limit] = (plan, seconds)
        print(row(f"CP-SAT, time limit {limit} s", plan, seconds))
    greedy, greedy_seconds = timed(greedy_networks, applicants=instance, topics=TOPICS, rules=rules)
    print(row("greedy baseline", greedy, greedy_seconds))
    best = results[60][0]
    if greedy is not None:
        print(f"{'greedy / CP-SAT (60 s)':28} {greedy.quality.objective / best.quality.objective:9.1%}")
    feasible_fast = results[10][1] < 10
    gap = best.quality.gap if best.quality.gap is not None else float("inf")
    print(f"goal feasible plan in < 10 s: {'met' if feasible_fast else 'NOT met'} ({results[10][1]:.2f} s)")
    print(f"goal gap < 5 % within 60 s: {'met' if gap < 0.05 else 'NOT met'} ({gap:.2%})")


def main() -> None:
    registry = load_registry()
    load_cp_sat()  # OR-Tools is imported on first use; its import is start-up, not solving
    kleinstadtakademie(registry)
    large_programme(registry)


if __name__ == "__main__":
    main()
