"""Public "what came of it" pages: per town, programme, meeting and commitment, with downloads."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from austausch.outcomes.export import COMMITMENT_COLUMNS, TRANSFER_COLUMNS, commitment_row, download, transfer_row
from austausch.outcomes.models import Commitment, CommitmentUpdate, Transfer, may_record_for
from austausch.outcomes.summary import summarise, summary_line
from austausch.programmes.models import Cost, Meeting, Programme
from austausch.registry.models import Municipality

EXPORTS = {"commitments", "transfers"}
FORMATS = {"csv", "json"}


def _commitments(scope: Q, *, drafts: bool) -> QuerySet[Commitment]:
    commitments = Commitment.objects.filter(scope)
    return (commitments if drafts else commitments.public()).listed()


def _transfers(scope: Q, *, drafts: bool) -> QuerySet[Transfer]:
    transfers = Transfer.objects.filter(scope)
    return (transfers if drafts else transfers.public()).listed()


def _public_costs(scope: Q) -> QuerySet[Cost]:
    return Cost.objects.public().filter(scope).select_related("paid_by", "municipality", "meeting")


def _page(
    request: HttpRequest, template: str, *, commitments: QuerySet[Commitment], scope: str, **context: Any
) -> HttpResponse:
    listed = list(commitments.order_by("state", "due_on", "title"))
    summary = summarise(commitments)
    context.update(
        commitments=listed,
        summary=summary,
        summary_line=summary_line(summary, scope),
    )
    return render(request, template, context)


def town_page(request: HttpRequest, key: str) -> HttpResponse:
    town = get_object_or_404(Municipality, key=key.upper())
    editable = may_record_for(request.user, town)
    return _page(
        request,
        "outcomes/town.html",
        commitments=_commitments(Q(municipality=town), drafts=editable),
        scope="town",
        town=town,
        editable=editable,
        adopted=list(_transfers(Q(municipality=town), drafts=editable)),
        given=list(_transfers(Q(origin_municipality=town), drafts=False)),
        costs=list(_public_costs(Q(municipality=town))),
    )


def programme_page(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.visible_to(request.user).select_related("organiser"), slug=slug)
    editable = programme.editable_by(request.user)
    return _page(
        request,
        "outcomes/programme.html",
        commitments=_commitments(Q(programme=programme), drafts=editable),
        scope="programme",
        programme=programme,
        editable=editable,
        transfers=list(_transfers(Q(programme=programme), drafts=editable)),
        costs=list(_public_costs(Q(programme=programme) | Q(meeting__programme=programme))),
    )


def meeting_page(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user).select_related("programme", "round"), pk=pk)
    editable = meeting.editable_by(request.user)
    return _page(
        request,
        "outcomes/meeting.html",
        commitments=_commitments(Q(meeting=meeting), drafts=editable),
        scope="meeting",
        meeting=meeting,
        editable=editable,
        transfers=list(_transfers(Q(meeting=meeting), drafts=editable)),
        costs=list(meeting.costs.select_related("paid_by", "municipality")),
    )


def get_commitment(request: HttpRequest, pk: int) -> tuple[Commitment, bool]:
    """The commitment and whether the user may edit it; a draft is not found for anyone else."""
    commitment = get_object_or_404(
        Commitment.objects.select_related(
            "municipality", "owner_organisation", "meeting__programme", "programme", "practice"
        ),
        pk=pk,
    )
    editable = commitment.editable_by(request.user)
    if not editable and not commitment.is_public:
        raise Http404
    return commitment, editable


def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commitment, editable = get_commitment(request, pk)
    return render(
        request,
        "outcomes/commitment_detail.html",
        {
            "commitment": commitment,
            "editable": editable,
            "updates": list(commitment.updates.select_related("author")),
            "practice_public": commitment.practice is not None and commitment.practice.is_published,
        },
    )


def update_document(request: HttpRequest, pk: int) -> FileResponse:
    """The evidence attached to an update, served with the type read from its first bytes at upload."""
    update = get_object_or_404(CommitmentUpdate.objects.exclude(document=""), pk=pk)
    get_commitment(request, update.commitment_id)
    try:
        handle = update.document.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=update.document_type != "application/pdf" and not update.document_type.startswith("image/"),
        filename=(update.document.name or "").rsplit("/", 1)[-1],
        content_type=update.document_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _export(
    request: HttpRequest,
    what: str,
    fmt: str,
    commitments: QuerySet[Commitment],
    transfers: QuerySet[Transfer],
    name: str,
) -> HttpResponse:
    if what not in EXPORTS or fmt not in FORMATS:
        raise Http404
    if what == "transfers":
        return download(map(transfer_row, transfers), TRANSFER_COLUMNS, fmt=fmt, filename=f"{name}-transfers")
    base_url = request.build_absolute_uri("/")[:-1]
    rows = (commitment_row(commitment, base_url) for commitment in commitments.order_by("pk"))
    return download(rows, COMMITMENT_COLUMNS, fmt=fmt, filename=f"{name}-commitments")


def town_export(request: HttpRequest, key: str, what: str, fmt: str) -> HttpResponse:
    town = get_object_or_404(Municipality, key=key.upper())
    transfers = _transfers(Q(municipality=town) | Q(origin_municipality=town), drafts=False)
    return _export(request, what, fmt, _commitments(Q(municipality=town), drafts=False), transfers, town.key)


def programme_export(request: HttpRequest, slug: str, what: str, fmt: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.public(), slug=slug)
    return _export(
        request,
        what,
        fmt,
        _commitments(Q(programme=programme), drafts=False),
        _transfers(Q(programme=programme), drafts=False),
        programme.slug,
    )
