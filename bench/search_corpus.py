"""A generated corpus of practices for the search benchmarks: half German, half English, from
templates with varied vocabulary, plus the real practices derived from the seed press texts.

Imported by bench/search_latency.py; `build_corpus(n)` fills the (benchmark's own) database.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

SEED_PRACTICES = Path(__file__).resolve().parent.parent / "austausch" / "knowledge" / "data" / "seed_practices.json"

DE = {
    "things": [
        "E-Akte",
        "Bürgerportal",
        "Coworking Space",
        "Ratsinformationssystem",
        "Mängelmelder",
        "Schulcloud",
        "Warn-App",
        "Datenportal",
        "Carsharing",
        "Leihfahrräder",
        "Glasfasernetz",
        "Chatbot",
        "Sensornetz",
        "Gründerzentrum",
        "Bibliothek",
        "Wärmeplan",
        "Parkleitsystem",
        "Telemedizin",
        "Lernplattform",
        "Rufbus",
    ],
    "verbs": ["eingeführt", "erprobt", "ausgebaut", "geplant", "eröffnet", "digitalisiert", "vernetzt", "modernisiert"],
    "places": [
        "im Rathaus",
        "im Gesundheitsamt",
        "in der Innenstadt",
        "im ländlichen Raum",
        "am Bahnhof",
        "in den Schulen",
        "im Bauamt",
        "im Gewerbegebiet",
        "im Quartier",
        "in den Ortsteilen",
    ],
    "goals": [
        "Wartezeiten verkürzen",
        "Bürgerinnen und Bürger beteiligen",
        "Energie sparen",
        "Arbeitsplätze schaffen",
        "Daten offen teilen",
        "die Verwaltung entlasten",
        "Fachkräfte gewinnen",
        "das Klima schützen",
        "die Sicherheit erhöhen",
        "Wege verkürzen",
    ],
    "lessons": [
        "Frühe Einbindung der Beschäftigten war entscheidend.",
        "Die Ausschreibung dauerte länger als geplant.",
        "Ohne Fördermittel wäre das Projekt nicht möglich gewesen.",
        "Der Datenschutz wurde früh geklärt.",
        "Die Nutzung stieg erst nach einer Werbekampagne.",
    ],
    "title": "{thing} {place} {verb}",
    "summary": "Die Stadt {town} hat {thing} {place} {verb}, um {goal}. {lesson}",
}
EN = {
    "things": [
        "e-file system",
        "citizen portal",
        "co-working space",
        "council information system",
        "issue reporting app",
        "school cloud",
        "warning app",
        "open data portal",
        "car sharing",
        "bike sharing",
        "fiber network",
        "chatbot",
        "sensor network",
        "startup incubator",
        "public library",
        "heat plan",
        "parking guidance",
        "telemedicine service",
        "learning platform",
        "on-demand bus",
    ],
    "verbs": ["introduced", "piloted", "expanded", "planned", "opened", "digitised", "connected", "modernised"],
    "places": [
        "at city hall",
        "in the health department",
        "downtown",
        "in rural areas",
        "at the train station",
        "in public schools",
        "in the building department",
        "in the business park",
        "in the neighbourhood",
        "in outlying villages",
    ],
    "goals": [
        "cut waiting times",
        "involve residents",
        "save energy",
        "create jobs",
        "share data openly",
        "relieve the administration",
        "attract skilled workers",
        "protect the climate",
        "improve safety",
        "shorten trips",
    ],
    "lessons": [
        "Involving staff early was decisive.",
        "Procurement took longer than planned.",
        "Without grants the project would not have been possible.",
        "Data protection was settled early.",
        "Use only grew after a publicity campaign.",
    ],
    "title": "{thing} {verb} {place}",
    "summary": "The city of {town} {verb} a {thing} {place} to {goal}. {lesson}",
}


def generated(count: int, *, seed: int = 11) -> list[dict[str, str]]:
    rng = random.Random(seed)
    towns = ["Wittenberge", "Mölln", "Halle", "Darmstadt", "Trenton", "Princeton", "Newark", "Schwerin", "Rostock",
             "Leipzig", "Magdeburg", "Mainz", "Knoxville", "Nashville", "Charlotte", "Dippoldiswalde"]  # fmt: skip
    records = []
    for number in range(count):
        vocabulary, language = (DE, "de") if number % 2 == 0 else (EN, "en")
        words = {
            "thing": rng.choice(vocabulary["things"]),
            "verb": rng.choice(vocabulary["verbs"]),
            "place": rng.choice(vocabulary["places"]),
            "goal": rng.choice(vocabulary["goals"]),
            "lesson": rng.choice(vocabulary["lessons"]),
            "town": rng.choice(towns),
        }
        summary = vocabulary["summary"].format(**words)
        body = " ".join([*rng.sample(vocabulary["lessons"], 2), rng.choice(vocabulary["goals"])])
        records.append(
            {"title": vocabulary["title"].format(**words)[:200], "summary": summary, "body": body, "language": language}
        )
    return records


def build_corpus(count: int) -> tuple[list[int], dict[str, float]]:
    """Bulk-load `count` generated practices and the seed practices; returns their ids and timings."""
    from django.db import transaction

    from austausch.knowledge.importer import import_practices
    from austausch.knowledge.models import Practice, Status
    from austausch.knowledge.search import index_practices
    from austausch.registry.models import Municipality

    town_ids = list(Municipality.objects.values_list("id", flat=True)[:5000])
    rng = random.Random(5)
    statuses = list(Status.values)
    started = time.perf_counter()
    with transaction.atomic():
        practices = Practice.objects.bulk_create(
            [Practice(**record, status=rng.choice(statuses), is_published=True) for record in generated(count)],
            batch_size=2000,
        )
        links = [
            Practice.municipalities.through(practice_id=practice.pk, municipality_id=rng.choice(town_ids))
            for practice in practices
        ]
        Practice.municipalities.through.objects.bulk_create(links, batch_size=5000)
    stored = time.perf_counter() - started
    started = time.perf_counter()
    with transaction.atomic():
        indexed = index_practices(Practice.objects.published().iterator(chunk_size=5000), batch_size=2000)
    indexing = time.perf_counter() - started
    import_practices(SEED_PRACTICES)
    ids = list(Practice.objects.values_list("id", flat=True))
    return ids, {"stored_s": stored, "indexed": indexed, "indexing_s": indexing}
