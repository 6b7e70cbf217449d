"""The organisations' texts in German and English (django-modeltranslation)."""

from modeltranslation.translator import register

from austausch.lib.translated import Texts
from austausch.organisations.models import Organisation


@register(Organisation)
class OrganisationTexts(Texts):
    fields = ("name", "description")
