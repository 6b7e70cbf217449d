from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from austausch.knowledge.models import Practice, Topic
from austausch.knowledge.services import PRACTICE_FIELDS
from austausch.registry.models import Municipality
from austausch.registry.search import AmbiguousName, resolve_municipality


def _formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class TopicChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, topic: Topic) -> str:
        return f"{topic.parent.label} › {topic.label}" if topic.parent else topic.label


class PracticeForm(forms.ModelForm):
    towns = forms.CharField(
        label=_("Towns"),
        help_text=_("Keys (DE-12070424) or names, separated by semicolons."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    topics = TopicChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.select_related("parent").order_by("parent__position", "position"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Practice
        fields = list(PRACTICE_FIELDS)
        formfield_callback = _formfield
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ended_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in (
            "funding_sources",
            "partners",
            "results",
            "evidence",
            "lessons_worked",
            "lessons_failed",
            "transfer_staff",
            "transfer_budget",
            "transfer_legal",
            "transfer_data",
            "transfer_software",
        ):
            self.fields[name].widget.attrs["rows"] = 3  # fmt: skip
        if self.instance.pk and not self.is_bound:
            self.initial["towns"] = "; ".join(self.instance.municipalities.values_list("key", flat=True))
            self.initial["topics"] = list(self.instance.topics.all())

    def clean_towns(self) -> list[Municipality]:
        towns: list[Municipality] = []
        errors: list[str] = []
        for text in [part.strip() for part in self.cleaned_data["towns"].split(";") if part.strip()]:
            try:
                town = resolve_municipality(text)
            except AmbiguousName as ambiguous:
                candidates = ", ".join(f"{candidate.key} ({candidate.state})" for candidate in ambiguous.candidates[:8])
                errors.append(
                    str(_("“%(name)s” is ambiguous; give a key: %(keys)s")) % {"name": text, "keys": candidates}
                )
                continue
            if town is None:
                errors.append(str(_("We know no town “%(name)s”.")) % {"name": text})
            elif town not in towns:
                towns.append(town)
        if errors:
            raise forms.ValidationError(errors)
        if not towns:
            raise forms.ValidationError(_("Name at least one town."))
        return towns
