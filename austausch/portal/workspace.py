"""What a signed-in person may do and what waits for them, gathered from every app's models (read only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from austausch.accounts.models import Invitation, Role, RoleAssignment, User
from austausch.citizens.models import Comment, CommentStatus
from austausch.exchanges.models import ExchangeRequest, RequestState
from austausch.organisations.models import Organisation
from austausch.outcomes.models import OPEN_STATES, Commitment
from austausch.programmes.models import DelegationInvitation, Participation, ParticipationStatus, Programme
from austausch.radar.models import FactState, Source, can_review
from austausch.registry.models import Municipality

# A commitment shows up this many days before its due date, and stays until it is done or dropped.
DUE_SOON_DAYS = 30
RADAR_SOURCES_SHOWN = 5


@dataclass(frozen=True)
class Workspace:
    programmes: list[Programme]
    towns: list[Municipality]
    organisations: list[Organisation]
    commitments: list[Commitment]
    comments_pending: int
    comments_hidden: int
    radar_sources: list[Source]
    radar_waiting: int
    invitations: list[Invitation]
    participations: list[Participation]
    seats_kept: int
    # Requests for an exchange that this person answers for and nobody has answered yet.
    exchange_requests: list[ExchangeRequest]
    may_review: bool
    may_moderate: bool
    # Staff set programmes up and build networks; platform admins see every staff tool.
    is_staff: bool
    is_admin: bool

    @property
    def has_roles(self) -> bool:
        return bool(self.programmes or self.towns or self.organisations)

    @property
    def waiting(self) -> int:
        """How many things wait for this person, for the page's opening sentence."""
        return (
            len(self.commitments)
            + self.comments_pending
            + self.comments_hidden
            + self.radar_waiting
            + len(self.participations)
            + self.seats_kept
            + len(self.exchange_requests)
        )


def workspace_of(user: User, today: date | None = None) -> Workspace:
    today = today or timezone.localdate()
    towns = list(Municipality.objects.filter(pk__in=_scope_ids(user, Role.EDITOR, Municipality)).order_by("name"))
    may_review = can_review(user)
    pending, hidden = _comments_to_moderate(user)
    radar = _sources_to_review() if may_review else Source.objects.none()
    return Workspace(
        programmes=list(
            Programme.objects.filter(pk__in=_scope_ids(user, Role.COORDINATOR, Programme)).order_by("name")
        ),
        towns=towns,
        organisations=list(
            Organisation.objects.filter(pk__in=_scope_ids(user, Role.EDITOR, Organisation))
            .select_related("municipality")
            .order_by("name")
        ),
        commitments=list(_commitments_due(towns, today)),
        comments_pending=pending,
        comments_hidden=hidden,
        radar_sources=list(radar[:RADAR_SOURCES_SHOWN]),
        radar_waiting=radar.count() if may_review else 0,
        invitations=list(
            Invitation.objects.filter(invited_by=user, accepted_at__isnull=True, expires_at__gt=timezone.now())
            .prefetch_related("scope")
            .order_by("expires_at")
        ),
        participations=list(
            Participation.objects.filter(person=user, status=ParticipationStatus.INVITED)
            .select_related("delegation__meeting", "delegation__municipality")
            .order_by("delegation__meeting__starts_on")
        ),
        seats_kept=DelegationInvitation.objects.filter(email__iexact=user.email).count(),
        exchange_requests=list(
            ExchangeRequest.objects.involving(user)
            .filter(state=RequestState.OPEN)
            .exclude(requester=user)
            .select_related("requester", "requester_municipality", "municipality", "practice", "person", "topic")
            .order_by("created_at", "id")
        ),
        may_review=may_review,
        may_moderate=user.is_superuser or _holds_any(user, Role.EDITOR, Role.COORDINATOR),
        is_staff=user.is_staff or user.is_superuser,
        is_admin=user.is_superuser,
    )


def _scope_ids(user: User, role: Role, model: type[models.Model]) -> QuerySet[RoleAssignment, Any]:
    return RoleAssignment.objects.filter(
        user=user, role=role, scope_type=ContentType.objects.get_for_model(model)
    ).values("scope_id")


def _holds_any(user: User, *roles: Role) -> bool:
    return RoleAssignment.objects.filter(user=user, role__in=roles).exists()


def _commitments_due(towns: list[Municipality], today: date) -> QuerySet[Commitment]:
    """Open commitments of the person's towns that are overdue or due within DUE_SOON_DAYS, drafts included."""
    return (
        Commitment.objects.filter(
            municipality__in=towns, state__in=OPEN_STATES, due_on__lte=today + timedelta(days=DUE_SOON_DAYS)
        )
        .select_related("municipality")
        .order_by("due_on", "title", "id")
    )


def _comments_to_moderate(user: User) -> tuple[int, int]:
    """Comments waiting for a moderator, and comments hidden after reports, that this person may decide on."""
    waiting = Comment.objects.filter(status__in=[CommentStatus.PENDING, CommentStatus.HIDDEN], answer_to__isnull=True)
    if user.is_superuser:
        counts = waiting.aggregate(
            pending=Count("pk", filter=Q(status=CommentStatus.PENDING)),
            hidden=Count("pk", filter=Q(status=CommentStatus.HIDDEN)),
        )
        return counts["pending"], counts["hidden"]
    # Moderators are whoever may edit a comment's target; only editors and coordinators can be that.
    if not _holds_any(user, Role.EDITOR, Role.COORDINATOR):
        return 0, 0
    allowed: dict[tuple[int, int], bool] = {}
    pending = hidden = 0
    for comment in waiting.prefetch_related("target").only("id", "status", "target_type", "target_id"):
        key = (comment.target_type_id, comment.target_id)
        if key not in allowed:
            target: Any = comment.target
            allowed[key] = target is not None and target.editable_by(user)
        if allowed[key]:
            pending += comment.status == CommentStatus.PENDING
            hidden += comment.status == CommentStatus.HIDDEN
    return pending, hidden


def _sources_to_review() -> QuerySet[Source]:
    """Texts with facts nobody has reviewed yet, the newest first."""
    return (
        Source.objects.only("id", "name", "title", "created_at")
        .annotate(open_facts=Count("facts", filter=Q(facts__state=FactState.PROPOSED)))
        .filter(open_facts__gt=0)
        .order_by("-created_at", "-id")
    )
