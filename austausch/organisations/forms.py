from django import forms
from django.utils.translation import gettext_lazy as _

from austausch.lib.forms import TextsInTwoLanguages
from austausch.organisations.models import Organisation


class OrganisationForm(TextsInTwoLanguages):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name", "abbreviation", "kind", "sector", "website", "description"]
