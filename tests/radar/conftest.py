from __future__ import annotations

import pytest

from austausch.radar.extraction import extract
from tests.radar.samples import all_seeds


@pytest.fixture(scope="module")
def seeds() -> dict[str, dict]:
    """What the radar finds in each of our own texts, by the text's number ("003")."""
    return {path.name[:3]: extract(path.name, path.read_bytes()) for path in all_seeds()}
