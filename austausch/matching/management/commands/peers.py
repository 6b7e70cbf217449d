from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from austausch.matching.peers import find_peers
from austausch.matching.scoring import (
    ConditionsPreference,
    CountryPreference,
    DistancePreference,
    PeerPreferences,
    TiesPreference,
)
from austausch.registry.cli import municipality_argument


class Command(BaseCommand):
    help = "Towns like this one, ranked, with each factor's contribution to the score."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("municipality", metavar="MUNICIPALITY", help="a key (DE-12070424) or a unique name")
        parser.add_argument("--topic", default="", help="topic slug: towns with published practices on it score higher")
        parser.add_argument("--limit", type=int, default=10, help="how many peers (1-200, default 10)")
        parser.add_argument("--conditions", choices=[c.value for c in ConditionsPreference], default="similar")
        parser.add_argument("--distance", choices=[d.value for d in DistancePreference], default="ignore")
        parser.add_argument("--country", choices=[c.value for c in CountryPreference], default="same")
        parser.add_argument("--ties", choices=[t.value for t in TiesPreference], default="ignore")
        for factor in ("population", "conditions", "topic", "distance", "ties"):
            parser.add_argument(f"--{factor}-weight", type=float, default=1.0, metavar="W")
        parser.add_argument("--json", action="store_true", help="print one JSON document")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = municipality_argument(options["municipality"])
        if not 1 <= options["limit"] <= 200:
            raise CommandError("--limit must be between 1 and 200.", returncode=2)
        try:
            preferences = PeerPreferences(
                population_weight=options["population_weight"],
                conditions_weight=options["conditions_weight"],
                conditions=ConditionsPreference(options["conditions"]),
                topic_weight=options["topic_weight"],
                distance_weight=options["distance_weight"],
                distance=DistancePreference(options["distance"]),
                country=CountryPreference(options["country"]),
                ties_weight=options["ties_weight"],
                ties=TiesPreference(options["ties"]),
            )
        except ValueError as error:
            raise CommandError(str(error), returncode=2) from None
        if options["topic"] and not _topic_exists(options["topic"]):
            raise CommandError(f"There is no topic {options['topic']!r}.", returncode=2)
        peers = find_peers(municipality, preferences=preferences, topic=options["topic"], limit=options["limit"])
        if options["json"]:
            document = {
                "municipality": municipality.key,
                "topic": options["topic"] or None,
                "peers": [peer.as_dict() for peer in peers],
            }
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Peers of {municipality.name} ({municipality.key}):")
        for rank, peer in enumerate(peers, start=1):
            parts = ", ".join(f"{factor} {value:.2f}" for factor, value in peer.contributions.items())
            self.stdout.write(
                f"{rank:>3}. {peer.municipality.name} ({peer.municipality.key}, {peer.municipality.state}) "
                f"{peer.score:.3f}  [{parts}]"
            )


def _topic_exists(slug: str) -> bool:
    from austausch.knowledge.models import Topic

    return Topic.objects.filter(slug=slug).exists()
