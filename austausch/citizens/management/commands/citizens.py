"""`austausch citizens purge`: forget unconfirmed addresses and comments, for a scheduler to run daily."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from austausch.citizens.gdpr import purge_unconfirmed


class Command(BaseCommand):
    help = "Readers without an account: `austausch citizens purge` removes what was never confirmed."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        purge = actions.add_parser(
            "purge",
            help="Delete unconfirmed comments, follows and addresses whose link expired (idempotent; run daily).",
            description="Deletes comments and follows whose e-mail address was not confirmed before the link "
            "expired, the expired links, and addresses left with nothing; clears the IP hashes older than an "
            "hour (they only serve the burst limit). Prints how many rows it removed.",
        )
        purge.add_argument("--json", action="store_true", help="print one JSON document")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = purge_unconfirmed()
        if options.get("json"):
            self.stdout.write(json.dumps(counts))
            return
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
