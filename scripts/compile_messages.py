"""Compile .po translation files to .mo with polib, so no GNU gettext is needed to install.

`python scripts/compile_messages.py [FILE.po ...]`: the files given, or every catalogue (the package's and each app's).
"""

import sys
from pathlib import Path

import polib

PACKAGE = Path(__file__).resolve().parent.parent / "austausch"

catalogues = [Path(name) for name in sys.argv[1:]] or sorted(
    [*PACKAGE.glob("locale/*/LC_MESSAGES/*.po"), *PACKAGE.glob("*/locale/*/LC_MESSAGES/*.po")]
)
for po_path in catalogues:
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    print(f"compiled {po_path}")
