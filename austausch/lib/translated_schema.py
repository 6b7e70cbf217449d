"""The API's side of texts in two languages (`lib/translated.py`): a schema mixin that answers each text in
both. Apart from `translated.py` so that loading the models does not load ninja and pydantic."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from ninja import Field, Schema

from austausch.lib.translated import translated_fields


class WithTranslations(Schema):
    """An API answer's texts in both languages, beside the same texts in the reader's language (by the
    request's Accept-Language, German by default; the other language where the reader's is missing)."""

    translations: dict[str, dict[str, str]] = Field(
        description='Each text in German ("de") and English ("en"); a text not written in a language is empty.'
    )

    @staticmethod
    def resolve_translations(record: models.Model | dict[str, Any]) -> dict[str, dict[str, str]]:
        if isinstance(record, dict):  # an answer put together from an earlier one
            return dict(record["translations"])
        fields = sorted(translated_fields(type(record)))
        return {
            code: {field: getattr(record, f"{field}_{code}", None) or "" for field in fields}
            for code, _ in settings.LANGUAGES
        }
