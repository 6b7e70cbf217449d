"""Load the seed programmes (`data`) through the services, idempotently: what exists is left alone."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from austausch.accounts.models import User
from austausch.demo import data
from austausch.organisations.models import Organisation
from austausch.organisations.services import create_organisation
from austausch.programmes.models import Meeting, Network, Programme, Round
from austausch.programmes.services.delegations import add_delegation
from austausch.programmes.services.meetings import add_session, create_meeting
from austausch.programmes.services.programmes import add_round, create_network, create_programme
from austausch.programmes.services.records import add_cost
from austausch.registry.models import Municipality

DEMO_EMAIL = "demo@austausch.invalid"


class RegistryMissing(Exception):
    """The towns of the demo are not in the registry: run `austausch registry import` first."""


def demo_actor() -> User:
    """The account the demo's writes are audited under. It has no password, so nobody can sign in as it."""
    actor = User.objects.filter(email=DEMO_EMAIL).first()
    if actor is None:
        actor = User.objects.create_superuser(DEMO_EMAIL, None, name="Austausch demo")
    return actor


@transaction.atomic
def load_demo() -> Counter[str]:
    """Create what is missing; return how many of each kind were created (empty on a second run)."""
    towns = {town.key: town for town in Municipality.objects.filter(key__in=data.TOWNS)}
    missing = sorted(set(data.TOWNS) - set(towns))
    if missing:
        raise RegistryMissing("it is empty" if not towns else "missing towns: " + ", ".join(missing))
    actor = demo_actor()
    created: Counter[str] = Counter()
    organisations = _organisations(actor, towns, created)
    for programme_data in data.PROGRAMMES:
        _programme(actor, programme_data, towns, organisations, created)
    _meeting(actor, None, data.SMART_CITY_PRESENTATION, towns, organisations, created)
    return created


def _organisations(actor: User, towns: dict[str, Municipality], created: Counter[str]) -> dict[str, Organisation]:
    organisations = {}
    for item in data.ORGANISATIONS:
        organisation = Organisation.objects.filter(name=item.name).first()
        if organisation is None:
            organisation = create_organisation(
                actor=actor,
                name=item.name,
                abbreviation=item.abbreviation,
                kind=item.kind,
                sector=item.sector,
                municipality=towns[item.town] if item.town else None,
                website=item.website,
            )
            created["organisations"] += 1
        organisations[item.abbreviation or item.name] = organisation
    return organisations


def _programme(
    actor: User,
    programme_data: data.ProgrammeData,
    towns: dict[str, Municipality],
    organisations: dict[str, Organisation],
    created: Counter[str],
) -> None:
    programme = Programme.objects.filter(slug=programme_data.slug).first()
    if programme is None:
        programme = create_programme(
            actor=actor,
            funders=[organisations[funder] for funder in programme_data.funders],
            slug=programme_data.slug,
            name=programme_data.name,
            description=programme_data.description,
            organiser=organisations[programme_data.organiser] if programme_data.organiser else None,
            countries=programme_data.countries,
            status=programme_data.status,
            starts_on=programme_data.starts_on,
            ends_on=programme_data.ends_on,
            min_population=programme_data.min_population,
            max_population=programme_data.max_population,
            published=True,
        )
        created["programmes"] += 1
    for number, title in enumerate(programme_data.rounds, start=1):
        if not programme.rounds.filter(number=number).exists():
            add_round(actor=actor, programme=programme, title=title)
            created["rounds"] += 1
    for network in programme_data.networks:
        if not Network.objects.filter(programme=programme, name=network.name).exists():
            _network(actor, programme, network, towns)
            created["networks"] += 1
    for meeting in programme_data.meetings:
        _meeting(actor, programme, meeting, towns, organisations, created)


def _network(actor: User, programme: Programme, network: data.NetworkData, towns: dict[str, Municipality]) -> None:
    create_network(
        actor=actor,
        programme=programme,
        name=network.name,
        topic=network.topic,
        lead=towns[network.lead] if network.lead else None,
        partners=[towns[key] for key in network.partners],
    )


def _meeting(
    actor: User,
    programme: Programme | None,
    item: data.MeetingData,
    towns: dict[str, Municipality],
    organisations: dict[str, Organisation],
    created: Counter[str],
) -> None:
    meeting = Meeting.objects.filter(programme=programme, title=item.title).first()
    if meeting is None:
        meeting = create_meeting(
            actor=actor,
            programme=programme,
            round=Round.objects.get(programme=programme, number=item.round) if item.round else None,
            host_municipalities=[towns[key] for key in item.hosts],
            kind=item.kind,
            title=item.title,
            description=item.description,
            starts_on=item.starts_on,
            ends_on=item.ends_on,
            venue=item.venue,
            published=True,
            registration_open=item.registration_open,
            capacity=item.capacity,
            registration_questions=item.questions,
            report=item.report,
            attendance=item.attendance,
        )
        created["meetings"] += 1
    for key in item.delegations:
        if not meeting.delegations.filter(municipality=towns[key]).exists():
            add_delegation(actor=actor, meeting=meeting, municipality=towns[key])
            created["delegations"] += 1
    for session in item.sessions:
        if not meeting.sessions.filter(title=session.title).exists():
            add_session(
                actor=actor,
                meeting=meeting,
                kind=session.kind,
                title=session.title,
                starts_at=_at(session.day, session.starts),
                ends_at=_at(session.day, session.ends),
                room=session.room,
                speakers=session.speakers,
                language=session.language,
            )
            created["agenda sessions"] += 1
    for cost in item.costs:
        if not meeting.costs.filter(description=cost.description).exists():
            add_cost(
                actor=actor,
                meeting=meeting,
                description=cost.description,
                amount=cost.amount,
                currency=cost.currency,
                paid_by=organisations[cost.paid_by] if cost.paid_by else None,
                municipality=towns[cost.municipality] if cost.municipality else None,
                municipality_share=cost.municipality_share,
            )
            created["costs"] += 1


def _at(day: object, moment: object) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))  # type: ignore[arg-type]
