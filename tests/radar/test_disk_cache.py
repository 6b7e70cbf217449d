"""What extraction builds once is kept on disk, and built anew when what it was built from changes."""

from __future__ import annotations

from pathlib import Path

import pytest
import simplemma

from austausch.radar.extraction import gazetteer as gazetteer_module
from austausch.radar.extraction import lexicon
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
