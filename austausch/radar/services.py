"""Writes of the radar: storing texts with their proposed facts, reviewing facts, turning them into records.

Each checks the actor's rights, runs in a transaction and leaves an audit entry. The records themselves
are written by the services of their own apps, which check their own rights (a town editor may create
a practice of their town, a coordinator a meeting of their programme).
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from austausch.audit.services import log_action
from austausch.knowledge.models import Practice, Status, Topic
from austausch.knowledge.services import create_practice, update_practice
from austausch.organisations.models import Organisation, OrganisationKind, Sector
from austausch.organisations.services import create_organisation, update_organisation
from austausch.programmes.models import Meeting, MeetingKind, Programme
from austausch.programmes.services import create_meeting, create_programme, update_meeting
from austausch.radar.models import (
    ACCEPTED,
    Comment,
    Fact,
    FactKind,
    FactState,
    Source,
    can_review,
    fingerprint,
)
from austausch.registry.dataset import fold
from austausch.registry.models import Municipality

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 200
MAX_ARCHIVE_SIZE = 50 * 1024 * 1024
SUMMARY_LENGTH = 600


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


# ---------------------------------------------------------------------------------------------------------------
# Ingesting texts


@dataclasses.dataclass
class Outcome:
    """What became of one file (or one member of an archive, or the pasted text)."""

    name: str
    source: Source | None = None
    duplicate_of: Source | None = None
    errors: list[str] = dataclasses.field(default_factory=list)

    @property
    def created(self) -> bool:
        return self.source is not None


def unpack(name: str, data: bytes) -> list[tuple[str, bytes | str]]:
    """The files in an upload: the upload itself, or the members of a ZIP archive. A member that cannot
    be read comes back with the reason (a string) in place of its bytes."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return [(name, data)]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir() and not _hidden(info.filename)]
    except (zipfile.BadZipFile, OSError, ValueError):
        return [(name, _("The ZIP archive is damaged and cannot be opened."))]
    if not members:
        return [(name, _("The ZIP archive contains no files."))]
    if len(members) > MAX_ARCHIVE_MEMBERS:
        return [(name, _("The ZIP archive holds %(count)d files; at most %(limit)d are read at once.")
                 % {"count": len(members), "limit": MAX_ARCHIVE_MEMBERS})]  # fmt: skip
    files: list[tuple[str, bytes | str]] = []
    total = 0
    for info in members:
        member = f"{name}/{info.filename}"
        if info.file_size > MAX_FILE_SIZE:
            files.append((member, too_big(info.file_size)))
            continue
        total += info.file_size
        if total > MAX_ARCHIVE_SIZE:
            files.append((member, _("The archive unpacks to more than %(limit)s; the rest was not read.")
                          % {"limit": filesizeformat(MAX_ARCHIVE_SIZE)}))  # fmt: skip
            break
        try:
            with archive.open(info) as stream:
                # The sizes in the archive's directory can lie; never read more than the limit.
                content = stream.read(MAX_FILE_SIZE + 1)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, ValueError):
            files.append((member, _("This file in the archive is damaged or encrypted.")))
            continue
        files.append((member, content if len(content) <= MAX_FILE_SIZE else too_big(len(content))))
    return files


def _hidden(filename: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in filename.split("/"))


def too_big(size: int) -> str:
    return _("The file is %(size)s; files may be at most %(limit)s.") % {
        "size": filesizeformat(size),
        "limit": filesizeformat(MAX_FILE_SIZE),
    }


def ingest(*, actor: Any, files: Iterable[tuple[str, bytes | str]]) -> list[Outcome]:
    """Read each file (archives member by member), store each new text with its proposed facts.

    A file given as a string instead of bytes could not be read; the string says why.

    One file's problem does not stop the others: each text is stored in its own transaction.
    A text seen before is not stored again; its outcome names the source it duplicates.
    """
    _require(can_review(actor), _("Only editors and coordinators may use the radar."))
    outcomes = []
    for name, data in files:
        for member, content in unpack(name, data) if isinstance(data, bytes) else [(name, data)]:
            if isinstance(content, str):
                outcomes.append(Outcome(name=member, errors=[content]))
            else:
                outcomes.append(_ingest_one(actor=actor, name=member, data=content))
    return outcomes


def _ingest_one(*, actor: Any, name: str, data: bytes) -> Outcome:
    if len(data) > MAX_FILE_SIZE:
        return Outcome(name=name, errors=[too_big(len(data))])
    # The extraction engine builds its gazetteer and patterns on import: not at every command's start-up.
    from austausch.radar.extraction import extract

    result = extract(name, data)
    errors = [str(error) for error in result.get("errors") or []]
    text = str(result.get("text") or "")
    if not text.strip():
        return Outcome(name=name, errors=errors or [_("The file contains no text.")])
    # PostgreSQL stores no NUL characters; a space keeps every span's offsets as they are.
    text = text.replace("\x00", " ")
    print_ = fingerprint(text)
    earlier = Source.objects.filter(fingerprint=print_).first()
    if earlier is not None:
        return Outcome(name=name, duplicate_of=earlier, errors=errors)
    try:
        source = _store(actor=actor, name=name, data=data, text=text, print_=print_, result=result, errors=errors)
    except IntegrityError:
        # The same text came in at the same moment through another upload.
        earlier = Source.objects.filter(fingerprint=print_).first()
        if earlier is None:
            raise
        return Outcome(name=name, duplicate_of=earlier, errors=errors)
    return Outcome(name=name, source=source, errors=errors)


@transaction.atomic
def _store(
    *, actor: Any, name: str, data: bytes, text: str, print_: str, result: dict[str, Any], errors: list[str]
) -> Source:
    source = Source.objects.create(
        name=name[:300],
        original=data,
        text=text,
        language=str(result.get("language") or "")[:8],
        title=str(result.get("title") or "").replace("\x00", " ")[:500],
        published_on=_date_or_none(result.get("published")),
        fingerprint=print_,
        notes=errors,
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    facts = list(_facts(source, result))
    Fact.objects.bulk_create(facts)
    Comment.objects.bulk_create(
        Comment(
            source=source,
            author=str(comment.get("author") or "").replace("\x00", " ")[:200],
            published=str(comment.get("published") or "")[:40],
            text=str(comment.get("text") or "").replace("\x00", " "),
            position=position,
        )
        for position, comment in enumerate(result.get("comments") or [])
        if str(comment.get("text") or "").strip()
    )
    log_action(
        "radar.source.ingested",
        actor=actor,
        target=source,
        after={"name": source.name, "fingerprint": print_, "facts": len(facts), "notes": errors},
    )
    return source


def _date_or_none(value: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


# What each kind of extracted fact keeps as its value.
FACT_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "municipalities": (FactKind.MUNICIPALITY, ("key", "name", "role")),
    "events": (FactKind.EVENT, ("kind", "start", "end", "place_key")),
    "programmes": (FactKind.PROGRAMME, ("name",)),
    "organisations": (FactKind.ORGANISATION, ("name", "abbreviation")),
    "people": (FactKind.PERSON, ("name", "role", "organisation")),
    "topics": (FactKind.TOPIC, ("slug", "label")),
}


def _facts(source: Source, result: dict[str, Any]) -> Iterable[Fact]:
    position = 0
    for group, (kind, fields) in FACT_FIELDS.items():
        for item in result.get(group) or []:
            value = {field: item.get(field) or "" for field in fields}
            yield Fact(
                source=source,
                kind=kind,
                value=value,
                proposed_value=value,
                spans=_valid_spans(item.get("spans"), len(source.text)),
                position=position,
            )
            position += 1
    practice = _proposed_practice(source)
    if practice is not None:
        yield Fact(
            source=source,
            kind=FactKind.PRACTICE,
            value=practice[0],
            proposed_value=practice[0],
            spans=[practice[1]],
            position=position,
        )


def _valid_spans(spans: Any, length: int) -> list[list[int]]:
    valid = []
    for span in spans or []:
        try:
            start, end = int(span[0]), int(span[1])
        except (TypeError, ValueError, IndexError):
            continue
        if 0 <= start < end <= length:
            valid.append([start, end])
    return sorted(valid)


def _proposed_practice(source: Source) -> tuple[dict[str, str], list[int]] | None:
    """A practice in the text's own words: its title, and its lead paragraph as the summary."""
    for paragraph in re.finditer(r"[^\n]+", source.text):
        lead = paragraph.group().strip()
        if len(lead) >= 120 and lead != source.title:
            start = paragraph.start() + paragraph.group().index(lead)
            summary = _first_sentences(lead, SUMMARY_LENGTH)
            title = source.title or _first_sentences(lead, 200)
            return {"title": title[:200], "summary": summary, "status": Status.RUNNING}, [start, start + len(summary)]
    return None


def _first_sentences(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = max(text.rfind(". ", 0, limit), text.rfind("! ", 0, limit), text.rfind("? ", 0, limit))
    return text[: cut + 1] if cut > 0 else text[:limit]


# ---------------------------------------------------------------------------------------------------------------
# Reviewing facts


def _reviewable(actor: Any, fact: Fact) -> None:
    """Check the right, then read the fact afresh and lock it, so two reviewers cannot both decide it."""
    _require(fact.editable_by(actor), _("You may not review this text."))
    Fact.objects.select_for_update().filter(pk=fact.pk).first()
    fact.refresh_from_db()


@transaction.atomic
def set_state(*, actor: Any, fact: Fact, state: FactState) -> Fact:
    """Confirm a fact as proposed, or drop it. A fact that made a record stays as it is."""
    _reviewable(actor, fact)
    if state not in (FactState.CONFIRMED, FactState.DROPPED):
        raise ValueError(f"not a review decision: {state}")
    if fact.record_id is not None:
        raise ValidationError(_("This fact is already part of a record and cannot change."))
    before = {"state": fact.state}
    fact.state, fact.reviewer, fact.reviewed_at = state, actor, timezone.now()
    fact.save(update_fields=["state", "reviewer", "reviewed_at"])
    log_action(f"radar.fact.{state}", actor=actor, target=fact.source,
               before={"fact": fact.pk, **before}, after={"fact": fact.pk, "state": state})  # fmt: skip
    return fact


@transaction.atomic
def correct_fact(*, actor: Any, fact: Fact, value: dict[str, Any]) -> Fact:
    """Replace what the fact says by the reviewer's version (a form has cleaned it)."""
    _reviewable(actor, fact)
    if fact.record_id is not None:
        raise ValidationError(_("This fact is already part of a record and cannot change."))
    before = {"fact": fact.pk, "state": fact.state, "value": fact.value}
    fact.value = {**fact.value, **value}
    fact.state, fact.reviewer, fact.reviewed_at = FactState.CORRECTED, actor, timezone.now()
    fact.save(update_fields=["value", "state", "reviewer", "reviewed_at"])
    log_action("radar.fact.corrected", actor=actor, target=fact.source, before=before,
               after={"fact": fact.pk, "state": fact.state, "value": fact.value})  # fmt: skip
    return fact


# ---------------------------------------------------------------------------------------------------------------
# From facts to records


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
        return _practice_titled(value.get("title", ""))
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


def _practice_titled(title: str) -> Practice | None:
    wanted = fold_name(title)
    if not wanted:
        return None
    # The knowledge base grows large: narrow by the title's longest word before comparing folded titles.
    longest = max(re.findall(r"\w+", title), key=len)
    candidates = Practice.objects.filter(title__icontains=longest).only("pk", "title")
    return next((practice for practice in candidates if fold_name(practice.title) == wanted), None)


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
    host_towns: list[Municipality]
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
    towns = _host_towns(fact)
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


def _host_towns(fact: Fact) -> list[Municipality]:
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
    same = Q(host_towns__in=plan.host_towns)
    if plan.programme is not None:
        same |= Q(programme=plan.programme, starts_on=plan.starts_on, ends_on=plan.ends_on)
    return overlapping.filter(same).distinct().order_by("starts_on", "pk").first()


@transaction.atomic
def record_fact(*, actor: Any, fact: Fact, existing: models.Model | None = None) -> models.Model:
    """Create the record an accepted fact describes, or, given `existing`, update that record with it.

    Either way the fact is linked to the record: its provenance.
    """
    _reviewable(actor, fact)
    if not fact.is_accepted:
        raise ValidationError(_("Please confirm or correct the fact first."))
    if fact.record_id is not None:
        raise ValidationError(_("This fact is already part of a record."))
    writers = {
        FactKind.EVENT: _record_meeting,
        FactKind.PROGRAMME: _record_programme,
        FactKind.ORGANISATION: _record_organisation,
        FactKind.PRACTICE: _record_practice,
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
            host_towns=plan.host_towns,
            programme=plan.programme,
            kind=plan.kind,
            title=plan.title,
            starts_on=plan.starts_on,
            ends_on=plan.ends_on,
        )
    # Merging: what the second report adds (another host town, the programme) joins the meeting.
    towns = list(existing.host_towns.all())
    added = [town for town in plan.host_towns if town not in towns]
    changes: dict[str, Any] = {}
    if existing.programme is None and plan.programme is not None:
        changes["programme"] = plan.programme
    _require(existing.editable_by(actor), _("You may not edit this meeting."))
    if added or changes:
        update_meeting(actor=actor, meeting=existing, host_towns=(towns + added) if added else None, **changes)
    return existing


def _record_programme(actor: Any, fact: Fact, record: models.Model | None) -> Programme:
    existing = _as(record, Programme)
    if existing is not None:
        _require(existing.editable_by(actor), _("You may not edit this programme."))
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
        _require(existing.editable_by(actor), _("You may not edit this organisation."))
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
