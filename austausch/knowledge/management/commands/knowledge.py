from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from austausch.knowledge.embeddings import embed_practices, forget_practice
from austausch.knowledge.importer import ImportFailed, import_practices
from austausch.knowledge.models import Practice, PracticeEmbedding
from austausch.knowledge.search import index_practices


class Command(BaseCommand):
    help = "Manage the knowledge base: `austausch knowledge reindex`, `austausch knowledge import FILE`."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        reindex = actions.add_parser(
            "reindex",
            help="Rebuild the full-text index and compute missing or outdated vectors.",
            description="Rebuild the full-text index of all published practices and compute the vectors of "
            "those whose text changed (or all, with --force). Search keeps working meanwhile.",
        )
        reindex.add_argument("--force", action="store_true", help="recompute every vector")
        reindex.add_argument("--no-vectors", action="store_true", help="only the full-text index")
        load = actions.add_parser(
            "import",
            help="Import practices from a CSV or JSON file (all or nothing).",
            description="Import practices from CSV (one per row, lists separated by ';') or JSON (a list of "
            "objects). Every record is checked first; any problem is reported with its line and field, "
            "and nothing is saved.",
        )
        load.add_argument("file", type=Path, metavar="FILE", help="a .csv or .json file")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options["file"])
        else:
            self._reindex(force=options["force"], vectors=not options["no_vectors"])

    def _import(self, path: Path) -> None:
        if not path.exists():
            raise CommandError(f"{path}: no such file", returncode=2)
        try:
            practices = import_practices(path)
        except ImportFailed as failure:
            raise CommandError(f"{path}: nothing imported.\n{failure}", returncode=2) from failure
        self.stdout.write(f"Imported {len(practices)} practices from {path}.")

    def _reindex(self, *, force: bool, vectors: bool) -> None:
        started = time.perf_counter()
        published = list(Practice.objects.published())
        indexed = index_practices(published)
        self.stdout.write(f"Full-text index: {indexed} practices.")
        if not vectors:
            return
        stale = PracticeEmbedding.objects.exclude(practice__is_published=True).values_list("practice_id", flat=True)
        for practice_id in list(stale):
            forget_practice(practice_id)
        computed = embed_practices(published, force=force)
        self.stdout.write(f"Vectors: {computed} computed, {len(published) - computed} unchanged.")
        self.stdout.write(f"Done in {time.perf_counter() - started:.1f} s.")
