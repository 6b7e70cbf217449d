"""What the exchanges app keeps about a person: the requests they asked and those asked of them by name, the
messages they wrote in threads, and the reports they filed. Erasure deletes them: they are private
correspondence, which no town needs to keep once a person asks for it to go (a meeting it led to stays).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from austausch.exchanges.models import AbuseReport, ExchangeMessage, ExchangeRequest, ExpertListing
from austausch.lib.personal_data import Person, PersonalData, Row, register


def _requests(person: Person) -> Any:
    return ExchangeRequest.objects.filter(Q(requester=person.user) | Q(person=person.user)).order_by("pk")


def _export_requests(person: Person) -> list[Row]:
    return [
        {
            "id": exchange.pk,
            "role": "asked" if exchange.requester_id == person.user.pk else "asked of",
            "kind": exchange.kind,
            "addressee": str(exchange.addressee),
            "topic": exchange.topic.slug,
            "message": exchange.message,
            "proposed_from": exchange.proposed_from,
            "proposed_to": exchange.proposed_to,
            "delegation": exchange.delegation,
            "state": exchange.state,
            "created_at": exchange.created_at,
        }
        for exchange in _requests(person).select_related("topic", "municipality", "practice", "person")
    ]


def _export_messages(person: Person) -> list[Row]:
    return [
        {"request": posted.request_id, "body": posted.body, "created_at": posted.created_at}
        for posted in ExchangeMessage.objects.filter(author=person.user).order_by("pk")
    ]


def _export_reports(person: Person) -> list[Row]:
    return [
        {"request": report.request_id, "reason": report.reason, "created_at": report.created_at}
        for report in AbuseReport.objects.filter(reporter=person.user).order_by("pk")
    ]


def _erase_requests(person: Person, actor: Any) -> None:
    _requests(person).delete()


def _erase_messages(person: Person, actor: Any) -> None:
    ExchangeMessage.objects.filter(author=person.user).delete()


def _erase_reports(person: Person, actor: Any) -> None:
    AbuseReport.objects.filter(reporter=person.user).delete()


register(
    PersonalData(
        "exchange_requests",
        (ExchangeRequest,),
        _export_requests,
        _erase_requests,
    )
)
register(
    PersonalData(
        "exchange_messages",
        (ExchangeMessage,),
        _export_messages,
        _erase_messages,
    )
)
register(
    PersonalData(
        "exchange_reports",
        (AbuseReport,),
        _export_reports,
        _erase_reports,
    )
)


def _export_listing(person: Person) -> list[Row]:
    return [
        {
            "topics": [topic.slug for topic in listing.topics.all()],
            "organisation": listing.organisation,
            "languages": listing.languages,
            "how_to_reach": listing.how_to_reach,
            "consented_at": listing.consented_at,
        }
        for listing in ExpertListing.objects.filter(person=person.user)
    ]


def _erase_listing(person: Person, actor: Any) -> None:
    ExpertListing.objects.filter(person=person.user).delete()


register(PersonalData("person_to_ask", (ExpertListing,), _export_listing, _erase_listing))
