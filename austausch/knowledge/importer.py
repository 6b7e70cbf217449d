"""CSV and JSON import of practices: every record is checked first, then all are saved or none.

CSV has one practice per row with the column names below; lists (towns, topics) are separated by
";". JSON is a list of objects with the same keys, lists as JSON arrays. Towns are keys
(DE-15002000) or unambiguous names.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import decimal
import io
import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from austausch.knowledge.models import Currency, Language, Practice, Status, Topic
from austausch.knowledge.services import create_practice
from austausch.registry.models import Municipality
from austausch.registry.search import resolve_municipality

TEXT_FIELDS = (
    "summary", "body", "funding_sources", "partners", "results", "evidence", "lessons_worked",
    "lessons_failed", "transfer_staff", "transfer_budget", "transfer_legal", "transfer_data",
    "transfer_software", "publiccode_url", "repository_url", "source_url", "source_note",
)  # fmt: skip
COLUMNS = (
    "title", *TEXT_FIELDS, "language", "municipalities", "topics", "status", "started_on", "ended_on",
    "budget_amount", "budget_currency", "published",
)  # fmt: skip
REQUIRED = ("title", "summary", "language", "municipalities")
TRUE, FALSE = {"1", "true", "yes", "ja", "y"}, {"", "0", "false", "no", "nein", "n"}


@dataclasses.dataclass(frozen=True)
class ImportProblem:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.field}: {self.message}"


class ImportFailed(Exception):
    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def read_records(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(line, record) pairs; for JSON the "line" is the record's position in the list, from 1."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ImportFailed([ImportProblem(error.lineno, "file", f"not valid JSON: {error.msg}")]) from error
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise ImportFailed([ImportProblem(1, "file", "expected a JSON list of objects")])
        return list(enumerate(data, start=1))
    reader = csv.DictReader(io.StringIO(text))
    unknown = [name for name in reader.fieldnames or [] if name not in COLUMNS]
    if unknown:
        raise ImportFailed(
            [ImportProblem(1, name, f"unknown column; the columns are: {', '.join(COLUMNS)}") for name in unknown]
        )
    records = []
    for row in reader:
        if None in row:
            raise ImportFailed([ImportProblem(reader.line_num, "row", "more values than columns")])
        records.append((reader.line_num, {key: value for key, value in row.items() if key}))
    return records


def _list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    return [item.strip() for item in str(value or "").split(";") if item.strip()]


def _date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    return datetime.date.fromisoformat(str(value))


def validate(line: int, record: dict[str, Any], problems: list[ImportProblem]) -> dict[str, Any] | None:
    """The arguments of `create_practice` for one record, or None after adding its problems."""
    found: list[ImportProblem] = []

    def problem(field: str, message: str) -> None:
        found.append(ImportProblem(line, field, message))

    for name in record:
        if name not in COLUMNS:
            problem(name, "unknown field")
    for name in REQUIRED:
        if not record.get(name):
            problem(name, "required")
    fields: dict[str, Any] = {"title": str(record.get("title") or "").strip()}
    fields |= {name: str(record.get(name) or "").strip() for name in TEXT_FIELDS}
    language = str(record.get("language") or "").strip().lower()
    if language and language not in Language.values:
        problem("language", f"must be one of {', '.join(Language.values)}")
    fields["language"] = language
    status = str(record.get("status") or Status.IDEA).strip().lower()
    if status not in Status.values:
        problem("status", f"must be one of {', '.join(Status.values)}")
    fields["status"] = status
    for name in ("started_on", "ended_on"):
        try:
            fields[name] = _date(record.get(name))
        except ValueError:
            problem(name, f"not a date: {record.get(name)!r} (write YYYY-MM-DD)")
    amount = record.get("budget_amount")
    try:
        fields["budget_amount"] = decimal.Decimal(str(amount)) if amount not in (None, "") else None
    except decimal.InvalidOperation:
        problem("budget_amount", f"not a number: {amount!r}")
    currency = str(record.get("budget_currency") or "").strip().upper()
    if currency and currency not in Currency.values:
        problem("budget_currency", f"must be one of {', '.join(Currency.values)}")
    fields["budget_currency"] = currency
    published = str(record.get("published", "")).strip().lower()
    if published not in TRUE | FALSE:
        problem("published", "write yes or no")

    towns: list[Municipality] = []
    for name in _list(record.get("municipalities")):
        try:
            towns.append(resolve_municipality(name))
        except ValidationError as error:
            problem("municipalities", error.messages[0])
    slugs = _list(record.get("topics"))
    topics = list(Topic.objects.filter(slug__in=slugs))
    for slug in sorted(set(slugs) - {topic.slug for topic in topics}):
        problem("topics", f"unknown topic {slug!r}")

    if not found:
        practice = Practice(**fields)
        try:
            practice.full_clean(exclude=["created_by"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    problem(field, message)
    problems.extend(found)
    if found:
        return None
    return {**fields, "municipalities": towns, "topics": topics, "publish": published in TRUE}


def import_practices(path: Path, *, actor: Any = None) -> list[Practice]:
    """Check every record, then save them all in one transaction; ImportFailed lists every problem."""
    records = read_records(path)
    problems: list[ImportProblem] = []
    checked = [validate(line, record, problems) for line, record in records]
    if problems:
        raise ImportFailed(problems)
    with transaction.atomic():
        return [create_practice(actor=actor, **arguments) for arguments in checked if arguments is not None]
