"""Extract translatable strings into the .po catalogues (needs GNU gettext: apt-get install gettext).

An app with its own locale/ folder keeps its own catalogue, so work on different apps never edits the
same file; everything else goes to austausch/locale. `python scripts/messages.py [APP ...]` limits the run
to those apps ("package" names the package catalogue).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import django
from django.core.management import call_command
from django.test.utils import override_settings

PACKAGE = Path(__file__).resolve().parent.parent / "austausch"
IGNORE = ["node_modules/*", "var/*"]


def main(only: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "austausch.settings")
    django.setup()
    own_catalogues = sorted(locale.parent for locale in PACKAGE.glob("*/locale"))
    for app in own_catalogues:
        if only and app.name not in only:
            continue
        os.chdir(app)
        # Without the package catalogue on the path, makemessages writes to this app's locale/.
        with override_settings(LOCALE_PATHS=[]):
            call_command("makemessages", locale=["de"], ignore_patterns=IGNORE)
    if not only or "package" in only:
        os.chdir(PACKAGE)
        apps_to_skip = [f"{app.name}/*" for app in own_catalogues]
        call_command("makemessages", locale=["de"], ignore_patterns=IGNORE + apps_to_skip)


if __name__ == "__main__":
    main(sys.argv[1:])
