from __future__ import annotations

import datetime
import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from austausch.knowledge.models import Status, Topic
from austausch.organisations.models import OrganisationKind, Sector
from austausch.programmes.models import MeetingKind
from austausch.radar.models import Fact, FactKind
from austausch.radar.services.recording import meeting_kind
from austausch.radar.services.reviewing import ADDABLE
from austausch.registry.models import Municipality
from austausch.registry.search import resolve_municipality


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in files if file]


class UploadForm(forms.Form):
    text = forms.CharField(
        label=_("Paste a text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("A press release or news article, as copied from the web page."),
    )
    uploads = MultipleFileField(
        label=_("Or upload files"),
        required=False,
        # An empty file is reported by the radar, with the other files' results.
        allow_empty_file=True,
        help_text=_("Plain text, HTML, or a ZIP archive of them; up to 5 MB each. You may choose several."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not (cleaned.get("text") or "").strip() and not cleaned.get("uploads"):
            raise ValidationError(_("Please paste a text or choose at least one file."))
        return cleaned


ROLE_CHOICES = [
    ("host", _("Host")),
    ("participant", _("Participant")),
    ("visitor", _("Visitor")),
    ("mentioned", _("Mentioned")),
]


def town_key(text: str, field: str) -> str:
    """A key or name typed by the reviewer, as the key of exactly one town of the registry."""
    return resolve_municipality(text).key


class FactForm(forms.Form):
    """Correcting a fact: the fields of its value. `initial_for` fills them from the fact."""

    def __init__(self, *args: Any, fact: Fact, **kwargs: Any) -> None:
        kwargs.setdefault("initial", self.initial_for(fact))
        kwargs.setdefault("prefix", f"fact-{fact.pk}")
        super().__init__(*args, **kwargs)
        self.fact = fact

    def initial_for(self, fact: Fact) -> dict[str, Any]:
        return {name: fact.value.get(name, "") for name in self.base_fields}

    def value(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class TownForm(FactForm):
    town = forms.CharField(label=_("Town"), max_length=200, help_text=_("A key such as DE-15002000, or a name."))
    role = forms.ChoiceField(label=_("Role in the text"), choices=ROLE_CHOICES)

    def initial_for(self, fact: Fact) -> dict[str, Any]:
        return {"town": fact.value.get("key", ""), "role": fact.value.get("role") or "mentioned"}

    def clean_town(self) -> str:
        return town_key(self.cleaned_data["town"], "town")

    def value(self) -> dict[str, Any]:
        town = Municipality.objects.get(key=self.cleaned_data["town"])
        return {"key": town.key, "name": town.name, "role": self.cleaned_data["role"]}


def iso_date(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    if re.fullmatch(r"--\d\d-\d\d", text):
        return text
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValidationError(_("Please give the date as YYYY-MM-DD, e.g. 2023-04-24.")) from None


class EventForm(FactForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("Left empty, the kind and the host towns make the title."))  # fmt: skip
    start = forms.CharField(label=_("First day"), max_length=10, help_text=_("YYYY-MM-DD"))
    end = forms.CharField(label=_("Last day"), max_length=10, required=False, help_text=_("YYYY-MM-DD"))
    place = forms.CharField(
        label=_("Place"), max_length=200, required=False, help_text=_("The host town: a key or a name.")
    )

    def initial_for(self, fact: Fact) -> dict[str, Any]:
        value = fact.value
        return {
            "kind": meeting_kind(value.get("kind", "")),
            "title": value.get("title", ""),
            "start": value.get("start", ""),
            "end": value.get("end", ""),
            "place": value.get("place_key", ""),
        }

    def clean_start(self) -> str:
        return iso_date(self.cleaned_data["start"])

    def clean_end(self) -> str:
        return iso_date(self.cleaned_data["end"])

    def clean_place(self) -> str:
        place = self.cleaned_data["place"].strip()
        return town_key(place, "place") if place else ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and not start.startswith("--") and not end.startswith("--") and end < start:
            self.add_error("end", _("The last day lies before the first."))
        return cleaned

    def value(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"].strip(),
            "start": data["start"],
            "end": data["end"] or data["start"],
            "place_key": data["place"],
        }


class ProgrammeForm(FactForm):
    name = forms.CharField(label=_("Name"), max_length=200)


class OrganisationForm(FactForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    abbreviation = forms.CharField(label=_("Abbreviation"), max_length=30, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *OrganisationKind.choices], required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=[("", "—"), *Sector.choices], required=False)
    town = forms.CharField(label=_("Town"), max_length=200, required=False,
                           help_text=_("Where it is based, if it belongs to one town: a key or a name."))  # fmt: skip

    def clean_town(self) -> str:
        town = self.cleaned_data["town"].strip()
        return town_key(town, "town") if town else ""


class PersonForm(FactForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)


class TopicForm(FactForm):
    slug = forms.ChoiceField(label=_("Topic"), choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["slug"]).choices = [
            (topic.slug, topic.label) for topic in Topic.objects.all()
        ]

    def value(self) -> dict[str, Any]:
        topic = Topic.objects.get(slug=self.cleaned_data["slug"])
        return {"slug": topic.slug, "label": topic.label}


class PracticeForm(FactForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=1000, widget=forms.Textarea(attrs={"rows": 5}))
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)


class PublicationForm(FactForm):
    title = forms.CharField(label=_("Title"), max_length=300)


FORMS: dict[str, type[FactForm]] = {
    FactKind.MUNICIPALITY: TownForm,
    FactKind.EVENT: EventForm,
    FactKind.PROGRAMME: ProgrammeForm,
    FactKind.ORGANISATION: OrganisationForm,
    FactKind.PERSON: PersonForm,
    FactKind.TOPIC: TopicForm,
    FactKind.PRACTICE: PracticeForm,
    FactKind.PUBLICATION: PublicationForm,
}


def fact_form(fact: Fact, data: Any = None) -> FactForm:
    return FORMS[fact.kind](data, fact=fact)


class AddFactForm(forms.Form):
    """A fact the radar missed: the words of the text that name it, what kind of fact it is, and (when the
    words say it otherwise) what they stand for."""

    quote = forms.CharField(
        label=_("Words in the text"),
        max_length=500,
        help_text=_("Select them in the text, or type or paste them exactly as the text writes them."),
    )
    kind = forms.ChoiceField(label=_("Kind of fact"), choices=[(kind.value, kind.label) for kind in ADDABLE])
    name = forms.CharField(
        label=_("Stands for (optional)"),
        required=False,
        max_length=200,
        help_text=_("The name of the programme or organisation, or the town's key, when the words differ from it."),
    )
