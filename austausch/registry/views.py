from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from austausch.audit.models import AuditEntry
from austausch.audit.services import entries_for
from austausch.registry.dataset import KEY_PATTERN
from austausch.registry.forms import NewPartnershipForm, PartnershipForm
from austausch.registry.locator import state_map, state_svg
from austausch.registry.models import Country, Municipality, PartnerPlace, Partnership, PartnershipStatus, SizeClass
from austausch.registry.partner_map import PartnerMap, partner_map
from austausch.registry.schemas import INDICATOR_ORDER
from austausch.registry.search import (
    AmbiguousName,
    UnknownMunicipality,
    fetch,
    filter_municipalities,
    resolve_municipality,
)
from austausch.registry.twinnings import add_partnership, change_partnership, partner_place, partnerships_of

PAGE_SIZE = 25
FINDER_SIZE = 8


@require_GET
def municipality_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    country = request.GET.get("country", "")
    country = country if country in Country.values else ""
    size_class = request.GET.get("size_class", "")
    size_class = size_class if size_class in SizeClass.values else ""
    state = request.GET.get("state", "")
    municipalities = filter_municipalities(query, country=country, state=state, size_class=size_class)

    if request.headers.get("HX-Request") and request.GET.get("finder"):
        results = fetch(municipalities, 0, FINDER_SIZE + 1)
        return render(
            request,
            "registry/_finder_results.html",
            {"query": query, "results": results[:FINDER_SIZE], "more": len(results) > FINDER_SIZE},
        )

    page = Paginator(municipalities.values_list("id", flat=True), PAGE_SIZE).get_page(request.GET.get("page"))
    towns = fetch(municipalities, page.start_index() - 1, page.end_index()) if page.paginator.count else []
    states = Municipality.objects.order_by("country", "state").values_list("country", "state_code", "state").distinct()
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "registry/municipality_list.html",
        {
            "page": page,
            "towns": towns,
            "query": query,
            "country": country,
            "state": state,
            "size_class": size_class,
            "countries": Country.choices,
            "size_classes": SizeClass.choices,
            "states": states,
            "filter_query": params.urlencode(),
        },
    )


@require_GET
@cache_page(settings.PAGE_CACHE_SECONDS)
def municipality_detail(request: HttpRequest, key: str) -> HttpResponse:
    if not KEY_PATTERN.match(key):
        return _by_name(request, key)
    municipality = Municipality.objects.prefetch_related("indicator_values").filter(key=key).first()
    if municipality is None:
        return _not_found(request, key, _("There is no municipality with the key “%(key)s”.") % {"key": key})
    indicators = sorted(municipality.indicator_values.all(), key=lambda value: INDICATOR_ORDER[value.indicator])
    locator = state_map(municipality.country, municipality.state_code)
    marker = None
    if locator and municipality.latitude is not None and municipality.longitude is not None:
        marker = locator.project(municipality.latitude, municipality.longitude)
    partnerships = _partnership_rows(municipality)
    return render(
        request,
        "registry/municipality_detail.html",
        {
            "municipality": municipality,
            "indicators": indicators,
            "locator": locator,
            "marker": marker,
            "partnerships": partnerships,
            "partner_map": _partner_map(municipality, partnerships),
        },
    )


@dataclass
class PartnershipRow:
    """A partnership with its partner seen from one town, for the templates."""

    tie: Partnership
    partner: Municipality | PartnerPlace
    editable: bool = False

    @property
    def in_registry(self) -> bool:
        return isinstance(self.partner, Municipality)

    @property
    def country(self) -> str:
        return self.partner.country


def _partnership_rows(municipality: Municipality) -> list[PartnershipRow]:
    return [PartnershipRow(tie, tie.partner_of(municipality)) for tie in partnerships_of(municipality)]


def _partner_map(municipality: Municipality, rows: list[PartnershipRow]) -> PartnerMap | None:
    """Ended partnerships are listed, not drawn."""
    return partner_map(
        (municipality.name, municipality.latitude, municipality.longitude),
        [
            (row.partner.name, row.partner.latitude, row.partner.longitude, row.tie.status)
            for row in rows
            if row.tie.status != PartnershipStatus.ENDED
        ],
    )


def _town(key: str) -> Municipality:
    return get_object_or_404(Municipality, key=key.upper())


@require_GET
def partnerships(request: HttpRequest, key: str) -> HttpResponse:
    """The town's partnerships with what editors may do and what they changed; not cached, unlike the town page."""
    municipality = _town(key)
    rows = _partnership_rows(municipality)
    editable = municipality.editable_by(request.user)
    log: list[AuditEntry] = []
    for row in rows:
        row.editable = row.tie.editable_by(request.user)
        if row.editable and row.tie.edited_by_hand:
            log.extend(entries_for(row.tie)[:5])
    log.sort(key=lambda entry: entry.created_at, reverse=True)
    return render(
        request,
        "registry/partnerships.html",
        {
            "municipality": municipality,
            "partnerships": rows,
            "partner_map": _partner_map(municipality, rows),
            "editable": editable,
            "log": log[:20],
        },
    )


@login_required
def partnership_add(request: HttpRequest, key: str) -> HttpResponse:
    municipality = _town(key)
    if not municipality.editable_by(request.user):
        raise PermissionDenied
    form = NewPartnershipForm(request.POST or None, municipality=municipality, initial={"status": "active"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            add_partnership(
                actor=request.user,
                municipality=municipality,
                partner=data["partner_town"]
                or partner_place(name=data["partner_name"], country=data["partner_country"]),
                kind=data["kind"],
                since=data["since"],
                status=data["status"],
            )
        except ValidationError as error:
            form.add_error(None if not hasattr(error, "error_dict") else "partner_town", error.messages)
        else:
            return redirect(reverse("registry:partnerships", kwargs={"key": municipality.key}))
    return render(request, "registry/partnership_form.html", {"form": form, "municipality": municipality})


@login_required
def partnership_edit(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    municipality = _town(key)
    tie = get_object_or_404(Partnership.objects.select_related("municipality", "partner_municipality",
                                                               "partner_place"), pk=pk)  # fmt: skip
    if municipality.pk not in (tie.municipality_id, tie.partner_municipality_id):
        raise Http404("not a partnership of this town")
    if not tie.editable_by(request.user):
        raise PermissionDenied
    form = PartnershipForm(request.POST or None, initial={"kind": tie.kind, "since": tie.since, "status": tie.status})
    if request.method == "POST" and form.is_valid():
        change_partnership(actor=request.user, partnership=tie, **form.cleaned_data)
        return redirect(reverse("registry:partnerships", kwargs={"key": municipality.key}))
    return render(
        request,
        "registry/partnership_form.html",
        {"form": form, "municipality": municipality, "partner": tie.partner_of(municipality), "tie": tie},
    )


def _by_name(request: HttpRequest, name: str) -> HttpResponse:
    """/municipalities/Wittenberge/ leads to the town; an ambiguous name lists the candidates."""
    try:
        municipality = resolve_municipality(name)
    except AmbiguousName as ambiguous:
        return render(request, "registry/ambiguous.html", {"name": name, "candidates": ambiguous.candidates})
    except UnknownMunicipality as unknown:
        return _not_found(request, name, unknown.messages[0])
    return redirect(municipality)


def _not_found(request: HttpRequest, text: str, message: str) -> HttpResponse:
    suggestions = fetch(filter_municipalities(text), 0, 5) if not KEY_PATTERN.match(text) else []
    return render(request, "404.html", {"message": message, "suggestions": suggestions, "query": text}, status=404)


@require_GET
def locator(request: HttpRequest, country: str, state_code: str) -> HttpResponse:
    state = state_map(country.upper(), state_code.upper())
    if state is None:
        raise Http404("no such state")
    response = HttpResponse(state_svg(state), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response
