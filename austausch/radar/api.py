"""Radar in the API: reviewers hand in texts, follow their reading and read the facts the radar proposed."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError
from ninja.security import django_auth

from austausch.radar.models import Fact, Ingestion, Source, can_review
from austausch.radar.services.ingesting import Outcome, hand_in, handed_in_files, may_follow, stored_outcomes

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


class IngestionQueued(Schema):
    ingestion: int
    state: str
    url: str


class IngestionOut(Schema):
    id: int
    state: str
    outcomes: list[OutcomeOut]
    failure: str
    created_at: datetime.datetime
    updated_at: datetime.datetime


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


def _ingestion_url(ingestion: Ingestion) -> str:
    return f"/api/v1/radar/ingestions/{ingestion.pk}"


@router.post(
    "/radar/sources",
    response={202: IngestionQueued},
    auth=django_auth,
    summary="Hand in texts for the radar (files, a ZIP archive, or pasted text); they are read in the background",
)
def post_sources(
    request: HttpRequest,
    response: HttpResponse,
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]  # ninja reads no files as None
    text: Form[str] = "",
) -> Status[dict[str, object]]:
    """The texts are stored and queued for reading, as on the web: the answer (202) names the reading to follow
    at `url` (also in `Location`), which says what became of each file once the radar has read them."""
    _reviewer(request)
    if "files" in request.POST:  # a text field named `files`, which ninja would pass over in silence
        raise HttpError(422, "files: send files as file parts of the form, not as text.")
    handed_in = handed_in_files(files or [], text)
    if not handed_in:
        raise HttpError(422, "files: please send at least one file, or the text in the field 'text'.")
    ingestion = hand_in(actor=request.user, files=handed_in)
    response["Location"] = _ingestion_url(ingestion)
    return Status(202, {"ingestion": ingestion.pk, "state": ingestion.state, "url": _ingestion_url(ingestion)})


@router.get(
    "/radar/ingestions/{ingestion_id}",
    response=IngestionOut,
    auth=django_auth,
    summary="How the reading of texts handed in goes: queued, reading, done (with each file's outcome) or failed",
)
def get_ingestion(request: HttpRequest, ingestion_id: int) -> dict[str, object]:
    """`outcomes` are filled once `state` is `done`; `failure` says why when it is `failed`. Only whoever handed
    the texts in, and staff, see a reading; for anyone else it does not exist (404)."""
    _reviewer(request)
    ingestion = Ingestion.objects.filter(pk=ingestion_id).first()
    if ingestion is None or not may_follow(request.user, ingestion):
        raise HttpError(404, f"No reading of texts with the id {ingestion_id}.")
    return {
        "id": ingestion.pk,
        "state": ingestion.state,
        "outcomes": [_out(outcome) for outcome in stored_outcomes(ingestion)],
        "failure": ingestion.failure,
        "created_at": ingestion.created_at,
        "updated_at": ingestion.updated_at,
    }


@router.get("/radar/sources/{source_id}", response=SourceOut, auth=django_auth, summary="A text with its facts")
def get_source(request: HttpRequest, source_id: int) -> Source:
    _reviewer(request)
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        raise HttpError(404, f"No source with the id {source_id}.")
    return source
