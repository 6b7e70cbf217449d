"""Load the seed programmes (`data`) through the services, idempotently: what exists keeps its identity, and
its texts, dates and notes are brought up to date with `data`."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from austausch.accounts.models import User
from austausch.audit.services import update_audited
from austausch.demo import data
from austausch.demo.texts import as_fields, refresh
from austausch.knowledge.models import Publication, Topic
from austausch.knowledge.services import create_publication
from austausch.organisations.models import Organisation
from austausch.organisations.services import create_organisation
from austausch.programmes.models import Meeting, Network, Programme, Round
from austausch.programmes.services.delegations import add_delegation, add_named_participant
from austausch.programmes.services.meetings import add_session, create_meeting
from austausch.programmes.services.programmes import add_round, create_network, create_programme
from austausch.programmes.services.records import add_cost
from austausch.registry.models import Municipality

DEMO_EMAIL = "demo@austausch.invalid"
REFRESHED = "demo.record.refreshed"


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
    """Create what is missing and refresh what changed; return how many of each (empty on a second run)."""
    towns = {town.key: town for town in Municipality.objects.filter(key__in=data.TOWNS)}
    missing = sorted(set(data.TOWNS) - set(towns))
    if missing:
        raise RegistryMissing("it is empty" if not towns else "missing towns: " + ", ".join(missing))
    actor = demo_actor()
    created: Counter[str] = Counter()
    organisations = _organisations(actor, towns, created)
    for programme_data in data.PROGRAMMES:
        _programme(actor, programme_data, towns, organisations, created)
    presentation = _meeting(actor, None, data.SMART_CITY_PRESENTATION, towns, organisations, created)
    _publication(actor, data.SMART_CITY_STUDY, presentation, created)
    return created


def _organisations(actor: User, towns: dict[str, Municipality], created: Counter[str]) -> dict[str, Organisation]:
    organisations = {}
    for item in data.ORGANISATIONS:
        organisation = Organisation.objects.filter(name=item.name.de).first()
        values = {"name": item.name, "kind": item.kind, "sector": item.sector}
        if organisation is None:
            organisation = create_organisation(
                actor=actor,
                abbreviation=item.abbreviation,
                municipality=towns[item.town] if item.town else None,
                website=item.website,
                **as_fields(Organisation, **values),
            )
            created["organisations"] += 1
        elif refresh(organisation, actor=actor, action=REFRESHED, **values):
            created["organisations refreshed"] += 1
        organisations[item.abbreviation or item.name.de] = organisation
    return organisations


def _programme(
    actor: User,
    programme_data: data.ProgrammeData,
    towns: dict[str, Municipality],
    organisations: dict[str, Organisation],
    created: Counter[str],
) -> None:
    values = {
        "name": programme_data.name,
        "description": programme_data.description,
        "status": programme_data.status,
        "starts_on": programme_data.starts_on,
        "ends_on": programme_data.ends_on,
        "date_precision": programme_data.date_precision,
        "min_population": programme_data.min_population,
        "max_population": programme_data.max_population,
        "source_note": programme_data.source,
        "assumption_note": programme_data.assumption,
    }
    programme = Programme.objects.filter(slug=programme_data.slug).first()
    if programme is None:
        programme = create_programme(
            actor=actor,
            funders=[organisations[funder] for funder in programme_data.funders],
            slug=programme_data.slug,
            organiser=organisations[programme_data.organiser] if programme_data.organiser else None,
            countries=programme_data.countries,
            published=True,
            **as_fields(Programme, **values),
        )
        created["programmes"] += 1
    elif refresh(programme, actor=actor, action=REFRESHED, **values):
        created["programmes refreshed"] += 1
    for number, title in enumerate(programme_data.rounds, start=1):
        round_ = programme.rounds.filter(number=number).first()
        if round_ is None:
            round_ = add_round(actor=actor, programme=programme, title=title.de)
            refresh(round_, actor=actor, action=REFRESHED, title=title)  # its English title
            created["rounds"] += 1
        elif refresh(round_, actor=actor, action=REFRESHED, title=title):
            created["rounds refreshed"] += 1
    for network in programme_data.networks:
        existing = Network.objects.filter(programme=programme, name=network.name.de).first()
        if existing is None:
            existing = _network(actor, programme, network, towns)
            created["networks"] += 1
        refresh(existing, actor=actor, action=REFRESHED, name=network.name, topic=network.topic)
    for meeting in programme_data.meetings:
        _meeting(actor, programme, meeting, towns, organisations, created)


def _network(actor: User, programme: Programme, network: data.NetworkData, towns: dict[str, Municipality]) -> Network:
    return create_network(
        actor=actor,
        programme=programme,
        name=network.name.de,
        topic=network.topic.de,
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
) -> Meeting:
    values = {
        "title": item.title,
        "description": item.description,
        "report": item.report,
        "starts_on": item.starts_on,
        "ends_on": item.ends_on,
        "date_precision": item.date_precision,
        "source_note": item.source,
        "assumption_note": item.assumption,
        # The platform takes registrations for none of the demo's meetings (seed 004's went through the FES).
        "registration_open": False,
        "capacity": None,
    }
    meeting = Meeting.objects.filter(programme=programme, title=item.title.de).first()
    if meeting is None:
        meeting = create_meeting(
            actor=actor,
            programme=programme,
            round=Round.objects.get(programme=programme, number=item.round) if item.round else None,
            host_municipalities=[towns[key] for key in item.hosts],
            kind=item.kind,
            venue=item.venue,
            published=True,
            **as_fields(Meeting, **values),
        )
        created["meetings"] += 1
    elif refresh(meeting, actor=actor, action=REFRESHED, **values):
        created["meetings refreshed"] += 1
    _meeting_records(actor, meeting, item, towns, organisations, created)
    return meeting


def _meeting_records(
    actor: User,
    meeting: Meeting,
    item: data.MeetingData,
    towns: dict[str, Municipality],
    organisations: dict[str, Organisation],
    created: Counter[str],
) -> None:
    """Its delegations, named participants, agenda and costs: what is missing is added."""
    for key in item.delegations:
        if not meeting.delegations.filter(municipality=towns[key]).exists():
            add_delegation(actor=actor, meeting=meeting, municipality=towns[key])
            created["delegations"] += 1
    for person in item.participants:
        delegation = meeting.delegations.get(municipality=towns[person.town])
        if not delegation.participants.filter(public_name=person.name).exists():
            add_named_participant(
                actor=actor,
                delegation=delegation,
                public_name=person.name,
                organisation=organisations[person.organisation],
                role=person.role,
            )
            created["named participants"] += 1
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
    for renamed in meeting.costs.filter(description__in=data.RENAMED_COSTS):
        update_audited(renamed, {"description": data.RENAMED_COSTS[renamed.description]}, actor=actor, action=REFRESHED)
        created["costs refreshed"] += 1
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


def _publication(actor: User, item: data.PublicationData, presentation: Meeting, created: Counter[str]) -> None:
    values = {"title": item.title, "summary": item.summary, "source_note": item.source}
    publication = Publication.objects.filter(title=item.title.de).first()
    if publication is None:
        publication = create_publication(
            actor=actor,
            topics=Topic.objects.filter(slug__in=item.topics),
            publisher=item.publisher,
            language=item.language,
            **as_fields(Publication, **values),
        )
        created["publications"] += 1
    elif refresh(publication, actor=actor, action=REFRESHED, **values):
        created["publications refreshed"] += 1
    if not presentation.publications.filter(pk=publication.pk).exists():
        update_audited(
            presentation,
            {},
            actor=actor,
            action="programmes.meeting.updated",
            many={"publications": [*presentation.publications.all(), publication]},
        )
        created["presentations of publications"] += 1


def _at(day: object, moment: object) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))  # type: ignore[arg-type]
