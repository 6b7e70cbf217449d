"""Writes to the registry. The import is the only one: the registry is official data, not edited by hand."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import ForeignObjectRel, Model
from django.utils import translation

from austausch.registry.dataset import (
    DATA_DIR,
    DatasetError,
    IndicatorValueRecord,
    MunicipalityRecord,
    fold,
    read_dataset,
    strip_accents,
)
from austausch.registry.models import IndicatorValue, Municipality, SizeClass

# SQLite allows 32,766 variables per statement; batches of 500 rows stay well below on both databases.
BATCH_SIZE = 500

# Fields the import owns; everything else on a Municipality (none yet) is the platform's own.
MUNICIPALITY_FIELDS = (
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
    "area_km2",
    "latitude",
    "longitude",
    "size_class",
    "urbanisation",
    "postcode",
    "search_name",
    "search_alias",
)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    values_created: int = 0
    values_updated: int = 0
    values_removed: int = 0

    @property
    def changed(self) -> bool:
        return any((self.created, self.updated, self.removed, self.values_created, self.values_updated,
                    self.values_removed))  # fmt: skip

    def summary(self) -> str:
        if not self.changed:
            return f"Registry is up to date: {self.unchanged} municipalities, nothing changed."
        return (
            f"Registry imported: {self.created} municipalities created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.removed} removed; indicator values: "
            f"{self.values_created} created, {self.values_updated} updated, {self.values_removed} removed."
        )


def municipality_fields(record: MunicipalityRecord) -> dict[str, object]:
    search_name = fold(record.name)
    alias = strip_accents(record.name)
    return {
        "country": record.country,
        "official_id": record.official_id,
        "regional_id": record.regional_id,
        "name": record.name,
        "official_name": record.official_name,
        "kind": record.kind,
        "state": record.state,
        "state_code": record.state_code,
        "district": record.district,
        "population": record.population,
        "population_as_of": record.population_as_of,
        "area_km2": record.area_km2,
        "latitude": record.latitude,
        "longitude": record.longitude,
        "size_class": SizeClass.for_population(record.population).value,
        "urbanisation": record.urbanisation,
        "postcode": record.postcode,
        "search_name": search_name,
        "search_alias": alias if alias != search_name else "",
    }


def import_registry(*, directory: Path = DATA_DIR) -> ImportReport:
    """Load the dataset into the database, in place and idempotently.

    The files are read and checked completely before the transaction starts, so a damaged file
    leaves the database as it was. Towns no longer in the dataset are removed with their figures.
    """
    dataset = read_dataset(directory)
    report = ImportReport()
    with transaction.atomic():
        _import_municipalities(dataset.municipalities, report)
        _import_indicator_values(dataset.indicator_values, report)
    return report


def _import_municipalities(records: list[MunicipalityRecord], report: ImportReport) -> None:
    existing = {municipality.key: municipality for municipality in Municipality.objects.all()}
    dataset_keys = {record.key for record in records}
    gone = [key for key in existing if key not in dataset_keys]
    _refuse_to_drop_referenced([existing[key].pk for key in gone])
    to_create, to_update = [], []
    for record in records:
        fields = municipality_fields(record)
        municipality = existing.get(record.key)
        if municipality is None:
            to_create.append(Municipality(key=record.key, **fields))
        elif any(getattr(municipality, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(municipality, name, value)
            to_update.append(municipality)
        else:
            report.unchanged += 1
    Municipality.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    Municipality.objects.bulk_update(to_update, MUNICIPALITY_FIELDS, batch_size=BATCH_SIZE)
    for start in range(0, len(gone), BATCH_SIZE):
        Municipality.objects.filter(key__in=gone[start : start + BATCH_SIZE]).delete()
    report.created, report.updated, report.removed = len(to_create), len(to_update), len(gone)


def _refuse_to_drop_referenced(ids: list[int]) -> None:
    """A town the platform's records refer to (organisations, meetings, commitments…) stays.

    Deleting it would fail on protected references or silently cut others (a practice's towns), so
    the import stops, names the towns and what refers to them, and changes nothing.
    """
    if not ids:
        return
    references: dict[str, int] = {}
    referenced: set[int] = set()
    for model, lookup, column in _references_to_towns():
        for start in range(0, len(ids), BATCH_SIZE):
            batch = {f"{column}__in": ids[start : start + BATCH_SIZE]}
            rows = list(model._default_manager.filter(**lookup, **batch).values_list(column, flat=True))
            if rows:
                referenced |= {int(row) for row in rows}
                with translation.override("en"):  # the command speaks English
                    label = str(model._meta.verbose_name_plural)
                references[label] = references.get(label, 0) + len(rows)
    if referenced:
        keys = sorted(Municipality.objects.filter(pk__in=referenced).values_list("key", flat=True))
        shown = ", ".join(keys[:10]) + (f" and {len(keys) - 10} more" if len(keys) > 10 else "")
        what = ", ".join(f"{label}: {count}" for label, count in sorted(references.items()))
        raise DatasetError(
            f"the dataset drops towns that records still refer to ({len(keys)}): {shown} — referred to by {what}; "
            "keep these towns in the dataset, or change those records first"
        )


def _references_to_towns() -> Iterator[tuple[type[Model], dict[str, object], str]]:
    """Every (model, filter, column) by which a record outside the registry names a town."""
    for field in Municipality._meta.get_fields(include_hidden=True):
        if not isinstance(field, ForeignObjectRel) or field.related_model is IndicatorValue:
            continue
        if not field.field.model._meta.auto_created:  # a many-to-many's own table: counted by its field
            yield field.field.model, {}, field.field.name
    town_type = ContentType.objects.get_for_model(Municipality)
    for model in apps.get_models():
        for generic in model._meta.private_fields:
            if isinstance(generic, GenericForeignKey):  # roles and invitations scoped to a town
                yield model, {generic.ct_field: town_type}, generic.fk_field


def _import_indicator_values(records: list[IndicatorValueRecord], report: ImportReport) -> None:
    ids = dict(Municipality.objects.values_list("key", "id"))
    stored = {(value.municipality_id, value.indicator): value for value in IndicatorValue.objects.all()}
    to_create, to_update = [], []
    for record in records:
        current = stored.pop((ids[record.key], record.indicator), None)
        if current is None:
            to_create.append(
                IndicatorValue(
                    municipality_id=ids[record.key],
                    indicator=record.indicator,
                    value=record.value,
                    year=record.year,
                    source=record.source,
                )
            )
        elif (current.value, current.year, current.source) != (record.value, record.year, record.source):
            current.value, current.year, current.source = record.value, record.year, record.source
            to_update.append(current)
    IndicatorValue.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    IndicatorValue.objects.bulk_update(to_update, ["value", "year", "source"], batch_size=BATCH_SIZE)
    # What is left in `stored` is no longer in the dataset.
    stale = [value.pk for value in stored.values()]
    for start in range(0, len(stale), BATCH_SIZE):
        IndicatorValue.objects.filter(pk__in=stale[start : start + BATCH_SIZE]).delete()
    report.values_created, report.values_updated, report.values_removed = len(to_create), len(to_update), len(stale)
