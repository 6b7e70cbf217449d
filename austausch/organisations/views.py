from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from austausch.audit.services import entries_for
from austausch.organisations.forms import OrganisationForm
from austausch.organisations.models import Organisation
from austausch.organisations.services import update_organisation


def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.select_related("municipality")
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    return render(request, "organisations/organisation_list.html", {"page": page})


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("municipality"), pk=pk)
    editable = organisation.editable_by(request.user)
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "editable": editable,
            "log": entries_for(organisation)[:20] if editable else [],
        },
    )


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not organisation.editable_by(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        changes = form.changes(form.Meta.fields)
        organisation.refresh_from_db()
        update_organisation(actor=request.user, organisation=organisation, **changes)  # type: ignore[arg-type]
        return redirect(organisation)
    return render(request, "organisations/organisation_form.html", {"form": form, "organisation": organisation})
