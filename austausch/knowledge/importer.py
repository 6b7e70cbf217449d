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
from django.utils import translation

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


class _Check:
    """The problems of one record, each named by line and field, as the record's values are read."""

    def __init__(self, line: int, record: dict[str, Any]) -> None:
        self.line, self.record = line, record
        self.found: list[ImportProblem] = []

    def problem(self, field: str, message: str) -> None:
        self.found.append(ImportProblem(self.line, field, message))

    def columns(self) -> None:
        for name in self.record:
            if name not in COLUMNS:
                self.problem(name, "unknown field")
        for name in REQUIRED:
            if not self.record.get(name):
                self.problem(name, "required")

    def text(self, name: str) -> str:
        return str(self.record.get(name) or "").strip()

    def choice(self, name: str, values: list[str], *, default: str = "", case: Any = str.lower) -> str:
        value = case(str(self.record.get(name) or default).strip())
        if value and value not in values:
            self.problem(name, f"must be one of {', '.join(values)}")
        return value

    def date(self, name: str) -> datetime.date | None:
        try:
            return _date(self.record.get(name))
        except ValueError:
            self.problem(name, f"not a date: {self.record.get(name)!r} (write YYYY-MM-DD)")
            return None

    def amount(self, name: str) -> decimal.Decimal | None:
        amount = self.record.get(name)
        try:
            return decimal.Decimal(str(amount)) if amount not in (None, "") else None
        except decimal.InvalidOperation:
            self.problem(name, f"not a number: {amount!r}")
            return None

    def municipalities(self) -> list[Municipality]:
        towns: list[Municipality] = []
        for name in _list(self.record.get("municipalities")):
            try:
                with translation.override(None):  # the importer reports in English, as it does everything else
                    towns.append(resolve_municipality(name))
            except ValidationError as error:
                self.problem("municipalities", error.messages[0])
        return towns

    def topics(self) -> list[Topic]:
        slugs = _list(self.record.get("topics"))
        topics = list(Topic.objects.filter(slug__in=slugs))
        for slug in sorted(set(slugs) - {topic.slug for topic in topics}):
            self.problem("topics", f"unknown topic {slug!r}")
        return topics

    def model(self, practice: Practice) -> None:
        try:
            practice.full_clean(exclude=["created_by"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.problem(field, message)


def validate(line: int, record: dict[str, Any], problems: list[ImportProblem]) -> dict[str, Any] | None:
    """The arguments of `create_practice` for one record, or None after adding its problems."""
    check = _Check(line, record)
    check.columns()
    fields: dict[str, Any] = {"title": check.text("title")} | {name: check.text(name) for name in TEXT_FIELDS}
    fields["language"] = check.choice("language", Language.values)
    fields["status"] = check.choice("status", Status.values, default=Status.IDEA)
    fields["started_on"] = check.date("started_on")
    fields["ended_on"] = check.date("ended_on")
    fields["budget_amount"] = check.amount("budget_amount")
    fields["budget_currency"] = check.choice("budget_currency", Currency.values, case=str.upper)
    published = str(record.get("published", "")).strip().lower()
    if published not in TRUE | FALSE:
        check.problem("published", "write yes or no")
    towns, topics = check.municipalities(), check.topics()
    if not check.found:
        check.model(Practice(**fields))
    problems.extend(check.found)
    if check.found:
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
