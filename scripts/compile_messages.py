"""Compile the .po translation files to .mo with polib, so no GNU gettext is needed to install."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "austausch" / "locale"

for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    print(f"compiled {po_path.relative_to(LOCALE.parent.parent)}")
