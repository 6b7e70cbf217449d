"""Radar in the API: reviewers upload texts and read the facts the radar proposed."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError
from ninja.security import django_auth

from austausch.radar.models import Fact, Source, can_review
from austausch.radar.services.ingesting import MAX_FILE_SIZE, Outcome, ingest, too_big

router = Router(tags=["radar"])


class OutcomeOut(Schema):
    file: str
    source: int | None
    duplicate_of: int | None
    errors: list[str]


class FactOut(Schema):
    id: int
    kind: str
    value: dict
    spans: list[list[int]]
    state: str
    record: str | None

    @staticmethod
    def resolve_record(fact: Fact) -> str | None:
        record = fact.record
        return record.get_absolute_url() if record is not None and hasattr(record, "get_absolute_url") else None


class CommentOut(Schema):
    author: str
    published: str
    text: str


class SourceOut(Schema):
    id: int
    name: str
    title: str
    language: str
    published: datetime.date | None
    text: str
    created_at: datetime.datetime
    facts: list[FactOut]
    comments: list[CommentOut]

    @staticmethod
    def resolve_published(source: Source) -> datetime.date | None:
        return source.published_on

    @staticmethod
    def resolve_facts(source: Source) -> list[Fact]:
        return list(source.facts.all())

    @staticmethod
    def resolve_comments(source: Source) -> list:
        return list(source.comments.all())


class IngestOut(Schema):
    items: list[OutcomeOut]


def _reviewer(request: HttpRequest) -> None:
    if not can_review(request.user):
        raise HttpError(403, "Only editors and coordinators may use the radar.")


def _out(outcome: Outcome) -> dict[str, object]:
    return {
        "file": outcome.name,
        "source": outcome.source.pk if outcome.source else None,
        "duplicate_of": outcome.duplicate_of.pk if outcome.duplicate_of else None,
        "errors": outcome.errors,
    }


@router.post(
    "/radar/sources",
    response={200: IngestOut, 201: IngestOut},
    auth=django_auth,
    summary="Add texts to the radar (files, a ZIP archive, or pasted text)",
)
def post_sources(
    request: HttpRequest,
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]  # ninja reads no files as None
    text: Form[str] = "",
) -> Status[dict[str, object]]:
    """One result per file: the new source, or the earlier source it duplicates, and any errors.
    201 when at least one text was stored."""
    _reviewer(request)
    if "files" in request.POST:  # a text field named `files`, which ninja would pass over in silence
        raise HttpError(422, "files: send files as file parts of the form, not as text.")
    read: list[tuple[str, bytes | str]] = []
    if text.strip():
        read.append(("pasted-text.txt", text.strip().encode()))
    for upload in files or []:
        size = upload.size or 0
        read.append((upload.name or "file", too_big(size) if size > MAX_FILE_SIZE else upload.read()))
    if not read:
        raise HttpError(422, "files: please send at least one file, or the text in the field 'text'.")
    outcomes = ingest(actor=request.user, files=read)
    status = 201 if any(outcome.created for outcome in outcomes) else 200
    return Status(status, {"items": [_out(outcome) for outcome in outcomes]})


@router.get("/radar/sources/{source_id}", response=SourceOut, auth=django_auth, summary="A text with its facts")
def get_source(request: HttpRequest, source_id: int) -> Source:
    _reviewer(request)
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        raise HttpError(404, f"No source with the id {source_id}.")
    return source
