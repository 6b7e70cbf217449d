"""Texts in two languages: what django-modeltranslation stores, and how a page says which language it shows.

Each app names its translated fields in its `translation.py`; a field `title` then has `title_de` and
`title_en` beside it, and reading `title` gives the reader's language, else the other one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.signals import pre_save
from django.utils.translation import get_language
from modeltranslation.translator import TranslationOptions


class OriginalTextLookups:
    """A QuerySet mixin: lookups and ordering see a text as it was written, whatever the reader's language.

    django-modeltranslation rewrites `filter(title=…)` and `order_by("title")` to the active language's
    column, which is empty for a text not yet translated: a record would vanish from a lookup, or sort
    first, depending on who asks. The original column keeps the text as written (see Texts); reading
    `record.title` still gives the reader's language.
    """

    def _post_init(self) -> None:
        # django-modeltranslation's MultilingualQuerySet sets these two (and rewrites Meta.ordering) here.
        self._rewrite = False
        self._populate = None


class Texts(TranslationOptions):
    """An app's translated fields (`fields = (...)`), registered with django-modeltranslation's `register`.

    Before each save the original column takes the text in the record's own language (its `language`
    field, else German), else the other one: lookups and ordering (see OriginalTextLookups) see that one.
    """

    def __init__(self, model: type[models.Model]) -> None:
        super().__init__(model)
        if not issubclass(model._default_manager._queryset_class, OriginalTextLookups):  # type: ignore[attr-defined]
            raise ImproperlyConfigured(
                f"{model.__name__}'s queryset needs OriginalTextLookups to have its texts translated."
            )
        pre_save.connect(_original_in_step, sender=model, dispatch_uid=f"texts:{model._meta.label}")


def translated_fields(model: type[models.Model]) -> set[str]:
    """The fields of `model` kept in both languages (none if it has no translation.py entry)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def page_language_first(first: str | None = None) -> list[str]:
    """The site's language codes, `first` (the active language by default) first."""
    first = (first or get_language() or settings.LANGUAGE_CODE)[:2]
    return sorted((code for code, _ in settings.LANGUAGES), key=lambda code: code != first)


def columns(model: type[models.Model], names: Iterable[str]) -> list[str]:
    """`names` with each translated field as its language columns, the page's language first."""
    translated = translated_fields(model)
    return [
        column
        for name in names
        for column in ([f"{name}_{code}" for code in page_language_first()] if name in translated else [name])
    ]


def with_languages(path: str) -> list[str]:
    """A translated field's path for `only()` across a relation: the original column and each language's."""
    return [path, *(f"{path}_{code}" for code, _ in settings.LANGUAGES)]


def original_language(record: Any) -> str:
    language = getattr(record, "language", "")
    return language if language in {code for code, _ in settings.LANGUAGES} else settings.LANGUAGE_CODE


def _original_in_step(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    for field in translated_fields(sender):
        instance.__dict__[field] = in_language(instance, field, original_language(instance)).value


@dataclass(frozen=True)
class Text:
    """A text as a page shows it: its value, its language, and whether that is the reader's."""

    value: str
    language: str
    is_readers: bool


def in_language(record: Any, field: str, language: str | None = None) -> Text:
    """The text of `field` in `language` (the active one by default), else in the other language."""
    wanted, *others = page_language_first(language)
    for code in (wanted, *others):
        value = getattr(record, f"{field}_{code}", None)
        if value:
            return Text(value, code, code == wanted)
    return Text(record.__dict__.get(field) or "", wanted, True)  # the original column: no language known


def original_into_language(
    app: str, model: str, fields: tuple[str, ...], language_field: str = ""
) -> Callable[..., None]:
    """A data migration's step: copy each field's existing text into the column of the record's language."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        for record in apps.get_model(app, model).objects.all():
            language = getattr(record, language_field, "") if language_field else ""
            language = language if language in {"de", "en"} else "de"
            for field in fields:
                setattr(record, f"{field}_{language}", getattr(record, field))
            record.save(update_fields=[f"{field}_{language}" for field in fields])

    return forwards
