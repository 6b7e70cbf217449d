"""The commitments' texts in German and English (django-modeltranslation)."""

from modeltranslation.translator import register

from austausch.lib.provenance import NOTES
from austausch.lib.translated import Texts
from austausch.outcomes.models import Commitment, Transfer


@register(Commitment)
class CommitmentTexts(Texts):
    fields = ("title", "description", "success_indicator", *NOTES)


@register(Transfer)
class TransferTexts(Texts):
    fields = NOTES
