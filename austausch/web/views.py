from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from austausch.registry.models import Municipality


def home(request: HttpRequest) -> HttpResponse:
    counts = dict(Municipality.objects.values_list("country").annotate(total=Count("id")))
    return render(request, "web/home.html", {"counts": counts})


def about_data(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about_data.html")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", {"message": ""}, status=404)
