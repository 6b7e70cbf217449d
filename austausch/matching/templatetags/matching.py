"""`{% peer_finder_link municipality %}` and `{% peer_comparison municipality %}` for the registry's town page."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from austausch.matching.compare import compare
from austausch.registry.models import Municipality

register = template.Library()


@register.simple_tag
def peer_finder_link(municipality: Municipality) -> SafeString:
    return format_html(
        '<p class="peer-finder-link"><a href="{}">{}</a></p>',
        reverse("matching:peers", args=[municipality.key]),
        _("Find peers for %(name)s") % {"name": municipality.name},
    )


@register.inclusion_tag("matching/_comparison.html")
def peer_comparison(municipality: Municipality) -> dict[str, Any]:
    """Each indicator beside the median of the town's peer group and its percentile there."""
    group, rows = compare(municipality)
    return {"town": municipality, "group": group, "rows": rows if group else []}
