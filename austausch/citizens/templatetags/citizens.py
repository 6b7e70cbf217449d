"""Template tags other apps' pages use to show citizens (empty until the app fills them)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def comments(target: Any) -> str:
    return ""


@register.simple_tag
def follow_form(target: Any) -> str:
    return ""
