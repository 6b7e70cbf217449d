"""Exchange requests in the API, for signed-in people: the ones they asked or answer for, and asking anew.

No e-mail address of either side is ever part of an answer.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import django_auth

from austausch.accounts.models import User
from austausch.exchanges import services
from austausch.exchanges.models import MESSAGE_MAX_LENGTH, ExchangeKind, ExchangeRequest, RequestState
from austausch.knowledge.models import Practice, Topic
from austausch.registry.models import Municipality
from austausch.registry.search import resolve_municipality
from austausch.web.api_errors import as_api_errors
from austausch.web.pagination import Page, PageNumber, PageSize, paginate

router = Router(tags=["exchanges"])

TOO_MANY = {
    429: {
        "description": "Too many requests from this account within the last hour",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
}


class ExchangeRequestIn(Schema):
    kind: ExchangeKind
    topic: str = Field(description="A topic's slug, from GET /api/v1/topics.")
    message: str = Field(max_length=MESSAGE_MAX_LENGTH, description="Plain text; HTML is shown as typed.")
    town: str | None = Field(None, description="Ask a town: its key (DE-12070424) or its name.")
    practice: int | None = Field(None, description="Or ask the people of a published practice: its id.")
    person: int | None = Field(None, description="Or ask a person: their account's id.")
    on_behalf_of: str | None = Field(None, description="The town you ask for (one whose pages you edit).")
    proposed_from: date | None = None
    proposed_to: date | None = None
    delegation: str = Field("", max_length=500, description="Who would come.")


class ExchangeRequestOut(Schema):
    id: int
    kind: ExchangeKind
    state: RequestState
    topic: str
    message: str
    asked_by: str
    on_behalf_of: str | None
    town: str | None
    practice: int | None
    person: str | None
    proposed_from: date | None
    proposed_to: date | None
    delegation: str
    meeting: int | None
    created_at: datetime

    @staticmethod
    def resolve_topic(exchange: ExchangeRequest) -> str:
        return exchange.topic.slug

    @staticmethod
    def resolve_asked_by(exchange: ExchangeRequest) -> str:
        return exchange.requester.name

    @staticmethod
    def resolve_on_behalf_of(exchange: ExchangeRequest) -> str | None:
        return exchange.requester_municipality.key if exchange.requester_municipality else None

    @staticmethod
    def resolve_town(exchange: ExchangeRequest) -> str | None:
        return exchange.municipality.key if exchange.municipality else None

    @staticmethod
    def resolve_person(exchange: ExchangeRequest) -> str | None:
        return exchange.person.name if exchange.person else None


def _town(text: str | None, field: str) -> Municipality | None:
    if text is None:
        return None
    try:
        return resolve_municipality(text)
    except ValidationError as error:
        raise HttpError(422, f"{field}: {' '.join(error.messages)}") from error


def _requests(user: Any) -> Any:
    return ExchangeRequest.objects.involving(user).select_related(
        "topic", "requester", "requester_municipality", "municipality", "person"
    )


@router.get(
    "/exchange-requests",
    response=Page[ExchangeRequestOut],
    auth=django_auth,
    summary="The exchange requests you asked or answer for",
)
def list_exchange_requests(
    request: HttpRequest, state: RequestState | None = None, page: PageNumber = 1, page_size: PageSize = 50
) -> dict[str, object]:
    found = _requests(request.user).order_by("-created_at", "-id")
    if state:
        found = found.filter(state=state)
    return paginate(found, page=page, page_size=page_size)


@router.post(
    "/exchange-requests",
    response={201: ExchangeRequestOut},
    auth=django_auth,
    summary="Ask a town, a practice's people or a person for an exchange",
    openapi_extra={"responses": TOO_MANY},
)
def post_exchange_request(request: HttpRequest, payload: ExchangeRequestIn) -> Status[ExchangeRequest]:
    if sum(value is not None for value in (payload.town, payload.practice, payload.person)) != 1:
        raise HttpError(422, "town: give exactly one of town, practice or person.")
    topic = Topic.objects.filter(slug=payload.topic).first()
    if topic is None:
        raise HttpError(422, f"topic: no topic {payload.topic!r}; GET /api/v1/topics lists them.")
    practice = person = None
    if payload.practice is not None:
        practice = Practice.objects.published().filter(pk=payload.practice).first()
        if practice is None:
            raise HttpError(422, f"practice: no published practice with the id {payload.practice}.")
    if payload.person is not None:
        person = User.objects.filter(pk=payload.person, is_active=True).first()
        if person is None:
            raise HttpError(422, f"person: no person with the id {payload.person}.")
    try:
        with as_api_errors():
            exchange = services.ask(
                actor=request.user,
                kind=payload.kind,
                topic=topic,
                message=payload.message,
                municipality=_town(payload.town, "town"),
                practice=practice,
                person=person,
                requester_municipality=_town(payload.on_behalf_of, "on_behalf_of"),
                proposed_from=payload.proposed_from,
                proposed_to=payload.proposed_to,
                delegation=payload.delegation,
                site_url=request.build_absolute_uri("/")[:-1],
            )
    except services.RateLimited as error:
        raise HttpError(429, "Too many exchange requests within the last hour; please wait and try again.") from error
    return Status(201, _requests(request.user).get(pk=exchange.pk))
