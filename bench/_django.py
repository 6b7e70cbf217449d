"""Benchmarks run against their own SQLite database in a temporary directory, never the user's."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_django(database_url: str | None = None) -> Path:
    """Point Django at a fresh database (SQLite unless BENCH_DATABASE_URL says otherwise) and migrate."""
    var = Path(tempfile.mkdtemp(prefix="austausch-bench-"))
    os.environ["AUSTAUSCH_VAR_DIR"] = str(var)
    os.environ["DATABASE_URL"] = (
        database_url or os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{var}/bench.sqlite3"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "austausch.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return var


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]
