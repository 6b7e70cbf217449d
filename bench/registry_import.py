"""How long `austausch registry import` takes for the full dataset (goal: under 20 s on SQLite).

.venv/bin/python bench/registry_import.py
"""

from __future__ import annotations

import resource
import time

from _django import setup_django

GOAL_SECONDS = 20.0


def main() -> None:
    setup_django()
    from austausch.registry.dataset import read_dataset
    from austausch.registry.services import import_registry

    started = time.perf_counter()
    read_dataset()
    reading = time.perf_counter() - started

    started = time.perf_counter()
    first = import_registry()
    first_seconds = time.perf_counter() - started

    started = time.perf_counter()
    second = import_registry()
    second_seconds = time.perf_counter() - started

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"dataset: {first.created} municipalities, {first.values_created} indicator values")
    print(f"{'step':<34}{'seconds':>10}{'goal ratio':>12}")
    print(f"{'read and validate the files':<34}{reading:>10.2f}")
    print(f"{'first import (empty database)':<34}{first_seconds:>10.2f}{first_seconds / GOAL_SECONDS:>12.2f}")
    print(f"{'second import (nothing changes)':<34}{second_seconds:>10.2f}{second_seconds / GOAL_SECONDS:>12.2f}")
    print(f"peak memory: {peak_mb:.0f} MB; second run changed anything: {second.changed}")


if __name__ == "__main__":
    main()
