"""The commitments' texts in German and English (django-modeltranslation)."""

from modeltranslation.translator import register

from austausch.lib.translated import Texts
from austausch.outcomes.models import Commitment


@register(Commitment)
class CommitmentTexts(Texts):
    fields = ("title", "description", "success_indicator")
