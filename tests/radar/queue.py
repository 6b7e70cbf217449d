"""The background worker's part, run in the test: each queued reading of texts, in the order queued."""

from __future__ import annotations

from django_tasks_db.models import DBTaskResult

from austausch.radar.tasks import read_texts


def read_queued() -> int:
    """Runs the queued readings as `austausch db_worker` would; returns how many ran."""
    queued = list(DBTaskResult.objects.ready().filter(task_path=read_texts.module_path).order_by("enqueued_at"))
    for row in queued:
        read_texts.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        row.delete()
    return len(queued)
