from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from austausch.registry.dataset import KEY_PATTERN
from austausch.registry.locator import state_map, state_svg
from austausch.registry.models import Country, Municipality, SizeClass
from austausch.registry.schemas import INDICATOR_ORDER
from austausch.registry.search import (
    AmbiguousName,
    UnknownMunicipality,
    fetch,
    filter_municipalities,
    resolve_municipality,
)

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
    return render(
        request,
        "registry/municipality_detail.html",
        {"municipality": municipality, "indicators": indicators, "locator": locator, "marker": marker},
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
