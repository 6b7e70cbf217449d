from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from austausch.registry.dataset import DATA_DIR, DatasetError
from austausch.registry.services import import_registry


class Command(BaseCommand):
    help = "Manage the municipality registry. `austausch registry import` loads or refreshes it."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        load = actions.add_parser(
            "import",
            help="Load or refresh the registry from the shipped dataset (idempotent, one transaction).",
            description="Load or refresh the registry from the shipped dataset. Runs in one transaction: "
            "a damaged file changes nothing. A second run changes nothing and says so.",
        )
        load.add_argument(
            "--data", type=Path, default=DATA_DIR, help=f"directory with the dataset files (default: {DATA_DIR})"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = import_registry(directory=options["data"])
        except DatasetError as error:
            raise CommandError(f"{error}. Nothing was changed.", returncode=2) from error
        self.stdout.write(report.summary())
