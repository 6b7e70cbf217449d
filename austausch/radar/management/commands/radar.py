"""`austausch radar evaluate [--set S] [--texts DIR] [--key FILE]`: how well the extraction matches an answer key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations

from austausch.radar.extraction.evaluation import ANSWER_KEYS, GOALS, Report, default_texts, evaluate


def table(report: Report) -> str:
    lines = [
        f"Radar extraction against the answer key for {report.set_name} ({len(report.documents)} texts)",
        "",
        f"{'fact type':<15} {'precision':>9} {'recall':>7} {'F1':>6}   right/predicted/expected   goal F1",
    ]
    for fact, score in report.scores.items():
        goal = GOALS.get(fact)
        verdict = "" if goal is None else f"≥ {goal:.2f} {'met' if score.f1 >= goal else 'NOT met'}"
        counts = f"{score.right}/{score.predicted}/{score.expected}"
        lines.append(
            f"{fact:<15} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>6.3f}   {counts:<26} {verdict}"
        )
    lines.append("")
    lines.append("Matching rules: python -c 'import austausch.radar.extraction.evaluation as e; help(e)'")
    lines.extend(f"warning: {problem}" for problem in report.problems)
    return "\n".join(lines)


def details(report: Report) -> str:
    lines = []
    for name, facts in report.documents.items():
        lines.append(f"== {name}")
        for fact, outcome in facts.items():
            if outcome["wrong"]:
                lines.append(f"  {fact} wrong: {', '.join(outcome['wrong'])}")
            if outcome["missed"]:
                lines.append(f"  {fact} missed: {', '.join(outcome['missed'])}")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Radar tools. `radar evaluate`: precision, recall and F1 per fact type against the answer key."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="ACTION")
        actions.required = True
        evaluate_parser = actions.add_parser("evaluate", help="score the extractor against a hand-written answer key")
        evaluate_parser.add_argument("--set", dest="set_name", choices=sorted(ANSWER_KEYS), default="seeds")
        evaluate_parser.add_argument(
            "--texts",
            type=Path,
            help="folder with the set's texts (default: var/radar/<set>; the seeds are in ../shared/seeds)",
        )
        evaluate_parser.add_argument(
            "--key", type=Path, help="another answer key (JSON) to score against, under the set's name"
        )
        evaluate_parser.add_argument("--json", action="store_true", help="print one JSON document")
        evaluate_parser.add_argument("--details", action="store_true", help="list each text's wrong and missed facts")

    @no_translations
    def handle(self, *args: Any, **options: Any) -> None:
        set_name = options["set_name"]
        texts = options["texts"] or default_texts(set_name)
        if not texts.is_dir():
            raise CommandError(
                f"The texts of the set {set_name} are not in {texts}. "
                "Pass --texts DIR with the folder that holds them (the seeds: --texts ../shared/seeds).",
                returncode=2,
            )
        report = evaluate(set_name, texts, answer_key=options["key"])
        if not report.documents:
            raise CommandError("No text of the set was found: " + " ".join(report.problems), returncode=1)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(table(report))
        if options["details"]:
            self.stdout.write(details(report))
