"""Writes to the knowledge base. Each runs in a transaction, checks permission and leaves an audit entry."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from austausch.audit.services import log_action, snapshot
from austausch.knowledge.models import Practice, PracticeContact, PracticeLink, Publication, Topic
from austausch.knowledge.search import index_practice
from austausch.knowledge.tasks import enqueue_embedding
from austausch.organisations.models import Organisation
from austausch.registry.models import Municipality

PRACTICE_FIELDS = (
    "title", "summary", "body", "language", "status", "started_on", "ended_on", "budget_amount",
    "budget_currency", "funding_sources", "partners", "results", "evidence", "lessons_worked",
    "lessons_failed", "transfer_staff", "transfer_budget", "transfer_legal", "transfer_data",
    "transfer_software", "publiccode_url", "repository_url", "source_url", "source_note",
)  # fmt: skip
PUBLICATION_FIELDS = ("title", "authors", "publisher", "published_on", "url", "summary", "language")


def can_create_practice(
    user: Any, municipalities: Iterable[Municipality], organisations: Iterable[Organisation]
) -> bool:
    """Admins; otherwise an editor of at least one of the towns or organisations behind the practice."""
    if user is None:  # the command line runs as the operator
        return True
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(town.editable_by(user) for town in municipalities) or any(
        organisation.editable_by(user) for organisation in organisations
    )


def _relations(practice: Practice) -> dict[str, list[Any]]:
    return {
        "municipalities": sorted(practice.municipalities.values_list("key", flat=True)),
        "organisations": sorted(practice.organisations.values_list("pk", flat=True)),
        "topics": sorted(practice.topics.values_list("slug", flat=True)),
    }


def _state(practice: Practice) -> dict[str, Any]:
    return {**snapshot(practice, (*PRACTICE_FIELDS, "is_published")), **_relations(practice)}


def _after_write(practice: Practice) -> None:
    index_practice(practice)
    transaction.on_commit(lambda: enqueue_embedding(practice.pk))


@transaction.atomic
def create_practice(
    *,
    actor: Any,
    municipalities: Iterable[Municipality] = (),
    organisations: Iterable[Organisation] = (),
    topics: Iterable[Topic] = (),
    contacts: Iterable[tuple[str, Organisation | None]] = (),
    links: Iterable[tuple[str, str]] = (),
    publish: bool = False,
    **fields: Any,
) -> Practice:
    municipalities, organisations = list(municipalities), list(organisations)
    if not can_create_practice(actor, municipalities, organisations):
        raise PermissionDenied(_("Only editors of one of its towns or organisations may add this practice."))
    practice = Practice(**fields)
    practice.created_by = actor if actor is not None and actor.is_authenticated else None
    if publish:
        practice.is_published, practice.published_at = True, timezone.now()
    practice.full_clean()
    practice.save()
    practice.municipalities.set(municipalities)
    practice.organisations.set(organisations)
    practice.topics.set(list(topics))
    PracticeContact.objects.bulk_create(
        PracticeContact(practice=practice, role=role, organisation=organisation) for role, organisation in contacts
    )
    PracticeLink.objects.bulk_create(PracticeLink(practice=practice, title=title, url=url) for title, url in links)
    log_action("knowledge.practice.created", actor=actor, target=practice, after=_state(practice))
    _after_write(practice)
    return practice


@transaction.atomic
def update_practice(
    *,
    actor: Any,
    practice: Practice,
    municipalities: Iterable[Municipality] | None = None,
    organisations: Iterable[Organisation] | None = None,
    topics: Iterable[Topic] | None = None,
    **changes: Any,
) -> Practice:
    if not practice.editable_by(actor):
        raise PermissionDenied(_("You may not edit this practice."))
    if municipalities is not None or organisations is not None:
        towns = list(municipalities) if municipalities is not None else list(practice.municipalities.all())
        owners = list(organisations) if organisations is not None else list(practice.organisations.all())
        # Whoever edits must still be among its editors afterwards, or could give a practice away.
        if not can_create_practice(actor, towns, owners):
            raise PermissionDenied(_("You would no longer be an editor of this practice."))
    before = _state(practice)
    unknown = set(changes) - set(PRACTICE_FIELDS)
    if unknown:
        raise ValueError(f"not practice fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(practice, name, value)
    practice.full_clean()
    practice.save()
    if municipalities is not None:
        practice.municipalities.set(towns)
    if organisations is not None:
        practice.organisations.set(owners)
    if topics is not None:
        practice.topics.set(list(topics))
    after = _state(practice)
    changed = {name for name in after if after[name] != before[name]}
    log_action(
        "knowledge.practice.changed",
        actor=actor,
        target=practice,
        before={name: before[name] for name in changed},
        after={name: after[name] for name in changed},
    )
    _after_write(practice)
    return practice


@transaction.atomic
def set_published(*, actor: Any, practice: Practice, published: bool) -> Practice:
    """Publishing makes a draft public (and searchable); withdrawing makes it a private draft again."""
    if not practice.editable_by(actor):
        raise PermissionDenied(_("You may not publish this practice."))
    if practice.is_published == published:
        return practice
    practice.is_published = published
    practice.published_at = timezone.now() if published else practice.published_at
    practice.save(update_fields=["is_published", "published_at", "updated_at"])
    action = "knowledge.practice.published" if published else "knowledge.practice.withdrawn"
    log_action(action, actor=actor, target=practice, before={"is_published": not published},
               after={"is_published": published})  # fmt: skip
    _after_write(practice)
    return practice


@transaction.atomic
def create_publication(
    *, actor: Any, topics: Iterable[Topic] = (), practices: Iterable[Practice] = (), **fields: Any
) -> Publication:
    """Publications are curated by platform admins (and the command line)."""
    if actor is not None and not (actor.is_authenticated and actor.is_superuser):
        raise PermissionDenied(_("Only administrators add publications."))
    publication = Publication(**fields)
    publication.created_by = actor if actor is not None else None
    publication.full_clean()
    publication.save()
    publication.topics.set(list(topics))
    publication.practices.set(list(practices))
    log_action("knowledge.publication.created", actor=actor, target=publication,
               after=snapshot(publication, PUBLICATION_FIELDS))  # fmt: skip
    return publication
