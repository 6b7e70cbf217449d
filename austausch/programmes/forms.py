"""Forms for the staff and registration pages. Services do the validation that needs the database."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from austausch.lib.forms import DATE, DATETIME, TextsInTwoLanguages
from austausch.lib.uploads import MAX_FILE_SIZE
from austausch.organisations.models import Organisation, Sector
from austausch.programmes.models import AgendaSession, Cost, Delegation, FileKind, Meeting, Programme, Round
from austausch.programmes.services.meetings import MEETING_FIELDS
from austausch.programmes.services.programmes import PROGRAMME_FIELDS

# The programme comes from the page; the questions, the attendance and the report have forms of their own.
NOT_ON_THE_MEETING_FORM = {"programme", "registration_questions", "attendance", "report"}
# Page addresses under /programmes/ that a programme's short name must not hide.
RESERVED_SLUGS = {"new", "network", "mine", "participations", "registration", "meetings"}


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ProgrammeForm(TextsInTwoLanguages):
    funders = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.all(), required=False, label=_("funders"), widget=forms.CheckboxSelectMultiple
    )
    countries = forms.CharField(
        label=_("countries"), required=False, help_text=_("Country codes separated by commas, e.g. DE, US")
    )
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Programme
        fields = [*PROGRAMME_FIELDS, "funders"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Part of the page address; made from the name if left empty.")
        if self.instance.pk:
            self.initial["countries"] = ", ".join(self.instance.countries)

    def clean_countries(self) -> list[str]:
        codes = [code.strip().upper() for code in self.cleaned_data["countries"].split(",") if code.strip()]
        wrong = [code for code in codes if len(code) != 2 or not code.isalpha()]
        if wrong:
            raise ValidationError(_("Not a two-letter country code: %(codes)s") % {"codes": ", ".join(wrong)})
        return codes

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("slug") and self.text("name"):
            data["slug"] = slugify(self.text("name"))[:80]
        if data.get("slug") in RESERVED_SLUGS:
            self.add_error("slug", _("This short name is taken by a page of the platform; please choose another."))
        elif data.get("slug") and Programme.objects.filter(slug=data["slug"]).exclude(pk=self.instance.pk).exists():
            self.add_error("slug", _("Another programme has this short name; please choose another."))
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The programme ends before it starts."))
        return data

    def _post_clean(self) -> None:
        # The service validates the model; the form only checks the fields.
        pass


class RoundForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200, required=False)


class MeetingForm(TextsInTwoLanguages):
    host_municipalities_text = forms.CharField(
        label=_("host towns"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: a key such as DE-15002000 or a name such as Wittenberge."),
    )
    questions_text = forms.CharField(
        label=_("questions for registrants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One question per line; end a line with * to make the answer required."),
    )

    class Meta:
        model = Meeting
        fields = [name for name in MEETING_FIELDS if name not in NOT_ON_THE_MEETING_FORM]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args: Any, programme: Programme | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        round_field: forms.ModelChoiceField = self.fields["round"]  # type: ignore[assignment]
        round_field.queryset = programme.rounds.all() if programme else Round.objects.none()
        if self.instance.pk:
            self.initial["host_municipalities_text"] = "\n".join(
                town.key for town in self.instance.host_municipalities.all()
            )
            self.initial["questions_text"] = "\n".join(
                question["label"] + (" *" if question.get("required") else "")
                for question in self.instance.registration_questions
            )

    def clean_questions_text(self) -> list[dict[str, Any]]:
        questions = []
        for number, line in enumerate(lines(self.cleaned_data["questions_text"]), start=1):
            required = line.endswith("*")
            questions.append({"id": f"q{number}", "label": line.rstrip("* ").strip(), "required": required})
        return questions

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The meeting ends before it starts."))
        if data.get("registration_open") and not data.get("capacity"):
            self.add_error("capacity", _("An open event needs a number of seats."))
        return data

    def _post_clean(self) -> None:
        pass

    def meeting_fields(self) -> dict[str, Any]:
        fields = self.changes(self.Meta.fields)
        fields["registration_questions"] = self.cleaned_data["questions_text"]
        return fields


class SessionForm(forms.ModelForm):
    class Meta:
        model = AgendaSession
        fields = ["kind", "title", "starts_at", "ends_at", "room", "speakers", "language"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}

    def _post_clean(self) -> None:
        pass


class CostForm(forms.ModelForm):
    town_text = forms.CharField(
        label=_("for town"), required=False, help_text=_("Key or name of the town whose share this is, if any.")
    )

    class Meta:
        model = Cost
        fields = ["description", "amount", "currency", "paid_by", "municipality_share"]

    def _post_clean(self) -> None:
        pass


class DelegationForm(forms.Form):
    town = forms.CharField(label=_("town"), help_text=_("A key such as DE-13004000 or a name such as Schwerin."))


class DelegationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.municipality.name)


class InviteForm(forms.Form):
    delegation = DelegationChoiceField(queryset=Delegation.objects.none(), label=_("delegation"))
    email = forms.EmailField(
        label=_("e-mail address"), help_text=_("Someone without an account receives an invitation to sign up.")
    )
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.all(), required=False, label=_("organisation"))
    sector = forms.ChoiceField(choices=[("", "—"), *Sector.choices], required=False, label=_("sector"))
    role = forms.CharField(label=_("role in the delegation"), required=False, max_length=200)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        delegation_field: forms.ModelChoiceField = self.fields["delegation"]  # type: ignore[assignment]
        delegation_field.queryset = meeting.delegations.select_related("municipality").order_by("municipality__name")


class ReportForm(TextsInTwoLanguages):
    """The closing report, on the meeting's manage page."""

    organisations_present = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.order_by("name"),
        required=False,
        label=_("organisations present"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Meeting
        fields = ["attendance", "organisations_present", "report"]

    def _post_clean(self) -> None:
        pass


class FileForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=FileKind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    caption = forms.CharField(
        label=_("description of the picture"),
        max_length=500,
        required=False,
        help_text=_("Required for photos: what the picture shows, for people who cannot see it."),
    )
    upload = forms.FileField(
        label=_("file"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = gettext(
            "A JPEG, PNG or WebP picture or a PDF document, at most %(limit)d MB."
        ) % {"limit": MAX_FILE_SIZE // (1024 * 1024)}


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Your e-mail address"))
    organisation = forms.CharField(label=_("Organisation (optional)"), max_length=200, required=False)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(meeting.registration_questions)
        for question in self.questions:
            self.fields[f"answer_{question['id']}"] = forms.CharField(
                label=question["label"], required=bool(question.get("required")), max_length=1000
            )

    def answers(self) -> dict[str, str]:
        return {question["id"]: self.cleaned_data.get(f"answer_{question['id']}", "") for question in self.questions}
