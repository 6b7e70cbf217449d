"""Writes to the knowledge base. Each runs in a transaction, checks permission and leaves an audit entry."""

from __future__ import annotations

import dataclasses
import decimal
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from austausch.accounts.roles import Role, RoleAssignment
from austausch.audit.services import log_action, snapshot, update_audited
from austausch.knowledge.models import Practice, PracticeContact, PracticeLink, Publication, Topic
from austausch.knowledge.search import index_practice
from austausch.knowledge.tasks import enqueue_embedding
from austausch.lib.permissions import require
from austausch.lib.translated import columns
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


@dataclasses.dataclass(frozen=True)
class Contact:
    """Whom to ask about a practice: a role in an organisation or department, and an optional public channel."""

    role: str
    organisation: Organisation | None = None
    department: str = ""
    channel: str = ""


@dataclasses.dataclass(frozen=True)
class Link:
    title: str
    url: str


def organisations_editable_by(user: Any) -> QuerySet[Organisation]:
    """The organisations this person may name as behind a practice: as `Organisation.editable_by` decides."""
    if user is None or (user.is_authenticated and user.is_superuser):
        return Organisation.objects.all()
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    scopes = RoleAssignment.objects.filter(user=user, role=Role.EDITOR)
    towns = scopes.filter(scope_type__app_label="registry", scope_type__model="municipality").values("scope_id")
    own = scopes.filter(scope_type__app_label="organisations", scope_type__model="organisation").values("scope_id")
    return Organisation.objects.filter(Q(pk__in=own) | Q(municipality__in=towns))


class OrganisationNotEditable(PermissionDenied):
    pass


def _check_organisations(actor: Any, before: Iterable[Organisation], after: Iterable[Organisation]) -> None:
    # Naming an organisation makes its editors editors of the practice (and shows them its drafts), so
    # only someone who edits that organisation may add it, or take it away.
    if actor is None or actor.is_superuser:
        return
    allowed = set(organisations_editable_by(actor).values_list("pk", flat=True))
    for organisation in set(before) ^ set(after):
        if organisation.pk not in allowed:
            raise OrganisationNotEditable(
                _("Only its editors may add or remove the organisation “%(name)s”.") % {"name": organisation}
            )


def _replace_contacts(practice: Practice, contacts: Iterable[Contact]) -> None:
    rows = [
        PracticeContact(
            practice=practice,
            role=contact.role,
            organisation=contact.organisation,
            department=contact.department,
            channel=contact.channel,
        )
        for contact in contacts
    ]
    for row in rows:
        row.full_clean()
    practice.contacts.all().delete()
    PracticeContact.objects.bulk_create(rows)


def _replace_links(practice: Practice, links: Iterable[Link]) -> None:
    rows = [PracticeLink(practice=practice, title=link.title, url=link.url) for link in links]
    for row in rows:
        row.full_clean()
    practice.links.all().delete()
    PracticeLink.objects.bulk_create(rows)


def _relations(practice: Practice) -> dict[str, list[Any]]:
    return {
        "municipalities": sorted(practice.municipalities.values_list("key", flat=True)),
        "organisations": sorted(practice.organisations.values_list("pk", flat=True)),
        "topics": sorted(practice.topics.values_list("slug", flat=True)),
        "contacts": [
            {"role": role, "organisation": organisation, "department": department, "channel": channel}
            for role, organisation, department, channel in practice.contacts.order_by("pk").values_list(
                "role", "organisation_id", "department", "channel"
            )
        ],
        "links": [list(row) for row in practice.links.order_by("pk").values_list("title", "url")],
    }


def _state(practice: Practice) -> dict[str, Any]:
    return {**snapshot(practice, (*PRACTICE_FIELDS, "is_published")), **_relations(practice)}


def _as_stored(amount: Any) -> Any:
    """250000 as 250000.00, as the database gives it back, so the audit sees no change; anything else as is."""
    try:
        stored = decimal.Decimal(amount).quantize(decimal.Decimal("0.01"))
    except (TypeError, ValueError, decimal.InvalidOperation):
        return amount
    return stored if stored == amount else amount


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
    contacts: Iterable[Contact] = (),
    links: Iterable[Link] = (),
    publish: bool = False,
    **fields: Any,
) -> Practice:
    municipalities, organisations = list(municipalities), list(organisations)
    require(
        can_create_practice(actor, municipalities, organisations),
        _("Only editors of one of its towns or organisations may add this practice."),
    )
    _check_organisations(actor, (), organisations)
    practice = Practice(**fields)
    practice.created_by = actor if actor is not None and actor.is_authenticated else None
    if publish:
        practice.is_published, practice.published_at = True, timezone.now()
    practice.full_clean()
    practice.save()
    practice.municipalities.set(municipalities)
    practice.organisations.set(organisations)
    practice.topics.set(list(topics))
    _replace_contacts(practice, contacts)
    _replace_links(practice, links)
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
    contacts: Iterable[Contact] | None = None,
    links: Iterable[Link] | None = None,
    **changes: Any,
) -> Practice:
    """Changes the given fields; relations given as None stay as they are, given ones are replaced."""
    require(practice.editable_by(actor), _("You may not edit this practice."))
    if municipalities is not None or organisations is not None:
        towns = list(municipalities) if municipalities is not None else list(practice.municipalities.all())
        owners = list(organisations) if organisations is not None else list(practice.organisations.all())
        # Whoever edits must still be among its editors afterwards, or could give a practice away.
        require(can_create_practice(actor, towns, owners), _("You would no longer be an editor of this practice."))
        _check_organisations(actor, practice.organisations.all(), owners)
    before = _state(practice)
    unknown = set(changes) - {*PRACTICE_FIELDS, *columns(Practice, PRACTICE_FIELDS)}
    if unknown:
        raise ValueError(f"not practice fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(practice, name, value)
    practice.budget_amount = _as_stored(practice.budget_amount)
    practice.full_clean()
    practice.save()
    if municipalities is not None:
        practice.municipalities.set(towns)
    if organisations is not None:
        practice.organisations.set(owners)
    if topics is not None:
        practice.topics.set(list(topics))
    if contacts is not None:
        _replace_contacts(practice, contacts)
    if links is not None:
        _replace_links(practice, links)
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
    require(practice.editable_by(actor), _("You may not publish this practice."))
    if practice.is_published == published:
        return practice
    # The first publication's date stays when a practice is withdrawn.
    changes = {"is_published": published, "published_at": timezone.now()} if published else {"is_published": False}
    action = "knowledge.practice.published" if published else "knowledge.practice.withdrawn"
    update_audited(practice, changes, actor=actor, action=action)
    _after_write(practice)
    return practice


@transaction.atomic
def create_publication(
    *, actor: Any, topics: Iterable[Topic] = (), practices: Iterable[Practice] = (), **fields: Any
) -> Publication:
    """Publications are curated by platform admins (and the command line)."""
    require(
        actor is None or (actor.is_authenticated and actor.is_superuser), _("Only administrators add publications.")
    )
    publication = Publication(**fields)
    publication.created_by = actor if actor is not None else None
    publication.full_clean()
    publication.save()
    publication.topics.set(list(topics))
    publication.practices.set(list(practices))
    log_action("knowledge.publication.created", actor=actor, target=publication,
               after=snapshot(publication, PUBLICATION_FIELDS))  # fmt: skip
    return publication
