"""Finding towns by name: the town finder, list filters, and resolving what a user typed."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from austausch.registry.dataset import KEY_PATTERN, fold, strip_accents
from austausch.registry.models import Municipality

MAX_QUERY_LENGTH = 100


class AmbiguousName(Exception):
    def __init__(self, name: str, candidates: list[Municipality]) -> None:
        super().__init__(name)
        self.name = name
        self.candidates = candidates


def clean(text: str) -> str:
    """What a person typed, without control characters (PostgreSQL refuses NUL) and within bounds."""
    return "".join(char for char in text if char.isprintable()).strip()[:MAX_QUERY_LENGTH]


def filter_municipalities(
    query: str = "", *, country: str = "", state: str = "", size_class: str = ""
) -> QuerySet[Municipality]:
    """Towns matching a typed name, best first: exact, then prefix, then word start, then inside.

    Matching ignores case, accents and the spelling of umlauts: "Diessen" finds "Dießen am
    Ammersee", "Moelln" and "Molln" find "Mölln". Ties go to the larger town.
    """
    municipalities = Municipality.objects.all()
    if country:
        municipalities = municipalities.filter(country=country.upper())
    if state:
        municipalities = municipalities.filter(Q(state_code__iexact=state) | Q(state__iexact=state))
    if size_class:
        municipalities = municipalities.filter(size_class__iexact=size_class)
    query = clean(query)
    needle = fold(query)
    if not needle:
        return municipalities.order_by("name", "key")
    plain = strip_accents(query)
    matches = Q(search_name__contains=needle) | Q(search_alias__contains=plain)
    rank = Case(
        When(Q(search_name=needle) | Q(search_alias=plain), then=Value(0)),
        When(Q(search_name__startswith=needle) | Q(search_alias__startswith=plain), then=Value(1)),
        When(Q(search_name__contains=" " + needle) | Q(search_name__contains="-" + needle), then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    # Ties go by id, not key: id, search_name, search_alias and population are all in the finder
    # index, so SQLite scans that small index instead of the wide table (see `fetch`).
    return municipalities.filter(matches).annotate(rank=rank).order_by("rank", "-population", "id")


def fetch(municipalities: QuerySet[Municipality], start: int, stop: int) -> list[Municipality]:
    """Rows start..stop of a ranked queryset: rank on ids alone (an index scan), then load those rows."""
    ids = list(municipalities.values_list("id", flat=True)[start:stop])
    rows = Municipality.objects.in_bulk(ids)
    return [rows[pk] for pk in ids]


def resolve_municipality(text: str) -> Municipality | None:
    """A key or a name to one town. None if nothing matches; AmbiguousName if several do.

    A name matches a town's name exactly or its name before a bracket, so "Halle" is ambiguous
    between Halle (Saale), Halle (Westf.) and two villages named Halle.
    """
    text = clean(text)
    if KEY_PATTERN.match(text.upper()):
        return Municipality.objects.filter(key=text.upper()).first()
    needle = fold(text)
    if not needle:
        return None
    candidates = list(
        Municipality.objects.filter(Q(search_name=needle) | Q(search_name__startswith=needle + " (")).order_by(
            "-population", "key"
        )
    )
    if len(candidates) > 1:
        raise AmbiguousName(text, candidates)
    return candidates[0] if candidates else None
