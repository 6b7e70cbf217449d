"""Programmes, meetings and networks in the API: the public read what is published; coordinators add rounds."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from austausch.lib.translated_schema import WithTranslations
from austausch.programmes.models import Meeting, MeetingFile, Network, Programme, Round
from austausch.programmes.services.programmes import add_round
from austausch.registry.models import Municipality
from austausch.web.api_errors import Payload, as_api_errors
from austausch.web.pagination import Page, PageNumber, PageSize, paginate

router = Router(tags=["programmes"])


class ProgrammeFields(WithTranslations):
    slug: str
    name: str
    description: str
    status: str
    starts_on: date | None
    ends_on: date | None
    organiser: str | None
    funders: list[str]
    countries: list[str]
    website: str


class ProgrammeOut(ProgrammeFields):
    @staticmethod
    def resolve_organiser(programme: Programme) -> str | None:
        return str(programme.organiser) if programme.organiser else None

    @staticmethod
    def resolve_funders(programme: Programme) -> list[str]:
        return [str(funder) for funder in programme.funders.all()]


class TownOut(Schema):
    key: str
    name: str


class ProgrammeRoundOut(Schema):
    number: int
    title: str = Field(description="The round's own title; empty where it has none beyond its number.")


class ProgrammeMeetingOut(Schema):
    id: int
    round: int | None = Field(description="The number of the round the meeting belongs to, if any.")
    kind: str
    title: str
    starts_on: date
    ends_on: date
    hosts: list[TownOut]


class ProgrammeTownOut(Schema):
    key: str
    name: str
    country: str
    rounds: list[int] = Field(description="Numbers of the rounds in which the town hosted or sent a delegation.")


class MeetingFileOut(Schema):
    kind: str
    title: str
    caption: str
    content_type: str
    size: int
    url: str

    @staticmethod
    def resolve_url(meeting_file: MeetingFile) -> str:
        return meeting_file.get_absolute_url()


class MeetingOut(WithTranslations):
    id: int
    programme: str | None
    round: int | None
    kind: str
    title: str
    starts_on: date
    ends_on: date
    venue: str
    host_municipalities: list[str]
    delegations: list[str]
    registration_open: bool
    files: list[MeetingFileOut]

    @staticmethod
    def resolve_programme(meeting: Meeting) -> str | None:
        return meeting.programme.slug if meeting.programme else None

    @staticmethod
    def resolve_round(meeting: Meeting) -> int | None:
        return meeting.round.number if meeting.round else None

    @staticmethod
    def resolve_host_municipalities(meeting: Meeting) -> list[str]:
        return [town.key for town in meeting.host_municipalities.all()]

    @staticmethod
    def resolve_delegations(meeting: Meeting) -> list[str]:
        return [delegation.municipality.key for delegation in meeting.delegations.all()]


class NetworkOut(WithTranslations):
    id: int
    name: str
    topic: str
    programme: str | None
    lead: str | None
    members: list[str]

    @staticmethod
    def resolve_programme(network: Network) -> str | None:
        return network.programme.slug if network.programme else None

    @staticmethod
    def resolve_lead(network: Network) -> str | None:
        return next((m.municipality.key for m in network.memberships.all() if m.is_lead), None)

    @staticmethod
    def resolve_members(network: Network) -> list[str]:
        return [membership.municipality.key for membership in network.memberships.all()]


class ProgrammeDetailOut(ProgrammeFields):
    rounds: list[ProgrammeRoundOut]
    meetings: list[ProgrammeMeetingOut]
    towns: list[ProgrammeTownOut] = Field(
        description="Towns that hosted a published meeting, sent a delegation to one, or belong to a network."
    )
    networks: list[NetworkOut]


class RoundIn(Payload):
    title: str = Field("", max_length=200)


class RoundOut(WithTranslations):
    number: int
    title: str


def _programmes() -> QuerySet[Programme]:
    return Programme.objects.public().select_related("organiser").prefetch_related("funders")


def _meetings() -> QuerySet[Meeting]:
    return (
        Meeting.objects.public()
        .select_related("programme", "round")
        .prefetch_related("host_municipalities", "delegations__municipality", "files")
        .order_by("starts_on", "pk")
    )


@router.get("/programmes", response=Page[ProgrammeOut], summary="List published programmes")
def list_programmes(request: HttpRequest, page: PageNumber = 1, page_size: PageSize = 50) -> dict[str, object]:
    return paginate(_programmes(), page=page, page_size=page_size)


@router.get(
    "/programmes/{slug}",
    response=ProgrammeDetailOut,
    summary="One programme with its rounds, meetings, towns and networks",
)
def get_programme(request: HttpRequest, slug: str) -> dict[str, object]:
    programme = _programmes().filter(slug=slug).first()
    if programme is None:
        raise HttpError(404, f"No published programme {slug!r}.")
    return programme_detail(programme)


def programme_detail(programme: Programme) -> dict[str, object]:
    """The programme's published meetings by round, and every town with the rounds it took part in."""
    meetings = list(
        programme.meetings.public()
        .select_related("round")
        .prefetch_related("host_municipalities", "delegations__municipality")
        .order_by("starts_on", "pk")
    )
    networks = list(
        programme.networks.select_related("programme").prefetch_related("memberships__municipality").order_by("pk")
    )
    towns: dict[str, Municipality] = {}
    rounds_of: dict[str, set[int]] = defaultdict(set)
    for meeting in meetings:
        present = [*meeting.host_municipalities.all(), *(d.municipality for d in meeting.delegations.all())]
        for town in present:
            towns[town.key] = town
            if meeting.round:
                rounds_of[town.key].add(meeting.round.number)
    for network in networks:
        for membership in network.memberships.all():
            towns.setdefault(membership.municipality.key, membership.municipality)
    return {
        **ProgrammeOut.from_orm(programme).model_dump(),
        "rounds": [{"number": round_.number, "title": round_.own_title} for round_ in programme.rounds.all()],
        "meetings": [
            {
                "id": meeting.pk,
                "round": meeting.round.number if meeting.round else None,
                "kind": meeting.kind,
                "title": meeting.title,
                "starts_on": meeting.starts_on,
                "ends_on": meeting.ends_on,
                "hosts": [{"key": town.key, "name": town.name} for town in meeting.host_municipalities.all()],
            }
            for meeting in meetings
        ],
        "towns": [
            {"key": town.key, "name": town.name, "country": town.country, "rounds": sorted(rounds_of[town.key])}
            for town in sorted(towns.values(), key=lambda town: (town.country, town.name, town.key))
        ],
        "networks": networks,
    }


@router.post("/programmes/{slug}/rounds", response={201: RoundOut}, auth=django_auth, summary="Add a round")
def post_round(request: HttpRequest, slug: str, payload: RoundIn) -> Status[Round]:
    programme = Programme.objects.visible_to(request.user).filter(slug=slug).first()
    if programme is None:
        raise HttpError(404, f"No programme {slug!r}.")
    with as_api_errors():
        return Status(201, add_round(actor=request.user, programme=programme, title=payload.title))  # type: ignore[arg-type]


@router.get("/meetings", response=Page[MeetingOut], summary="List published meetings")
def list_meetings(
    request: HttpRequest, programme: str = "", town: str = "", page: PageNumber = 1, page_size: PageSize = 50
) -> dict[str, object]:
    meetings = _meetings()
    if programme:
        meetings = meetings.filter(programme__slug=programme)
    if town:
        key = town.upper()
        meetings = meetings.filter(Q(host_municipalities__key=key) | Q(delegations__municipality__key=key)).distinct()
    return paginate(meetings, page=page, page_size=page_size)


@router.get("/meetings/{meeting_id}", response=MeetingOut, summary="One meeting")
def get_meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    meeting = _meetings().filter(pk=meeting_id).first()
    if meeting is None:
        raise HttpError(404, f"No published meeting with the id {meeting_id}.")
    return meeting


@router.get("/networks", response=Page[NetworkOut], summary="List networks of towns")
def list_networks(request: HttpRequest, page: PageNumber = 1, page_size: PageSize = 50) -> dict[str, object]:
    networks = Network.objects.public().select_related("programme").prefetch_related("memberships__municipality")
    return paginate(networks, page=page, page_size=page_size)
