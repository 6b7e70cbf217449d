"""Town finder latency over all ~31,000 towns, in-process (goal: p95 under 20 ms).

    .venv/bin/python bench/town_finder.py

Queries are prefixes of real town names (as a person types them), umlaut spellings, and a few
misses, each answered the way the finder answers htmx: the first 9 matches, ranked.
"""

from __future__ import annotations

import random
import time

from _django import percentile, setup_django

GOAL_P95_MS = 20.0


def main() -> None:
    setup_django()
    from django.db import connection

    from austausch.registry.models import Municipality
    from austausch.registry.search import fetch, filter_municipalities
    from austausch.registry.services import import_registry

    import_registry()
    names = list(Municipality.objects.values_list("name", flat=True))
    rng = random.Random(7)
    queries = [name[: rng.randint(3, len(name))] for name in rng.sample(names, 300)]
    queries += ["Diessen", "Moelln", "Halle", "Newark", "Frankfurt", "xyzzy", "St", "San"]

    for query in queries[:20]:  # warm the page cache
        fetch(filter_municipalities(query), 0, 9)
    timings = []
    for query in queries:
        started = time.perf_counter()
        fetch(filter_municipalities(query), 0, 9)
        timings.append((time.perf_counter() - started) * 1000)
    p50, p95, worst = percentile(timings, 0.5), percentile(timings, 0.95), max(timings)
    print(f"{len(queries)} queries over {len(names)} towns on {connection.vendor}")
    print(f"p50 {p50:.2f} ms   p95 {p95:.2f} ms   max {worst:.2f} ms   p95/goal {p95 / GOAL_P95_MS:.2f}")


if __name__ == "__main__":
    main()
