"""The programmes' texts in German and English (django-modeltranslation)."""

from modeltranslation.translator import register

from austausch.lib.provenance import NOTES
from austausch.lib.translated import Texts
from austausch.programmes.models import Meeting, Network, Programme, Round


@register(Programme)
class ProgrammeTexts(Texts):
    fields = ("name", "description", *NOTES)


@register(Round)
class RoundTexts(Texts):
    fields = ("title",)


@register(Meeting)
class MeetingTexts(Texts):
    fields = ("title", "description", "report", *NOTES)


@register(Network)
class NetworkTexts(Texts):
    fields = ("name", "topic")
