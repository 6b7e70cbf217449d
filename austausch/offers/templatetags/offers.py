"""`{% town_interests municipality %}`: what a town can help with and what it looks for, on its page."""

from __future__ import annotations

from typing import Any

from django import template

from austausch.offers.services import interests_of
from austausch.registry.models import Municipality

register = template.Library()


@register.inclusion_tag("offers/_town.html")
def town_interests(municipality: Municipality) -> dict[str, Any]:
    return {"town": municipality, "interests": interests_of(municipality)}
