"""What extraction builds once is kept on disk, and built anew when what it was built from changes."""

from __future__ import annotations

from dataclasses import astuple
from pathlib import Path

import numpy
import pytest
import simplemma

from austausch.radar.extraction import disk_cache, lexicon
from austausch.radar.extraction import gazetteer as gazetteer_module
from austausch.radar.extraction.gazetteer import REGISTRY_CSV, Gazetteer

load_uncached = gazetteer_module.load_gazetteer.__wrapped__  # the process-wide cache aside


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """A registry of a few towns, Wittenberge among them."""
    lines = REGISTRY_CSV.read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines[1:] if ",Wittenberge," in line or ",Mölln," in line][:2]
    path = tmp_path / "municipalities.csv"
    path.write_text("\n".join([lines[0], *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def var(tmp_path: Path, settings: object) -> Path:
    settings.VAR_DIR = tmp_path / "var"  # type: ignore[attr-defined]
    return tmp_path / "var" / "radar"


def names(gazetteer: Gazetteer) -> set[str]:
    return {town.name for town in gazetteer.towns}


def test_the_gazetteer_is_read_from_the_cache_until_the_registry_changes(
    registry: Path, var: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = load_uncached(registry)
    assert names(built) == {"Wittenberge", "Mölln"}
    (cached,) = var.glob("gazetteer-*.pickle")

    def not_again(path: Path) -> Gazetteer:
        raise AssertionError("built again from an unchanged registry")

    with monkeypatch.context() as patched:
        patched.setattr(gazetteer_module, "build_gazetteer", not_again)
        assert names(load_uncached(registry)) == {"Wittenberge", "Mölln"}

    registry.write_text(registry.read_text(encoding="utf-8").replace("Mölln", "Möllnhausen"), encoding="utf-8")
    rebuilt = load_uncached(registry)
    assert names(rebuilt) == {"Wittenberge", "Möllnhausen"}
    assert [path.name for path in var.glob("gazetteer-*.pickle")] != [cached.name]  # the old one is gone
    assert len(list(var.glob("gazetteer-*.pickle"))) == 1


def test_a_damaged_cache_is_built_anew(registry: Path, var: Path) -> None:
    load_uncached(registry)
    (cached,) = var.glob("gazetteer-*.pickle")
    cached.write_bytes(b"not a pickle")
    assert names(load_uncached(registry)) == {"Wittenberge", "Mölln"}


def test_an_unwritable_cache_folder_still_gives_a_gazetteer(registry: Path, tmp_path: Path, settings: object) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be")
    settings.VAR_DIR = blocked  # type: ignore[attr-defined]
    assert names(load_uncached(registry)) == {"Wittenberge", "Mölln"}


@pytest.mark.parametrize("word", ["Wetter", "Lehrer", "wetter", "Nalbach", "Wittenberge", "running", "Evans"])
def test_the_stored_dictionaries_answer_as_simplemma_does(word: str) -> None:
    assert lexicon.is_known(word, ("de", "en")) == simplemma.is_known(word, lang=("de", "en"))
    assert lexicon.is_known(word, ("de",)) == simplemma.is_known(word, lang="de")


@pytest.mark.parametrize("word", ["Bundesministeriums", "Akademie", "Gemeindebunds", "Städte", "Netzwerks"])
def test_the_stored_dictionaries_lemmatise_as_simplemma_does(word: str) -> None:
    assert lexicon.lemmatize(word, "de") == simplemma.lemmatize(word, lang="de")


def test_the_gazetteers_towns_are_made_from_their_rows_when_asked_for(registry: Path, var: Path) -> None:
    load_uncached(registry)
    gazetteer = load_uncached(registry)  # from the cache
    assert gazetteer.towns.made == {}
    first = gazetteer.towns[0]
    assert list(gazetteer.towns.made) == [0]
    assert gazetteer.towns[0] is first and gazetteer.by_key[first.key] is first  # made once
    assert astuple(first) == gazetteer.towns.rows[0]
    assert gazetteer.towns[-1] is gazetteer.towns[1]
    assert len(gazetteer.by_key) == len(gazetteer.towns) == 2


class Tables:
    """An object with a large array, as the language model has."""

    def __init__(self, size: int) -> None:
        self.table = numpy.arange(size, dtype=numpy.float16).reshape(-1, 4)
        self.labels = ["de", "en"]


def test_a_mapped_cache_reads_its_arrays_from_the_file_and_a_cut_one_is_built_anew(var: Path) -> None:
    built = disk_cache.load_or_build("tables", "1", lambda: Tables(4000), Tables, mapped=True)
    (cached,) = var.glob("tables-1.mapped")

    def not_again() -> Tables:
        raise AssertionError("built again from an unchanged key")

    mapped = disk_cache.load_or_build("tables", "1", not_again, Tables, mapped=True)
    assert numpy.array_equal(mapped.table, built.table) and mapped.labels == ["de", "en"]
    assert not mapped.table.flags.writeable  # a view of the file, not a copy
    cached.write_bytes(cached.read_bytes()[:-100])
    rebuilt = disk_cache.load_or_build("tables", "1", lambda: Tables(8), Tables, mapped=True)
    assert rebuilt.table.shape == (2, 4)
    assert [path.name for path in var.iterdir()] == ["tables-1.mapped"]


def test_the_language_model_from_the_cache_identifies_as_the_shipped_one(var: Path) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from austausch.radar import extraction

    shipped = LanguageIdentifier.from_model_file(MODEL_FILE)
    extraction.language_identifier.cache_clear()
    try:
        extraction.language_identifier()  # builds the cache in this test's folder
        extraction.language_identifier.cache_clear()
        cached = extraction.language_identifier()
    finally:
        extraction.language_identifier.cache_clear()
    assert [path.suffix for path in var.glob("language-model-*")] == [".mapped"]
    for text in ("Die Stadt lädt zum Fachtag ein.", "The town invites you to a workshop.", "La ville invite."):
        assert cached.classify(text)[0] == shipped.classify(text)[0]
