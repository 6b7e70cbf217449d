"""Staff pages: record and edit a commitment, post an update, record and edit a transfer.
Every write goes through a service; a refused permission is a 403, wrong input a form with its errors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from austausch.audit.services import entries_for
from austausch.lib.forms import apply_errors
from austausch.outcomes.forms import CommitmentForm, TransferForm, UpdateForm
from austausch.outcomes.models import Commitment, Transfer
from austausch.outcomes.services import (
    create_commitment,
    create_transfer,
    post_update,
    update_commitment,
    update_transfer,
)
from austausch.programmes.models import Meeting
from austausch.registry.models import Municipality
from austausch.registry.search import resolve_municipalities


def _renamed(error: ValidationError, names: dict[str, str]) -> ValidationError:
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError({names.get(field, field): errors for field, errors in error.message_dict.items()})


def _initial_for_new(request: HttpRequest) -> dict[str, Any]:
    """Coming from a meeting page or a town's outcomes page, the form starts filled in."""
    initial: dict[str, Any] = {}
    meeting = Meeting.objects.filter(pk=request.GET.get("meeting") or 0).select_related("programme").first()
    if meeting is not None:
        initial["meeting"] = meeting.pk
        if meeting.programme_id:
            initial["programme"] = meeting.programme_id
    town = Municipality.objects.filter(key=(request.GET.get("town") or "").upper()).first()
    if town is not None:
        initial["town"] = town.key
    return initial


def _flag_past_due(request: HttpRequest, commitment: Commitment) -> None:
    if commitment.is_overdue:
        messages.warning(
            request, _("The due date lies in the past: the commitment is shown as overdue until it is done.")
        )


@login_required
def commitment_create(request: HttpRequest) -> HttpResponse:
    form = CommitmentForm(request.POST or None, initial=_initial_for_new(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            (town,) = resolve_municipalities([form.cleaned_data["town"]], field="town")
            commitment = create_commitment(actor=request.user, municipality=town, **form.commitment_fields())
        except ValidationError as error:
            apply_errors(form, _renamed(error, {"municipality": "town"}))
        else:
            messages.success(request, _("The commitment has been recorded."))
            _flag_past_due(request, commitment)
            return redirect(commitment)
    return render(
        request, "outcomes/commitment_form.html", {"form": form, "commitment": None}, status=_status(request, form)
    )


def _status(request: HttpRequest, form: Any) -> int:
    return 422 if request.method == "POST" and form.errors else 200


def _editable_commitment(request: HttpRequest, pk: int) -> Commitment:
    commitment = get_object_or_404(
        Commitment.objects.select_related("municipality", "meeting__programme", "programme"), pk=pk
    )
    if not commitment.editable_by(request.user):
        raise PermissionDenied
    return commitment


@login_required
def commitment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _editable_commitment(request, pk)
    form = CommitmentForm(request.POST or None, instance=commitment, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = form.commitment_fields()
        commitment.refresh_from_db()
        try:
            (town,) = resolve_municipalities([form.cleaned_data["town"]], field="town")
            update_commitment(actor=request.user, commitment=commitment, municipality=town, **fields)
        except ValidationError as error:
            commitment.refresh_from_db()
            apply_errors(form, _renamed(error, {"municipality": "town"}))
        else:
            messages.success(request, _("Saved."))
            return redirect(commitment)
    return render(
        request,
        "outcomes/commitment_form.html",
        {"form": form, "commitment": commitment, "log": entries_for(commitment)[:20]},
        status=_status(request, form),
    )


@login_required
def update_create(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _editable_commitment(request, pk)
    form = UpdateForm(request.POST or None, request.FILES or None, commitment=commitment)
    if request.method == "POST" and form.is_valid():
        try:
            post_update(actor=request.user, commitment=commitment, **form.cleaned_data)
        except ValidationError as error:
            commitment.refresh_from_db()
            apply_errors(form, error)
        else:
            messages.success(request, _("The update has been published."))
            return redirect(commitment)
    return render(
        request,
        "outcomes/update_form.html",
        {"form": form, "commitment": commitment, "today": timezone.localdate()},
        status=_status(request, form),
    )


@login_required
def transfer_create(request: HttpRequest) -> HttpResponse:
    form = TransferForm(request.POST or None, initial=_initial_for_new(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            (town,) = resolve_municipalities([form.cleaned_data["town"]], field="town")
            origin_text = form.cleaned_data["origin_town"]
            origin = resolve_municipalities([origin_text], field="origin_town")[0] if origin_text else None
            transfer = create_transfer(
                actor=request.user, municipality=town, origin_municipality=origin, **form.transfer_fields()
            )
        except ValidationError as error:
            apply_errors(form, _renamed(error, {"municipality": "town", "origin_municipality": "origin_town"}))
        else:
            messages.success(request, _("The transfer has been written into the ledger."))
            return redirect("outcomes:town", key=transfer.municipality.key)
    return render(
        request, "outcomes/transfer_form.html", {"form": form, "transfer": None}, status=_status(request, form)
    )


@login_required
def transfer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    transfer = get_object_or_404(
        Transfer.objects.select_related("municipality", "origin_municipality", "practice"), pk=pk
    )
    if not transfer.editable_by(request.user):
        raise PermissionDenied
    form = TransferForm(request.POST or None, instance=transfer, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = form.transfer_fields()
        transfer.refresh_from_db()
        try:
            (town,) = resolve_municipalities([form.cleaned_data["town"]], field="town")
            origin_text = form.cleaned_data["origin_town"]
            if origin_text:
                fields["origin_municipality"] = resolve_municipalities([origin_text], field="origin_town")[0]
            update_transfer(actor=request.user, transfer=transfer, municipality=town, **fields)
        except ValidationError as error:
            transfer.refresh_from_db()
            apply_errors(form, _renamed(error, {"municipality": "town", "origin_municipality": "origin_town"}))
        else:
            messages.success(request, _("Saved."))
            return redirect("outcomes:town", key=transfer.municipality.key)
    return render(
        request,
        "outcomes/transfer_form.html",
        {"form": form, "transfer": transfer, "log": entries_for(transfer)[:20]},
        status=_status(request, form),
    )
