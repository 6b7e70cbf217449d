"""What the pages read: each page's data in a fixed, small number of queries, whatever the size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from austausch.organisations.models import Sector
from austausch.programmes.charts import BarChart, bar_chart
from austausch.programmes.graph import Drawing, MeetingTowns, NetworkTowns, TwinTowns, build_graph, draw
from austausch.programmes.models import (
    Cost,
    Delegation,
    Meeting,
    Network,
    NetworkMembership,
    Participation,
    ParticipationStatus,
    Programme,
)
from austausch.registry.models import Municipality, Partnership, PartnershipStatus

TOWN_FIELDS = ("id", "key", "name", "country", "state")


def meetings_of(programme: Programme, *, drafts: bool) -> QuerySet[Meeting]:
    meetings = programme.meetings.all() if drafts else programme.meetings.public()
    return (
        meetings.select_related("round")
        .prefetch_related(
            Prefetch("host_municipalities", queryset=Municipality.objects.only(*TOWN_FIELDS).order_by("name"))
        )
        .annotate(
            delegation_count=Count("delegations", distinct=True),
            participant_count=Count(
                "delegations__participants",
                filter=~Q(delegations__participants__status=ParticipationStatus.DECLINED),
                distinct=True,
            ),
        )
    )


@dataclass
class RoundView:
    number: int | None
    title: str
    meetings: list[Meeting] = field(default_factory=list)


@dataclass
class ProgrammePage:
    programme: Programme
    rounds: list[RoundView]
    networks: list[Network]
    towns: list[Municipality]
    costs: list[Cost]
    sectors: BarChart
    meeting_count: int
    free_for_towns: list[Cost]


def programme_page(programme: Programme, *, drafts: bool) -> ProgrammePage:
    meetings = list(meetings_of(programme, drafts=drafts))
    rounds = [RoundView(number=round_.number, title=round_.own_title) for round_ in programme.rounds.all()]
    by_number = {view.number: view for view in rounds}
    loose = RoundView(number=None, title="")
    for meeting in meetings:
        view = by_number.get(meeting.round.number) if meeting.round else None
        (view or loose).meetings.append(meeting)
    if loose.meetings:
        rounds.append(loose)
    meeting_ids = [meeting.pk for meeting in meetings]
    networks = list(
        programme.networks.prefetch_related(
            Prefetch(
                "memberships",
                queryset=NetworkMembership.objects.select_related("municipality").order_by(
                    "-is_lead", "municipality__name"
                ),
            )
        )
    )
    # Two narrow id lookups instead of one OR across two joins, which multiplies rows on a full registry.
    town_ids = set(
        Meeting.host_municipalities.through.objects.filter(meeting_id__in=meeting_ids).values_list(
            "municipality_id", flat=True
        )
    ) | set(Delegation.objects.filter(meeting_id__in=meeting_ids).values_list("municipality_id", flat=True))
    # A town the sources name only as a member of the programme's network took part all the same.
    town_ids |= {membership.municipality_id for network in networks for membership in network.memberships.all()}
    towns = list(Municipality.objects.filter(pk__in=town_ids).only(*TOWN_FIELDS).order_by("country", "name"))
    costs = list(
        Cost.objects.filter(Q(programme=programme) | Q(meeting__in=meeting_ids))
        .select_related("paid_by", "municipality", "meeting")
        .order_by("meeting__starts_on", "pk")
    )
    return ProgrammePage(
        programme=programme,
        rounds=rounds,
        networks=networks,
        towns=towns,
        costs=costs,
        sectors=sector_chart(Participation.objects.filter(delegation__meeting__in=meeting_ids)),
        meeting_count=len(meetings),
        free_for_towns=[cost for cost in costs if cost.municipality_id and cost.municipality_share == 0],
    )


def sector_chart(participations: QuerySet[Participation]) -> BarChart:
    """Participants (not declined) per sector, in the order of the sector list, the unknown last."""
    counts = dict(
        participations.exclude(status=ParticipationStatus.DECLINED)
        .values_list("sector")
        .annotate(count=Count("id"))
        .values_list("sector", "count")
    )
    labels = dict(Sector.choices)
    rows = [(str(labels[sector]), counts[sector]) for sector in Sector.values if counts.get(sector)]
    unknown = sum(count for sector, count in counts.items() if sector not in labels)
    if unknown:
        from django.utils.translation import gettext

        rows.append((gettext("Not stated"), unknown))
    return bar_chart(rows)


@dataclass
class DelegationView:
    delegation: Delegation
    total: int
    sectors: list[tuple[str, int]]
    people: list[Participation]


def delegations_of(meeting: Meeting, *, with_people: bool) -> list[DelegationView]:
    """Each town's delegation with its participants counted per sector; the people only for those allowed."""
    delegations = list(meeting.delegations.select_related("municipality").order_by("municipality__name"))
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        Participation.objects.filter(delegation__meeting=meeting)
        .exclude(status=ParticipationStatus.DECLINED)
        .values_list("delegation_id", "sector")
        .annotate(count=Count("id"))
    )
    for delegation_id, sector, count in rows:
        counts[delegation_id][sector] = count
    people: dict[int, list[Participation]] = defaultdict(list)
    # People with accounts only for those allowed; someone a public source names in a public role for everyone.
    shown = Participation.objects.filter(delegation__meeting=meeting)
    if not with_people:
        shown = shown.filter(person__isnull=True)
    for participation in shown.select_related("person", "organisation").order_by("person__name", "public_name"):
        people[participation.delegation_id].append(participation)
    labels = dict(Sector.choices)
    return [
        DelegationView(
            delegation=delegation,
            total=sum(counts[delegation.pk].values()),
            sectors=[
                (str(labels.get(sector, sector or "–")), count) for sector, count in counts[delegation.pk].items()
            ],
            people=people[delegation.pk],
        )
        for delegation in delegations
    ]


def network_drawing(meetings: QuerySet[Meeting], networks: QuerySet[Network]) -> Drawing:
    """The town graph of these meetings and networks, drawn for the page."""
    meeting_ids = list(meetings.values_list("pk", flat=True))
    titles = dict(Meeting.objects.filter(pk__in=meeting_ids).values_list("pk", "title"))
    towns: dict[int, set[int]] = defaultdict(set)
    for meeting_id, town_id in Meeting.host_municipalities.through.objects.filter(
        meeting_id__in=meeting_ids
    ).values_list("meeting_id", "municipality_id"):
        towns[meeting_id].add(town_id)
    for meeting_id, town_id in Delegation.objects.filter(meeting_id__in=meeting_ids).values_list(
        "meeting_id", "municipality_id"
    ):
        towns[meeting_id].add(town_id)
    memberships = list(
        NetworkMembership.objects.filter(network__in=networks).values_list(
            "network__name", "municipality_id", "is_lead"
        )
    )
    all_ids = {town for group in towns.values() for town in group} | {row[1] for row in memberships}
    # Twinnings among the towns the programmes brought together; the registry's thousands of others stay out.
    twinnings = [
        (first, second, status)
        for first, second, status in Partnership.objects.filter(
            municipality__in=all_ids, partner_municipality__in=all_ids
        )
        .exclude(status=PartnershipStatus.ENDED)
        .values_list("municipality_id", "partner_municipality_id", "status")
    ]
    keys = dict(Municipality.objects.filter(pk__in=all_ids).values_list("pk", "key"))
    names = dict(Municipality.objects.filter(pk__in=all_ids).values_list("key", "name"))
    network_rows: dict[str, NetworkTowns] = {}
    for name, town_id, is_lead in memberships:
        current = network_rows.get(name) or NetworkTowns(name=name, lead=None, members=[])
        current.members.append(keys[town_id])
        if is_lead:
            current = NetworkTowns(name=name, lead=keys[town_id], members=current.members)
        network_rows[name] = current
    graph = build_graph(
        [MeetingTowns(title=titles[pk], towns=[keys[town] for town in group]) for pk, group in towns.items()],
        list(network_rows.values()),
        [TwinTowns(first=keys[first], second=keys[second], status=status) for first, second, status in twinnings],
    )
    return draw(graph, names)
