"""Protections that hold for every request, whichever view answers it."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django_otp.plugins.otp_totp.models import TOTPDevice

from austausch.web.errors import API_PREFIX, too_large

Handler = Callable[[HttpRequest], HttpResponse]


def needs_second_factor(request: HttpRequest) -> bool:
    """Signed in with the password alone by someone who has a confirmed authenticator."""
    user = request.user
    if not user.is_authenticated or getattr(user, "is_verified", lambda: False)():
        return False
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


class TwoFactorMiddleware:
    """A session that skipped the second step is no session, however it came about.

    The sign-in page asks for the code, but other doors open a session with the password alone: the
    admin's login form, a session from before the authenticator was confirmed. Such a session is ended
    here, so that it opens no page, no admin and no API write. Goes right after django-otp's middleware.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if needs_second_factor(request):
            logout(request)
        return self.get_response(request)


class ApiErrorsAsJsonMiddleware:
    """Every error under /api/ answers {"detail": "..."}, whoever produced it.

    The API's own errors are JSON already; this catches the rest: a URL no route matches (404), a
    method a route does not take (405), an unexpected exception (500, after Django has logged it), and
    refusals from middleware. Goes first, so that it also sees what the other middleware answer.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and request.path.startswith(API_PREFIX)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            json_response = JsonResponse({"detail": response.reason_phrase}, status=response.status_code)
            for header, value in response.headers.items():
                if header.lower() not in ("content-type", "content-length"):
                    json_response.headers.setdefault(header, value)  # Allow, Retry-After, the security headers
            return json_response
        return response


class RequestLimitsMiddleware:
    """A request body over MAX_REQUEST_BYTES is refused (413) before anything reads it.

    Django bounds form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams uploaded files to disk
    whatever their size, so without this an anonymous 100 MB POST to any form is read whole. Also
    sends the Permissions-Policy header: no page here needs a camera, a microphone or the location.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads such a body as empty
        if length > settings.MAX_REQUEST_BYTES:
            response = too_large(request, settings.MAX_REQUEST_BYTES)  # the server drops the unread rest
        else:
            response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
