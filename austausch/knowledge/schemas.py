"""How practices, publications and topics look to machines: the API and `austausch search --json` share these."""

from __future__ import annotations

import datetime
import decimal

from ninja import Schema

from austausch.knowledge.models import Practice, Publication, Topic
from austausch.knowledge.search import Hit
from austausch.knowledge.text import snippet
from austausch.lib.translated_schema import WithTranslations


class TopicOut(Schema):
    slug: str
    label_de: str
    label_en: str
    parent: str | None

    @staticmethod
    def resolve_parent(topic: Topic) -> str | None:
        return topic.parent.slug if topic.parent_id and topic.parent else None


class TownRef(Schema):
    key: str
    name: str
    country: str
    state: str


class PracticeSummary(WithTranslations):
    id: int
    title: str
    summary: str
    language: str
    status: str
    started_on: datetime.date | None
    ended_on: datetime.date | None
    municipalities: list[TownRef]
    topics: list[str]
    updated_at: datetime.datetime

    @staticmethod
    def resolve_municipalities(practice: Practice) -> list[dict[str, str]]:
        return [
            {"key": town.key, "name": town.name, "country": town.country, "state": town.state}
            for town in practice.municipalities.all()
        ]

    @staticmethod
    def resolve_topics(practice: Practice) -> list[str]:
        return [topic.slug for topic in practice.topics.all()]


class ContactOut(Schema):
    role: str
    organisation: str | None
    department: str
    channel: str


class LinkOut(Schema):
    title: str
    url: str


class PracticeDetail(PracticeSummary):
    body: str
    organisations: list[str]
    budget_amount: decimal.Decimal | None
    budget_currency: str
    funding_sources: str
    partners: str
    results: str
    evidence: str
    lessons_worked: str
    lessons_failed: str
    transfer_staff: str
    transfer_budget: str
    transfer_legal: str
    transfer_data: str
    transfer_software: str
    publiccode_url: str
    repository_url: str
    source_url: str
    source_note: str
    contacts: list[ContactOut]
    links: list[LinkOut]
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_organisations(practice: Practice) -> list[str]:
        return [str(organisation) for organisation in practice.organisations.all()]

    @staticmethod
    def resolve_contacts(practice: Practice) -> list[dict[str, str | None]]:
        return [
            {
                "role": contact.role,
                "organisation": str(contact.organisation) if contact.organisation else None,
                "department": contact.department,
                "channel": contact.channel,
            }
            for contact in practice.contacts.all()
        ]

    @staticmethod
    def resolve_links(practice: Practice) -> list[dict[str, str]]:
        return [{"title": link.title, "url": link.url} for link in practice.links.all()]


class SearchHitOut(Schema):
    """Built from a dict (`search_hit`), so without PracticeSummary's resolvers."""

    id: int
    title: str
    summary: str
    language: str
    status: str
    started_on: datetime.date | None
    ended_on: datetime.date | None
    municipalities: list[TownRef]
    topics: list[str]
    updated_at: datetime.datetime
    score: float
    keyword_rank: int | None
    vector_rank: int | None
    snippet: str


class PublicationOut(WithTranslations):
    id: int
    title: str
    authors: str
    publisher: str
    published_on: datetime.date | None
    url: str
    summary: str
    language: str
    topics: list[str]
    practices: list[int]

    @staticmethod
    def resolve_topics(publication: Publication) -> list[str]:
        return [topic.slug for topic in publication.topics.all()]

    @staticmethod
    def resolve_practices(publication: Publication) -> list[int]:
        return [practice.pk for practice in publication.practices.all() if practice.is_published]


def search_hit(practice: Practice, hit: Hit, words: list[str]) -> dict[str, object]:
    document = PracticeSummary.from_orm(practice).model_dump(mode="json")
    document |= {
        "score": round(hit.score, 6),
        "keyword_rank": hit.keyword_rank,
        "vector_rank": hit.vector_rank,
        "snippet": snippet(f"{practice.summary} {practice.body}", words),
    }
    return document
