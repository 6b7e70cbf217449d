from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from austausch.registry.dataset import DATA_DIR, DatasetError
from austausch.registry.services import import_registry
from austausch.registry.twinning_data import has_twinnings, read_twinnings
from austausch.registry.twinnings import import_twinnings


class Command(BaseCommand):
    help = "Manage the municipality registry. `austausch registry import` loads or refreshes it."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        load = actions.add_parser(
            "import",
            help="Load or refresh the registry and its twinnings from the shipped dataset (idempotent).",
            description="Load or refresh the registry from the shipped dataset, then the twinnings "
            "(twinnings.csv, where the dataset has one). Every file is checked before anything is written, and "
            "each part runs in one transaction: a damaged file changes nothing. A second run changes nothing "
            "and says so; partnerships that editors changed are kept as they are.",
        )
        load.add_argument(
            "--data", type=Path, default=DATA_DIR, help=f"directory with the dataset files (default: {DATA_DIR})"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory = options["data"]
        try:
            # Read first: a damaged twinnings file stops the import before the registry part writes.
            twinnings = read_twinnings(directory) if has_twinnings(directory) else None
            report = import_registry(directory=directory)
        except DatasetError as error:
            raise CommandError(f"{error}. Nothing was changed.", returncode=2) from error
        self.stdout.write(report.summary())
        if twinnings is None:
            return
        try:
            self.stdout.write(import_twinnings(directory=directory, records=twinnings).summary())
        except DatasetError as error:
            raise CommandError(f"{error}. The twinnings were not changed.", returncode=2) from error
