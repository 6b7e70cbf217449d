"""Finding towns by name: the town finder, list filters, and resolving what a user typed."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from austausch.registry.dataset import KEY_PATTERN, fold, strip_accents
from austausch.registry.models import Municipality

MAX_QUERY_LENGTH = 100


class UnknownMunicipality(ValidationError):
    """No town is called what a person typed."""

    def __init__(self, name: str) -> None:
        super().__init__(
            _("No town matches “%(name)s”; give a key (DE-<AGS>, US-<id>) or an exact name.") % {"name": name},
            code="unknown",
        )
        self.name = name


class AmbiguousName(ValidationError):
    """Several towns are called what a person typed; the message lists them with their keys."""

    def __init__(self, name: str, candidates: list[Municipality]) -> None:
        listed = "; ".join(f"{town.name}, {town.state} ({town.key})" for town in candidates[:8])
        if len(candidates) > 8:
            listed += " …"
        super().__init__(
            _("“%(name)s” matches %(count)s towns; give the key of one: %(candidates)s")
            % {"name": name, "count": len(candidates), "candidates": listed},
            code="ambiguous",
        )
        self.name = name
        self.candidates = candidates


def clean(text: str) -> str:
    """What a person typed, without control characters (PostgreSQL refuses NUL) and within bounds."""
    return "".join(char for char in text if char.isprintable()).strip()[:MAX_QUERY_LENGTH]


def filter_municipalities(
    query: str = "", *, country: str = "", state: str = "", size_class: str = ""
) -> QuerySet[Municipality]:
    """Towns matching a typed name, best first: exact, then prefix, then word start, then inside.

    A name before a bracket is exact too, so "Halle" puts Halle (Saale) (242,000 inhabitants) before
    the villages named plain Halle. Matching ignores case, accents and the spelling of umlauts:
    "Diessen" finds "Dießen am Ammersee", "Moelln" and "Molln" find "Mölln". Ties go to the larger town.
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
        When(Q(search_name=needle) | Q(search_name__startswith=needle + " (") | Q(search_alias=plain), then=Value(0)),
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


def resolve_municipality(text: str) -> Municipality:
    """What a person typed (a key or a name) to exactly one town, for every form, import, API and command.

    A name matches a town's name exactly or its name before a bracket, so "Halle" is ambiguous
    between Halle (Saale), Halle (Westf.) and two villages named Halle. Raises UnknownMunicipality
    or AmbiguousName, both ValidationErrors whose one message says what to type instead.
    """
    text = clean(text)
    if KEY_PATTERN.match(text.upper()):
        municipality = Municipality.objects.filter(key=text.upper()).first()
        if municipality is None:
            raise UnknownMunicipality(text)
        return municipality
    needle = fold(text)
    candidates = (
        list(
            Municipality.objects.filter(Q(search_name=needle) | Q(search_name__startswith=needle + " (")).order_by(
                "-population", "key"
            )
        )
        if needle
        else []
    )
    if len(candidates) > 1:
        raise AmbiguousName(text, candidates)
    if not candidates:
        raise UnknownMunicipality(text)
    return candidates[0]


def resolve_municipalities(texts: Iterable[str], *, field: str | None = None) -> list[Municipality]:
    """Several typed towns, each once, in the order given; blank entries are skipped. Every problem is
    reported at once, as one ValidationError (on `field` where given)."""
    municipalities: list[Municipality] = []
    problems: list[str] = []
    for text in texts:
        if not text.strip():
            continue
        try:
            municipality = resolve_municipality(text)
        except ValidationError as problem:
            problems.extend(problem.messages)
            continue
        if municipality not in municipalities:
            municipalities.append(municipality)
    if problems:
        raise ValidationError({field: problems} if field else problems)
    return municipalities
