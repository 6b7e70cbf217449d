"""The `austausch` console command: Django's management commands under the project's name.

`austausch serve`, `austausch registry import`, `austausch show …` and Django's own commands
(`austausch migrate`, `austausch createsuperuser`) all go through here.
"""

from __future__ import annotations

import os
import sys

NOT_SET_UP = (
    "austausch: the database has no tables yet ({error}). Set it up first: `austausch migrate`, then "
    "`austausch registry import` (or `make run`, which does both)."
)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "austausch.settings")
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        execute_from_command_line(["austausch", *(sys.argv[1:] if argv is None else argv)])
    except DatabaseError as error:
        if not missing_table(error):
            raise
        print(NOT_SET_UP.format(error=str(error).strip().splitlines()[0]), file=sys.stderr)
        raise SystemExit(2) from None


def missing_table(error: Exception) -> bool:
    """A command run before `migrate`: SQLite says 'no such table', PostgreSQL 'relation … does not exist'."""
    message = str(error)
    return "no such table" in message or ("relation" in message and "does not exist" in message)


if __name__ == "__main__":
    main()
