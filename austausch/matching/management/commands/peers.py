from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations
from django.utils import translation
from django.utils.encoding import force_str

from austausch.matching.forms import PeerForm, effective_values
from austausch.matching.peers import find_peers
from austausch.registry.cli import municipality_argument

# The command's own default; the page and the API show 20.
LIMIT_DEFAULT = 10


def option(name: str) -> str:
    return "--" + name.replace("_", "-")


class Command(BaseCommand):
    help = "Towns like this one, ranked, with each factor's contribution to the score."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("municipality", metavar="MUNICIPALITY", help="a key (DE-12070424) or a unique name")
        # One option per field of the peer form, which parses and checks them as it does for the page and the API.
        for name, field in PeerForm.base_fields.items():
            with translation.override(None):
                described = force_str(field.label) + (f": {force_str(field.help_text)}" if field.help_text else "")
            if isinstance(field, forms.MultipleChoiceField):
                parser.add_argument(option(name), action="append", metavar="CODE", help=f"{described} (repeatable)")
                continue
            default = LIMIT_DEFAULT if name == "limit" else field.initial
            extra: dict[str, Any] = {"metavar": "N" if isinstance(field, forms.IntegerField) else "X"}
            if name in PeerForm.CHOICES:
                extra = {"choices": [member.value for member in PeerForm.CHOICES[name]]}
            elif name == "topic":
                extra = {"metavar": "SLUG"}
            suffix = f" (default {default})" if default not in (None, "") else ""
            parser.add_argument(option(name), default=default, help=described + suffix, **extra)
        parser.add_argument("--json", action="store_true", help="print one JSON document")

    # The command speaks English like the rest of the command line, whatever LANGUAGE_CODE says.
    @no_translations
    def handle(self, *args: Any, **options: Any) -> None:
        municipality = municipality_argument(options["municipality"])
        form = PeerForm.from_params({name: options.get(name) for name in PeerForm.base_fields})
        if not form.is_valid():
            raise CommandError(form.error_text(option), returncode=2)
        query = form.query()
        peers = find_peers(municipality, **query.arguments())
        if options["json"]:
            document = {
                "municipality": municipality.key,
                "topic": query.topic or None,
                "preferences": effective_values(query),
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
