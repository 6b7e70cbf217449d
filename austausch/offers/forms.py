from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from austausch.knowledge.models import Topic


class TopicChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.parent.label} › {obj.label}" if obj.parent_id else str(obj.label)


def _topics() -> Any:
    return Topic.objects.select_related("parent").order_by("parent__position", "parent_id", "position")


class InterestsForm(forms.Form):
    offers = TopicChoices(
        label=_("We can share experience in"),
        queryset=_topics(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Published practices count as offers by themselves."),
    )
    seeks = TopicChoices(
        label=_("We are looking for experience in"),
        queryset=_topics(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
