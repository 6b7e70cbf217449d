"""Messages for people, in plain words: English by default (the CLI, the benchmark, extraction without Django),
in the active language where Django's translation is on (the web UI shows them to German reviewers). They are
translated with `austausch.lib.i18n.gettext`, imported as `_` where they are used."""

from __future__ import annotations


def message(template: str, **values: object) -> str:
    """`template` translated, then filled: message(_("%(name)s: the file is empty."), name=…) keeps the
    placeholders in the catalogue so translators can move them."""
    return template % values if values else template


def gettext_noop(message: str) -> str:
    """Marks a message for the catalogue where it is defined; `_` translates it where it is used."""
    return message
