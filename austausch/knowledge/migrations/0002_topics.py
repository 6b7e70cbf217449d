"""The topic taxonomy the seed texts name: two levels, German and English labels. Admins edit it later."""

import json
from pathlib import Path

from django.db import migrations

# The taxonomy is data (`knowledge/data/topics.json`), which the radar reads too; a fresh database is seeded from it.
TOPICS_FILE = Path(__file__).resolve().parent.parent / "data" / "topics.json"


def seed(apps, schema_editor):
    Topic = apps.get_model("knowledge", "Topic")
    for position, topic in enumerate(json.loads(TOPICS_FILE.read_text(encoding="utf-8"))):
        parent, _ = Topic.objects.update_or_create(
            slug=topic["slug"],
            defaults={
                "label_de": topic["label_de"],
                "label_en": topic["label_en"],
                "position": position,
                "parent": None,
            },
        )
        for child_position, child in enumerate(topic["children"]):
            Topic.objects.update_or_create(
                slug=child["slug"],
                defaults={
                    "label_de": child["label_de"],
                    "label_en": child["label_en"],
                    "position": child_position,
                    "parent": parent,
                },
            )


def unseed(apps, schema_editor):
    Topic = apps.get_model("knowledge", "Topic")
    Topic.objects.filter(parent__isnull=False).delete()
    Topic.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
