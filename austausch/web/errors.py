"""Error answers that are not a view's own: a request body over the limit, a request Django refused."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.views import defaults

API_PREFIX = "/api/"


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    """413: as JSON under /api/, as a page that says what to do elsewhere."""
    if request.path.startswith(API_PREFIX):
        with translation.override("en"):  # the API speaks English, like its other errors
            return JsonResponse({"detail": f"Request body too large: at most {filesizeformat(limit)}."}, status=413)
    return render(request, "413.html", {"limit": filesizeformat(limit)}, status=413)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django refuses form data over DATA_UPLOAD_MAX_MEMORY_SIZE as a bad request; it is one too large."""
    if isinstance(exception, RequestDataTooBig):
        return too_large(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return defaults.bad_request(request, exception)  # type: ignore[arg-type]
