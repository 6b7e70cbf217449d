"""Template tags other apps' pages use to show outcomes (empty until the app fills them)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def town_outcomes(municipality: Any) -> str:
    return ""


@register.simple_tag
def practice_adoptions(practice: Any) -> str:
    return ""


@register.simple_tag
def meeting_outcomes(meeting: Any) -> str:
    return ""


@register.simple_tag
def programme_outcomes(programme: Any) -> str:
    return ""
