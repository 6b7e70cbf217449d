from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info

from austausch.lib.translated import in_language
from austausch.web.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Render user-written Markdown, sanitised by nh3 (see austausch.web.markdown)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has cleaned it


@register.simple_tag
def text(record: Any, field: str, *, markdown: bool = False) -> SafeString:
    """A record's text in the reader's language; else the other one, marked with its `lang` and its name.

    `{% text programme "name" %}` for a line, `{% text programme "description" markdown=True %}` for a
    Markdown body (rendered in a `prose` block).
    """
    shown = in_language(record, field)
    if markdown:
        body = render_markdown(shown.value)
        if shown.is_readers:
            return format_html('<div class="prose">{}</div>', mark_safe(body))  # noqa: S308 - nh3 has cleaned it
        return format_html(
            '<div class="prose" lang="{}">{}</div><p class="text-language">({})</p>',
            shown.language,
            mark_safe(body),  # noqa: S308 - nh3 has cleaned it
            get_language_info(shown.language)["name_local"],
        )
    if shown.is_readers:
        return format_html("{}", shown.value)
    return format_html(
        '<span lang="{}">{}</span> <span class="text-language">({})</span>',
        shown.language,
        shown.value,
        get_language_info(shown.language)["name_local"],
    )
