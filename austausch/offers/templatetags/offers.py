"""`{% interests owner %}`: what a town or an organisation can help with and what it looks for, on its page."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from austausch.offers.services import Owner, interests_of
from austausch.registry.models import Municipality

register = template.Library()


@register.inclusion_tag("offers/_interests.html", takes_context=True)
def interests(context: template.Context, owner: Owner) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    edit_url = ""
    if user is not None and owner.editable_by(user):
        edit_url = (
            reverse("offers:town-edit", args=[owner.key])
            if isinstance(owner, Municipality)
            else reverse("offers:organisation-edit", args=[owner.pk])
        )
    return {"owner": owner, "interests": interests_of(owner), "edit_url": edit_url}
