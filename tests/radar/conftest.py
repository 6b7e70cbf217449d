from __future__ import annotations

import pytest

from austausch.accounts.models import User
from austausch.radar.extraction import extract
from tests.radar.samples import PASSWORD, all_seeds


@pytest.fixture(scope="module")
def seeds() -> dict[str, dict]:
    """What the radar finds in each of our own texts, by the text's number ("003")."""
    return {path.name[:3]: extract(path.name, path.read_bytes()) for path in all_seeds()}


@pytest.fixture
def reviewer(db: None) -> User:
    """Staff: a reviewer of every text."""
    return User.objects.create_user("rita@example.org", PASSWORD, name="Rita Reviewer", is_staff=True)
