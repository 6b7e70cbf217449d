from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from austausch.knowledge.schemas import search_hit
from austausch.knowledge.search import Filters, load_practices, search_practices


class Command(BaseCommand):
    help = "Search the knowledge base (German and English, full-text and semantic)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query", metavar="QUERY", help="words in German or English; operators are plain text")
        parser.add_argument("--lang", choices=["de", "en"], help="only practices written in this language")
        parser.add_argument("--limit", type=int, default=10, help="how many results (default 10, at most 200)")
        parser.add_argument("--json", action="store_true", help="print one JSON document")

    def handle(self, *args: Any, **options: Any) -> None:
        limit = max(1, min(options["limit"], 200))
        result = search_practices(options["query"], filters=Filters(language=options["lang"] or ""), limit=limit)
        shown = [*result.hits, *result.closest]
        practices = {practice.pk: practice for practice in load_practices([hit.practice_id for hit in shown])}
        items, closest = (
            [search_hit(practices[hit.practice_id], hit, result.words) for hit in hits if hit.practice_id in practices]
            for hits in (result.hits, result.closest)
        )
        if options["json"]:
            document = {"query": result.query, "count": result.count, "items": items, "closest": closest}
            if result.message:
                document["message"] = result.message
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        if result.message:
            self.stderr.write(result.message)
        if closest:
            self.stdout.write(f"No practice matches {result.query!r}; closest:")
        else:
            self.stdout.write(f"{result.count} practices match {result.query!r}.")
        for position, item in enumerate(items or closest, start=1):
            towns = ", ".join(town["name"] for town in item["municipalities"])  # type: ignore[attr-defined]
            self.stdout.write(f"{position:3}. [{item['language']}] {item['title']} (#{item['id']}) — {towns}")
