"""The twinnings dataset the project ships: its columns, how to read it, and how to check it.

`scripts/derive_twinnings.py` writes it from the Wikidata extract; `twinnings.import_twinnings`
loads it. Like the registry's files, it is checked row by row (a damaged row is named with its
file and line) and against the manifest's row count and checksum before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from austausch.registry.dataset import (
    DATA_DIR,
    KEY_PATTERN,
    DatasetError,
    read_manifest,
    read_rows,
)

TWINNINGS_FILE = "twinnings.csv"
TWINNING_COLUMNS = (
    "town_key",
    "partner_key",
    "partner_name",
    "partner_country",
    "partner_wikidata_id",
    "partner_latitude",
    "partner_longitude",
    "kind",
    "since",
    "status",
    "source",
)
COUNTRY_PATTERN = re.compile(r"^[A-Z]{2}$")
WIKIDATA_PATTERN = re.compile(r"^Q\d{1,12}$")
FIRST_YEAR = 1800
# The values of models.PartnershipKind and models.PartnershipStatus (this module runs without Django).
KINDS = ("partnership", "friendship", "contact", "project")
STATUSES = ("active", "dormant", "ended")


@dataclass(frozen=True)
class TwinningRecord:
    town_key: str
    partner_key: str  # a registry town, or "" for a partner place
    partner_name: str
    partner_country: str
    partner_wikidata_id: str
    partner_latitude: float | None
    partner_longitude: float | None
    kind: str
    since: int | None
    status: str
    source: str
    where: str  # file and line, for messages about the row

    @property
    def place_reference(self) -> str:
        """As `PartnerPlace.reference`: the Wikidata id, or country and name."""
        return self.partner_wikidata_id or f"{self.partner_country}:{self.partner_name}"

    @property
    def identity(self) -> tuple[str, ...]:
        """The same tie in any order of its sides: two registry keys sorted, or the town and the place."""
        if self.partner_key:
            return ("towns", *sorted((self.town_key, self.partner_key)))
        return ("place", self.town_key, self.place_reference)


def has_twinnings(directory: Path = DATA_DIR) -> bool:
    """Whether the dataset in `directory` comes with twinnings (copies of the registry alone do not)."""
    return TWINNINGS_FILE in read_manifest(directory) or (directory / TWINNINGS_FILE).exists()


def read_twinnings(directory: Path = DATA_DIR, *, keys: set[str] | None = None) -> list[TwinningRecord]:
    """Every row, checked; with `keys`, each registry key must be one of them."""
    manifest = read_manifest(directory)
    records = [
        _record(row, f"{path}, line {line}", keys)
        for path, line, row in read_rows(directory / TWINNINGS_FILE, TWINNING_COLUMNS, manifest)
    ]
    seen: dict[tuple[str, ...], str] = {}
    for record in records:
        if record.identity in seen:
            raise DatasetError(f"{record.where}: the same tie as {seen[record.identity]}")
        seen[record.identity] = record.where
    return records


def _record(row: dict[str, str], where: str, keys: set[str] | None) -> TwinningRecord:
    _check_keys(row, where, keys)
    _check_place(row, where)
    latitude, longitude = _coordinates(row, where)
    return TwinningRecord(
        town_key=row["town_key"],
        partner_key=row["partner_key"],
        partner_name=row["partner_name"].strip(),
        partner_country=row["partner_country"],
        partner_wikidata_id=row["partner_wikidata_id"],
        partner_latitude=latitude,
        partner_longitude=longitude,
        kind=_choice(row, "kind", KINDS, where),
        since=_since(row["since"], where),
        status=_choice(row, "status", STATUSES, where),
        source=_source(row["source"], where),
        where=where,
    )


def _check_keys(row: dict[str, str], where: str, keys: set[str] | None) -> None:
    for column in ("town_key", "partner_key"):
        key = row[column]
        if column == "partner_key" and not key:
            continue
        if not KEY_PATTERN.match(key):
            raise DatasetError(f"{where}: {column} {key!r} is neither DE-<8-digit AGS> nor US-<id>")
        if keys is not None and key not in keys:
            raise DatasetError(f"{where}: {column} {key} is not a town of the registry")
    if row["town_key"] == row["partner_key"]:
        raise DatasetError(f"{where}: a town cannot be its own partner ({row['town_key']})")


def _check_place(row: dict[str, str], where: str) -> None:
    place_columns = ("partner_name", "partner_country", "partner_wikidata_id", "partner_latitude", "partner_longitude")
    if row["partner_key"] and any(row[column] for column in place_columns):
        raise DatasetError(f"{where}: a registry partner ({row['partner_key']}) takes no partner place columns")
    if not row["partner_key"] and not row["partner_name"].strip():
        raise DatasetError(f"{where}: neither partner_key nor partner_name is given")
    if row["partner_country"] and not COUNTRY_PATTERN.match(row["partner_country"]):
        raise DatasetError(f"{where}: partner_country {row['partner_country']!r} is not a two-letter code")
    if row["partner_wikidata_id"] and not WIKIDATA_PATTERN.match(row["partner_wikidata_id"]):
        raise DatasetError(f"{where}: partner_wikidata_id {row['partner_wikidata_id']!r} is not a Wikidata id")


def _choice(row: dict[str, str], column: str, values: tuple[str, ...], where: str) -> str:
    if row[column] not in values:
        raise DatasetError(f"{where}: unknown {column} {row[column]!r} (one of {', '.join(values)})")
    return row[column]


def _since(text: str, where: str) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        raise DatasetError(f"{where}: since {text!r} is not a year")
    since = int(text)
    if not FIRST_YEAR <= since <= date.today().year:
        raise DatasetError(f"{where}: since {since} is not between {FIRST_YEAR} and this year")
    return since


def _source(text: str, where: str) -> str:
    if not text.strip():
        raise DatasetError(f"{where}: source is empty")
    return text


def _coordinates(row: dict[str, str], where: str) -> tuple[float | None, float | None]:
    values = []
    for column in ("partner_latitude", "partner_longitude"):
        try:
            values.append(float(row[column]) if row[column] else None)
        except ValueError:
            raise DatasetError(f"{where}: {column} {row[column]!r} is not a number") from None
    latitude, longitude = values
    if (latitude is None) != (longitude is None):
        raise DatasetError(f"{where}: partner_latitude and partner_longitude must be given together")
    if latitude is not None and longitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise DatasetError(f"{where}: partner coordinates out of range")
    return latitude, longitude
