"""The forms of an exchange request: asking, answering with dates, a message, a report."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from austausch.exchanges.models import MESSAGE_MAX_LENGTH, ExchangeKind
from austausch.knowledge.models import Topic
from austausch.lib.forms import DATE
from austausch.registry.models import Municipality


class TopicChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.parent.label} › {obj.label}" if obj.parent_id else str(obj.label)


class AskForm(forms.Form):
    kind = forms.ChoiceField(label=_("What do you ask for?"), choices=ExchangeKind.choices, widget=forms.RadioSelect)
    topic = TopicChoice(
        label=_("Topic"),
        queryset=Topic.objects.select_related("parent").order_by("parent__position", "parent_id", "position"),
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What you would like to learn or offer; plain text, at most 5,000 characters."),
    )
    requester_municipality = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("A visit is between two towns: the town you work for."),
    )
    proposed_from = forms.DateField(label=_("Proposed first day"), required=False, widget=DATE)
    proposed_to = forms.DateField(label=_("Proposed last day"), required=False, widget=DATE)
    delegation = forms.CharField(
        label=_("Who would come"),
        max_length=500,
        required=False,
        help_text=_("e.g. the mayor and two people of the IT office"),
    )

    def __init__(self, *args: Any, towns: list[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["requester_municipality"])
        field.queryset = Municipality.objects.filter(pk__in=[town.pk for town in towns]).order_by("name")
        if len(towns) == 1:
            field.initial = towns[0].pk


class ScheduleForm(forms.Form):
    starts_on = forms.DateField(label=_("First day"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), required=False, widget=DATE)


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), max_length=MESSAGE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5})
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this request?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TopicsChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.parent.label} › {obj.label}" if obj.parent_id else str(obj.label)


class ListingForm(forms.Form):
    topics = TopicsChoice(
        label=_("Topics people may ask you about"),
        queryset=Topic.objects.select_related("parent").order_by("parent__position", "parent_id", "position"),
        widget=forms.CheckboxSelectMultiple,
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    languages = forms.CharField(
        label=_("Languages"), max_length=100, required=False, help_text=_("e.g. German, English")
    )
    how_to_reach = forms.CharField(
        label=_("How to reach you"),
        max_length=500,
        required=False,
        help_text=_("Shown to signed-in members. Your e-mail address and phone follow your profile's settings."),
    )
    consent = forms.BooleanField(
        label=_("List me as a person to ask, with what I give here, for signed-in members to see"),
        help_text=_("You can remove yourself at any time."),
    )
