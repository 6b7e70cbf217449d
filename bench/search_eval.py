"""Cross-lingual retrieval quality: recall@10 for keyword-only, vector-only and hybrid search.

    .venv/bin/python bench/search_eval.py [--distractors 500]

bench/eval/crosslingual.json holds 60 practices (30 German, 30 English), each with a query in the
*other* language written as a practitioner would type it. Each query has one relevant practice;
recall@10 is the share of queries whose practice is among the first ten results. The practices sit
among the seed practices and `--distractors` generated ones (both languages), so the search must
pick the right one from many. Goal: hybrid recall@10 at least 0.85.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from _django import setup_django

os.environ.setdefault("OMP_NUM_THREADS", "1")
EVAL = Path(__file__).resolve().parent / "eval" / "crosslingual.json"
GOAL = 0.85


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--distractors", type=int, default=0)
    options = parser.parse_args()
    setup_django()
    from search_corpus import build_corpus

    from austausch.knowledge.embeddings import embed_practices
    from austausch.knowledge.models import Practice
    from austausch.knowledge.search import index_practices, search_practices
    from austausch.registry.services import import_registry

    import_registry()
    build_corpus(options.distractors)
    cases = json.loads(EVAL.read_text(encoding="utf-8"))
    practices = Practice.objects.bulk_create(
        Practice(
            title=case["title"], summary=case["summary"], language=case["language"], status="running", is_published=True
        )
        for case in cases
    )
    index_practices(practices)
    embed_practices(list(Practice.objects.published()))

    print(f"{len(cases)} cross-lingual queries, {Practice.objects.count()} practices")
    print("| mode | recall@10 | MRR |\n|---|---|---|")
    failures: dict[str, list[str]] = {}
    for mode in ("keyword", "vector", "hybrid"):
        found, reciprocal = 0, 0.0
        for case, practice in zip(cases, practices, strict=True):
            ranked = search_practices(case["query"], mode=mode, limit=10).hits  # type: ignore[arg-type]
            positions = [hit.practice_id for hit in ranked]
            if practice.pk in positions:
                found += 1
                reciprocal += 1 / (positions.index(practice.pk) + 1)
            else:
                failures.setdefault(mode, []).append(case["query"])
        recall = found / len(cases)
        goal = f" (goal ≥ {GOAL}: {'met' if recall >= GOAL else 'MISSED'})" if mode == "hybrid" else ""
        print(f"| {mode} | {recall:.2f}{goal} | {reciprocal / len(cases):.2f} |")
    for mode, queries in failures.items():
        if mode != "keyword":
            print(f"missed by {mode}: {queries}")


if __name__ == "__main__":
    main()
