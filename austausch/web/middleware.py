"""Protections that hold for every request, whichever view answers it."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django_otp.plugins.otp_totp.models import TOTPDevice

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


API_PREFIX = "/api/"


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
            for header in ("Allow", "Retry-After"):
                if header in response:
                    json_response[header] = response[header]
            return json_response
        return response
