"""Every German catalogue is complete: no entry left empty or marked fuzzy (a guess nobody checked)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "austausch"
CATALOGUES = sorted(PACKAGE.glob("**/locale/de/LC_MESSAGES/django.po"))


def incomplete(path: Path) -> list[str]:
    catalogue = polib.pofile(str(path))
    return [entry.msgid for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]


def test_there_are_catalogues() -> None:
    assert len(CATALOGUES) >= 2


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_every_entry_is_translated_and_checked(path: Path) -> None:
    assert incomplete(path) == []


def test_the_check_sees_an_empty_and_a_fuzzy_entry(tmp_path: Path) -> None:
    path = tmp_path / "django.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Menu"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Workspace"\nmsgstr "Workshop"\n\n'
        'msgid "Legal"\nmsgstr "Rechtliches"\n',
        encoding="utf-8",
    )
    assert incomplete(path) == ["Menu", "Workspace"]
