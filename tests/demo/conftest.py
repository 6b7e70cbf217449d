from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.demo.towns import DEMO_TOWN_NAMES
from tests.registry.datasets import write_sample


@pytest.fixture(autouse=True)
def fresh_page_cache() -> None:
    """Town pages are cached per process; each test starts without what an earlier one rendered."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def demo_towns(db: None, tmp_path: Path) -> None:
    from austausch.registry.services import import_registry

    write_sample(tmp_path, DEMO_TOWN_NAMES)
    import_registry(directory=tmp_path)


@pytest.fixture
def run_demo() -> Callable[[], str]:
    """`austausch demo`, returning what it printed."""

    def run() -> str:
        output = StringIO()
        call_command("demo", stdout=output)
        return output.getvalue()

    return run
