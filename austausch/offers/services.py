"""Saying what a town or organisation offers and seeks, and reading it back: published practices count as
offers by themselves, on their topics and the main topics above them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from austausch.audit.services import log_action
from austausch.knowledge.models import Practice, Topic
from austausch.lib.permissions import require
from austausch.offers.models import Direction, TopicInterest
from austausch.organisations.models import Organisation
from austausch.registry.models import Municipality

Owner = Municipality | Organisation


def _owned_by(owner: Owner) -> Q:
    return Q(municipality=owner) if isinstance(owner, Municipality) else Q(organisation=owner)


def declared(owner: Owner, direction: str) -> list[Topic]:
    return [
        interest.topic
        for interest in TopicInterest.objects.filter(_owned_by(owner), direction=direction)
        .select_related("topic__parent")
        .order_by("topic__parent__position", "topic__position", "topic__slug")
    ]


@transaction.atomic
def set_interests(*, actor: Any, owner: Owner, offers: list[Topic], seeks: list[Topic]) -> None:
    """Replace what `owner` says it offers and seeks; the audit entry keeps both lists before and after."""
    require(
        owner.editable_by(actor),
        _("Only the editors of %(owner)s may say what it offers and seeks.") % {"owner": owner},
    )
    before = {direction: sorted(topic.slug for topic in declared(owner, direction)) for direction in Direction.values}
    wanted = {Direction.OFFER.value: set(offers), Direction.SEEK.value: set(seeks)}
    TopicInterest.objects.filter(_owned_by(owner)).delete()
    owner_field = "municipality" if isinstance(owner, Municipality) else "organisation"
    TopicInterest.objects.bulk_create(
        TopicInterest(**{owner_field: owner}, topic=topic, direction=direction)
        for direction, topics in wanted.items()
        for topic in topics
    )
    after = {direction: sorted(topic.slug for topic in topics) for direction, topics in wanted.items()}
    if after != before:
        log_action("offers.interests.changed", actor=actor, target=owner, before=before, after=after)


@dataclass
class Interests:
    offers: list[Topic]  # declared, and the topics of its published practices
    practice_topics: set[int]  # of those, the ones its practices show (topic ids)
    seeks: list[Topic]


def interests_of(owner: Owner) -> Interests:
    """What a town or an organisation can help with (said, or shown by its published practices) and seeks."""
    offered = {topic.pk: topic for topic in declared(owner, Direction.OFFER)}
    from_practices: set[int] = set()
    behind = {"municipalities" if isinstance(owner, Municipality) else "organisations": owner}
    for topic in Topic.objects.filter(practices__in=Practice.objects.published().filter(**behind)).distinct():
        offered.setdefault(topic.pk, topic)
        from_practices.add(topic.pk)
    ordered = sorted(offered.values(), key=lambda topic: str(topic.label).casefold())
    return Interests(offers=ordered, practice_topics=from_practices, seeks=declared(owner, Direction.SEEK))


@dataclass
class TopicOffers:
    declared: list[TopicInterest] = field(default_factory=list)
    practices: dict[Municipality, int] = field(default_factory=dict)  # town -> published practices on the topic


def offers_on(topic: Topic) -> TopicOffers:
    """Who offers experience in `topic` or a sub-topic: by saying so, or by a published practice."""
    topics = Q(topic=topic) | Q(topic__parent=topic)
    found = TopicOffers(
        declared=list(
            TopicInterest.objects.filter(topics, direction=Direction.OFFER)
            .select_related("municipality", "organisation", "topic")
            .order_by("municipality__name", "organisation__name")
        )
    )
    practices = Practice.objects.published().filter(Q(topics=topic) | Q(topics__parent=topic)).distinct()
    counts: dict[int, int] = defaultdict(int)
    for municipality_id in practices.values_list("municipalities", flat=True):
        if municipality_id is not None:
            counts[municipality_id] += 1
    towns = Municipality.objects.in_bulk(list(counts))
    found.practices = {towns[pk]: count for pk, count in sorted(counts.items(), key=lambda item: towns[item[0]].name)}
    return found


def offers_for_seeker(town: Municipality) -> dict[int, int]:
    """For each town (by id), how many of the topics `town` looks for it offers, declared or by a practice.

    A sought main topic is met by an offer of any of its sub-topics, and a sought sub-topic by its own."""
    sought = TopicInterest.objects.filter(municipality=town, direction=Direction.SEEK).values_list("topic", flat=True)
    matches: dict[int, set[int]] = defaultdict(set)
    for seek_id in sought:
        wanted = Q(topic_id=seek_id) | Q(topic__parent_id=seek_id)
        for municipality_id in TopicInterest.objects.filter(
            wanted, direction=Direction.OFFER, municipality__isnull=False
        ).values_list("municipality_id", flat=True):
            matches[municipality_id].add(seek_id)
        practices = Practice.objects.published().filter(Q(topics=seek_id) | Q(topics__parent=seek_id))
        for municipality_id in practices.values_list("municipalities", flat=True):
            if municipality_id is not None:
                matches[municipality_id].add(seek_id)
    matches.pop(town.pk, None)
    return {municipality_id: len(topics) for municipality_id, topics in matches.items()}


def sought_count(town: Municipality) -> int:
    return TopicInterest.objects.filter(municipality=town, direction=Direction.SEEK).count()
