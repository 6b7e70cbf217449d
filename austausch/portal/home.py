"""What the home page shows: the work done on the platform, from public records only, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, F, IntegerField, Max, Prefetch, Q, QuerySet, Value, When

from austausch.knowledge.models import Practice
from austausch.lib.translated import with_languages
from austausch.outcomes.models import CommitmentUpdate, Transfer
from austausch.programmes.models import Meeting, Programme, ProgrammeStatus
from austausch.registry.models import Municipality

PROGRAMMES_SHOWN = 6
CHANGES_SHOWN = 5
PRACTICES_SHOWN = 4
TOWN_FIELDS = ("id", "key", "name", "country", "state")


@dataclass(frozen=True)
class ProgrammeCard:
    programme: Programme
    # The next meeting, or the last one when none lies ahead; None when the programme has no public meeting.
    meeting: Meeting | None
    upcoming: bool


@dataclass(frozen=True)
class HomePage:
    programmes: list[ProgrammeCard]
    updates: list[CommitmentUpdate]
    transfers: list[Transfer]
    practices: list[Practice]
    town_counts: dict[str, int]


def home_page(today: date) -> HomePage:
    return HomePage(
        programmes=programme_cards(today),
        updates=list(latest_updates()),
        transfers=list(latest_transfers()),
        practices=list(recent_practices()),
        town_counts=dict(Municipality.objects.values_list("country").annotate(total=Count("id")).order_by()),
    )


def programme_cards(today: date) -> list[ProgrammeCard]:
    """Published programmes: running ones first, then planned, then completed; the most recently active first."""
    meetings = (
        Meeting.objects.public()
        .only("id", "programme_id", "kind", "title", "starts_on", "ends_on")
        .prefetch_related(
            Prefetch("host_municipalities", queryset=Municipality.objects.only(*TOWN_FIELDS).order_by("name"))
        )
        .order_by("starts_on", "id")
    )
    programmes = (
        Programme.objects.public()
        .annotate(
            rank=Case(
                When(status=ProgrammeStatus.RUNNING, then=Value(0)),
                When(status=ProgrammeStatus.PLANNED, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            last_met=Max("meetings__starts_on", filter=Q(meetings__published=True)),
        )
        .order_by("rank", F("last_met").desc(nulls_last=True), "name")
        .prefetch_related(Prefetch("meetings", queryset=meetings, to_attr="public_meetings"))
    )
    cards = []
    for programme in programmes[:PROGRAMMES_SHOWN]:
        ahead = [meeting for meeting in programme.public_meetings if meeting.ends_on >= today]
        if ahead:
            cards.append(ProgrammeCard(programme, ahead[0], upcoming=True))
        else:
            last = programme.public_meetings[-1] if programme.public_meetings else None
            cards.append(ProgrammeCard(programme, last, upcoming=False))
    return cards


def latest_updates() -> QuerySet[CommitmentUpdate]:
    return (
        CommitmentUpdate.objects.public()
        .select_related("commitment__municipality")
        .only(
            "id",
            "on",
            "new_state",
            "commitment__id",
            *with_languages("commitment__title"),
            *_town("commitment__municipality__"),
        )
        .order_by("-on", "-id")[:CHANGES_SHOWN]
    )


def latest_transfers() -> QuerySet[Transfer]:
    return (
        Transfer.objects.public()
        .select_related("municipality", "origin_municipality", "practice")
        .only(
            "id",
            "state",
            "changed_on",
            "practice__id",
            *with_languages("practice__title"),
            *_town("municipality__"),
            *_town("origin_municipality__"),
        )
        .order_by("-changed_on", "-id")[:CHANGES_SHOWN]
    )


def recent_practices() -> QuerySet[Practice]:
    return (
        Practice.objects.published()
        .only("id", "title", "summary", "status", "published_at", "updated_at")
        .prefetch_related(Prefetch("municipalities", queryset=Municipality.objects.only(*TOWN_FIELDS).order_by("name")))
        .order_by(F("published_at").desc(nulls_last=True), "-updated_at", "-id")[:PRACTICES_SHOWN]
    )


def _town(prefix: str) -> list[str]:
    return [prefix + name for name in TOWN_FIELDS]
