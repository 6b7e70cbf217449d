"""Background work of the knowledge base (django-tasks): saving a practice never waits for the model."""

from __future__ import annotations

import logging

from django_tasks import task

from austausch.knowledge.models import Practice

logger = logging.getLogger(__name__)


@task()
def embed_practice(practice_id: int) -> int:
    """Compute the vector of one practice; a draft or a deleted practice loses its vector."""
    # Imported here: every process loads this module, and the vectors bring numpy.
    from austausch.knowledge.embeddings import embed_practices, forget_practice

    practice = Practice.objects.filter(pk=practice_id, is_published=True).first()
    if practice is None:
        forget_practice(practice_id)
        return 0
    return embed_practices([practice])


def enqueue_embedding(practice_id: int) -> None:
    """Queue the vector; if the queue is down the practice is still saved and `knowledge reindex` catches up."""
    try:
        embed_practice.enqueue(practice_id)
    except Exception:
        logger.exception("could not queue the embedding of practice %s", practice_id)
