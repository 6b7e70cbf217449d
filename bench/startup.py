"""Start-up of the command line: wall time of `austausch show DE-15002000 --json`, a fresh process each time.

Run: .venv/bin/python bench/startup.py [--var DIR] [--runs N]

Goal (issue 15): under 1 s. Every command runs Django's system checks, which import the URLconf and
with it every app's views and API; a heavy library imported at the top of any of them is paid by
every command. The figure is the median wall time of the runs, after one warm-up run that fills the file cache;
the CPU time (user + system) beside it says how much of it is work rather than waiting for a core.

The command needs the registry: the bench migrates a SQLite database and imports the shipped registry
into DIR (about a minute) unless DIR already holds one; without --var it uses a temporary directory
and removes it afterwards. `python -X importtime -m austausch show DE-15002000 --json` shows what
a slow start imports.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEY = "DE-15002000"
GOAL_SECONDS = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--var", type=Path, help="directory that holds (or will hold) the registry database")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5)")
    arguments = parser.parse_args()
    if arguments.runs < 1:
        parser.error("--runs must be at least 1")
    var = arguments.var or Path(tempfile.mkdtemp(prefix="austausch-bench-"))
    try:
        environment = _environment(var)
        _ensure_registry(environment)
        floor = _timed([sys.executable, "-c", "pass"], environment, arguments.runs)
        show = _timed([sys.executable, "-m", "austausch", "show", KEY, "--json"], environment, arguments.runs)
    finally:
        if arguments.var is None:
            shutil.rmtree(var, ignore_errors=True)
    median = statistics.median(show[0])
    print(f"austausch show {KEY} --json, {arguments.runs} runs after one warm-up (load {os.getloadavg()[0]:.1f})\n")
    print(f"{'wall seconds':34} {'median':>7} {'min':>7} {'max':>7} {'CPU median':>11}")
    for label, (wall, cpu) in (("python -c pass (the floor)", floor), ("austausch show --json", show)):
        middle, work = statistics.median(wall), statistics.median(cpu)
        print(f"{label:34} {middle:7.3f} {min(wall):7.3f} {max(wall):7.3f} {work:11.3f}")
    verdict = "met" if median < GOAL_SECONDS else "NOT met"
    print(f"\ngoal median < {GOAL_SECONDS:g} s: {verdict} ({median / GOAL_SECONDS:.0%} of the goal)")


def _environment(var: Path) -> dict[str, str]:
    environment = dict(os.environ)
    environment["AUSTAUSCH_VAR_DIR"] = str(var)
    environment["DATABASE_URL"] = f"sqlite:///{var / 'registry.sqlite3'}"
    environment["DJANGO_SETTINGS_MODULE"] = "austausch.settings"
    # As an installed copy runs: with compiled bytecode (the warm-up run writes it), kept in DIR so that
    # the working tree stays clean. Without it every run compiles the project's ~150 modules again.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment["PYTHONPYCACHEPREFIX"] = str(var / "pycache")
    return environment


def _ensure_registry(environment: dict[str, str]) -> None:
    if _shows_town(environment):
        return
    print("setting up the registry database (migrate, registry import) …", file=sys.stderr)
    austausch = [sys.executable, "-m", "austausch"]
    subprocess.run([*austausch, "migrate", "-v0"], cwd=ROOT, env=environment, check=True)
    subprocess.run([*austausch, "registry", "import"], cwd=ROOT, env=environment, check=True, capture_output=True)
    if not _shows_town(environment):
        raise SystemExit(f"austausch show {KEY} fails even after the registry import")


def _shows_town(environment: dict[str, str]) -> bool:
    completed = subprocess.run(
        [sys.executable, "-m", "austausch", "show", KEY, "--json"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        return False
    return json.loads(completed.stdout).get("key") == KEY


def _timed(command: list[str], environment: dict[str, str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds of each run."""
    subprocess.run(command, cwd=ROOT, env=environment, check=True, capture_output=True)
    wall, cpu = [], []
    for _run in range(runs):
        used = _children_cpu()
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=environment, check=True, capture_output=True)
        wall.append(time.perf_counter() - started)
        cpu.append(_children_cpu() - used)
    return wall, cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
