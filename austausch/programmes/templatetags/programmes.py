"""`{% exchange_history municipality %}`: a town's exchanges by year, for the registry's town page.

A template tag keeps the registry free of imports from this app.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import template
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext

from austausch.programmes.models import Delegation, Meeting
from austausch.registry.models import Municipality

register = template.Library()


@dataclass
class HistoryEntry:
    meeting: Meeting
    hosted: bool
    hosts: list[Municipality]  # the other hosts
    partners: list[Municipality]  # the other visiting towns


@dataclass
class HistoryYear:
    year: int
    entries: list[HistoryEntry] = field(default_factory=list)


def exchange_history_of(town: Municipality) -> list[HistoryYear]:
    meetings = list(
        Meeting.objects.public()
        .filter(Q(host_municipalities=town) | Q(delegations__municipality=town))
        .distinct()
        .select_related("programme")
        .prefetch_related("host_municipalities")
        .order_by("starts_on")
    )
    delegates: dict[int, list[Municipality]] = defaultdict(list)
    for delegation in Delegation.objects.filter(meeting__in=meetings).select_related("municipality"):
        delegates[delegation.meeting_id].append(delegation.municipality)
    years: dict[int, HistoryYear] = {}
    for meeting in meetings:
        hosts = list(meeting.host_municipalities.all())
        hosted = town in hosts
        # Co-hosts and visitors apart: a town that hosted did so with the other hosts, not with its visitors.
        others = {other for other in delegates[meeting.pk] if other != town}
        year = years.setdefault(meeting.starts_on.year, HistoryYear(meeting.starts_on.year))
        year.entries.append(
            HistoryEntry(
                meeting=meeting,
                hosted=hosted,
                hosts=[host for host in hosts if host != town],
                partners=sorted(others, key=lambda other: other.name),
            )
        )
    return list(years.values())


# How a date reads at each precision, in the page's language: a day, only its month, only its year.
PRECISION_FORMATS = {"day": "DATE_FORMAT", "month": "YEAR_MONTH_FORMAT", "year": "Y"}


@register.simple_tag
def period(first: date | None, last: date | None, precision: str = "day") -> str:
    """A date range in the reader's format, as exact as its source: "June 3, 2019 – June 7, 2019", "June 2019",
    "2019 – 2023", one day, an open end ("from 2019"), or a dash."""
    pattern = PRECISION_FORMATS.get(precision, PRECISION_FORMATS["day"])
    shown = [formats.date_format(day, pattern) for day in (first, last) if day]
    if first and last:
        return shown[0] if shown[0] == shown[1] else f"{shown[0]} – {shown[1]}"
    if first:
        return gettext("from %(date)s") % {"date": shown[0]}
    if last:
        return gettext("until %(date)s") % {"date": shown[0]}
    return "–"


@register.inclusion_tag("programmes/_exchange_history.html")
def exchange_history(municipality: Municipality) -> dict[str, Any]:
    return {"municipality": municipality, "years": exchange_history_of(municipality)}
