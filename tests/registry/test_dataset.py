from __future__ import annotations

from pathlib import Path

import pytest

from austausch.registry.dataset import DatasetError, display_name, fold, read_dataset, strip_accents
from tests.registry.datasets import copy_dataset, reseal


def test_display_name_drops_the_registers_status_words() -> None:
    assert display_name("Halle (Saale), Stadt") == "Halle (Saale)"
    assert display_name("Kiel, Landeshauptstadt") == "Kiel"
    assert display_name("Au i.d.Hallertau, M") == "Au i.d.Hallertau"
    assert display_name("Mettmann, Fundort des Neanderthalers, Stadt") == "Mettmann"
    assert display_name("Wittenberge") == "Wittenberge"


def test_fold_spells_out_umlauts_and_sharp_s() -> None:
    assert fold("Dießen am Ammersee") == "diessen am ammersee"
    assert fold("Mölln") == fold("Moelln") == "moelln"
    assert strip_accents("Mölln") == "molln"
    assert fold("Übach-Palenberg") == "uebach-palenberg"


def test_the_shipped_dataset_holds_every_gemeinde_and_every_incorporated_place() -> None:
    dataset = read_dataset()
    german = [record for record in dataset.municipalities if record.country == "DE"]
    american = [record for record in dataset.municipalities if record.country == "US"]
    assert len(german) == 10_773  # Destatis: 10,773 Gemeinden on 30.11.2023
    assert len(american) == 20_290
    halle = next(record for record in german if record.key == "DE-15002000")
    assert (halle.name, halle.state, halle.population) == ("Halle (Saale)", "Sachsen-Anhalt", 242_083)
    assert sum(1 for record in german if record.latitude is None) <= 5
    codes = {value.indicator for value in dataset.indicator_values if value.key == "DE-15002000"}
    assert {"population_density", "sgb2_recipients", "doctors", "central_place"} <= codes


def test_us_cities_get_their_own_population_where_simplemaps_gives_the_urban_areas() -> None:
    towns = {record.key: record for record in read_dataset().municipalities}
    new_york = towns["US-1840034016"]
    # SimpleMaps: 18,832,416 inhabitants, 1,720 km² and county "Queens", all of the urban area.
    assert (new_york.name, new_york.population) == ("New York", 8_804_190)
    assert new_york.population_source.startswith("GeoNames")
    assert (new_york.area_km2, new_york.area_source) == (None, "")
    assert new_york.district == ""  # five boroughs, five counties: SimpleMaps names one
    # A place whose figure is its own keeps SimpleMaps' figures with their source.
    plattsburgh = towns["US-1840000296"]
    assert (plattsburgh.population, plattsburgh.population_source) == (19_878, "SimpleMaps US Cities")
    assert (plattsburgh.area_km2, plattsburgh.area_source) == (13.91, "SimpleMaps US Cities")
    halle = towns["DE-15002000"]
    assert halle.population_source == halle.area_source == "Destatis Gemeindeverzeichnis"


def test_an_area_without_its_source_is_refused(tmp_path: Path) -> None:
    directory = copy_dataset(tmp_path)
    lines = (directory / "municipalities.csv").read_text().splitlines(keepends=True)
    lines[1] = lines[1].replace(",Destatis Gemeindeverzeichnis,56.73,Destatis Gemeindeverzeichnis,",
                                ",Destatis Gemeindeverzeichnis,56.73,,")  # fmt: skip
    (directory / "municipalities.csv").write_text("".join(lines))
    reseal(directory)
    with pytest.raises(DatasetError, match=r"municipalities\.csv, line 2: an area needs its source"):
        read_dataset(directory)


def test_a_truncated_file_is_named_with_its_line(tmp_path: Path) -> None:
    directory = copy_dataset(tmp_path)
    text = (directory / "municipalities.csv").read_text()
    (directory / "municipalities.csv").write_text(text[: len(text) // 2])
    with pytest.raises(DatasetError, match=r"municipalities\.csv, line \d+: expected 19 fields"):
        read_dataset(directory)


def test_a_file_cut_at_a_line_end_is_caught_by_the_row_count(tmp_path: Path) -> None:
    directory = copy_dataset(tmp_path)
    lines = (directory / "indicator_values.csv").read_text().splitlines(keepends=True)
    (directory / "indicator_values.csv").write_text("".join(lines[:1000]))
    with pytest.raises(DatasetError, match=r"indicator_values\.csv: expected \d+ rows, found 999"):
        read_dataset(directory)


def test_a_bad_figure_names_file_line_and_column(tmp_path: Path) -> None:
    directory = copy_dataset(tmp_path)
    lines = (directory / "municipalities.csv").read_text().splitlines(keepends=True)
    lines[41] = lines[41].replace(",2022-12-31,", ",2022-13-45,")
    (directory / "municipalities.csv").write_text("".join(lines))
    reseal(directory)
    with pytest.raises(DatasetError, match=r"municipalities\.csv, line 42: population_as_of '2022-13-45'"):
        read_dataset(directory)


def test_an_edited_file_fails_its_checksum(tmp_path: Path) -> None:
    directory = copy_dataset(tmp_path)
    path = directory / "municipalities.csv"
    path.write_text(path.read_text().replace("Wittenberge,", "Wittenbergx,", 1))
    with pytest.raises(DatasetError, match="checksum does not match"):
        read_dataset(directory)


def test_binary_garbage_is_reported_not_raised_as_unicode_error(tmp_path: Path) -> None:
    directory = copy_dataset(tmp_path)
    (directory / "indicator_values.csv").write_bytes(b"key,indicator\n\xff\xfe\x00")
    with pytest.raises(DatasetError, match=r"indicator_values\.csv, line 2: not valid UTF-8"):
        read_dataset(directory)
