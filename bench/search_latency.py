"""Knowledge-base search on 100,000 practices: latency and indexing throughput.

    .venv/bin/python bench/search_latency.py [--practices 100000] [--embed 300]
    scripts/with-postgres sh -c 'BENCH_DATABASE_URL=$DATABASE_URL .venv/bin/python bench/search_latency.py'

Goals: keyword p95 < 50 ms, hybrid p95 < 100 ms, through the search service (in-process), each
beside the raw engine time. Embedding all 100,000 texts takes hours on two cores, so the benchmark
embeds `--embed` of them (throughput is measured on those) and gives every other practice the
vector of a pool practice plus noise: the scan over 100,000 vectors costs the same whatever they hold.
"""

from __future__ import annotations

import argparse
import os
import random
import time

from _django import percentile, setup_django

os.environ.setdefault("OMP_NUM_THREADS", "1")
KEYWORD_GOAL_MS, HYBRID_GOAL_MS = 50.0, 100.0

QUERIES_DE = [
    "E-Akte Gesundheitsamt",
    "Coworking ländlicher Raum",
    "Leihfahrräder Bahnhof",
    "Warn-App",
    "Schulcloud",
    "offene Daten",
    "Bürgerportal Wartezeiten",
    "Energie sparen",
    "Gründerzentrum Arbeitsplätze",
    "Rufbus Ortsteile",
    "Telemedizin",
    "Parkleitsystem Innenstadt",
    "Chatbot Rathaus",
    "Glasfasernetz Gewerbegebiet",
    "Fördermittel",
]
QUERIES_EN = [
    "e-file health department",
    "rural co-working",
    "bike sharing station",
    "warning app",
    "school cloud",
    "open data portal",
    "citizen portal waiting times",
    "save energy",
    "startup incubator jobs",
    "on-demand bus",
    "telemedicine",
    "parking guidance downtown",
    "chatbot city hall",
    "fiber business park",
    "grants",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--practices", type=int, default=100_000)
    parser.add_argument(
        "--embed", type=int, default=300, help="practices embedded for real (the rest get pool vectors)"
    )
    parser.add_argument("--queries", type=int, default=200)
    options = parser.parse_args()
    setup_django()
    import numpy as np
    from django.db import connection, transaction
    from search_corpus import build_corpus

    from austausch.knowledge import embeddings
    from austausch.knowledge.models import Practice, PracticeEmbedding
    from austausch.knowledge.search import engine, search_practices
    from austausch.knowledge.text import query_words
    from austausch.registry.services import import_registry

    import_registry()
    ids, timings = build_corpus(options.practices)
    print(f"database: {connection.vendor}, practices: {len(ids):,}")
    print(
        f"stored {options.practices:,} practices in {timings['stored_s']:.1f} s; "
        f"full-text indexing {timings['indexed'] / timings['indexing_s']:,.0f} documents/s"
    )

    # Indexing with embeddings, measured on a sample and extrapolated.
    sample = list(Practice.objects.order_by("?")[: options.embed])
    encoder = embeddings.get_encoder()
    encoder.passages(["warm up"])
    started = time.perf_counter()
    embeddings.embed_practices(sample)
    embed_rate = len(sample) / (time.perf_counter() - started)
    print(
        f"embedding: {embed_rate:.1f} documents/s on one thread "
        f"(all {len(ids):,} would take {len(ids) / embed_rate / 3600:.1f} h; measured on {len(sample)})"
    )

    pool = np.stack([np.frombuffer(bytes(row.vector), dtype=np.float32) for row in PracticeEmbedding.objects.all()])
    rng = np.random.default_rng(3)
    done = set(PracticeEmbedding.objects.values_list("practice_id", flat=True))
    missing = [practice_id for practice_id in ids if practice_id not in done]
    with transaction.atomic():
        for start in range(0, len(missing), 5000):
            chunk = missing[start : start + 5000]
            vectors = pool[rng.integers(0, len(pool), len(chunk))] + rng.normal(0, 0.02, (len(chunk), pool.shape[1]))
            vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
            PracticeEmbedding.objects.bulk_create(
                [
                    PracticeEmbedding(
                        practice_id=practice_id, model=encoder.name, text_hash="pool", vector=vector.tobytes()
                    )
                    for practice_id, vector in zip(chunk, vectors, strict=True)
                ]
            )
        embeddings.bump_version()
    started = time.perf_counter()
    embeddings.vectors.load()
    print(f"vector matrix: {embeddings.vectors.matrix.shape} loaded in {time.perf_counter() - started:.1f} s")

    random_queries = random.Random(9)
    base = QUERIES_DE + QUERIES_EN
    queries = [
        " ".join(random_queries.sample(base, 1)[0].split()[: random_queries.randint(1, 3)])
        for _ in range(options.queries)
    ]
    # Distinct texts, so the hybrid timings include encoding every query (no cache hits).
    queries = [f"{query} {number}" if number >= len(base) else query for number, query in enumerate(queries)]
    fts = engine()
    for query in queries[:10]:
        search_practices(query, mode="keyword")

    def measure(run) -> list[float]:  # type: ignore[no-untyped-def]
        samples = []
        for query in queries:
            started = time.perf_counter()
            run(query)
            samples.append((time.perf_counter() - started) * 1000)
        return samples

    raw_keyword = measure(lambda query: fts.match(query_words(query), any_word=False, limit=200, within=None))
    keyword = measure(lambda query: search_practices(query, mode="keyword"))
    embeddings.query_vector.cache_clear()
    encode = measure(lambda query: embeddings.get_encoder().query(query))
    vectors_only = measure(lambda query: embeddings.vectors.nearest(embeddings.query_vector(query), limit=100))
    embeddings.query_vector.cache_clear()
    hybrid = measure(lambda query: search_practices(query, mode="hybrid"))

    def row(name: str, samples: list[float], goal: float | None, raw: list[float] | None = None) -> None:
        p50, p95 = percentile(samples, 0.5), percentile(samples, 0.95)
        ratio = f"{p95 / percentile(raw, 0.95):.2f}x raw" if raw else ""
        verdict = (
            f"goal < {goal:.0f} ms: {'met' if p95 < goal else 'MISSED'} ({p95 / goal:.2f} of goal)" if goal else ""
        )
        print(f"{name:<34} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {ratio:<12} {verdict}")

    row("raw engine (all words, top 200)", raw_keyword, None)
    row("keyword search (service)", keyword, KEYWORD_GOAL_MS, raw_keyword)
    row("query encoding (e5-small)", encode, None)
    row(f"encoding + dot product ({len(ids):,})", vectors_only, None)
    raw_hybrid = [a + b for a, b in zip(raw_keyword, vectors_only, strict=True)]
    row("hybrid search (service)", hybrid, HYBRID_GOAL_MS, raw_hybrid)


if __name__ == "__main__":
    main()
