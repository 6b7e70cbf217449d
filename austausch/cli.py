"""The `austausch` console command: Django's management commands under the project's name.

`austausch serve`, `austausch registry import`, `austausch show …` and Django's own commands
(`austausch migrate`, `austausch createsuperuser`) all go through here.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "austausch.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["austausch", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
