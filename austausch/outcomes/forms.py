"""Forms for the staff pages. Towns are typed (a key or a name); the services validate against the database."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from austausch.knowledge.models import Practice
from austausch.lib.forms import DATE, TextsInTwoLanguages
from austausch.lib.translated import columns
from austausch.lib.uploads import MAX_FILE_SIZE
from austausch.organisations.models import Organisation
from austausch.outcomes.models import Commitment, CommitmentState, Transfer
from austausch.outcomes.services import COMMITMENT_FIELDS
from austausch.programmes.models import Meeting, Programme

TOWN_HELP = _("A key such as DE-15002000 or a name such as Halle (Saale).")


def _choices(form: forms.BaseForm, user: Any) -> None:
    """Choices a person may see: drafts of programmes and meetings only for their coordinators."""
    fields = form.fields
    if "owner_organisation" in fields:
        fields["owner_organisation"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]
    if "meeting" in fields:
        meetings = Meeting.objects.visible_to(user).order_by("-starts_on", "title")
        fields["meeting"].queryset = meetings  # type: ignore[attr-defined]
    if "programme" in fields:
        fields["programme"].queryset = Programme.objects.visible_to(user).order_by("name")  # type: ignore[attr-defined]
    if "practice" in fields:
        fields["practice"].queryset = Practice.objects.published().order_by("title")  # type: ignore[attr-defined]


class CommitmentForm(TextsInTwoLanguages):
    town = forms.CharField(label=_("town"), max_length=200, help_text=TOWN_HELP)

    class Meta:
        model = Commitment
        # The town is chosen by name or key in its own field above.
        fields = [name for name in COMMITMENT_FIELDS if name != "municipality"]
        widgets = {
            "due_on": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
            "success_indicator": forms.Textarea(attrs={"rows": 2}),
            "dropped_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["town", *columns(Commitment, self.Meta.fields)])
        _choices(self, user)
        self.fields["programme"].help_text = _("Set from the meeting when there is one.")
        self.fields["dropped_reason"].help_text = _("Only when the state is “dropped”.")
        if self.instance.pk:
            # The state has a dated history: it changes through an update.
            del self.fields["state"], self.fields["dropped_reason"]
            self.initial["town"] = self.instance.municipality.key

    def commitment_fields(self) -> dict[str, Any]:
        return self.changes(name for name in self.Meta.fields if name in self.fields or f"{name}_de" in self.fields)

    def _post_clean(self) -> None:
        # The service validates the model.
        pass


class UpdateForm(forms.Form):
    on = forms.DateField(label=_("date"), widget=DATE)
    text = forms.CharField(label=_("what happened"), widget=forms.Textarea(attrs={"rows": 4}), help_text=_("Markdown"))
    new_state = forms.ChoiceField(label=_("new state"), required=False)
    dropped_reason = forms.CharField(
        label=_("reason for dropping it"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the new state is “dropped”."),
    )
    link = forms.URLField(label=_("link"), required=False, assume_scheme="https", max_length=500)
    document = forms.FileField(
        label=_("document"),
        required=False,
        help_text=_("A PDF or a picture, up to %(size)d MB.") % {"size": MAX_FILE_SIZE // (1024 * 1024)},
    )

    def __init__(self, *args: Any, commitment: Commitment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_state"].choices = [  # type: ignore[attr-defined]
            ("", _("no change (now: %(state)s)") % {"state": commitment.get_state_display()}),
            *CommitmentState.choices,
        ]
        self.initial.setdefault("on", timezone.localdate())


class TransferForm(forms.ModelForm):
    town = forms.CharField(label=_("adopting town"), max_length=200, help_text=TOWN_HELP)
    origin_town = forms.CharField(
        label=_("town of origin"),
        max_length=200,
        required=False,
        help_text=_("May stay empty when the practice names a single town."),
    )

    class Meta:
        model = Transfer
        fields = ["practice", "state", "started_on", "changed_on", "adaptations", "meeting", "programme", "published"]
        widgets = {"started_on": DATE, "changed_on": DATE, "adaptations": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["town", "practice", "origin_town", *self.Meta.fields])
        _choices(self, user)
        self.fields["started_on"].required = False
        self.fields["started_on"].help_text = _("Today if left empty.")
        self.fields["changed_on"].required = False
        self.fields["changed_on"].help_text = _("When the current state began; today if the state changes.")
        if self.instance.pk:
            self.initial["town"] = self.instance.municipality.key
            self.initial["origin_town"] = self.instance.origin_municipality.key

    def transfer_fields(self) -> dict[str, Any]:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return {name: value for name, value in fields.items() if value is not None or name in ("meeting", "programme")}

    def _post_clean(self) -> None:
        pass
