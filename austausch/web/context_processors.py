from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from austausch.matching.services import can_plan
from austausch.radar.models import can_review


def site(request: HttpRequest) -> dict[str, object]:
    """The language switch (the current page in each other language) and the signed-in person's tools."""
    path = request.get_full_path()
    return {
        "language_links": [
            {"code": code, "name": get_language_info(code)["name_local"], "url": translate_url(path, code)}
            for code, _name in settings.LANGUAGES
        ],
        "tools": tools(request.user) if hasattr(request, "user") else [],
    }


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
