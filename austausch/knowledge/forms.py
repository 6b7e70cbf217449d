from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from austausch.knowledge.models import Practice, PracticeContact, PracticeLink, Topic
from austausch.knowledge.services import PRACTICE_FIELDS, Contact, Link, organisations_editable_by
from austausch.lib.forms import TextsInTwoLanguages
from austausch.lib.translated import columns
from austausch.organisations.models import Organisation
from austausch.registry.models import Municipality
from austausch.registry.search import resolve_municipalities


def _formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class TopicChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, topic: Topic) -> str:
        return f"{topic.parent.label} › {topic.label}" if topic.parent else topic.label


SECTIONS = (
    (_("The practice"), ("title", "summary", "body", "language", "topics")),
    (_("Where and who"), ("towns", "organisations", "partners")),
    (_("Status, dates and money"), ("status", "started_on", "ended_on", "budget_amount", "budget_currency",
                                     "funding_sources")),
    (_("Results and lessons"), ("results", "evidence", "lessons_worked", "lessons_failed")),
    (_("What another town needs to repeat it"), ("transfer_staff", "transfer_budget", "transfer_legal",
                                                 "transfer_data", "transfer_software", "publiccode_url",
                                                 "repository_url")),
    (_("Where this record comes from"), ("source_url", "source_note")),
)  # fmt: skip


class PracticeForm(TextsInTwoLanguages):
    towns = forms.CharField(
        label=_("Towns"),
        help_text=_("Keys (DE-12070424) or names, separated by semicolons."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations behind it"),
        help_text=_("The organisations you edit; their editors may then edit this practice too."),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
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

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in columns(
            Practice,
            (
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
            ),
        ):
            self.fields[name].widget.attrs["rows"] = 3  # fmt: skip
        # Organisations one does not edit stay attached as they are: only their editors add or remove them.
        choices = organisations_editable_by(user)
        attached = list(self.instance.organisations.all()) if self.instance.pk else []
        self.fixed_organisations = [organisation for organisation in attached if organisation not in choices]
        self.has_organisations = choices.exists()
        cast(forms.ModelMultipleChoiceField, self.fields["organisations"]).queryset = choices.order_by("name")
        if self.instance.pk and not self.is_bound:
            self.initial["towns"] = "; ".join(self.instance.municipalities.values_list("key", flat=True))
            self.initial["topics"] = list(self.instance.topics.all())
            self.initial["organisations"] = [organisation.pk for organisation in attached]

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(str(title), [self[name] for name in columns(Practice, names)]) for title, names in SECTIONS]

    def clean_organisations(self) -> list[Organisation]:
        return [*self.cleaned_data["organisations"], *self.fixed_organisations]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("The end cannot be before the start."))
        amount = cleaned.get("budget_amount")
        if amount is not None and amount < 0:
            self.add_error("budget_amount", _("A budget cannot be negative."))
        if amount is not None and not cleaned.get("budget_currency"):
            self.add_error("budget_currency", _("Choose the currency of the budget."))
        return cleaned

    def clean_towns(self) -> list[Municipality]:
        towns = resolve_municipalities(self.cleaned_data["towns"].split(";"))
        if not towns:
            raise forms.ValidationError(_("Name at least one town."))
        return towns


class ContactForm(forms.ModelForm):
    class Meta:
        model = PracticeContact
        fields = ["role", "organisation", "department", "channel"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A contact names an office, which grants nothing: any organisation on the platform will do.
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = Organisation.objects.order_by("name")

    def entry(self) -> Contact:
        data = self.cleaned_data
        return Contact(
            role=data["role"], organisation=data["organisation"], department=data["department"], channel=data["channel"]
        )


class LinkForm(forms.ModelForm):
    class Meta:
        model = PracticeLink
        fields = ["title", "url"]
        formfield_callback = _formfield

    def entry(self) -> Link:
        return Link(title=self.cleaned_data["title"], url=self.cleaned_data["url"])


MAX_ROWS = 20
# Two empty rows each time: without JavaScript, more rows come by saving and editing again.
ContactFormSet = forms.inlineformset_factory(
    Practice, PracticeContact, form=ContactForm, extra=2, max_num=MAX_ROWS, validate_max=True, can_delete_extra=False
)
LinkFormSet = forms.inlineformset_factory(
    Practice, PracticeLink, form=LinkForm, extra=2, max_num=MAX_ROWS, validate_max=True, can_delete_extra=False
)


def entries(formset: forms.BaseInlineFormSet[Any, Any, Any]) -> list[Any]:
    """The rows to keep: filled in and not marked for removal."""
    rows: list[Any] = formset.forms  # ContactForm or LinkForm, each with entry()
    return [form.entry() for form in rows if form.cleaned_data and not form.cleaned_data.get("DELETE")]
