"""Commitments and the transfer ledger in the API: the public read what is public; editors record and report."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import Field

from austausch.knowledge.models import Practice
from austausch.lib.translated_schema import WithTranslations
from austausch.organisations.models import Organisation
from austausch.outcomes.models import Commitment, CommitmentState, CommitmentUpdate, Transfer, TransferState
from austausch.outcomes.services import create_commitment, post_update
from austausch.programmes.models import Meeting, Programme
from austausch.registry.models import Municipality
from austausch.web.api_errors import IsoDate, Payload, as_api_errors
from austausch.web.pagination import Page, PageNumber, PageSize, paginate

router = Router(tags=["outcomes"])
ModelT = TypeVar("ModelT", bound=Model)


class UpdateOut(Schema):
    id: int
    on: date
    text: str
    link: str
    new_state: str
    document: str | None

    @staticmethod
    def resolve_document(update: CommitmentUpdate) -> str | None:
        return update.document.name if update.document else None


class CommitmentOut(WithTranslations):
    id: int
    municipality: str
    title: str
    description: str
    owner_role: str
    owner_organisation: int | None
    due_on: date | None
    success_indicator: str
    state: CommitmentState
    dropped_reason: str
    overdue: bool
    programme: str | None
    meeting: int | None
    practice: int | None
    url: str
    updated_at: datetime

    @staticmethod
    def resolve_municipality(commitment: Commitment) -> str:
        return commitment.municipality.key

    @staticmethod
    def resolve_owner_organisation(commitment: Commitment) -> int | None:
        return commitment.owner_organisation_id

    @staticmethod
    def resolve_overdue(commitment: Commitment) -> bool:
        return commitment.is_overdue

    @staticmethod
    def resolve_programme(commitment: Commitment) -> str | None:
        return commitment.programme.slug if commitment.programme else None

    @staticmethod
    def resolve_meeting(commitment: Commitment) -> int | None:
        return commitment.meeting_id

    @staticmethod
    def resolve_practice(commitment: Commitment) -> int | None:
        return commitment.practice_id

    @staticmethod
    def resolve_url(commitment: Commitment) -> str:
        return commitment.get_absolute_url()


class CommitmentDetailOut(CommitmentOut):
    updates: list[UpdateOut]

    @staticmethod
    def resolve_updates(commitment: Commitment) -> list[CommitmentUpdate]:
        return list(commitment.updates.all())


class CommitmentIn(Payload):
    municipality: str
    title: str = Field(min_length=1, max_length=200)
    description: str = ""
    owner_role: str = Field("", max_length=200)
    owner_organisation: int | None = None
    due_on: IsoDate | None = None
    success_indicator: str = ""
    meeting: int | None = None
    programme: str | None = None
    practice: int | None = None
    state: CommitmentState = CommitmentState.PLANNED
    dropped_reason: str = ""
    published: bool = True


class UpdateIn(Payload):
    on: IsoDate | None = None
    text: str = Field(min_length=1)
    link: str = Field("", max_length=500)
    new_state: CommitmentState | None = None
    dropped_reason: str = ""


class TransferOut(Schema):
    id: int
    municipality: str
    practice: int
    practice_title: str
    origin: str
    state: TransferState
    started_on: date
    changed_on: date
    adaptations: str
    programme: str | None
    meeting: int | None

    @staticmethod
    def resolve_municipality(transfer: Transfer) -> str:
        return transfer.municipality.key

    @staticmethod
    def resolve_practice(transfer: Transfer) -> int:
        return transfer.practice_id

    @staticmethod
    def resolve_practice_title(transfer: Transfer) -> str:
        return transfer.practice.title

    @staticmethod
    def resolve_origin(transfer: Transfer) -> str:
        return transfer.origin_municipality.key

    @staticmethod
    def resolve_programme(transfer: Transfer) -> str | None:
        return transfer.programme.slug if transfer.programme else None

    @staticmethod
    def resolve_meeting(transfer: Transfer) -> int | None:
        return transfer.meeting_id


@router.get("/commitments", response=Page[CommitmentOut], summary="List public commitments")
def list_commitments(
    request: HttpRequest,
    municipality: str = "",
    programme: str = "",
    meeting: int | None = None,
    state: CommitmentState | None = None,
    overdue: bool | None = None,
    page: PageNumber = 1,
    page_size: PageSize = 50,
) -> dict[str, object]:
    commitments = Commitment.objects.public().listed().order_by("pk")
    if municipality:
        commitments = commitments.filter(municipality__key=municipality.upper())
    if programme:
        commitments = commitments.filter(programme__slug=programme)
    if meeting is not None:
        commitments = commitments.filter(meeting_id=meeting)
    if state:
        commitments = commitments.filter(state=state)
    if overdue is not None:
        late = Commitment.objects.overdue(timezone.localdate()).values("pk")
        commitments = commitments.filter(pk__in=late) if overdue else commitments.exclude(pk__in=late)
    return paginate(commitments, page=page, page_size=page_size)


@router.get("/commitments/{commitment_id}", response=CommitmentDetailOut, summary="One commitment with its updates")
def get_commitment(request: HttpRequest, commitment_id: int) -> Commitment:
    commitment = Commitment.objects.public().listed().prefetch_related("updates").filter(pk=commitment_id).first()
    if commitment is None:
        raise HttpError(404, f"No public commitment with the id {commitment_id}.")
    return commitment


@router.post("/commitments", response={201: CommitmentDetailOut}, auth=django_auth, summary="Record a commitment")
def post_commitment(request: HttpRequest, payload: CommitmentIn) -> Status[Commitment]:
    fields = payload.dict()
    municipality = _found(Municipality.objects.filter(key=fields.pop("municipality").upper()), "municipality")
    relations: dict[str, tuple[QuerySet[Any], str]] = {
        "owner_organisation": (Organisation.objects.all(), "pk"),
        "meeting": (Meeting.objects.all(), "pk"),
        "programme": (Programme.objects.all(), "slug"),
        "practice": (Practice.objects.published(), "pk"),
    }
    for name, (objects, lookup) in relations.items():
        if fields[name] is not None:
            fields[name] = _found(objects.filter(**{lookup: fields[name]}), name)
    with as_api_errors():
        commitment = create_commitment(actor=request.user, municipality=municipality, **fields)
    return Status(201, commitment)


@router.post(
    "/commitments/{commitment_id}/updates",
    response={201: UpdateOut},
    auth=django_auth,
    summary="Post an update on a commitment",
)
def post_commitment_update(request: HttpRequest, commitment_id: int, payload: UpdateIn) -> Status[CommitmentUpdate]:
    commitment = (
        Commitment.objects.select_related("municipality", "meeting", "programme").filter(pk=commitment_id).first()
    )
    if commitment is None or not (commitment.is_public or commitment.editable_by(request.user)):
        raise HttpError(404, f"No commitment with the id {commitment_id}.")
    with as_api_errors():
        update = post_update(
            actor=request.user,
            commitment=commitment,
            on=payload.on or timezone.localdate(),
            text=payload.text,
            link=payload.link,
            new_state=payload.new_state or "",
            dropped_reason=payload.dropped_reason,
        )
    return Status(201, update)


@router.get("/transfers", response=Page[TransferOut], summary="The transfer ledger")
def list_transfers(
    request: HttpRequest,
    municipality: str = "",
    origin: str = "",
    practice: int | None = None,
    programme: str = "",
    state: TransferState | None = None,
    page: PageNumber = 1,
    page_size: PageSize = 50,
) -> dict[str, object]:
    transfers = Transfer.objects.public().listed().order_by("pk")
    if municipality:
        transfers = transfers.filter(municipality__key=municipality.upper())
    if origin:
        transfers = transfers.filter(origin_municipality__key=origin.upper())
    if practice is not None:
        transfers = transfers.filter(practice_id=practice)
    if programme:
        transfers = transfers.filter(programme__slug=programme)
    if state:
        transfers = transfers.filter(state=state)
    return paginate(transfers, page=page, page_size=page_size)


def _found(objects: QuerySet[ModelT], name: str) -> ModelT:
    found = objects.first()
    if found is None:
        raise HttpError(422, f"{name}: not found")
    return found
