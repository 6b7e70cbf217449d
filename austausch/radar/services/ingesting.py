"""Storing texts (pasted, uploaded, zipped) with the facts the extraction proposes in them."""

from __future__ import annotations

import dataclasses
import datetime
import io
import logging
import re
import zipfile
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _

from austausch.audit.services import log_action
from austausch.knowledge.models import Status
from austausch.lib.permissions import require
from austausch.radar.models import (
    Comment,
    Fact,
    FactKind,
    Ingestion,
    IngestionFile,
    IngestionState,
    Source,
    can_review,
    fingerprint,
)

logger = logging.getLogger(__name__)

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 200
MAX_ARCHIVE_SIZE = 50 * 1024 * 1024
SUMMARY_LENGTH = 600
PASTED_NAME = "pasted-text.txt"


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
    require(can_review(actor), _("Only editors and coordinators may use the radar."))
    outcomes = []
    for name, data in files:
        for member, content in unpack(name, data) if isinstance(data, bytes) else [(name, data)]:
            if isinstance(content, str):
                outcomes.append(Outcome(name=member, errors=[content]))
            else:
                outcomes.append(_ingest_one(actor=actor, name=member, data=content))
    return outcomes


def handed_in_files(uploads: Iterable[UploadedFile], text: str = "") -> list[tuple[str, bytes | str]]:
    """What a reviewer hands in, on the web or through the API: the pasted text first, then each upload as
    bytes, or, for a file over the limit, the reason it is not read (such a file is not read at all)."""
    files: list[tuple[str, bytes | str]] = []
    if text.strip():
        files.append((PASTED_NAME, text.strip().encode()))
    for upload in uploads:
        size = upload.size or 0
        files.append((upload.name or _("file"), too_big(size) if size > MAX_FILE_SIZE else upload.read()))
    return files


@transaction.atomic
def hand_in(*, actor: Any, files: list[tuple[str, bytes | str]]) -> Ingestion:
    """Keep the files for the background worker and queue their reading; the web request ends here.

    A file given as a string instead of bytes is not read; the string says why."""
    require(can_review(actor), _("Only editors and coordinators may use the radar."))
    ingestion = Ingestion.objects.create(uploaded_by=actor, language=translation.get_language() or "")
    IngestionFile.objects.bulk_create(
        IngestionFile(
            ingestion=ingestion,
            name=name[:300],
            data=data if isinstance(data, bytes) else b"",
            refusal="" if isinstance(data, bytes) else data,
            position=position,
        )
        for position, (name, data) in enumerate(files)
    )
    from austausch.radar.tasks import read_texts

    # The database queue writes in this transaction: the task exists exactly when the files do.
    try:
        with transaction.atomic():
            read_texts.enqueue(ingestion.pk)
    except Exception:
        logger.exception("could not queue the reading of ingestion %s", ingestion.pk)
        fail(ingestion, _("The texts could not be queued for reading. Please try again later."))
    return ingestion


def may_follow(user: Any, ingestion: Ingestion) -> bool:
    """Who may see how a reading goes: whoever handed the texts in, and staff."""
    return bool(ingestion.uploaded_by_id == user.pk or user.is_staff)


def fail(ingestion: Ingestion, why: str) -> None:
    ingestion.state, ingestion.failure = IngestionState.FAILED, why
    ingestion.save(update_fields=["state", "failure", "updated_at"])
    ingestion.files.all().delete()


def read_handed_in(ingestion_id: int) -> None:
    """The background worker's part: read each file handed in, record what became of it, drop the bytes."""
    ingestion = Ingestion.objects.select_related("uploaded_by").filter(pk=ingestion_id).first()
    if ingestion is None or ingestion.finished:
        return
    ingestion.state = IngestionState.READING
    ingestion.save(update_fields=["state", "updated_at"])
    files = [(file.name, file.refusal or bytes(file.data)) for file in ingestion.files.all()]
    with translation.override(ingestion.language or None):
        try:
            outcomes = ingest(actor=ingestion.uploaded_by, files=files)
        except PermissionDenied as error:
            fail(ingestion, str(error))
            return
        except Exception:
            logger.exception("reading ingestion %s failed", ingestion_id)
            fail(ingestion, _("An internal error stopped the reading. The administrators can see what happened."))
            return
    ingestion.outcomes = [
        {
            "name": outcome.name,
            "source": outcome.source.pk if outcome.source else None,
            "duplicate_of": outcome.duplicate_of.pk if outcome.duplicate_of else None,
            "errors": [str(error) for error in outcome.errors],
        }
        for outcome in outcomes
    ]
    ingestion.state = IngestionState.DONE
    ingestion.save(update_fields=["outcomes", "state", "updated_at"])
    ingestion.files.all().delete()


def stored_outcomes(ingestion: Ingestion) -> list[Outcome]:
    """What became of each file, with the sources it made or duplicated (a source deleted since drops out)."""
    ids = {entry.get(key) for entry in ingestion.outcomes for key in ("source", "duplicate_of")} - {None}
    sources = Source.objects.in_bulk(list(ids))
    return [
        Outcome(
            name=entry["name"],
            source=sources.get(entry.get("source")),
            duplicate_of=sources.get(entry.get("duplicate_of")),
            errors=list(entry.get("errors") or []),
        )
        for entry in ingestion.outcomes
    ]


def _ingest_one(*, actor: Any, name: str, data: bytes) -> Outcome:
    if len(data) > MAX_FILE_SIZE:
        return Outcome(name=name, errors=[too_big(len(data))])
    # The extraction engine builds its gazetteer and patterns on import: not at every command's start-up.
    from austausch.radar.extraction import extract
    from austausch.radar.services.learning import known_names

    result = extract(name, data, known_names())
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
    "practices": (FactKind.PRACTICE, ("title",)),
    "publications": (FactKind.PUBLICATION, ("title",)),
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
