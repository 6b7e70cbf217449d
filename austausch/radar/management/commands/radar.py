"""`austausch radar evaluate [--set S ...] [--texts DIR] [--key FILE] [--stream]`: how well the extraction matches
an answer key; with `--stream`, how it learns from the reviews of the texts before each one (over several sets, one
stream through all of them in the order given)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations

from austausch.radar.extraction.evaluation import (
    ANSWER_KEYS,
    GOALS,
    Report,
    StreamReport,
    default_texts,
    evaluate,
    evaluate_stream,
    evaluate_stream_over,
    stream_parts,
)


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


def curve(stream: StreamReport) -> str:
    """The learning curve: per fact type, F1 at first sight, in the stream and after it; then text by text."""
    width = max([32, *(len(step.name) for step in stream.steps)])
    lines = [
        f"Learning curve over {stream.set_name} ({len(stream.steps)} texts, set after set in file-name order): "
        "before each text, the programmes and organisations of its predecessors' keys are known names",
        "",
        f"{'fact type':<15} {'first sight':>11} {'in stream':>10} {'after stream':>13}   (F1; precision/recall)",
    ]
    for fact in stream.first_sight.scores:
        reports = (stream.first_sight, stream.in_stream, stream.after_stream)
        first, then, after = (report.scores[fact] for report in reports)
        detail = " → ".join(f"{score.precision:.2f}/{score.recall:.2f}" for score in (first, then, after))
        lines.append(f"{fact:<15} {first.f1:>11.3f} {then.f1:>10.3f} {after.f1:>13.3f}   {detail}")
    lines += [
        "",
        f"{'text':<{width}} {'names known':>11}   programmes F1   organisations F1   (first sight → in stream)",
    ]
    for step in stream.steps:
        pairs = [
            f"{step.first_sight[fact].f1:.2f} → {step.in_stream[fact].f1:.2f}"
            for fact in ("programmes", "organisations")
        ]
        lines.append(f"{step.name:<{width}} {step.names_known:>11}   {pairs[0]:<15} {pairs[1]}")
    lines.append("")
    lines.append("'after stream' reads every text again once the whole stream was reviewed, its own key included.")
    lines.extend(f"warning: {problem}" for problem in stream.first_sight.problems)
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Radar tools. `radar evaluate`: precision, recall and F1 per fact type against the answer key."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="ACTION")
        actions.required = True
        evaluate_parser = actions.add_parser("evaluate", help="score the extractor against a hand-written answer key")
        evaluate_parser.add_argument(
            "--set",
            dest="set_names",
            nargs="+",
            choices=sorted(ANSWER_KEYS),
            default=["seeds"],
            help="the set to score; with --stream several sets, read as one stream in the order given",
        )
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
        evaluate_parser.add_argument(
            "--stream",
            action="store_true",
            help="learning curve: walk the texts in order, learning each text's names from its key after reading it",
        )

    @no_translations
    def handle(self, *args: Any, **options: Any) -> None:
        if len(options["set_names"]) > 1:
            self.stream_over_sets(options)
            return
        set_name = options["set_names"][0]
        texts = options["texts"] or default_texts(set_name)
        if not texts.is_dir():
            raise CommandError(
                f"The texts of the set {set_name} are not in {texts}. "
                "Pass --texts DIR with the folder that holds them (the seeds: --texts ../shared/seeds).",
                returncode=2,
            )
        if options["stream"]:
            stream = evaluate_stream(set_name, texts, answer_key=options["key"])
            if not stream.steps:
                raise CommandError("No text of the set was found: " + " ".join(stream.first_sight.problems))
            self.stdout.write(json.dumps(stream.as_dict(), indent=2) if options["json"] else curve(stream))
            return
        report = evaluate(set_name, texts, answer_key=options["key"])
        if not report.documents:
            raise CommandError("No text of the set was found: " + " ".join(report.problems), returncode=1)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(table(report))
        if options["details"]:
            self.stdout.write(details(report))

    def stream_over_sets(self, options: dict[str, Any]) -> None:
        if not options["stream"]:
            raise CommandError("Several sets are read together only as a learning curve: add --stream.")
        if options["texts"] or options["key"]:
            raise CommandError(
                "--texts and --key name one set's folder and key; with several sets, each set's "
                "texts are read from var/radar/<set>."
            )
        parts = stream_parts(options["set_names"])
        absent = [str(part.texts) for part in parts if not part.texts.is_dir()]
        if absent:
            raise CommandError(f"No folder with the texts of: {', '.join(absent)}.", returncode=2)
        stream = evaluate_stream_over(parts)
        if not stream.steps:
            raise CommandError("No text of the sets was found: " + " ".join(stream.first_sight.problems))
        self.stdout.write(json.dumps(stream.as_dict(), indent=2) if options["json"] else curve(stream))
