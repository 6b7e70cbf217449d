"""A large programme for the query-count test and the benchmark: 4 rounds, 40 meetings, 400 participants.

Rows are bulk-created: this builds test data fast; the services are tested elsewhere.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from austausch.accounts.models import User
from austausch.organisations.models import Organisation, OrganisationKind, Sector
from austausch.programmes.models import (
    AgendaSession,
    Cost,
    Delegation,
    Meeting,
    Network,
    NetworkMembership,
    Participation,
    Programme,
    Round,
)
from austausch.registry.models import Municipality

ROUNDS, MEETINGS_PER_ROUND, DELEGATIONS_PER_MEETING, PEOPLE_PER_DELEGATION = 4, 10, 5, 2


def build_large_programme(slug: str = "large") -> Programme:
    towns = list(Municipality.objects.order_by("key")[:60])
    assert len(towns) >= DELEGATIONS_PER_MEETING + 2, "load the registry first"
    funder = Organisation.objects.create(name="Funder", kind=OrganisationKind.MINISTRY, sector=Sector.PUBLIC_AGENCY)
    programme = Programme.objects.create(
        name="Large programme", slug=slug, published=True, organiser=funder, description="A *large* one."
    )
    programme.funders.set([funder])
    password = make_password(None)
    sectors = Sector.values
    start = date(2024, 1, 8)
    people = User.objects.bulk_create(
        User(email=f"{slug}-person{n}@example.org", name=f"Person {n}", password=password)
        for n in range(ROUNDS * MEETINGS_PER_ROUND * DELEGATIONS_PER_MEETING * PEOPLE_PER_DELEGATION)
    )
    people_iter = iter(people)
    for number in range(1, ROUNDS + 1):
        round_ = Round.objects.create(programme=programme, number=number, title=f"Round {number}")
        for index in range(MEETINGS_PER_ROUND):
            first = start + timedelta(days=30 * (number * MEETINGS_PER_ROUND + index))
            meeting = Meeting.objects.create(
                programme=programme,
                round=round_,
                kind="study_visit",
                title=f"Visit {number}.{index}",
                starts_on=first,
                ends_on=first + timedelta(days=2),
                published=True,
            )
            offset = (number * MEETINGS_PER_ROUND + index) % (len(towns) - DELEGATIONS_PER_MEETING - 2)
            meeting.host_municipalities.set(towns[offset : offset + 2])
            delegations = Delegation.objects.bulk_create(
                Delegation(meeting=meeting, municipality=town)
                for town in towns[offset + 2 : offset + 2 + DELEGATIONS_PER_MEETING]
            )
            Participation.objects.bulk_create(
                Participation(
                    delegation=delegation,
                    person=next(people_iter),
                    sector=sectors[(n + index) % len(sectors)],
                    status="confirmed",
                )
                for delegation in delegations
                for n in range(PEOPLE_PER_DELEGATION)
            )
            day = timezone.make_aware(datetime.combine(first, datetime.min.time()))
            AgendaSession.objects.bulk_create(
                AgendaSession(
                    meeting=meeting,
                    kind="talk",
                    title=f"Talk {hour}",
                    starts_at=day + timedelta(hours=hour),
                    ends_at=day + timedelta(hours=hour + 1),
                )
                for hour in (9, 11, 14)
            )
            Cost.objects.create(
                meeting=meeting,
                description="Travel",
                amount=Decimal("1000"),
                paid_by=funder,
                municipality=towns[offset + 2],
                municipality_share=Decimal("0"),
            )
    for number in range(2):
        network = Network.objects.create(programme=programme, name=f"Network {number}", topic="Topic")
        NetworkMembership.objects.bulk_create(
            NetworkMembership(network=network, municipality=town, is_lead=(i == 0))
            for i, town in enumerate(towns[number * 5 : number * 5 + 5])
        )
    return programme
