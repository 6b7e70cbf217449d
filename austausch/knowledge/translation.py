"""The practices' and publications' texts in German and English (django-modeltranslation)."""

from modeltranslation.translator import register

from austausch.knowledge.models import Practice, Publication
from austausch.lib.provenance import NOTES
from austausch.lib.translated import Texts


@register(Practice)
class PracticeTexts(Texts):
    fields = ("title", "summary", "body", "results", "lessons_worked", "lessons_failed", *NOTES)


@register(Publication)
class PublicationTexts(Texts):
    fields = ("title", "summary", *NOTES)
