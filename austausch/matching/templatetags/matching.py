"""`{% peer_finder_link municipality %}` for the registry's town page (empty until the page exists)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def peer_finder_link(municipality: Any) -> str:
    return ""
