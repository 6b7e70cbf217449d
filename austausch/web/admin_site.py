"""The Django admin behind the platform's own sign-in, so that nobody reaches it with the password alone."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode


class TwoFactorAdminSite(admin.AdminSite):
    """The admin's own login form knows no second step: it sends people to the one that does.

    TwoFactorMiddleware already turns a session signed in with the password alone into an anonymous
    one for anyone with an authenticator; `has_permission` says so again in case the middleware is missing.
    """

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")

    def has_permission(self, request: HttpRequest) -> bool:
        from austausch.web.middleware import needs_second_factor

        return super().has_permission(request) and not needs_second_factor(request)
