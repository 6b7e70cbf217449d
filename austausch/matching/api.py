"""Peers and network plans in the API."""

from __future__ import annotations

from typing import Annotated, Any

from django import forms
from django.http import HttpRequest
from django.utils import translation
from django.utils.encoding import force_str
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from austausch.matching.compare import GROUP_DEFAULT, GROUP_MAX, compare
from austausch.matching.forms import PeerForm, effective_values
from austausch.matching.peers import find_peers
from austausch.registry.models import Municipality

router = Router(tags=["matching"])


class PeerFactsOut(Schema):
    distance_km: float | None
    practices: int | None
    tied: bool
    twinned: bool
    shared_indicators: int
    conditions_distance: float | None
    most_similar: str | None
    most_different: str | None
    offers_sought: int | None


class PeerOut(Schema):
    key: str
    name: str
    country: str
    state: str
    population: int
    size_class: str
    score: float
    contributions: dict[str, float]
    factor_scores: dict[str, float]
    facts: PeerFactsOut | None


class PeerList(Schema):
    count: int
    items: list[PeerOut]
    preferences: dict[str, Any]


def _parameter(name: str, field: forms.Field) -> dict[str, Any]:
    """An OpenAPI query parameter described from the peer form's field, so the two cannot drift apart."""
    with translation.override(None):
        description = force_str(field.label) + (f". {force_str(field.help_text)}" if field.help_text else "")
    schema: dict[str, Any]
    if isinstance(field, forms.MultipleChoiceField):
        # Fixed choices (countries) are listed; the states are the registry's, known only when it is loaded.
        choices = [str(value) for value, _label in field.choices]  # type: ignore[union-attr,misc]
        schema = {"type": "array", "items": {"type": "string", **({"enum": choices} if choices else {})}}
        description += " Repeat the parameter for several values."
    elif name in PeerForm.CHOICES:
        schema = {"type": "string", "enum": [member.value for member in PeerForm.CHOICES[name]]}
    elif isinstance(field, forms.IntegerField | forms.FloatField):
        schema = {"type": "integer" if isinstance(field, forms.IntegerField) else "number"}
        bounds = (("minimum", field.min_value), ("maximum", field.max_value))
        schema |= {key: value for key, value in bounds if value is not None}
    else:
        schema = {"type": "string"}
    if field.initial not in (None, ""):
        schema["default"] = field.initial
    return {"in": "query", "name": name, "required": False, "description": description, "schema": schema}


PEER_PARAMETERS = [_parameter(name, field) for name, field in PeerForm.base_fields.items()]


@router.get(
    "/municipalities/{key}/peers",
    response=PeerList,
    summary="Peers of a municipality",
    openapi_extra={"parameters": PEER_PARAMETERS},
)
def municipality_peers(request: HttpRequest, key: str) -> dict[str, object]:
    """Towns like this one, best first, each with its score, every factor's contribution (weight ×
    factor score in [0, 1]) and the facts behind it. Every parameter is optional; `preferences` in
    the answer shows the values used. `topic` is a topic slug (see /topics); `states` are state codes.
    """
    municipality = Municipality.objects.filter(key=key.upper()).first()
    if municipality is None:
        raise HttpError(404, f"No municipality with the key {key!r}. Keys look like DE-15002000 or US-1840000455.")
    # The query string goes to the form whole: repeated parameters (states=SN&states=BB) stay lists.
    form = PeerForm.from_params(request.GET)
    with translation.override(None):
        if not form.is_valid():
            raise HttpError(422, form.error_text())
    query = form.query()
    peers = find_peers(municipality, **query.arguments())
    return {"count": len(peers), "items": [peer.as_dict() for peer in peers], "preferences": effective_values(query)}


GroupSize = Annotated[int, Field(ge=1, le=GROUP_MAX, description="Towns in the peer group.")]


class ComparisonOut(Schema):
    key: str
    peer_group: list[str]
    indicators: list[dict[str, Any]]


@router.get("/municipalities/{key}/comparison", response=ComparisonOut, summary="How a municipality compares")
def municipality_comparison(request: HttpRequest, key: str, size: GroupSize = GROUP_DEFAULT) -> dict[str, object]:
    """Each indicator beside the median of the town's peer group (the peer finder's top `size` towns with its
    default preferences) and the town's percentile there, with the years and sources of the values."""
    municipality = Municipality.objects.filter(key=key.upper()).first()
    if municipality is None:
        raise HttpError(404, f"No municipality with the key {key!r}. Keys look like DE-15002000 or US-1840000455.")
    group, rows = compare(municipality, size=size)
    return {
        "key": municipality.key,
        "peer_group": [town.key for town in group],
        "indicators": [row.as_dict() for row in rows],
    }
