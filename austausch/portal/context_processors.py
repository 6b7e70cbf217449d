"""The signed-in person's tools for the header of every page. They come from several apps, so they live in the
portal, the one app above them all."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from austausch.matching.models import can_plan
from austausch.radar.models import can_review


def header_tools(request: HttpRequest) -> dict[str, object]:
    return {"tools": tools(request.user) if hasattr(request, "user") else []}


def tools(user: object) -> list[dict[str, str]]:
    """The staff pages this person may open, in the order the header lists them; none for visitors."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return []
    wanted: list[tuple[object, str]] = []
    if can_review(user):
        wanted += [(_("Radar"), "radar:list"), (_("Moderation"), "citizens:queue")]
    if can_plan(user):
        wanted.append((_("Network builder"), "matching:plans"))
    if getattr(user, "is_staff", False) or getattr(user, "is_superuser", False):
        wanted += [(_("API documentation"), "api-docs"), (_("Administration"), "admin:index")]
    found = []
    for label, name in wanted:
        try:
            found.append({"label": str(label), "url": reverse(name), "name": name})
        except NoReverseMatch:  # a tool another deployment leaves out of its URLconf
            continue
    return found
