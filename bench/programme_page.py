"""The public programme page of a large programme, in-process (goal: p95 under 150 ms).

    .venv/bin/python bench/programme_page.py [requests]

A programme with 4 rounds, 40 meetings and 400 participants (tests/programmes/factories.py),
rendered through Django's test client, so URL routing, middleware, queries and templates all count.
"""

from __future__ import annotations

import sys
import time

from _django import percentile, setup_django

GOAL_P95_MS = 150.0


def main() -> None:
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    var = setup_django()
    from django.db import connection
    from django.test import Client

    from austausch.registry.services import import_registry
    from tests.programmes.factories import build_large_programme
    from tests.registry.datasets import write_sample

    sample = var / "sample"
    sample.mkdir()
    write_sample(sample, {"Hamburg", "Schwerin", "Wittenberge", "Mölln", "Darmstadt", "Dießen am Ammersee",
                          "Oestrich-Winkel", "Dippoldiswalde", "Philadelphia", "Trenton", "Princeton",
                          "Jersey City", "Newark", "Halle (Saale)"})  # fmt: skip
    import_registry(directory=sample)
    programme = build_large_programme()
    client = Client(HTTP_HOST="127.0.0.1")
    url = f"/en/programmes/{programme.slug}/"
    for _ in range(10):  # warm up templates and connections
        assert client.get(url).status_code == 200
    queries: list[str] = []
    # Django clears its own query log when a request starts, so count with a wrapper instead.
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        client.get(url)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    p50, p95, worst = percentile(timings, 0.5), percentile(timings, 0.95), max(timings)
    print(f"{requests} requests of {url} (40 meetings, 400 participants) on {connection.vendor}, "
          f"{len(queries)} queries each")  # fmt: skip
    print(f"p50 {p50:.1f} ms   p95 {p95:.1f} ms   max {worst:.1f} ms   p95/goal {p95 / GOAL_P95_MS:.2f}")


if __name__ == "__main__":
    main()
