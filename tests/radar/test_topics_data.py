"""The topic taxonomy is data: a fresh database is seeded from it, and the radar reads it where no database is."""

from __future__ import annotations

import json

import pytest

from austausch.knowledge.models import Topic as TopicModel
from austausch.radar.extraction.topics import TOPICS_FILE, Topic, find_topics, seed_taxonomy, taxonomy


def test_the_seed_list_is_the_data_file_with_two_levels() -> None:
    data = json.loads(TOPICS_FILE.read_text(encoding="utf-8"))
    assert [topic.slug for topic in seed_taxonomy() if topic.parent is None] == [topic["slug"] for topic in data]
    assert Topic("coworking", "Coworking", "Coworking", "future-of-work") in seed_taxonomy()


@pytest.mark.django_db
def test_the_migrated_topic_table_holds_the_data_files_taxonomy() -> None:
    rows = TopicModel.objects.select_related("parent").order_by("slug")
    in_table = {(row.slug, row.label_de, row.label_en, row.parent.slug if row.parent else None) for row in rows}
    assert in_table == {(topic.slug, topic.label_de, topic.label_en, topic.parent) for topic in seed_taxonomy()}


@pytest.mark.django_db
def test_the_radar_reads_the_topic_table_where_there_is_one() -> None:
    parent = TopicModel.objects.get(slug="mobility")
    TopicModel.objects.create(slug="car-sharing", label_de="Carsharing", label_en="Car sharing", parent=parent)
    topics, source = taxonomy()
    assert source == "database"
    found = find_topics("Carsharing im Dorf: das Carsharing startet.", "de", topics=topics)
    assert {topic["slug"] for topic in found} == {"car-sharing", "mobility"}


def test_without_a_database_the_radar_reads_the_data_file() -> None:
    assert taxonomy() == (seed_taxonomy(), "seed list")
