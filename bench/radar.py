"""Radar extraction speed and memory with the full gazetteer (goals: `austausch ingest` of one seed-size file
under 1 s wall, ≥ 20 seed-sized texts per second per core after loading, peak memory under 1 GB).

    .venv/bin/python bench/radar.py [--seconds 10] [--texts ../shared/seeds]

First runs `austausch ingest` on one text as a person would, three times (the first run of an installation
builds the caches in var/radar/ and writes Python's bytecode; the figure that counts is the best of the others),
and prints the machine's load beside it: other processes on the cores lengthen the wall time, less the CPU time.
Then, in one process on one core: loads the gazetteer (all ~31,000 towns and their spellings) and extracts the
texts (by default our own seed-sized test texts in tests/radar/texts) round after round for the given time. Pure
Python, no database.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TEXTS = Path(__file__).resolve().parent.parent / "tests" / "radar" / "texts"
GOAL_TEXTS_PER_SECOND = 20.0
GOAL_PEAK_MB = 1024.0
GOAL_CLI_SECONDS = 1.0


def cli_run(path: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `austausch ingest PATH` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # As installed: an environment that forbids writing bytecode would compile every module at every start.
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [sys.executable, "-m", "austausch", "ingest", str(path)],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parent.parent,
        env=environment,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="how long to extract (default 10)")
    parser.add_argument("--texts", type=Path, default=TEXTS, help="folder of texts (default: tests/radar/texts)")
    seconds = parser.parse_args().seconds
    texts = [(path.name, path.read_bytes()) for path in sorted(parser.parse_args().texts.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"No *.txt texts in {parser.parse_args().texts}")

    runs = [cli_run(parser.parse_args().texts / texts[0][0]) for _ in range(3)]
    wall, cpu = min(runs[1:])
    print(f"austausch ingest {texts[0][0]} ({len(texts[0][1]):,} bytes): first run {runs[0][0]:.2f} s wall")
    load = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
    print(f"  then {wall:.2f} s wall, {cpu:.2f} s CPU (the best of two; wall above CPU when the cores are shared)")
    print(f"  load average (1, 5, 15 min) on {os.cpu_count()} cores: {load}")
    print(f"goal < {GOAL_CLI_SECONDS:.0f} s wall: {'met' if wall < GOAL_CLI_SECONDS else 'NOT met'}")

    started, cpu_started = time.perf_counter(), time.process_time()
    from austausch.radar.extraction import extract, load_gazetteer

    gazetteer = load_gazetteer()
    extract(*texts[0])  # the language model and the topic index load on first use
    load_seconds, load_cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started

    count = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        for name, data in texts:
            extract(name, data)
            count += 1
    elapsed, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    # Per core means per second of this process's CPU time: on a shared machine the wall clock also counts
    # the time other processes hold the core.
    rate, wall_rate = count / cpu_seconds, count / elapsed
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    size = sum(len(data) for _, data in texts) / len(texts)
    print(f"gazetteer: {len(gazetteer.towns):,} towns, {len(gazetteer.automaton):,} spellings")
    print(
        f"load time: {load_cpu_seconds:.1f} s CPU, {load_seconds:.1f} s wall clock "
        "(gazetteer, GeoNames names, language model, topics)"
    )
    print(f"texts: {len(texts)} of {size:,.0f} bytes on average, {count} extractions in {elapsed:.1f} s")
    print(f"throughput: {rate:.1f} texts per CPU second on one core ({1000 / rate:.0f} ms CPU per text)")
    print(f"wall clock: {wall_rate:.1f} texts/s (lower when other processes share the core)")
    print(f"peak memory (RSS): {peak_mb:.0f} MB")
    rate_ok, memory_ok = rate >= GOAL_TEXTS_PER_SECOND, peak_mb < GOAL_PEAK_MB
    print(f"goal ≥ {GOAL_TEXTS_PER_SECOND:.0f} texts/s per core: {'met' if rate_ok else 'NOT met'}")
    print(f"goal < {GOAL_PEAK_MB:.0f} MB: {'met' if memory_ok else 'NOT met'}")


if __name__ == "__main__":
    main()
