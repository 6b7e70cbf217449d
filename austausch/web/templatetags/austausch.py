from django import template
from django.utils.safestring import SafeString, mark_safe

from austausch.web.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Render user-written Markdown, sanitised by nh3 (see austausch.web.markdown)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has cleaned it
