"""The home page, which shows the work done on the platform, and each signed-in person's workspace."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from austausch.accounts.models import User
from austausch.portal.home import home_page
from austausch.portal.workspace import workspace_of


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"page": home_page(timezone.localdate())})


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    return render(request, "portal/workspace.html", {"workspace": workspace_of(user, timezone.localdate())})
