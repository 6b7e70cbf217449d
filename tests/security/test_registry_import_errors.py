"""`registry import` refuses impossible figures and the loss of towns in use with a clear message (exit 2)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.knowledge.models import Practice
from austausch.organisations.models import Organisation
from austausch.registry.models import IndicatorValue, Municipality
from tests.conftest import SAMPLE_NAMES
from tests.registry.datasets import reseal, write_sample

WITTENBERGE = "DE-12070424"


def snapshot() -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    return (
        list(Municipality.objects.order_by("key").values_list("key", "population", "name")),
        list(IndicatorValue.objects.order_by("pk").values_list("municipality_id", "indicator", "value", "year")),
    )


def edit_row(directory: Path, key: str, **changes: str) -> None:
    path = directory / "municipalities.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["key"] == key:
            row.update(changes)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    reseal(directory)


def run_import(directory: Path) -> CommandError:
    with pytest.raises(CommandError) as raised:
        call_command("registry", "import", "--data", str(directory))
    assert raised.value.returncode == 2
    assert "Nothing was changed" in str(raised.value)
    return raised.value


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("population", str(10**23), "population 100000000000000000000000 is more than any town has"),
        ("area_km2", "inf", "area_km2 'inf' is not a finite number"),
        ("area_km2", "-3", "area_km2 is negative"),
        ("latitude", "nan", "latitude 'nan' is not a finite number"),
    ],
)
def test_an_impossible_figure_is_named_and_changes_nothing(
    registry_sample: frozenset[str], tmp_path: Path, column: str, value: str, message: str
) -> None:
    before = snapshot()
    write_sample(tmp_path, SAMPLE_NAMES)
    edit_row(tmp_path, WITTENBERGE, **{column: value})
    error = run_import(tmp_path)
    assert "municipalities.csv, line" in str(error)
    assert message in str(error)
    assert snapshot() == before


def test_towns_in_use_cannot_be_dropped_by_a_new_dataset(registry_sample: frozenset[str], tmp_path: Path) -> None:
    wittenberge = Municipality.objects.get(key=WITTENBERGE)
    Organisation.objects.create(
        name="Stadtwerke", kind="municipal_company", sector="public_agency", municipality=wittenberge
    )
    practice = Practice.objects.create(
        title="Bürgerhaushalt", summary="Die Stadt lässt über einen Teil ihres Haushalts abstimmen."
    )
    practice.municipalities.add(wittenberge)
    editor = User.objects.create_user("edda@example.org", "a long enough passphrase 42", name="Edda")
    RoleAssignment.objects.create(
        user=editor,
        role=Role.EDITOR,
        scope_type=ContentType.objects.get_for_model(Municipality),
        scope_id=wittenberge.pk,
    )
    before = snapshot()
    write_sample(tmp_path, SAMPLE_NAMES - {"Wittenberge", "Princeton"})

    error = run_import(tmp_path)
    assert f"the dataset drops towns that records still refer to (1): {WITTENBERGE} — referred to by" in str(error)
    assert "organisations: 1" in str(error)
    assert "practices: 1" in str(error)
    assert "roles: 1" in str(error)
    assert snapshot() == before
    assert list(practice.municipalities.all()) == [wittenberge]


def test_towns_nothing_refers_to_are_still_dropped(registry_sample: frozenset[str], tmp_path: Path) -> None:
    write_sample(tmp_path, SAMPLE_NAMES - {"Princeton"})
    call_command("registry", "import", "--data", str(tmp_path))
    assert not Municipality.objects.filter(name="Princeton").exists()
    assert Municipality.objects.filter(key=WITTENBERGE).exists()


def test_an_import_that_fails_while_applying_changes_nothing(
    registry_sample: frozenset[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Towns and figures are applied in one transaction: a failure at the figures undoes the towns."""
    from austausch.registry import services

    before = snapshot()
    write_sample(tmp_path, SAMPLE_NAMES)
    edit_row(tmp_path, WITTENBERGE, population="99999")
    real_update = services._update_from

    def failing_update(model: type, fields: tuple[str, ...], staged: str | None) -> None:
        if model is IndicatorValue:
            raise RuntimeError("the disk is full")
        real_update(model, fields, staged)

    monkeypatch.setattr(services, "_update_from", failing_update)
    with open(tmp_path / "indicator_values.csv", encoding="utf-8") as handle:
        lines = handle.readlines()
    key, indicator, value, *rest = lines[1].split(",")
    lines[1] = ",".join([key, indicator, str(float(value) + 1), *rest])
    (tmp_path / "indicator_values.csv").write_text("".join(lines), encoding="utf-8")
    reseal(tmp_path)

    with pytest.raises(RuntimeError, match="the disk is full"):
        services.import_registry(directory=tmp_path)
    assert snapshot() == before


def test_an_import_of_changed_figures_updates_them_all_in_place(
    registry_sample: frozenset[str], tmp_path: Path
) -> None:
    ids = dict(Municipality.objects.values_list("key", "pk"))
    write_sample(tmp_path, SAMPLE_NAMES)
    path = tmp_path / "municipalities.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["population"] = str(int(row["population"]) + 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    reseal(tmp_path)
    expected = {row["key"]: int(row["population"]) for row in rows}

    call_command("registry", "import", "--data", str(tmp_path))
    assert dict(Municipality.objects.values_list("key", "population")) == expected
    assert dict(Municipality.objects.values_list("key", "pk")) == ids
