"""From accepted facts to records: meetings, programmes, organisations and practices, each found again when it
exists (the same meeting from two sources becomes one) and each listing the facts it came from. A text that names
a practice or publication of the platform is linked to it."""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterable
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from austausch.audit.services import log_action
from austausch.knowledge.models import Practice, Publication, Status, Topic
from austausch.knowledge.services import create_practice, update_practice
from austausch.lib.permissions import require
from austausch.lib.translated import with_languages
from austausch.organisations.models import Organisation, OrganisationKind, Sector
from austausch.organisations.services import create_organisation, update_organisation
from austausch.programmes.models import Meeting, MeetingKind, Programme
from austausch.programmes.services.meetings import create_meeting, update_meeting
from austausch.programmes.services.programmes import create_programme
from austausch.radar.models import ACCEPTED, Fact, FactKind, Source
from austausch.radar.services.reviewing import lock_for_review
from austausch.registry.dataset import fold
from austausch.registry.models import Municipality


def fold_name(name: str) -> str:
    """A name as compared for duplicates: case, accents, umlaut spellings and punctuation ignored."""
    return " ".join(re.findall(r"\w+", fold(name or "")))


def find_duplicate(fact: Fact) -> models.Model | None:
    """The existing record this fact most likely describes, if any."""
    value = fact.value
    if fact.kind == FactKind.PROGRAMME:
        return _programme_named(value.get("name", ""))
    if fact.kind == FactKind.ORGANISATION:
        return _organisation_named(value.get("name", ""), value.get("abbreviation", ""))
    if fact.kind == FactKind.PRACTICE:
        return _titled(Practice, value.get("title", ""))
    if fact.kind == FactKind.PUBLICATION:
        return _titled(Publication, value.get("title", ""))
    if fact.kind == FactKind.EVENT:
        try:
            plan = meeting_plan(fact)
        except ValidationError:
            return None
        return _same_meeting(plan)
    return None


def _programme_named(name: str) -> Programme | None:
    wanted = fold_name(name)
    if not wanted:
        return None
    return next((p for p in Programme.objects.only("pk", "name") if fold_name(p.name) == wanted), None)


def _titled(model: type[Practice] | type[Publication], title: str) -> Practice | Publication | None:
    """The practice or publication of this title, as written or in either language."""
    wanted = fold_name(title)
    if not wanted:
        return None
    # The knowledge base grows large: narrow by the title's longest word before comparing folded titles.
    longest = max(re.findall(r"\w+", title), key=len)
    columns = with_languages("title")  # the title as written, and in each language
    near = Q()
    for column in columns:
        near |= Q(**{f"{column}__icontains": longest})
    for record in model.objects.filter(near).only("pk", *columns):
        if wanted in {fold_name(getattr(record, column) or "") for column in columns}:
            return record
    return None


def _organisation_named(name: str, abbreviation: str) -> Organisation | None:
    wanted = fold_name(name)
    for organisation in Organisation.objects.only("pk", "name", "abbreviation"):
        if wanted and fold_name(organisation.name) == wanted:
            return organisation
        if (
            abbreviation
            and organisation.abbreviation
            and organisation.abbreviation.casefold() == abbreviation.casefold()
        ):
            return organisation
    return None


@dataclasses.dataclass
class MeetingPlan:
    kind: str
    title: str
    starts_on: datetime.date
    ends_on: datetime.date
    host_municipalities: list[Municipality]
    programme: Programme | None


MEETING_KINDS = {
    "study_visit": MeetingKind.STUDY_VISIT,
    "return_visit": MeetingKind.RETURN_VISIT,
    "conference": MeetingKind.CONFERENCE,
    "workshop": MeetingKind.WORKSHOP,
    "meeting": MeetingKind.EXCHANGE_MEETING,
    "exchange_meeting": MeetingKind.EXCHANGE_MEETING,
    "presentation": MeetingKind.PRESENTATION,
    "online_session": MeetingKind.ONLINE_SESSION,
}


def meeting_kind(kind: str) -> str:
    return MEETING_KINDS.get(re.sub(r"[\s-]+", "_", (kind or "").strip().lower()), MeetingKind.EXCHANGE_MEETING)


def meeting_plan(fact: Fact) -> MeetingPlan:
    """The meeting an event fact describes, with its host towns and programme taken from the text's
    accepted facts. A ValidationError says what the reviewer must correct first."""
    value = fact.value
    problems = []
    starts_on = _full_date(value.get("start"))
    ends_on = _full_date(value.get("end")) or starts_on
    if starts_on is None:
        problems.append(_("Please correct the event and give its first day with the year (YYYY-MM-DD)."))
    elif ends_on is not None and ends_on < starts_on:
        problems.append(_("The event ends before it starts; please correct its dates."))
    towns = _host_municipalities(fact)
    if not towns:
        problems.append(_("Please give the event's place, or confirm a town of the text as its host."))
    if problems or starts_on is None or ends_on is None:
        raise ValidationError(problems)
    kind = meeting_kind(value.get("kind", ""))
    title = (value.get("title") or "").strip() or "{} · {}".format(
        MeetingKind(kind).label, ", ".join(town.name for town in towns)
    )
    return MeetingPlan(kind, title[:200], starts_on, ends_on, towns, _programme_of(fact.source))


def _full_date(value: Any) -> datetime.date | None:
    if not value or str(value).startswith("--"):
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _accepted(source: Source, kind: FactKind) -> models.QuerySet[Fact]:
    return source.facts.filter(kind=kind, state__in=ACCEPTED)


def _host_municipalities(fact: Fact) -> list[Municipality]:
    place = fact.value.get("place_key")
    if place:
        town = Municipality.objects.filter(key=place).first()
        return [town] if town else []
    keys = [f.value.get("key") for f in _accepted(fact.source, FactKind.MUNICIPALITY) if f.value.get("role") == "host"]
    return list(Municipality.objects.filter(key__in=keys).order_by("name"))


def _programme_of(source: Source) -> Programme | None:
    """The programme of the text, once a reviewer has confirmed exactly one and made it a record."""
    programme_type = ContentType.objects.get_for_model(Programme)
    accepted = _accepted(source, FactKind.PROGRAMME).filter(record_type=programme_type)
    ids = {record_id for record_id in accepted.values_list("record_id", flat=True) if record_id is not None}
    return Programme.objects.get(pk=ids.pop()) if len(ids) == 1 else None


def _same_meeting(plan: MeetingPlan) -> Meeting | None:
    """A meeting at the same host town with overlapping dates, or of the same programme on the same dates."""
    overlapping = Meeting.objects.filter(starts_on__lte=plan.ends_on, ends_on__gte=plan.starts_on)
    same = Q(host_municipalities__in=plan.host_municipalities)
    if plan.programme is not None:
        same |= Q(programme=plan.programme, starts_on=plan.starts_on, ends_on=plan.ends_on)
    return overlapping.filter(same).distinct().order_by("starts_on", "pk").first()


@transaction.atomic
def record_fact(*, actor: Any, fact: Fact, existing: models.Model | None = None) -> models.Model:
    """Create the record an accepted fact describes, or, given `existing`, update that record with it.

    Either way the fact is linked to the record: its provenance.
    """
    lock_for_review(actor, fact)
    if not fact.is_accepted:
        raise ValidationError(_("Please confirm or correct the fact first."))
    if fact.record_id is not None:
        raise ValidationError(_("This fact is already part of a record."))
    writers = {
        FactKind.EVENT: _record_meeting,
        FactKind.PROGRAMME: _record_programme,
        FactKind.ORGANISATION: _record_organisation,
        FactKind.PRACTICE: _record_practice,
        FactKind.PUBLICATION: _record_publication,
    }
    writer = writers.get(FactKind(fact.kind))
    if writer is None:
        raise ValidationError(_("This kind of fact does not make a record of its own."))
    record = writer(actor, fact, existing)
    fact.record = record
    fact.created_record = existing is None
    fact.save(update_fields=["record_type", "record_id", "created_record"])
    log_action(
        "radar.fact.recorded",
        actor=actor,
        target=fact.source,
        after={
            "fact": fact.pk,
            "record": f"{record._meta.label_lower}#{record.pk}",
            "created": existing is None,
            "spans": fact.spans,
        },
    )
    return record


RecordT = TypeVar("RecordT", bound=models.Model)


def _as(existing: models.Model | None, model: type[RecordT]) -> RecordT | None:
    if existing is not None and not isinstance(existing, model):
        raise ValidationError(_("This fact can only update a record of its own kind."))
    return existing


def _record_meeting(actor: Any, fact: Fact, record: models.Model | None) -> Meeting:
    existing = _as(record, Meeting)
    plan = meeting_plan(fact)
    if existing is None:
        return create_meeting(
            actor=actor,
            host_municipalities=plan.host_municipalities,
            programme=plan.programme,
            kind=plan.kind,
            title=plan.title,
            starts_on=plan.starts_on,
            ends_on=plan.ends_on,
        )
    # Merging: what the second report adds (another host town, the programme) joins the meeting.
    towns = list(existing.host_municipalities.all())
    added = [town for town in plan.host_municipalities if town not in towns]
    changes: dict[str, Any] = {}
    if existing.programme is None and plan.programme is not None:
        changes["programme"] = plan.programme
    require(existing.editable_by(actor), _("You may not edit this meeting."))
    if added or changes:
        update_meeting(actor=actor, meeting=existing, host_municipalities=(towns + added) if added else None, **changes)
    return existing


def _record_programme(actor: Any, fact: Fact, record: models.Model | None) -> Programme:
    existing = _as(record, Programme)
    if existing is not None:
        require(existing.editable_by(actor), _("You may not edit this programme."))
        return existing
    name = (fact.value.get("name") or "").strip()
    if not name:
        raise ValidationError(_("Please correct the programme and give its name."))
    return create_programme(actor=actor, name=name[:200], slug=_free_slug(name))


def _free_slug(name: str) -> str:
    base = slugify(name)[:70] or "programme"
    slug, number = base, 2
    while Programme.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


ORGANISATION_KINDS = (
    (r"ministerium|ministry|department of", OrganisationKind.MINISTRY, Sector.PUBLIC_AGENCY),
    (r"stiftung|foundation|fund\b", OrganisationKind.FOUNDATION, Sector.NONPROFIT),
    (r"universit|hochschule|college|institut", OrganisationKind.UNIVERSITY, Sector.UNIVERSITY),
    (r"schule|school", OrganisationKind.SCHOOL, Sector.EDUCATION),
    (r"gmbh|\bag\b|\binc\b|llc|ltd|company|unternehmen", OrganisationKind.BUSINESS, Sector.PRIVATE_SECTOR),
    (r"stadtverwaltung|stadt |city of|gemeinde |landkreis", OrganisationKind.TOWN_ADMINISTRATION,
     Sector.PUBLIC_AGENCY),
    (r"bund|verband|verein|council|association|gesellschaft|e\.\s?v\.|netzwerk|network", OrganisationKind.ASSOCIATION,
     Sector.CIVIC_ORGANISATION),
)  # fmt: skip


def guess_organisation_kind(name: str) -> tuple[str, str]:
    """Kind and sector by the words in the name ("Bundesministerium …" a ministry); a reviewer corrects."""
    lowered = name.lower()
    for pattern, kind, sector in ORGANISATION_KINDS:
        if re.search(pattern, lowered):
            return kind, sector
    return OrganisationKind.NONPROFIT, Sector.NONPROFIT


def _record_organisation(actor: Any, fact: Fact, record: models.Model | None) -> Organisation:
    existing = _as(record, Organisation)
    value = fact.value
    name, abbreviation = (value.get("name") or "").strip(), (value.get("abbreviation") or "").strip()
    if existing is not None:
        require(existing.editable_by(actor), _("You may not edit this organisation."))
        if abbreviation and not existing.abbreviation:
            update_organisation(actor=actor, organisation=existing, abbreviation=abbreviation[:30])
        return existing
    if not name:
        raise ValidationError(_("Please correct the organisation and give its name."))
    kind, sector = guess_organisation_kind(name)
    town = Municipality.objects.filter(key=value.get("town")).first() if value.get("town") else None
    return create_organisation(
        actor=actor,
        name=name[:200],
        abbreviation=abbreviation[:30],
        kind=value.get("kind") or kind,
        sector=value.get("sector") or sector,
        municipality=town,
    )


def _record_practice(actor: Any, fact: Fact, record: models.Model | None) -> Practice:
    existing = _as(record, Practice)
    source, value = fact.source, fact.value
    if existing is not None and not value.get("summary"):
        # The text names the practice (the radar knew its title): linked to it as a source, nothing changed.
        return existing
    keys = [f.value.get("key") for f in _accepted(source, FactKind.MUNICIPALITY) if f.value.get("key")]
    towns = list(Municipality.objects.filter(key__in=keys).order_by("name"))
    slugs = [f.value.get("slug") for f in _accepted(source, FactKind.TOPIC) if f.value.get("slug")]
    topics = list(Topic.objects.filter(slug__in=slugs))
    if existing is not None:
        return update_practice(
            actor=actor,
            practice=existing,
            municipalities=_union(existing.municipalities.all(), towns),
            topics=_union(existing.topics.all(), topics),
        )
    title, summary = (value.get("title") or "").strip(), (value.get("summary") or "").strip()
    if not title or not summary:
        raise ValidationError(_("Please correct the practice and give its title and summary."))
    published = source.published_on.isoformat() if source.published_on else ""
    return create_practice(
        actor=actor,
        municipalities=towns,
        topics=topics,
        title=title[:200],
        summary=summary[:1000],
        language=source.language if source.language in ("de", "en") else "de",
        status=value.get("status") or Status.RUNNING,
        source_note=(_("Radar: %(title)s") % {"title": f"{source} {published}".strip()})[:300],
    )


def _record_publication(actor: Any, fact: Fact, record: models.Model | None) -> Publication:
    """A publication the text names: the text is linked to it (the radar does not write publications)."""
    existing = _as(record, Publication)
    if existing is None:
        raise ValidationError(_("The text can only be linked to a publication the platform has; none has this title."))
    return existing


def _union(current: Iterable[models.Model], added: Iterable[models.Model]) -> list[Any]:
    merged = list(current)
    merged.extend(item for item in added if item not in merged)
    return merged


def provenance(record: models.Model) -> list[Fact]:
    """The facts behind a record, each with its source text and spans."""
    return list(
        Fact.objects.filter(record_type=ContentType.objects.get_for_model(record), record_id=record.pk)
        .select_related("source")
        .order_by("source__published_on", "source_id", "position")
    )
