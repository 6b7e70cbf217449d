"""What every app's forms share: the date widgets, a service's errors put onto a form, texts in two languages."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from austausch.lib.translated import columns, page_language_first, translated_fields

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def apply_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError onto the form's fields; fields the form lacks go to the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class TextsInTwoLanguages(forms.ModelForm):
    """A model form whose translated texts (see each app's translation.py) have a field per language.

    `title` becomes "Title (Deutsch)" and "Title (English)", the page's language first; a required text
    needs at least one of them. `changes(names)` gives the cleaned values under the model's names, with
    each translated text as its two columns (`title_de`, `title_en`), ready for a service.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.required_texts: list[str] = []
        fields: dict[str, forms.Field] = {}
        for name, field in self.fields.items():
            if name not in translated_fields(self._meta.model):
                fields[name] = field
                continue
            if field.required:
                self.required_texts.append(name)
            for code in page_language_first():
                column = f"{name}_{code}"
                fields[column] = copy.deepcopy(field)
                fields[column].required = False
                fields[column].label = f"{field.label} ({get_language_info(code)['name_local']})"
                fields[column].widget.attrs["lang"] = code
                self.initial[column] = getattr(self.instance, column, None) or ""
        self.fields = fields

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in self.required_texts:
            if not any(data.get(f"{name}_{code}") for code in page_language_first()):
                self.add_error(f"{name}_{page_language_first()[0]}", _("Write it in at least one language."))
        return data

    def text(self, name: str) -> str:
        """A cleaned text in the page's language, else in the other one."""
        return next((value for code in page_language_first() if (value := self.cleaned_data.get(f"{name}_{code}"))), "")

    def changes(self, names: Iterable[str]) -> dict[str, Any]:
        return {column: self.cleaned_data[column] for column in columns(self._meta.model, names)}
