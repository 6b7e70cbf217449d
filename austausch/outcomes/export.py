"""Commitments and the ledger as CSV and JSON downloads: flat rows with stable column names."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

from austausch.outcomes.models import Commitment, Transfer

COMMITMENT_COLUMNS = [
    "id",
    "town_key",
    "town",
    "title",
    "state",
    "overdue",
    "due_on",
    "owner",
    "success_indicator",
    "dropped_reason",
    "programme",
    "meeting_id",
    "practice_id",
    "url",
    "updated_at",
]
TRANSFER_COLUMNS = [
    "id",
    "town_key",
    "town",
    "practice_id",
    "practice",
    "origin_key",
    "origin",
    "state",
    "started_on",
    "changed_on",
    "adaptations",
    "programme",
    "meeting_id",
]


def commitment_row(commitment: Commitment, base_url: str) -> dict[str, Any]:
    return {
        "id": commitment.pk,
        "town_key": commitment.municipality.key,
        "town": commitment.municipality.name,
        "title": commitment.title,
        "state": commitment.state,
        "overdue": commitment.is_overdue,
        "due_on": commitment.due_on,
        "owner": commitment.owner,
        "success_indicator": commitment.success_indicator,
        "dropped_reason": commitment.dropped_reason,
        "programme": commitment.programme.slug if commitment.programme else None,
        "meeting_id": commitment.meeting_id,
        "practice_id": commitment.practice_id,
        "url": base_url + commitment.get_absolute_url(),
        "updated_at": commitment.updated_at,
    }


def transfer_row(transfer: Transfer) -> dict[str, Any]:
    return {
        "id": transfer.pk,
        "town_key": transfer.municipality.key,
        "town": transfer.municipality.name,
        "practice_id": transfer.practice_id,
        "practice": transfer.practice.title,
        "origin_key": transfer.origin_municipality.key,
        "origin": transfer.origin_municipality.name,
        "state": transfer.state,
        "started_on": transfer.started_on,
        "changed_on": transfer.changed_on,
        "adaptations": transfer.adaptations,
        "programme": transfer.programme.slug if transfer.programme else None,
        "meeting_id": transfer.meeting_id,
    }


def download(rows: Iterable[dict[str, Any]], columns: list[str], *, fmt: str, filename: str) -> HttpResponse:
    rows = list(rows)
    if fmt == "json":
        response = HttpResponse(
            json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = csv.DictWriter(response, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({name: _cell(row[name]) for name in columns})
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _cell(value: Any) -> Any:
    """Keep spreadsheet programs from running text as a formula (CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
