from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations

from austausch.matching.algorithms.planning import PlanningError
from austausch.matching.applicants import ApplicantEntry, ApplicantsError, read_applicants
from austausch.matching.models import PlanMode
from austausch.matching.solving import BuilderRules, solve

FORMAT = """\
APPLICANTS.csv: UTF-8, comma-separated, a header row, one town per row:
  town    a key (DE-12070424) or an unambiguous name (Wittenberge)          required
  topics  topic slugs or labels, most wanted first, separated by ";"          required
  lead    willing to lead a network: yes/no/ja/nein (empty: no)               optional
  group   the town's side in pairings, e.g. DE or US                          with --pairings
Example: austausch/matching/data/applicants-example.csv (pairings: pairings-example.csv).

Exit status 2 when the file or the rules make a plan impossible; the message names the CSV line
or the rule.
"""
CONSTRAINT = re.compile(r"^(?P<town>[^=]+)=(?P<other>.+)$")


class Command(BaseCommand):
    help = "Propose networks (or pairings) of applicant towns with CP-SAT: the objective in parts, the bound, the gap."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        parser.epilog = FORMAT
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["plan"], help="plan: propose networks or pairings")
        parser.add_argument("applicants", metavar="APPLICANTS.csv", help="the applicants file (format below)")
        parser.add_argument("--networks", type=int, metavar="N", help="number of networks")
        parser.add_argument("--size-min", type=int, metavar="N", help="smallest network (with --size-max)")
        parser.add_argument("--size-max", type=int, metavar="N", help="largest network (with --size-min)")
        parser.add_argument(
            "--one-per-state",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="at most one town per state in a network (default: on)",
        )
        parser.add_argument("--distinct-topics", action="store_true", help="no two networks share a topic")
        parser.add_argument("--population-min", type=int, metavar="N", help="leave out smaller towns")
        parser.add_argument("--population-max", type=int, metavar="N", help="leave out larger towns")
        parser.add_argument(
            "--topic-weight",
            type=float,
            default=1.0,
            metavar="W",
            help="weight of topic fit against diversity of conditions (or similarity in pairings), which weighs 1",
        )
        parser.add_argument("--time-limit", type=float, default=10.0, metavar="S", help="seconds (default 10)")
        parser.add_argument(
            "--pin",
            action="append",
            default=[],
            metavar="TOWN=NETWORK",
            help="keep towns together: towns pinned to the same number share a network "
            "(pairings: TOWN=PARTNER pairs them); repeatable",
        )
        parser.add_argument(
            "--forbid",
            action="append",
            default=[],
            metavar="TOWN=NETWORK",
            help="keep a town out of the network of the towns pinned to NETWORK "
            "(pairings: TOWN=PARTNER never pairs them); repeatable",
        )
        parser.add_argument("--pairings", action="store_true", help="pair the two groups of the 'group' column instead")
        parser.add_argument("--per-town", type=int, default=1, metavar="K", help="pairings: 1 to K partners per town")
        parser.add_argument("--json", action="store_true", help="print one JSON document")

    @no_translations  # the command speaks English, like the JSON's keys
    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["applicants"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.", returncode=2) from None
        pairings = options["pairings"]
        try:
            entries = read_applicants(data, pairings=pairings)
            keys = _keys_by_text(entries)
            pins = [_constraint(text, keys, pairings, "--pin") for text in options["pin"]]
            forbids = [_constraint(text, keys, pairings, "--forbid") for text in options["forbid"]]
            rules = BuilderRules(
                networks=options["networks"],
                size_min=options["size_min"],
                size_max=options["size_max"],
                one_per_state=options["one_per_state"],
                distinct_topics=options["distinct_topics"],
                population_min=options["population_min"],
                population_max=options["population_max"],
                topic_weight=options["topic_weight"],
                time_limit=options["time_limit"],
                per_town=options["per_town"],
            )
            result = solve(
                entries, rules, mode=PlanMode.PAIRINGS if pairings else PlanMode.NETWORKS, pins=pins, forbids=forbids
            )
        except ApplicantsError as error:
            raise CommandError(f"{path}:\n" + "\n".join(error.problems), returncode=2) from None
        except PlanningError as error:
            raise CommandError(f"{error} [rule: {error.rule}]", returncode=2) from None
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(describe(result))


def _keys_by_text(entries: list[ApplicantEntry]) -> dict[str, str]:
    from austausch.registry.models import Municipality

    keys: dict[str, str] = {}
    for town in Municipality.objects.filter(key__in=[entry.town for entry in entries]):
        keys[town.key.casefold()] = town.key
        keys.setdefault(town.name.casefold(), town.key)
    return keys


def _constraint(text: str, keys: dict[str, str], pairings: bool, option: str) -> dict[str, Any]:
    """TOWN=NETWORK (or TOWN=PARTNER), with towns named by key or by name among the applicants."""
    match = CONSTRAINT.match(text)
    if match is None:
        raise PlanningError(f"{option} {text!r}: write TOWN=NETWORK, e.g. Wittenberge=1.", rule="pins")

    def applicant(name: str) -> str:
        key = keys.get(name.strip().casefold())
        if key is None:
            raise PlanningError(f"{option} {text!r}: {name.strip()!r} is not among the applicants.", rule="pins")
        return key

    town, other = applicant(match["town"]), match["other"].strip()
    if pairings:
        return {"town": town, "partner": applicant(other)}
    if not other.isdigit() or int(other) < 1:
        raise PlanningError(f"{option} {text!r}: the network is a number from 1.", rule="pins")
    return {"town": town, "network": int(other)}


def describe(result: dict[str, Any]) -> str:
    """The plan for people: each network with its lead and members, then the quality figures."""
    lines = []
    if result["mode"] == PlanMode.PAIRINGS:
        for pair in result["pairings"]:
            topic = f", shared topic {pair['shared_topic_label']}" if pair["shared_topic"] else ""
            lines.append(
                f"{pair['number']:>3}. {pair['a']['name']} ({pair['a']['key']}) – {pair['b']['name']} "
                f"({pair['b']['key']}): similarity {pair['similarity']:.2f}{topic}"
            )
    else:
        for network in result["networks"]:
            lines.append(f"Network {network['number']}: {network['topic_label']}, lead {network['lead']['name']}")
            for member in network["members"]:
                role = "lead" if member["lead"] else "    "
                lines.append(
                    f"  {role} {member['name']} ({member['key']}, {member['state']}, "
                    f"{member['population']:,} inhabitants) – choice {member['choice']}"
                )
            lines.append(f"  differs on {len(network['differs_on'])} indicators: {', '.join(network['differs_on'])}")
        for town in result["excluded"]:
            lines.append(f"Left out: {town['name']} ({town['key']}): {town['reason']}")
    parts = ", ".join(f"{name.replace('_', ' ')} {value:.3f}" for name, value in result["parts"].items())
    bound = "none proven" if result["bound"] is None else f"{result['bound']:.3f}"
    gap = "unknown" if result["gap"] is None else f"{result['gap']:.2%}"
    lines.append(
        f"Objective {result['objective']:.3f} ({parts}); bound {bound}; gap {gap}; "
        f"{result['status']} in {result['seconds']:.2f} s"
    )
    return "\n".join(lines)
