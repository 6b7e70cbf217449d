from __future__ import annotations

import json
from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.management.base import BaseCommand, CommandParser, no_translations

from austausch.registry.cli import municipality_argument
from austausch.registry.models import Municipality
from austausch.registry.schemas import municipality_detail, partnership_list


class Command(BaseCommand):
    help = "Show one municipality: key, name, country, state, population, size class, indicators, partnerships."
    # A read that answers in a moment: Django's system checks (which load every page and API route) are for
    # the commands that change or serve things.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "municipality", metavar="MUNICIPALITY", help="a key (DE-15002000, US-1840000455) or a name (Wittenberge)"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON document")

    @no_translations  # the command speaks English, like its JSON
    def handle(self, *args: Any, **options: Any) -> None:
        municipality = municipality_argument(options["municipality"])
        municipality = Municipality.objects.prefetch_related("indicator_values").get(pk=municipality.pk)
        document = municipality_detail(municipality)
        document["partnerships"] = partnership_list(municipality)["items"]
        if options["json"]:
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{document['name']} ({document['key']})")
        self.stdout.write(f"  {document['state']}, {document['country']} · {document['size_class']}")
        self.stdout.write(f"  population {intcomma(municipality.population)} (as of {document['population_as_of']})")
        for indicator in document["indicators"]:  # type: ignore[attr-defined]
            year = f", {indicator['year']}" if indicator["year"] else ""
            self.stdout.write(
                f"  {indicator['label']}: {indicator['display']} {indicator['unit']} ({indicator['source']}{year})"
            )
        for partnership in document["partnerships"]:  # type: ignore[attr-defined]
            partner = partnership["partner"]
            where = partner["key"] or partner["country"] or "?"
            since = f" since {partnership['since']}" if partnership["since"] else ""
            self.stdout.write(
                f"  {partnership['kind']} with {partner['name']} ({where}){since}, {partnership['status']}"
            )
