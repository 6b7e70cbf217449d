"""Forms of the network builder pages. The services check what needs the database."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from austausch.matching.applicants import MAX_ROWS
from austausch.matching.models import PlanMode
from austausch.matching.services import WEB_TIME_LIMIT, BuilderRules
from austausch.programmes.models import Programme

MAX_UPLOAD = 1024 * 1024


class NewPlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    mode = forms.ChoiceField(
        label=_("What to form"), choices=PlanMode.choices, initial=PlanMode.NETWORKS, widget=forms.RadioSelect
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.none(),
        required=False,
        help_text=_("Accepting the plan creates its networks in this programme. Only its coordinators may accept."),
    )
    applicants_file = forms.FileField(
        label=_("Applicants file (CSV)"),
        required=False,
        help_text=_("Or type the applicants in the rows below. The file's format is described above."),
    )

    def __init__(self, *args: Any, programmes: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if programmes is not None:
            self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]

    def clean_applicants_file(self) -> Any:
        upload = self.cleaned_data.get("applicants_file")
        if upload is not None and upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is larger than 1 MB; a plan takes at most %(rows)s applicants."), params={"rows": MAX_ROWS}
            )
        return upload


class ApplicantRowForm(forms.Form):
    town = forms.CharField(label=_("Town"), max_length=200, required=False, help_text=_("Name or key"))
    topics = forms.CharField(
        label=_("Topics"), max_length=500, required=False, help_text=_("Most wanted first, separated by “;”")
    )
    lead = forms.BooleanField(label=_("Willing to lead"), required=False)
    group = forms.CharField(label=_("Group"), max_length=20, required=False, help_text=_("Pairings: e.g. DE or US"))


ApplicantRowFormSet = forms.formset_factory(ApplicantRowForm, extra=8, max_num=50)


class RulesForm(forms.Form):
    networks = forms.IntegerField(
        label=_("Number of networks"),
        min_value=1,
        max_value=500,
        required=False,
        help_text=_("Or leave empty and give a size range."),
    )
    size_min = forms.IntegerField(label=_("Smallest network"), min_value=2, max_value=100, required=False)
    size_max = forms.IntegerField(label=_("Largest network"), min_value=2, max_value=100, required=False)
    one_per_state = forms.BooleanField(label=_("At most one town per state in a network"), required=False)
    distinct_topics = forms.BooleanField(label=_("Each network has its own topic"), required=False)
    population_min = forms.IntegerField(label=_("Smallest town (inhabitants)"), min_value=0, required=False)
    population_max = forms.IntegerField(label=_("Largest town (inhabitants)"), min_value=0, required=False)
    topic_weight = forms.FloatField(
        label=_("Weight of topic fit"),
        min_value=0,
        max_value=100,
        help_text=_(
            "Against diversity of conditions inside a network (pairings: similarity of conditions), which weighs 1. "
            "2 means topic fit counts twice as much."
        ),
    )
    time_limit = forms.FloatField(
        label=_("Time limit (seconds)"),
        min_value=0.5,
        max_value=WEB_TIME_LIMIT,
        help_text=format_lazy(
            _(
                "At most {limit:g} seconds here, because the page waits for the optimiser. "
                "For longer runs use the command “austausch networks plan”."
            ),
            limit=WEB_TIME_LIMIT,
        ),
    )
    per_town = forms.IntegerField(
        label=_("Partners per town (pairings)"),
        min_value=1,
        max_value=10,
        help_text=_("Each town gets between 1 and this many partners."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("size_min") is None) != (data.get("size_max") is None):
            raise forms.ValidationError(_("Give both the smallest and the largest network size, or neither."))
        low, high = data.get("size_min"), data.get("size_max")
        if low is not None and high is not None and low > high:
            self.add_error("size_max", _("The largest network cannot be smaller than the smallest."))
        low, high = data.get("population_min"), data.get("population_max")
        if low is not None and high is not None and low > high:
            self.add_error("population_max", _("The largest town cannot be smaller than the smallest."))
        return data

    def rules(self) -> BuilderRules:
        data = self.cleaned_data
        return BuilderRules(
            networks=data["networks"],
            size_min=data["size_min"],
            size_max=data["size_max"],
            one_per_state=data["one_per_state"],
            distinct_topics=data["distinct_topics"],
            population_min=data["population_min"],
            population_max=data["population_max"],
            topic_weight=data["topic_weight"],
            time_limit=data["time_limit"],
            per_town=data["per_town"],
        )

    @classmethod
    def initial_for(cls, rules: BuilderRules) -> dict[str, Any]:
        initial = rules.as_dict()
        initial["time_limit"] = min(rules.time_limit, WEB_TIME_LIMIT)
        return initial


class ConstraintForm(forms.Form):
    ACTIONS = (("pin", _("pin")), ("forbid", _("forbid")))

    action = forms.ChoiceField(choices=ACTIONS)
    town = forms.CharField(max_length=16)
    network = forms.IntegerField(min_value=1, required=False)
    partner = forms.CharField(max_length=16, required=False)
