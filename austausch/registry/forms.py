"""Town editors' forms for their town's partnerships."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from austausch.registry.models import Municipality, PartnershipKind, PartnershipStatus
from austausch.registry.search import resolve_municipality
from austausch.registry.twinning_data import FIRST_YEAR

COUNTRY = re.compile(r"^[A-Za-z]{2}$")


class PartnershipForm(forms.Form):
    """Kind, year and status: what an editor corrects on any partnership, and ends it by its status."""

    kind = forms.ChoiceField(label=_("Kind"), choices=PartnershipKind.choices)
    since = forms.IntegerField(
        label=_("Since (year)"), required=False, min_value=FIRST_YEAR, help_text=_("The year it began, if known.")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=PartnershipStatus.choices,
        help_text=_("Dormant: still agreed, but nothing happens. Ended: no longer in force."),
    )

    def clean_since(self) -> int | None:
        since: int | None = self.cleaned_data["since"]
        if since is not None and since > date.today().year:
            raise ValidationError(_("The year lies in the future."))
        return since


class NewPartnershipForm(PartnershipForm):
    """A new partnership of `municipality`: with a town of the registry, or with a place outside it."""

    partner_town = forms.CharField(
        label=_("Partner town in the registry"),
        required=False,
        max_length=200,
        help_text=_("Name or key of a German or US town, e.g. Elmshorn or DE-01056015."),
    )
    partner_name = forms.CharField(
        label=_("Or a partner place outside the registry"),
        required=False,
        max_length=200,
        help_text=_("A town abroad, or a district or county, e.g. Grenoble."),
    )
    partner_country = forms.CharField(
        label=_("Its country"),
        required=False,
        max_length=2,
        help_text=_("The two-letter code, e.g. FR for France."),
    )
    field_order = ["partner_town", "partner_name", "partner_country", "kind", "since", "status"]

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality

    def clean_partner_town(self) -> Municipality | None:
        text = self.cleaned_data["partner_town"].strip()
        if not text:
            return None
        town = resolve_municipality(text)  # its ValidationError names the town or lists the candidates
        if town.pk == self.municipality.pk:
            raise ValidationError(_("A town cannot be its own partner."))
        return town

    def clean_partner_country(self) -> str:
        country: str = self.cleaned_data["partner_country"].strip()
        if country and not COUNTRY.match(country):
            raise ValidationError(_("Give the two-letter country code, e.g. FR."))
        return country.upper()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        town, name = cleaned.get("partner_town"), cleaned.get("partner_name", "").strip()
        if "partner_town" in self.errors:
            return cleaned
        if town is None and not name:
            self.add_error("partner_town", _("Name the partner: a town of the registry or a place outside it."))
        elif town is not None and name:
            self.add_error("partner_name", _("Name one partner: a town of the registry or a place outside it."))
        elif name and not cleaned.get("partner_country") and "partner_country" not in self.errors:
            self.add_error("partner_country", _("Give the country of the partner place."))
        return cleaned
