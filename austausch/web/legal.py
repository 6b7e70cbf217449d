"""The pages German public bodies must publish: imprint (DDG § 5), privacy statement (GDPR Art. 13) and
accessibility statement (BITV 2.0 § 7). The operator writes their text, in Markdown, per language, in the
environment (or settings): AUSTAUSCH_IMPRINT_DE, AUSTAUSCH_IMPRINT_EN, AUSTAUSCH_PRIVACY_DE, …, and the
address for accessibility feedback in AUSTAUSCH_ACCESSIBILITY_CONTACT."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGE_CODES = ("de", "en")
CONTACT_SETTING = "AUSTAUSCH_ACCESSIBILITY_CONTACT"


@dataclass(frozen=True)
class LegalPage:
    setting: str
    url_name: str
    title: Promise


PAGES = (
    LegalPage("AUSTAUSCH_IMPRINT", "legal-imprint", _("Imprint")),
    LegalPage("AUSTAUSCH_PRIVACY", "legal-privacy", _("Privacy statement")),
    LegalPage("AUSTAUSCH_ACCESSIBILITY", "legal-accessibility", _("Accessibility statement")),
)


def configured(name: str) -> str:
    """A setting's value, else the environment variable of the same name, else empty."""
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, "")
    return str(value).strip()


def text_of(page: LegalPage, language: str) -> str:
    """The operator's text in `language`, falling back to the other language rather than to nothing."""
    for code in (language, *LANGUAGE_CODES):
        text = configured(f"{page.setting}_{code.upper()}")
        if text:
            return text
    return ""


def legal_view(page: LegalPage) -> Callable[[HttpRequest], HttpResponse]:
    def view(request: HttpRequest) -> HttpResponse:
        from austausch.web.markdown import render_markdown  # markdown-it loads with a page, not at every start

        text = text_of(page, (get_language() or settings.LANGUAGE_CODE)[:2])
        context = {
            "page": page,
            "body": render_markdown(text) if text else "",
            "contact": configured(CONTACT_SETTING) if page.url_name == "legal-accessibility" else "",
            "accessibility": page.url_name == "legal-accessibility",
        }
        return render(request, "web/legal.html", context)

    view.__name__ = page.url_name.replace("-", "_")
    return view


urlpatterns = [
    path("imprint/", legal_view(PAGES[0]), name="legal-imprint"),
    path("privacy/", legal_view(PAGES[1]), name="legal-privacy"),
    path("accessibility/", legal_view(PAGES[2]), name="legal-accessibility"),
]


@register(deploy=True)
def check_legal_texts(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    """Warn on deployment while a legal text, in either language, or the feedback address is missing."""
    missing = [f"{page.setting}_{code.upper()}" for page in PAGES for code in LANGUAGE_CODES]
    missing = [name for name in missing if not configured(name)]
    if not configured(CONTACT_SETTING):
        missing.append(CONTACT_SETTING)
    if not missing:
        return []
    return [
        Warning(
            "Legal pages without the operator's text: " + ", ".join(missing) + ".",
            hint="Set them (Markdown) in the environment; German public bodies must publish an imprint, "
            "a privacy statement and an accessibility statement with a feedback address.",
            id="austausch.W001",
        )
    ]
