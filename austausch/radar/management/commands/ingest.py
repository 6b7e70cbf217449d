"""`austausch ingest FILE… [--json]`: what the radar reads in each file. Reads only; writes nothing.

Besides the built-in names of `radar/data/known_names.json` it knows the platform's own (organisations, programmes,
practices, publications and the names reviewers taught it) where the database has them; a fresh installation
whose database has no tables yet reads with the built-in names alone.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations
from django.db import DatabaseError

from austausch.radar.extraction import KnownNames, extract_all
from austausch.radar.extraction.known import NO_NAMES
from austausch.radar.extraction.reading import MAX_BYTES
from austausch.radar.extraction.topics import database_exists, taxonomy


def read_file(path: Path) -> tuple[bytes | None, str | None]:
    """The file's bytes, or a plain message why they cannot be read (a huge file is not loaded at all)."""
    try:
        if path.is_dir():
            return None, f"{path}: is a folder, not a file."
        size = path.stat().st_size
        if (size > 20 * MAX_BYTES and path.suffix.lower() != ".zip") or size > 100 * MAX_BYTES:
            return None, f"{path}: the file is {size / 1024 / 1024:.1f} MB, over the 5 MB limit; it was not read."
        return path.read_bytes(), None
    except FileNotFoundError:
        return None, f"{path}: no such file."
    except OSError as error:
        return None, f"{path}: could not be read ({error.strerror or error})."


def platform_names() -> KnownNames:
    """The names the database knows, or none where it has no tables yet (nor, for SQLite, a file: connecting
    would create an empty one, and this command writes nothing)."""
    if not database_exists():
        return NO_NAMES
    from austausch.radar.services.learning import known_names

    try:
        return known_names()
    except DatabaseError:  # not migrated yet
        return NO_NAMES


def unreadable(name: str, message: str) -> dict:
    return {
        "file": name,
        "language": None,
        "title": None,
        "published": None,
        "municipalities": [],
        "events": [],
        "programmes": [],
        "organisations": [],
        "people": [],
        "practices": [],
        "publications": [],
        "topics": [],
        "comments": [],
        "errors": [message],
    }


def summary(result: dict) -> str:
    lines = [f"== {result['file']}"]
    for label, key in (("language", "language"), ("title", "title"), ("published", "published")):
        if result.get(key):
            lines.append(f"{label}: {result[key]}")
    for town in result["municipalities"]:
        lines.append(f"town: {town['name']} ({town['key']}), {town['role']}, {len(town['spans'])}×")
    for event in result["events"]:
        period = event["start"] if event["start"] == event["end"] else f"{event['start']} – {event['end']}"
        place = f" in {event['place_key']}" if event["place_key"] else ""
        lines.append(f"event: {event['kind']}, {period}{place}")
    lines.extend(named(result))
    if result["topics"]:
        lines.append("topics: " + ", ".join(topic["slug"] for topic in result["topics"]))
    if result["comments"]:
        lines.append(f"reader comments: {len(result['comments'])} (kept apart from the facts)")
    lines.extend(f"error: {error}" for error in result["errors"])
    return "\n".join(lines)


def named(result: dict) -> list[str]:
    """The programmes, organisations, people, practices and publications of a result, a line each."""
    lines = [f"programme: {programme['name']}" for programme in result["programmes"]]
    for organisation in result["organisations"]:
        abbreviation = f" ({organisation['abbreviation']})" if organisation["abbreviation"] else ""
        lines.append(f"organisation: {organisation['name']}{abbreviation}")
    for person in result["people"]:
        details = ", ".join(part for part in (person["role"], person["organisation"]) if part)
        lines.append(f"person: {person['name']}" + (f" ({details})" if details else ""))
    for group, label in (("practices", "practice"), ("publications", "publication")):
        lines.extend(f"{label}: {record['title']}" for record in result.get(group) or [])
    return lines


class Command(BaseCommand):
    help = "Read press releases and news (text, HTML or ZIP files) and print the facts the radar finds."
    # It reads files and writes nothing: the project's checks (URLs, models, templates) would cost most of the
    # start-up of a command that reads one file.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="text, HTML or ZIP files")
        parser.add_argument("--json", action="store_true", help="print one JSON list with an object per file")
        parser.add_argument(
            "--with-text", action="store_true", help="include each file's main text, which the spans index into"
        )

    @no_translations
    def handle(self, *args: Any, **options: Any) -> None:
        # The language model's one small product per text needs no threads; starting OpenBLAS's costs a tenth of
        # a second of a one-file run (numpy is imported later, on the first text).
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        results: list[dict] = []
        known: KnownNames | None = None
        for name in options["files"]:
            data, problem = read_file(Path(name))
            if data is None:
                results.append(unreadable(name, problem or f"{name}: could not be read."))
                continue
            known = platform_names() if known is None else known
            results.extend(extract_all(name, data, known))
        # Every text unreadable (or empty) is a failed run, whatever else was printed.
        failed = all(result["errors"] and not str(result.get("text") or "").strip() for result in results)
        if not options["with_text"]:
            for result in results:
                result.pop("text", None)
        if options["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n\n".join(summary(result) for result in results))
            self.stdout.write(f"\nTopics are from the taxonomy's {taxonomy()[1]}.")
        if failed:
            raise CommandError(
                f"None of the {len(results)} files could be read; the errors are listed above.", returncode=2
            )
