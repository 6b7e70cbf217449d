from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def about_data(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about_data.html")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", {"message": ""}, status=404)
