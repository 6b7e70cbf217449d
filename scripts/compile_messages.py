"""Compile every .po translation file (the package's and each app's) to .mo with polib, so no GNU gettext is needed."""

from pathlib import Path

import polib

PACKAGE = Path(__file__).resolve().parent.parent / "austausch"

for po_path in sorted([*PACKAGE.glob("locale/*/LC_MESSAGES/*.po"), *PACKAGE.glob("*/locale/*/LC_MESSAGES/*.po")]):
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    print(f"compiled {po_path.relative_to(PACKAGE.parent)}")
