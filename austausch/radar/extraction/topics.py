"""Topics from the taxonomy, found by German and English keywords.

The taxonomy is the knowledge base's Topic table when Django and its database are ready, otherwise the
seed list the table is created from (`austausch/knowledge/data/topics.json`); `taxonomy()` says which.
Each topic's own labels are keywords too, so topics an admin adds are found by their labels.
A child topic found brings its parent along ("Coworking" is also "Future of work").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TOPICS_FILE = Path(__file__).resolve().parents[2] / "knowledge" / "data" / "topics.json"

# Word stems, matched case-insensitively at a word start; German compounds are caught by their stems.
KEYWORDS: dict[str, list[str]] = {
    "digital-administration": ["digitale verwaltung", "verwaltungsdigitalisierung", "e-government", "egovernment",
                               "onlinezugangsgesetz", "ozg", "digital government", "digitalisierung der verwaltung",
                               "digitalstrategie", "digitalisierungsstrategie", "elektronische signatur",
                               "digitalbeauftragte"],
    "e-files": ["e-akte", "eakte", "elektronische akte", "elektronischen akte", "e-file", "electronic records"],
    "online-services": ["online-dienst", "onlinedienst", "bürgerportal", "online-services", "online services",
                        "digitale bürgerservices", "online-antrag"],
    "digital-health-office": ["gesundheitsamt", "gesundheitsämter", "health department"],
    "future-of-work": ["zukunft der arbeit", "zukunft von arbeit", "arbeitswelt", "new work", "future of work",
                       "arbeitsorganisation", "arbeitsmodell", "arbeitsformen"],
    "coworking": ["coworking", "co-working"],
    "remote-work": ["mobiles arbeiten", "mobiles arbeiten", "mobile arbeit", "homeoffice", "home-office",
                    "remote work", "ortsunabhängig", "telearbeit"],
    "workforce-development": ["personalentwicklung", "fachkräfte", "workforce", "weiterbildung"],
    "education": ["bildung", "education", "schule", "schulen", "school"],
    "digital-schools": ["digitale schule", "digitalpakt", "digital schools", "digital classroom"],
    "libraries": ["bibliothek", "stadtbibliothek", "bücherei", "library", "libraries"],
    "digital-skills": ["digitale kompetenz", "medienkompetenz", "digital skills", "digital literacy"],
    "mobility": ["mobilität", "mobility", "verkehr", "transportation"],
    "public-transport": ["öpnv", "nahverkehr", "public transport", "public transit", "bus und bahn"],
    "cycling": ["radverkehr", "fahrrad", "leihfahrrad", "leihräder", "leihrad", "bike sharing", "bike-sharing",
                "cycling", "bicycle", "radweg"],
    "economy": ["wirtschaft", "economy", "economic development", "wirtschaftsförderung"],
    "start-ups": ["start-up", "startup", "start-ups", "gründer", "gründung", "entrepreneur"],
    "innovation": ["innovation", "innovativ", "innovators", "innovative"],
    "job-creation": ["arbeitsplätze", "arbeitsplatz", "job creation", "jobs"],
    "retail-and-town-centres": ["innenstadt", "innenstädte", "einzelhandel", "downtown", "main street", "retail"],
    "participation": ["beteiligung", "bürgerbeteiligung", "mitwirkung", "participation", "civic engagement"],
    "online-participation": ["online-beteiligung", "e-partizipation", "e-participation", "online participation"],
    "digital-inclusion": ["digitale teilhabe", "digitaler teilhabe", "digital inclusion", "digital divide",
                          "digital equity"],
    "open-data": ["open data", "offene daten", "open-data"],
    "open-transport-data": ["öpnv-daten", "verkehrsdaten", "transit data", "transport data"],
    "data-portals": ["datenportal", "open-data-portal", "data portal"],
    "artificial-intelligence": ["künstliche intelligenz", "künstlicher intelligenz", "ki-", "artificial intelligence"],
    "warning-and-safety": ["katastrophenschutz", "warnmeldung", "gefahrenlage", "public safety", "emergency"],
    "warning-apps": ["warn-app", "warnapp", "katwarn", "hessenwarn", "nina-app", "warning app"],
    "health": ["gesundheit", "health", "pflege"],
    "smart-city": ["smart city", "smart cities", "smarte stadt", "smarten stadt", "digitalstadt", "digitale stadt",
                   "kluge stadt"],
    "urban-development": ["stadtentwicklung", "urban development", "stadtplanung", "urban planning"],
    "social-city": ["soziale stadt", "sozialen stadt", "social city"],
    "climate": ["klimaschutz", "klimawandel", "klimafreundlich", "climate", "umweltschutz", "nachhaltig",
                "sustainab"],
    "energy": ["energie", "energy", "energiewende", "solar", "renewable"],
    "exchange-and-networks": ["erfahrungsaustausch", "wissensaustausch", "netzwerk", "vernetz", "austausch",
                              "exchange", "network"],
    "international-exchange": ["international", "transatlant", "deutsch-amerikanisch", "städtepartnerschaft",
                               "partnerstadt", "sister cit", "german-american", "partnerschaft",
                               "partnership", "twin town", "twinning", "jumelage"],
    "small-towns": ["kleinstadt", "kleinstädte", "kleinstädten", "small town", "small-town", "rural"],
}  # fmt: skip
# Keywords that are weak alone: the topic counts only when one of them appears at least twice.
MIN_HITS = 2


@dataclass(frozen=True)
class Topic:
    slug: str
    label_de: str
    label_en: str
    parent: str | None


@cache
def seed_taxonomy() -> tuple[Topic, ...]:
    topics: list[Topic] = []
    for topic in json.loads(TOPICS_FILE.read_text(encoding="utf-8")):
        topics.append(Topic(topic["slug"], topic["label_de"], topic["label_en"], None))
        topics.extend(
            Topic(child["slug"], child["label_de"], child["label_en"], topic["slug"]) for child in topic["children"]
        )
    return tuple(topics)


def database_exists() -> bool:
    """Whether Django is set up with a database to read: a SQLite file that is missing is not created by
    asking (the radar's command line reads and writes nothing)."""
    from django.apps import apps

    if not apps.ready:
        return False
    from django.db import connection

    if connection.vendor != "sqlite":
        return True
    return connection.is_in_memory_db() or Path(connection.settings_dict["NAME"]).exists()  # type: ignore[attr-defined]


def database_taxonomy() -> tuple[Topic, ...] | None:
    try:
        if not database_exists():
            return None
        from django.db import DatabaseError

        from austausch.knowledge.models import Topic as TopicModel

        rows = list(TopicModel.objects.select_related("parent").order_by("position", "slug"))
    except (ImportError, DatabaseError, RuntimeError):
        return None
    if not rows:
        return None
    return tuple(Topic(row.slug, row.label_de, row.label_en, row.parent.slug if row.parent else None) for row in rows)


def taxonomy() -> tuple[tuple[Topic, ...], str]:
    """The topics and where they came from: "database" or "seed list"."""
    from_database = database_taxonomy()
    if from_database is not None:
        return from_database, "database"
    return seed_taxonomy(), "seed list"


@cache
def keyword_index(topics: tuple[Topic, ...]) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """One pattern for all keywords of all topics, and which topics each keyword stands for."""
    slugs_of: dict[str, set[str]] = {}
    for topic in topics:
        for keyword in {*KEYWORDS.get(topic.slug, []), topic.label_de.casefold(), topic.label_en.casefold()}:
            slugs_of.setdefault(keyword, set()).add(topic.slug)
    alternatives = sorted(slugs_of, key=len, reverse=True)
    pattern = re.compile(r"(?<![\wäöüß])(?:" + "|".join(map(re.escape, alternatives)) + r")", re.IGNORECASE)
    return pattern, {keyword: tuple(sorted(slugs)) for keyword, slugs in slugs_of.items()}


def find_topics(
    text: str, language: str, title: str | None = None, topics: tuple[Topic, ...] | None = None
) -> list[dict]:
    topics = topics if topics is not None else taxonomy()[0]
    by_slug = {topic.slug: topic for topic in topics}
    title_end = len(title) if title and text.startswith(title) else 0
    pattern, slugs_of = keyword_index(topics)
    hits: dict[str, list[list[int]]] = {}
    for match in pattern.finditer(text):
        for slug in slugs_of.get(match.group().casefold(), ()):
            hits.setdefault(slug, []).append([match.start(), match.end()])
    found = {
        slug: spans
        for slug, spans in hits.items()
        if len(spans) >= MIN_HITS or any(start < title_end for start, _ in spans)
    }
    for slug in list(found):
        parent = by_slug[slug].parent
        if parent and parent in by_slug and parent not in found:
            found[parent] = []
    return [
        {
            "slug": topic.slug,
            "label": topic.label_de if language == "de" else topic.label_en,
            "spans": found[topic.slug],
        }
        for topic in topics
        if topic.slug in found
    ]
