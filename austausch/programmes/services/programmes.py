"""Programmes, their rounds and their networks of towns."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.audit.services import log_action, snapshot, update_audited
from austausch.lib.permissions import require
from austausch.organisations.models import Organisation
from austausch.programmes.models import Network, NetworkMembership, Programme, Round
from austausch.registry.models import Municipality

PROGRAMME_FIELDS = (
    "name",
    "slug",
    "description",
    "organiser",
    "countries",
    "min_population",
    "max_population",
    "starts_on",
    "ends_on",
    "status",
    "published",
    "website",
)


def can_create_programme(user: Any) -> bool:
    """Platform admins and staff set programmes up; whoever creates one coordinates it."""
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.is_staff))


@transaction.atomic
def create_programme(*, actor: User, funders: list[Organisation] | None = None, **fields: Any) -> Programme:
    require(can_create_programme(actor), _("You may not create programmes."))
    programme = Programme(**fields)
    programme.full_clean()
    programme.save()
    programme.funders.set(funders or [])
    RoleAssignment.objects.create(
        user=actor,
        role=Role.COORDINATOR,
        scope_type=ContentType.objects.get_for_model(programme),
        scope_id=programme.pk,
    )
    log_action(
        "programmes.programme.created", actor=actor, target=programme, after=snapshot(programme, PROGRAMME_FIELDS)
    )
    return programme


@transaction.atomic
def update_programme(
    *, actor: User, programme: Programme, funders: list[Organisation] | None = None, **changes: Any
) -> Programme:
    require(programme.editable_by(actor), _("You may not edit this programme."))
    return update_audited(
        programme,
        changes,
        actor=actor,
        action="programmes.programme.changed",
        many={"funders": funders} if funders is not None else None,
    )


@transaction.atomic
def add_round(*, actor: User, programme: Programme, title: str = "") -> Round:
    require(programme.editable_by(actor), _("You may not edit this programme."))
    number = (programme.rounds.aggregate(models.Max("number"))["number__max"] or 0) + 1
    round_ = Round.objects.create(programme=programme, number=number, title=title)
    log_action("programmes.round.created", actor=actor, target=programme, after={"round": number, "title": title})
    return round_


@transaction.atomic
def create_network(
    *,
    actor: User,
    programme: Programme | None,
    name: str,
    topic: str,
    lead: Municipality | None,
    partners: list[Municipality],
) -> Network:
    """A lead town with its partners; without a lead, a group of equal members."""
    require(
        programme.editable_by(actor) if programme else can_create_programme(actor),
        _("You may not add networks here."),
    )
    if lead is not None and lead in partners:
        raise ValidationError({"partners": _("The lead town is not also its own partner.")})
    network = Network.objects.create(programme=programme, name=name, topic=topic)
    if lead is not None:
        NetworkMembership.objects.create(network=network, municipality=lead, is_lead=True)
    NetworkMembership.objects.bulk_create(NetworkMembership(network=network, municipality=town) for town in partners)
    log_action(
        "programmes.network.created",
        actor=actor,
        target=network,
        after={"lead": lead.key if lead else None, "partners": [town.key for town in partners], "topic": topic},
    )
    return network
