from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from austausch.accounts.models import User
from austausch.programmes.models import Meeting, MeetingKind, Programme
from austausch.programmes.services.meetings import create_meeting
from austausch.programmes.services.programmes import create_programme
from austausch.registry.models import Municipality


@pytest.fixture(autouse=True)
def fresh_page_cache() -> None:
    """Town pages are cached per process; each test starts without what an earlier one rendered."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def coordinator(db: None) -> User:
    return User.objects.create_user(
        "coordinator@example.org", "a long enough passphrase 42", name="Cora", is_staff=True
    )


@pytest.fixture
def programme(coordinator: User, registry_sample: frozenset[str]) -> Programme:
    return create_programme(actor=coordinator, name="Transatlantic Cities of Tomorrow", slug="tcot", published=True)


@pytest.fixture
def open_event(coordinator: User, registry_sample: frozenset[str]) -> Meeting:
    """A public presentation with three seats, next month."""
    first = timezone.localdate() + timedelta(days=30)
    return create_meeting(
        actor=coordinator,
        host_municipalities=[Municipality.objects.get(key="DE-06411000")],
        kind=MeetingKind.PRESENTATION,
        title="Smart City in der sozialen Stadt",
        starts_on=first,
        ends_on=first,
        published=True,
        registration_open=True,
        capacity=3,
    )


def days_from_now(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


PASSWORD = "a long enough passphrase 42"


@pytest.fixture
def participant(db: None) -> User:
    return User.objects.create_user("pia@example.org", PASSWORD, name="Pia Participant", phone="+49 345 1234")


@pytest.fixture
def outsider(db: None) -> User:
    return User.objects.create_user("otto@example.org", PASSWORD, name="Otto Outsider")


@pytest.fixture
def visit(coordinator: User, programme: Programme, participant: User) -> Meeting:
    """A published study visit: Hamburg and Schwerin visit Philadelphia and Trenton, with agenda, costs, people."""
    from decimal import Decimal

    from austausch.organisations.models import Organisation, OrganisationKind, Sector
    from austausch.programmes.services.delegations import add_delegation, invite_participant
    from austausch.programmes.services.meetings import add_session
    from austausch.programmes.services.programmes import add_round, create_network
    from austausch.programmes.services.records import add_cost

    town = Municipality.objects.get
    council = Organisation.objects.create(
        name="American Council on Germany", abbreviation="ACG", kind=OrganisationKind.NONPROFIT, sector=Sector.NONPROFIT
    )
    round_ = add_round(actor=coordinator, programme=programme, title="Digitalisation")
    meeting = create_meeting(
        actor=coordinator,
        programme=programme,
        round=round_,
        host_municipalities=[town(key="US-1840000673"), town(key="US-1840001383")],
        kind=MeetingKind.STUDY_VISIT,
        title="Study visit to Philadelphia and Trenton",
        starts_on=days_from_now(10),
        ends_on=days_from_now(14),
        venue="City Hall, Philadelphia",
        published=True,
        report="Everyone **learned** a lot.",
        attendance=12,
    )
    start = timezone.make_aware(timezone.datetime.combine(days_from_now(10), timezone.datetime.min.time()))
    add_session(
        actor=coordinator,
        meeting=meeting,
        kind="talk",
        title="Welcome at City Hall",
        starts_at=start + timedelta(hours=9),
        ends_at=start + timedelta(hours=10),
        room="Room 400",
        speakers="Mayor",
        language="en",
    )
    hamburg = add_delegation(actor=coordinator, meeting=meeting, municipality=town(key="DE-02000000"))
    add_delegation(actor=coordinator, meeting=meeting, municipality=town(key="DE-13004000"))
    invite_participant(actor=coordinator, delegation=hamburg, person=participant, sector=Sector.PUBLIC_AGENCY)
    add_cost(
        actor=coordinator,
        meeting=meeting,
        description="Travel and hotel",
        amount=Decimal("12000"),
        currency="USD",
        paid_by=council,
        municipality=town(key="DE-02000000"),
        municipality_share=Decimal("0"),
    )
    create_network(
        actor=coordinator,
        programme=programme,
        name="Digitale Arbeitswelten",
        topic="Coworking",
        lead=town(key="DE-12070424"),
        partners=[town(key="DE-06439012"), town(key="DE-14628060")],
    )
    return meeting
