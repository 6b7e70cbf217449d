"""The German catalogue keeps the placeholders of the builder's messages, which are filled with
str.format (a renamed or dropped placeholder would be a traceback instead of a message)."""

from __future__ import annotations

import string
from pathlib import Path

import polib
import pytest

CATALOGUE = (
    Path(__file__).resolve().parents[2] / "austausch" / "matching" / "locale" / "de" / "LC_MESSAGES" / "django.po"
)


def brace_fields(text: str) -> set[str]:
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError:
        return {"<unbalanced braces>"}


def test_translations_keep_every_brace_placeholder() -> None:
    if not CATALOGUE.exists():
        pytest.skip("no German catalogue yet")
    broken = [
        (entry.msgid, entry.msgstr)
        for entry in polib.pofile(str(CATALOGUE))
        if entry.msgstr
        and not entry.obsolete
        and "{" in entry.msgid
        and brace_fields(entry.msgid) != brace_fields(entry.msgstr)
    ]
    assert broken == []
