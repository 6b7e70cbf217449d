"""The registry dataset the project ships: its columns, how to read it, and how to check it.

`scripts/derive_registry.py` writes it from the official files; `services.import_registry` loads
it. Reading validates every row and the manifest, so a damaged file is named with its line
before anything touches the database.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from austausch.registry.indicators import INDICATORS_BY_CODE

DATA_DIR = Path(__file__).resolve().parent / "data"

MUNICIPALITY_COLUMNS = (
    "key",
    "country",
    "official_id",
    "regional_id",
    "name",
    "official_name",
    "kind",
    "state",
    "state_code",
    "district",
    "population",
    "population_as_of",
    "population_source",
    "area_km2",
    "area_source",
    "latitude",
    "longitude",
    "urbanisation",
    "postcode",
)
INDICATOR_VALUE_COLUMNS = ("key", "indicator", "value", "year", "source")

KEY_PATTERN = re.compile(r"^(DE-\d{8}|US-\d{1,12})$")
# The largest cities have some tens of millions; a figure beyond this is a damaged row, not a town.
MAX_POPULATION = 100_000_000
# Years a figure may refer to (the database keeps a small integer).
YEARS = range(1800, 2200)
URBANISATION_GRADES = {"", "dicht besiedelt", "mittlere Besiedlungsdichte", "gering besiedelt"}


class DatasetError(Exception):
    """A dataset file is damaged or does not fit the format; the message names file and line."""


@dataclass(frozen=True)
class MunicipalityRecord:
    key: str
    country: str
    official_id: str
    regional_id: str
    name: str
    official_name: str
    kind: str
    state: str
    state_code: str
    district: str
    population: int
    population_as_of: str
    population_source: str
    area_km2: float | None
    area_source: str
    latitude: float | None
    longitude: float | None
    urbanisation: str
    postcode: str


@dataclass(frozen=True)
class IndicatorValueRecord:
    key: str
    indicator: str
    value: float
    year: int | None
    source: str


@dataclass(frozen=True)
class RegistryDataset:
    municipalities: list[MunicipalityRecord]
    indicator_values: list[IndicatorValueRecord]


def display_name(official_name: str) -> str:
    """'Halle (Saale), Stadt' -> 'Halle (Saale)': the register appends status words after a comma."""
    return official_name.split(", ", 1)[0].strip()


def fold(text: str) -> str:
    """Fold a name for matching: lower case, umlauts spelled out (ö -> oe), ß -> ss, no accents."""
    text = text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return strip_accents(text)


def strip_accents(text: str) -> str:
    """'Mölln' -> 'molln', for people who type umlauts without their e."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def read_manifest(directory: Path) -> dict:
    manifest_path = directory / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DatasetError(f"{manifest_path}: cannot read the manifest ({error})") from error
    if not isinstance(manifest, dict):
        raise DatasetError(f"{manifest_path}: the manifest is not a JSON object")
    return manifest


def read_dataset(directory: Path = DATA_DIR) -> RegistryDataset:
    manifest = read_manifest(directory)

    municipalities = [
        _municipality(row, path, line)
        for path, line, row in read_rows(directory / "municipalities.csv", MUNICIPALITY_COLUMNS, manifest)
    ]
    keys: set[str] = set()
    for record in municipalities:
        if record.key in keys:
            raise DatasetError(f"{directory / 'municipalities.csv'}: key {record.key} appears twice")
        keys.add(record.key)

    values = [
        _indicator_value(row, path, line, keys)
        for path, line, row in read_rows(directory / "indicator_values.csv", INDICATOR_VALUE_COLUMNS, manifest)
    ]
    return RegistryDataset(municipalities=municipalities, indicator_values=values)


def read_rows(path: Path, columns: tuple[str, ...], manifest: dict) -> list[tuple[Path, int, dict[str, str]]]:
    """The rows of one dataset file with their line numbers, after checking its columns, count and checksum."""
    expected = manifest.get(path.name)
    if not isinstance(expected, dict):
        raise DatasetError(f"{path}: not listed in manifest.json")
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except OSError as error:
        raise DatasetError(f"{path}: cannot read the file ({error.strerror})") from error
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DatasetError(f"{path}, line {line}: not valid UTF-8") from error

    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None or tuple(header) != columns:
        raise DatasetError(f"{path}, line 1: expected the columns {', '.join(columns)}")
    rows = []
    for line, values in enumerate(reader, start=2):
        if len(values) != len(columns):
            raise DatasetError(
                f"{path}, line {line}: expected {len(columns)} fields, found {len(values)} "
                "(the file may be truncated or damaged)"
            )
        rows.append((path, line, dict(zip(columns, values, strict=True))))

    if len(rows) != expected.get("rows"):
        raise DatasetError(
            f"{path}: expected {expected.get('rows')} rows, found {len(rows)} (the file may be truncated)"
        )
    if hashlib.sha256(raw).hexdigest() != expected.get("sha256"):
        raise DatasetError(f"{path}: the checksum does not match manifest.json (the file is damaged or was edited)")
    return rows


def _population(text: str, where: str) -> int:
    population = _integer(text, "population", where)
    if population < 0:
        raise DatasetError(f"{where}: population is negative")
    if population > MAX_POPULATION:
        raise DatasetError(f"{where}: population {population} is more than any town has ({MAX_POPULATION:,})")
    return population


def _coordinates(row: dict[str, str], where: str) -> tuple[float | None, float | None]:
    latitude = _optional_float(row["latitude"], "latitude", where)
    longitude = _optional_float(row["longitude"], "longitude", where)
    if (latitude is None) != (longitude is None):
        raise DatasetError(f"{where}: latitude and longitude must be given together")
    if latitude is not None and longitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise DatasetError(f"{where}: coordinates out of range")
    return latitude, longitude


def _municipality(row: dict[str, str], path: Path, line: int) -> MunicipalityRecord:
    where = f"{path}, line {line}"
    if not KEY_PATTERN.match(row["key"]):
        raise DatasetError(f"{where}: key {row['key']!r} is neither DE-<8-digit AGS> nor US-<id>")
    if row["country"] != row["key"][:2]:
        raise DatasetError(f"{where}: country {row['country']!r} does not match the key {row['key']}")
    for column in ("name", "official_name", "state", "state_code", "population_as_of", "population_source"):
        if not row[column].strip():
            raise DatasetError(f"{where}: {column} is empty")
    if row["urbanisation"] not in URBANISATION_GRADES:
        raise DatasetError(f"{where}: unknown urbanisation grade {row['urbanisation']!r}")
    population = _population(row["population"], where)
    _as_of(row["population_as_of"], where)
    area_km2 = _optional_float(row["area_km2"], "area_km2", where)
    if area_km2 is not None and area_km2 < 0:
        raise DatasetError(f"{where}: area_km2 is negative")
    if (area_km2 is None) != (not row["area_source"].strip()):
        raise DatasetError(f"{where}: an area needs its source, and a source its area")
    latitude, longitude = _coordinates(row, where)
    return MunicipalityRecord(
        key=row["key"],
        country=row["country"],
        official_id=row["official_id"],
        regional_id=row["regional_id"],
        name=row["name"],
        official_name=row["official_name"],
        kind=row["kind"],
        state=row["state"],
        state_code=row["state_code"],
        district=row["district"],
        population=population,
        population_as_of=row["population_as_of"],
        population_source=row["population_source"],
        area_km2=area_km2,
        area_source=row["area_source"],
        latitude=latitude,
        longitude=longitude,
        urbanisation=row["urbanisation"],
        postcode=row["postcode"],
    )


def _indicator_value(row: dict[str, str], path: Path, line: int, keys: set[str]) -> IndicatorValueRecord:
    where = f"{path}, line {line}"
    if row["key"] not in keys:
        raise DatasetError(f"{where}: municipality {row['key']!r} is not in municipalities.csv")
    if row["indicator"] not in INDICATORS_BY_CODE:
        raise DatasetError(f"{where}: unknown indicator {row['indicator']!r}")
    value = _optional_float(row["value"], "value", where)
    if value is None:
        raise DatasetError(f"{where}: value is empty")
    if not row["source"].strip():
        raise DatasetError(f"{where}: source is empty")
    year = _integer(row["year"], "year", where) if row["year"] else None
    if year is not None and year not in YEARS:
        raise DatasetError(f"{where}: year {year} is not between {YEARS.start} and {YEARS.stop - 1}")
    return IndicatorValueRecord(
        key=row["key"], indicator=row["indicator"], value=value, year=year, source=row["source"]
    )


def _integer(text: str, column: str, where: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise DatasetError(f"{where}: {column} {text!r} is not a whole number") from None


def _optional_float(text: str, column: str, where: str) -> float | None:
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise DatasetError(f"{where}: {column} {text!r} is not a number") from None
    if not math.isfinite(number):
        raise DatasetError(f"{where}: {column} {text!r} is not a finite number")
    return number


def _as_of(text: str, where: str) -> None:
    """A reference date is a full ISO date or, where the source gives no more, a year."""
    try:
        if len(text) == 4:
            int(text)
        else:
            date.fromisoformat(text)
    except ValueError:
        raise DatasetError(f"{where}: population_as_of {text!r} is neither a date nor a year") from None
