"""Writes to the registry. The import is the only one: the registry is official data, not edited by hand.

The twinnings, which editors do change, have their own module (`twinnings`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import ForeignObjectRel, Model
from django.utils import translation

from austausch.registry.dataset import (
    DATA_DIR,
    MUNICIPALITY_COLUMNS,
    DatasetError,
    IndicatorValueRecord,
    MunicipalityRecord,
    RegistryDataset,
    fold,
    read_dataset,
    strip_accents,
)
from austausch.registry.models import IndicatorValue, Municipality, Partnership, SizeClass

# SQLite allows 32,766 variables per statement; batches of 500 rows stay well below on both databases.
BATCH_SIZE = 500

# Fields the import owns; everything else on a Municipality (none yet) is the platform's own. The dataset's
# columns are copied as they are (the key names the row); the size class and the search forms are derived.
COPIED_COLUMNS = tuple(column for column in MUNICIPALITY_COLUMNS if column != "key")
MUNICIPALITY_FIELDS = (*COPIED_COLUMNS, "size_class", "search_name", "search_alias")


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
        **{column: getattr(record, column) for column in COPIED_COLUMNS},
        "size_class": SizeClass.for_population(record.population).value,
        "search_name": search_name,
        "search_alias": alias if alias != search_name else "",
    }


VALUE_FIELDS = ("value", "year", "source")


@dataclass
class ImportPlan:
    """What an import changes, worked out from the files and a read of the database, before any write."""

    report: ImportReport
    new_towns: list[Municipality]
    changed_towns: list[tuple[Any, ...]]  # (pk, *MUNICIPALITY_FIELDS)
    gone_towns: list[int]
    new_values: list[IndicatorValueRecord]
    changed_values: list[tuple[Any, ...]]  # (pk, *VALUE_FIELDS)
    stale_values: list[int]


def import_registry(*, directory: Path = DATA_DIR) -> ImportReport:
    """Load the dataset into the database, in place and idempotently.

    The files are read and checked completely, and the changes worked out, before anything is
    written, so a damaged file leaves the database as it was. Changed rows are then staged in
    temporary tables (which on SQLite take no lock on the database) and applied in one transaction
    of set-based statements: writers elsewhere wait for a moment, not for the whole import. Towns
    no longer in the dataset are removed with their figures, unless records still refer to them.
    """
    plan = plan_import(read_dataset(directory))
    with (
        _staged(Municipality, MUNICIPALITY_FIELDS, plan.changed_towns) as staged_towns,
        _staged(IndicatorValue, VALUE_FIELDS, plan.changed_values) as staged_values,
        transaction.atomic(),
    ):
        _refuse_to_drop_referenced(plan.gone_towns)
        Municipality.objects.bulk_create(plan.new_towns, batch_size=BATCH_SIZE)
        _update_from(Municipality, MUNICIPALITY_FIELDS, staged_towns)
        for start in range(0, len(plan.gone_towns), BATCH_SIZE):
            Municipality.objects.filter(pk__in=plan.gone_towns[start : start + BATCH_SIZE]).delete()
        ids = dict(Municipality.objects.values_list("key", "id"))
        IndicatorValue.objects.bulk_create(
            [
                IndicatorValue(municipality_id=ids[record.key], indicator=record.indicator, value=record.value,
                               year=record.year, source=record.source)
                for record in plan.new_values
            ],
            batch_size=BATCH_SIZE,
        )  # fmt: skip
        _update_from(IndicatorValue, VALUE_FIELDS, staged_values)
        for start in range(0, len(plan.stale_values), BATCH_SIZE):
            IndicatorValue.objects.filter(pk__in=plan.stale_values[start : start + BATCH_SIZE]).delete()
    return plan.report


def plan_import(dataset: RegistryDataset) -> ImportPlan:
    """The changes from the database's registry to `dataset`, found by reading only."""
    report = ImportReport()
    columns = ("pk", "key", *MUNICIPALITY_FIELDS)
    existing = {row[1]: row for row in Municipality.objects.values_list(*columns)}
    new_towns, changed_towns = [], []
    for record in dataset.municipalities:
        fields = municipality_fields(record)
        current = existing.get(record.key)
        if current is None:
            new_towns.append(Municipality(key=record.key, **fields))
        elif current[2:] != tuple(fields.values()):
            changed_towns.append((current[0], *fields.values()))
        else:
            report.unchanged += 1
    dataset_keys = {record.key for record in dataset.municipalities}
    gone_towns = [row[0] for key, row in existing.items() if key not in dataset_keys]

    ids = {key: row[0] for key, row in existing.items()}
    stored = {
        (municipality_id, indicator): (pk, value, year, source)
        for pk, municipality_id, indicator, value, year, source in IndicatorValue.objects.values_list(
            "pk", "municipality_id", "indicator", *VALUE_FIELDS
        )
    }
    new_values, changed_values = [], []
    for figure in dataset.indicator_values:
        current = stored.pop((ids[figure.key], figure.indicator), None) if figure.key in ids else None
        if current is None:
            new_values.append(figure)
        elif current[1:] != (figure.value, figure.year, figure.source):
            changed_values.append((current[0], figure.value, figure.year, figure.source))
    # What is left in `stored` is no longer in the dataset.
    stale_values = [value[0] for value in stored.values()]

    report.created, report.updated, report.removed = len(new_towns), len(changed_towns), len(gone_towns)
    report.values_created, report.values_updated = len(new_values), len(changed_values)
    report.values_removed = len(stale_values)
    return ImportPlan(report, new_towns, changed_towns, gone_towns, new_values, changed_values, stale_values)


@contextmanager
def _staged(model: type[Model], fields: tuple[str, ...], rows: list[tuple[Any, ...]]) -> Iterator[str | None]:
    """A temporary table holding (pk, *fields) rows for `_update_from`, dropped afterwards; None if no rows.

    Filled before the caller's transaction: Django's bulk_update would write the same rows with a
    CASE expression per field and row, which on every row of the registry held the lock for minutes.
    """
    if not rows:
        yield None
        return
    # Names from the models' metadata, quoted, and values as parameters: nothing here comes from outside.
    quote = connection.ops.quote_name
    table = quote(f"staged_{model._meta.db_table}")
    columns = ", ".join(quote(column) for column in _columns(model, fields))
    placeholders = ", ".join(["%s"] * (len(fields) + 1))
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        source = quote(model._meta.db_table)
        cursor.execute(f"CREATE TEMPORARY TABLE {table} AS SELECT {columns} FROM {source} WHERE 1 = 0")  # noqa: S608
        insert = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(insert, rows[start : start + BATCH_SIZE])
    try:
        yield table
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")


def _update_from(model: type[Model], fields: tuple[str, ...], staged: str | None) -> None:
    """One UPDATE … FROM the staged rows (SQLite 3.33+ and PostgreSQL take the same statement)."""
    if staged is None:
        return
    quote = connection.ops.quote_name
    target = quote(model._meta.db_table)
    pk, *columns = (quote(column) for column in _columns(model, fields))
    assignments = ", ".join(f"{column} = {staged}.{column}" for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {target} SET {assignments} FROM {staged} WHERE {target}.{pk} = {staged}.{pk}")  # noqa: S608


def _columns(model: type[Model], fields: tuple[str, ...]) -> list[str]:
    fields_in_order = [model._meta.pk, *(model._meta.get_field(name) for name in fields)]
    return [str(field.column) for field in fields_in_order]  # type: ignore[union-attr]


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
        if field.related_model is Partnership:  # the dataset's own twinnings go with the town; editors' stay
            yield Partnership, {"edited_by_hand": True}, field.field.name
            continue
        if not field.field.model._meta.auto_created:  # a many-to-many's own table: counted by its field
            yield field.field.model, {}, field.field.name
    town_type = ContentType.objects.get_for_model(Municipality)
    for model in apps.get_models():
        for generic in model._meta.private_fields:
            if isinstance(generic, GenericForeignKey):  # roles and invitations scoped to a town
                yield model, {generic.ct_field: town_type}, generic.fk_field
