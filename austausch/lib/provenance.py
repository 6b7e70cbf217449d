"""Where a record comes from and how exact its dates are: the same two fields on every model that tells a story.

`source_note` names the source (for the demo: the seed text and its sentence); `assumption_note` says what the
record assumes beyond it. Pages show both in one "about this example" note, the assumption under a badge, so
that neither has to be written into the public text.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# The two notes, translated like the texts they stand beside.
NOTES = ("source_note", "assumption_note")


def source_note_field() -> models.CharField[str, str]:
    return models.CharField(
        _("provenance"), max_length=300, blank=True, help_text=_("e.g. press release of 18 November 2022")
    )


def assumption_note_field() -> models.CharField[str, str]:
    return models.CharField(
        _("assumption"),
        max_length=300,
        blank=True,
        help_text=_("What this record assumes beyond its source; shown with an “assumption” badge."),
    )


class DatePrecision(models.TextChoices):
    """How much of a date the source gives: the day, only the month, or only the year."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


def date_precision_field() -> models.CharField[str, str]:
    return models.CharField(
        _("how exact the dates are"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("When the source gives only a month or a year, the pages show only that."),
    )
