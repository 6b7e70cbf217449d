"""Staff pages for coordinators: programmes, rounds, meetings with their agenda, costs, delegations,
invitations, and the organiser's check-in list with its export. Every write goes through a service."""

from __future__ import annotations

import csv
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from austausch.audit.services import entries_for
from austausch.lib.forms import apply_errors
from austausch.programmes.forms import (
    CostForm,
    DelegationForm,
    FileForm,
    InviteForm,
    MeetingForm,
    ProgrammeForm,
    ReportForm,
    RoundForm,
    SessionForm,
    lines,
)
from austausch.programmes.models import (
    Meeting,
    MeetingFile,
    Participation,
    Programme,
    Registration,
    RegistrationStatus,
)
from austausch.programmes.services.delegations import add_delegation, invite_by_email
from austausch.programmes.services.meetings import add_session, create_meeting, update_meeting
from austausch.programmes.services.programmes import add_round, can_create_programme, create_programme, update_programme
from austausch.programmes.services.records import add_cost, add_file, remove_file, update_report
from austausch.programmes.services.registrations import check_in
from austausch.programmes.views import signed_in
from austausch.registry.search import resolve_municipalities

PROGRAMME_FIELDS = [name for name in ProgrammeForm.Meta.fields if name != "funders"]


def _editable_programme(request: HttpRequest, slug: str) -> Programme:
    programme = get_object_or_404(Programme, slug=slug)
    if not programme.editable_by(request.user):
        raise PermissionDenied
    return programme


def _editable_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("programme"), pk=pk)
    if not meeting.editable_by(request.user):
        raise PermissionDenied
    return meeting


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    if not can_create_programme(request.user):
        raise PermissionDenied
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = form.changes(PROGRAMME_FIELDS)
        try:
            programme = create_programme(actor=signed_in(request), funders=list(form.cleaned_data["funders"]), **fields)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The programme has been created; you coordinate it."))
            return redirect(programme)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": None})


@login_required
def programme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _editable_programme(request, slug)
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        fields = form.changes(PROGRAMME_FIELDS)
        programme.refresh_from_db()
        try:
            update_programme(
                actor=signed_in(request), programme=programme, funders=list(form.cleaned_data["funders"]), **fields
            )
        except ValidationError as error:
            programme.refresh_from_db()
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(programme)
    return render(
        request,
        "programmes/programme_form.html",
        {"form": form, "programme": programme, "round_form": RoundForm(), "log": entries_for(programme)[:20]},
    )


@login_required
@require_POST
def round_add(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _editable_programme(request, slug)
    form = RoundForm(request.POST)
    if form.is_valid():
        round_ = add_round(actor=signed_in(request), programme=programme, title=form.cleaned_data["title"])
        messages.success(request, _("Round %(number)d added.") % {"number": round_.number})
    return redirect("programmes:edit", slug=programme.slug)


@login_required
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _editable_programme(request, slug)
    form = MeetingForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                towns = resolve_municipalities(
                    lines(form.cleaned_data["host_municipalities_text"]), field="host_municipalities_text"
                )
                meeting = create_meeting(
                    actor=signed_in(request),
                    programme=programme,
                    host_municipalities=towns,
                    **form.meeting_fields(),
                )
        except ValidationError as error:
            apply_errors(form, _host_municipalities_field(error))
        else:
            messages.success(request, _("The meeting has been created."))
            return redirect("programmes:meeting-manage", pk=meeting.pk)
    return render(request, "programmes/meeting_form.html", {"form": form, "programme": programme, "meeting": None})


def _host_municipalities_field(error: ValidationError) -> ValidationError:
    """The services name the field host_municipalities; the form calls it host_municipalities_text."""
    if not hasattr(error, "error_dict"):
        return error
    renamed = {
        ("host_municipalities_text" if field == "host_municipalities" else field): errors
        for field, errors in error.message_dict.items()
    }
    return ValidationError(renamed)


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _editable_meeting(request, pk)
    form = MeetingForm(request.POST or None, instance=meeting, programme=meeting.programme)
    if request.method == "POST" and form.is_valid():
        fields = form.meeting_fields()
        meeting.refresh_from_db()
        try:
            with transaction.atomic():
                towns = resolve_municipalities(
                    lines(form.cleaned_data["host_municipalities_text"]), field="host_municipalities_text"
                )
                update_meeting(actor=signed_in(request), meeting=meeting, host_municipalities=towns, **fields)
        except ValidationError as error:
            meeting.refresh_from_db()
            apply_errors(form, _host_municipalities_field(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("programmes:meeting-manage", pk=meeting.pk)
    return render(
        request, "programmes/meeting_form.html", {"form": form, "programme": meeting.programme, "meeting": meeting}
    )


def _manage(request: HttpRequest, meeting: Meeting, status: int = 200, **bound: forms.BaseForm) -> HttpResponse:
    context: dict[str, Any] = {
        "meeting": meeting,
        "session_form": SessionForm(),
        "cost_form": CostForm(),
        "delegation_form": DelegationForm(),
        "invite_form": InviteForm(meeting=meeting),
        "report_form": ReportForm(instance=meeting),
        "file_form": FileForm(),
        "files": meeting.files.all(),
        "sessions": meeting.sessions.all(),
        "costs": meeting.costs.select_related("paid_by", "municipality"),
        "participants": Participation.objects.filter(delegation__meeting=meeting)
        .select_related("person", "delegation__municipality", "organisation")
        .order_by("delegation__municipality__name", "person__name"),
        "pending": meeting.delegations.filter(pending_invitations__isnull=False)
        .values_list("municipality__name", "pending_invitations__email")
        .order_by("municipality__name"),
        "delegations": meeting.delegations.select_related("municipality").order_by("municipality__name"),
        "log": entries_for(meeting)[:20],
    }
    context.update(bound)
    return render(request, "programmes/meeting_manage.html", context, status=status)


@login_required
def meeting_manage(request: HttpRequest, pk: int) -> HttpResponse:
    return _manage(request, _editable_meeting(request, pk))


@login_required
@require_POST
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _editable_meeting(request, pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            add_session(actor=signed_in(request), meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Session added to the agenda."))
            return redirect("programmes:meeting-manage", pk=meeting.pk)
    return _manage(request, meeting, status=422, session_form=form)


@login_required
@require_POST
def cost_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _editable_meeting(request, pk)
    form = CostForm(request.POST)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in CostForm.Meta.fields}
        try:
            with transaction.atomic():
                towns = resolve_municipalities(lines(form.cleaned_data["town_text"]), field="town_text")
                add_cost(actor=signed_in(request), meeting=meeting, municipality=towns[0] if towns else None, **fields)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Cost recorded."))
            return redirect("programmes:meeting-manage", pk=meeting.pk)
    return _manage(request, meeting, status=422, cost_form=form)


@login_required
@require_POST
def delegation_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _editable_meeting(request, pk)
    form = DelegationForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                (town,) = resolve_municipalities([form.cleaned_data["town"]], field="town")
                add_delegation(actor=signed_in(request), meeting=meeting, municipality=town)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Delegation of %(town)s added.") % {"town": town.name})
            return redirect("programmes:meeting-manage", pk=meeting.pk)
    return _manage(request, meeting, status=422, delegation_form=form)


@login_required
@require_POST
def participant_invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _editable_meeting(request, pk)
    form = InviteForm(request.POST, meeting=meeting)
    if form.is_valid():
        link_base = request.build_absolute_uri(reverse("accounts:invitation", args=["TOKEN"])).removesuffix("TOKEN/")
        try:
            invite_by_email(
                actor=signed_in(request),
                delegation=form.cleaned_data["delegation"],
                email=form.cleaned_data["email"],
                link_base=link_base,
                organisation=form.cleaned_data["organisation"],
                sector=form.cleaned_data["sector"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            apply_errors(form, _person_is_email(error))
        else:
            messages.success(request, _("%(email)s has been invited.") % {"email": form.cleaned_data["email"]})
            return redirect("programmes:meeting-manage", pk=meeting.pk)
    return _manage(request, meeting, status=422, invite_form=form)


def _person_is_email(error: ValidationError) -> ValidationError:
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError({("email" if f == "person" else f): e for f, e in error.message_dict.items()})


@login_required
@require_POST
def report_update(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _editable_meeting(request, pk)
    form = ReportForm(request.POST, instance=meeting)
    if form.is_valid():
        fields = form.changes(("attendance", "report"))
        meeting.refresh_from_db()
        try:
            update_report(
                actor=signed_in(request),
                meeting=meeting,
                organisations_present=list(form.cleaned_data["organisations_present"]),
                **fields,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The closing report has been saved."))
            return redirect("programmes:meeting-manage", pk=meeting.pk)
    meeting.refresh_from_db()
    return _manage(request, meeting, status=422, report_form=form)


@login_required
@require_POST
def file_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _editable_meeting(request, pk)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            add_file(
                actor=signed_in(request),
                meeting=meeting,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                caption=form.cleaned_data["caption"],
                upload=form.cleaned_data["upload"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("“%(title)s” has been added.") % {"title": form.cleaned_data["title"]})
            return redirect("programmes:meeting-manage", pk=meeting.pk)
    return _manage(request, meeting, status=422, file_form=form)


@login_required
@require_POST
def file_remove(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    meeting = _editable_meeting(request, pk)
    meeting_file = get_object_or_404(MeetingFile, pk=file_pk, meeting=meeting)
    remove_file(actor=signed_in(request), meeting_file=meeting_file)
    messages.success(request, _("“%(title)s” has been removed.") % {"title": meeting_file.title})
    return redirect("programmes:meeting-manage", pk=meeting.pk)


@login_required
def registrations(request: HttpRequest, pk: int) -> HttpResponse:
    """The organiser's check-in list."""
    meeting = _editable_meeting(request, pk)
    rows = meeting.registrations.all()
    return render(
        request,
        "programmes/registrations.html",
        {
            "meeting": meeting,
            "registrations": rows,
            "confirmed": sum(1 for row in rows if row.status == RegistrationStatus.CONFIRMED),
            "waiting": sum(1 for row in rows if row.status == RegistrationStatus.WAITING),
        },
    )


@login_required
@require_POST
def registration_check_in(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    meeting = _editable_meeting(request, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, meeting=meeting)
    check_in(actor=signed_in(request), registration=registration)
    messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
    return redirect("programmes:registrations", pk=meeting.pk)


@login_required
def registrations_csv(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _editable_meeting(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registrations-{meeting.pk}.csv"'
    questions = list(meeting.registration_questions)
    writer = csv.writer(response)
    # Coordinators open this in a spreadsheet: headers and status in their language.
    headers = [_("Name"), _("E-mail address"), _("Organisation"), _("Status"), _("Registered"), _("Checked in")]
    writer.writerow([*headers, *[q["label"] for q in questions]])
    for row in meeting.registrations.all():
        writer.writerow(
            [
                _cell(row.name),
                row.email,
                _cell(row.organisation),
                row.get_status_display(),
                row.created_at.isoformat(),
                row.checked_in_at.isoformat() if row.checked_in_at else "",
                *[_cell(row.answers.get(q["id"], "")) for q in questions],
            ]
        )
    return response


def _cell(text: str) -> str:
    """Keep spreadsheet programs from running what a registrant typed as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
