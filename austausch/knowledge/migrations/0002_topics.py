"""The topic taxonomy the seed texts name: two levels, German and English labels. Admins edit it later."""

from django.db import migrations

TOPICS = [
    ("digital-administration", "Digitale Verwaltung", "Digital administration", [
        ("e-files", "E-Akte", "E-files"),
        ("online-services", "Online-Dienste", "Online services"),
        ("digital-health-office", "Digitales Gesundheitsamt", "Digital health office"),
    ]),
    ("future-of-work", "Zukunft der Arbeit", "Future of work", [
        ("coworking", "Coworking", "Coworking"),
        ("remote-work", "Mobiles Arbeiten", "Remote work"),
        ("workforce-development", "Personalentwicklung", "Workforce development"),
    ]),
    ("education", "Bildung", "Education", [
        ("digital-schools", "Digitale Schule", "Digital schools"),
        ("libraries", "Bibliotheken", "Libraries"),
        ("digital-skills", "Digitale Kompetenzen", "Digital skills"),
    ]),
    ("mobility", "Mobilität", "Mobility", [
        ("public-transport", "Öffentlicher Nahverkehr", "Public transport"),
        ("cycling", "Radverkehr und Leihräder", "Cycling and bike sharing"),
    ]),
    ("economy", "Wirtschaft und Start-ups", "Economy and start-ups", [
        ("start-ups", "Start-ups", "Start-ups"),
        ("innovation", "Innovation", "Innovation"),
        ("job-creation", "Arbeitsplätze", "Job creation"),
        ("retail-and-town-centres", "Handel und Innenstadt", "Retail and town centres"),
    ]),
    ("participation", "Beteiligung", "Participation", [
        ("online-participation", "Online-Beteiligung", "Online participation"),
        ("digital-inclusion", "Digitale Teilhabe", "Digital inclusion"),
    ]),
    ("open-data", "Offene Daten", "Open data", [
        ("open-transport-data", "Offene Verkehrsdaten", "Open transport data"),
        ("data-portals", "Datenportale", "Data portals"),
    ]),
    ("artificial-intelligence", "Künstliche Intelligenz", "Artificial intelligence", []),
    ("warning-and-safety", "Warnung und Sicherheit", "Warning and safety", [
        ("warning-apps", "Warn-Apps", "Warning apps"),
    ]),
    ("health", "Gesundheit", "Health", []),
    ("smart-city", "Smart City", "Smart city", [
        ("urban-development", "Stadtentwicklung", "Urban development"),
        ("social-city", "Soziale Stadt", "Social city"),
    ]),
    ("climate", "Klima und Umwelt", "Climate and environment", [
        ("energy", "Energie", "Energy"),
    ]),
    ("exchange-and-networks", "Austausch und Netzwerke", "Exchange and networks", [
        ("international-exchange", "Internationaler Austausch", "International exchange"),
        ("small-towns", "Kleinstädte", "Small towns"),
    ]),
]  # fmt: skip


def seed(apps, schema_editor):
    Topic = apps.get_model("knowledge", "Topic")
    for position, (slug, label_de, label_en, children) in enumerate(TOPICS):
        parent, _ = Topic.objects.update_or_create(
            slug=slug, defaults={"label_de": label_de, "label_en": label_en, "position": position, "parent": None}
        )
        for child_position, (child_slug, child_de, child_en) in enumerate(children):
            Topic.objects.update_or_create(
                slug=child_slug,
                defaults={"label_de": child_de, "label_en": child_en, "position": child_position, "parent": parent},
            )


def unseed(apps, schema_editor):
    Topic = apps.get_model("knowledge", "Topic")
    Topic.objects.filter(parent__isnull=False).delete()
    Topic.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
