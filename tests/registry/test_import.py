from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from austausch.registry.dataset import DatasetError
from austausch.registry.models import IndicatorValue, Municipality
from austausch.registry.services import import_registry
from tests.registry.datasets import copy_dataset, reseal


def snapshot() -> list[tuple]:
    return list(Municipality.objects.order_by("key").values_list()) + list(
        IndicatorValue.objects.order_by("pk").values_list()
    )


def test_a_removed_town_is_removed_with_its_figures(
    registry_sample: frozenset[str], sample_dataset: Path, tmp_path: Path
) -> None:
    directory = copy_dataset(tmp_path, source=sample_dataset)
    for name in ("municipalities.csv", "indicator_values.csv"):
        path = directory / name
        path.write_text("".join(line for line in path.read_text().splitlines(True) if "DE-12070424" not in line))
    reseal(directory)

    report = import_registry(directory=directory)

    assert report.removed == 1
    assert not Municipality.objects.filter(key="DE-12070424").exists()
    assert not IndicatorValue.objects.filter(municipality__key="DE-12070424").exists()


def test_a_second_import_changes_nothing_and_says_so(registry_sample: frozenset[str], sample_dataset: Path) -> None:
    before = snapshot()
    report = import_registry(directory=sample_dataset)
    assert not report.changed, report.summary()
    assert report.unchanged == len(registry_sample)
    assert "nothing changed" in report.summary()
    assert snapshot() == before


def test_import_updates_changed_figures_in_place(
    registry_sample: frozenset[str], sample_dataset: Path, tmp_path: Path
) -> None:
    wittenberge = Municipality.objects.get(key="DE-12070424")
    directory = copy_dataset(tmp_path, source=sample_dataset)
    municipalities = directory / "municipalities.csv"
    municipalities.write_text(municipalities.read_text().replace(",BB,Prignitz,16837,", ",BB,Prignitz,21000,", 1))
    values = directory / "indicator_values.csv"
    values.write_text(values.read_text().replace("DE-12070424,doctors,16.63,", "DE-12070424,doctors,17.5,", 1))
    reseal(directory)

    report = import_registry(directory=directory)

    assert (report.created, report.updated, report.values_updated) == (0, 1, 1)
    updated = Municipality.objects.get(key="DE-12070424")
    assert updated.pk == wittenberge.pk
    assert updated.population == 21_000
    assert updated.size_class == "Mittelstadt"
    assert updated.indicator_values.get(indicator="doctors").value == 17.5


def test_a_damaged_file_leaves_the_database_exactly_as_before(registry_sample: frozenset[str], tmp_path: Path) -> None:
    before = snapshot()
    directory = copy_dataset(tmp_path)
    text = (directory / "indicator_values.csv").read_text()
    (directory / "indicator_values.csv").write_text(text[: len(text) - 5000])  # cut mid-line

    with pytest.raises(DatasetError, match=r"indicator_values\.csv"):
        import_registry(directory=directory)
    assert snapshot() == before


def test_the_command_names_the_damaged_file_and_exits_2(db: None, tmp_path: Path) -> None:
    directory = copy_dataset(tmp_path)
    (directory / "municipalities.csv").write_text("key,country\nDE-1,DE\n")
    with pytest.raises(CommandError, match=r"municipalities\.csv, line 1: expected the columns") as raised:
        call_command("registry", "import", "--data", str(directory))
    assert raised.value.returncode == 2
    assert "Nothing was changed" in str(raised.value)
    assert not Municipality.objects.exists()


def test_the_sample_holds_both_countries_and_every_size_class(registry_sample: frozenset[str]) -> None:
    assert len(registry_sample) == Municipality.objects.count() > 20
    assert set(Municipality.objects.values_list("country", flat=True)) == {"DE", "US"}
    assert set(Municipality.objects.values_list("size_class", flat=True)) == {
        "Großstadt",
        "Mittelstadt",
        "Kleinstadt",
        "Landgemeinde",
    }
