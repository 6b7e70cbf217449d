"""Background work of the radar (django-tasks): texts handed in on the web are read here, not in the request."""

from __future__ import annotations

from django_tasks import task


@task()
def read_texts(ingestion_id: int) -> None:
    from austausch.radar.services.ingesting import read_handed_in

    read_handed_in(ingestion_id)
