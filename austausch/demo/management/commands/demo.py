"""`austausch demo`: load the example programmes reconstructed from the seed texts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from austausch.demo.outcomes import load_outcomes
from austausch.demo.programmes import RegistryMissing, demo_actor, load_demo


class Command(BaseCommand):
    help = (
        "Loads the example programmes, rounds, meetings, networks and organisations that the seed press texts "
        "describe (Transatlantic Cities of Tomorrow, Kleinstadtakademie, Innovators Club, Smart City in der "
        "sozialen Stadt). Idempotent: a second run changes nothing. Needs the registry (austausch registry import)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            created = load_demo()
            created.update(load_outcomes(demo_actor()))
        except RegistryMissing as missing:
            raise CommandError(
                f"The municipality registry is not loaded ({missing}). Run `austausch registry import` first."
            ) from missing
        if not created:
            self.stdout.write("Nothing to change: the demo is already loaded.")
            return
        summary = ", ".join(f"{count} {kind}" for kind, count in sorted(created.items()))
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {summary}."))
