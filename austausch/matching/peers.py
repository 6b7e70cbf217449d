"""The peer finder on the database: the registry as a `TownTable`, topic experience, existing ties.

The scoring itself (`scoring.rank_peers`) knows nothing of Django; this module feeds it. The table
of all towns is built once per process and rebuilt when the registry changes. `PeerForm` is the
one way the page, the API and the command turn parameters into preferences and filters.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import lru_cache
from typing import Any

import numpy as np
from django import forms
from django.db.models import Count, Max, Q
from django.utils.datastructures import MultiValueDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from austausch.matching.algorithms.scoring import (
    ConditionsPreference,
    CountryPreference,
    DistancePreference,
    Factor,
    PeerFilters,
    PeerPreferences,
    TiesPreference,
    TownTable,
    haversine_km,
    rank_peers,
    standardise,
)
from austausch.registry.indicators import INDICATORS
from austausch.registry.models import Country, IndicatorValue, Municipality

# Heavy-tailed indicators are compared on a log scale, or a few resorts and cities dominate.
LOG_SCALE = {"population_density", "overnight_stays"}
COLUMNS = {indicator.code: position for position, indicator in enumerate(INDICATORS)}


@dataclass(frozen=True)
class PeerFacts:
    """What lies behind the factor scores, so a ranking can be explained in words."""

    distance_km: float | None  # None where either town has no coordinates
    practices: int | None  # published practices on the chosen topic; None without a topic
    tied: bool  # already in a programme or network with the origin
    shared_indicators: int  # of the origin's known indicators, how many this town has too
    conditions_distance: float | None  # root mean square of the standardised differences; None if none shared
    most_similar: str | None  # indicator codes, among the shared ones
    most_different: str | None

    def as_dict(self) -> dict[str, object]:
        return {
            "distance_km": None if self.distance_km is None else round(self.distance_km, 1),
            "practices": self.practices,
            "tied": self.tied,
            "shared_indicators": self.shared_indicators,
            "conditions_distance": None if self.conditions_distance is None else round(self.conditions_distance, 4),
            "most_similar": self.most_similar,
            "most_different": self.most_different,
        }


@dataclass(frozen=True)
class Peer:
    municipality: Municipality
    score: float
    contributions: dict[str, float]
    factor_scores: dict[str, float] = dataclasses.field(default_factory=dict)
    facts: PeerFacts | None = None

    def as_dict(self) -> dict[str, object]:
        town = self.municipality
        return {
            "key": town.key,
            "name": town.name,
            "country": town.country,
            "state": town.state,
            "population": town.population,
            "size_class": town.size_class,
            "score": round(self.score, 4),
            "contributions": {factor: round(value, 4) for factor, value in self.contributions.items()},
            "factor_scores": {factor: round(value, 4) for factor, value in self.factor_scores.items()},
            "facts": self.facts.as_dict() if self.facts else None,
        }


@dataclass(frozen=True, eq=False)
class RegistryTable:
    towns: TownTable
    ids: np.ndarray  # municipality primary keys, aligned with the table

    def index_of(self, municipality_id: int) -> int:
        position = int(np.searchsorted(self.ids, municipality_id))
        if position >= len(self.ids) or self.ids[position] != municipality_id:
            raise KeyError(municipality_id)
        return position


def registry_fingerprint() -> str:
    """Changes when towns or indicator values are added or removed; what is built from the registry
    is cached under it."""
    # Separate queries: SQLite answers COUNT and MAX alone from an index, but scans the table for both at once.
    return repr(
        [
            (model.objects.count(), model.objects.aggregate(last=Max("id"))["last"])
            for model in (Municipality, IndicatorValue)
        ]
    )


def registry_table() -> RegistryTable:
    """The table for the registry as it is now (a cheap fingerprint decides whether to rebuild)."""
    return _build_table(registry_fingerprint())


@lru_cache(maxsize=1)
def _build_table(fingerprint: str) -> RegistryTable:
    rows = list(
        Municipality.objects.order_by("id").values_list(
            "id", "population", "latitude", "longitude", "country", "state_code"
        )
    )
    ids = np.array([row[0] for row in rows], dtype=np.int64)
    raw = np.full((len(rows), len(COLUMNS)), np.nan)
    positions = {municipality_id: position for position, municipality_id in enumerate(ids.tolist())}
    for municipality_id, code, value in IndicatorValue.objects.values_list("municipality_id", "indicator", "value"):
        raw[positions[municipality_id], COLUMNS[code]] = value
    for code in LOG_SCALE:
        raw[:, COLUMNS[code]] = np.log1p(np.maximum(raw[:, COLUMNS[code]], 0.0))
    towns = TownTable.build(
        population=[row[1] for row in rows],
        indicators=standardise(raw),
        latitude=[np.nan if row[2] is None else row[2] for row in rows],
        longitude=[np.nan if row[3] is None else row[3] for row in rows],
        country=[row[4] for row in rows],
        state=[row[5] for row in rows],
    )
    return RegistryTable(towns=towns, ids=ids)


def topic_experience(table: RegistryTable, topic_slug: str) -> np.ndarray:
    """Published practices per town on a topic (or any of its sub-topics)."""
    from austausch.knowledge.models import Practice

    counts = np.zeros(len(table.ids))
    practices = Practice.objects.filter(is_published=True).filter(
        Q(topics__slug=topic_slug) | Q(topics__parent__slug=topic_slug)
    )
    for municipality_id, count in (
        practices.values_list("municipalities").annotate(count=Count("id", distinct=True)).order_by()
    ):
        if municipality_id is not None:
            counts[table.index_of(municipality_id)] = count
    return counts


def tied_towns(municipality: Municipality) -> set[int]:
    """Towns already at a meeting or in a network together with this one (municipality ids)."""
    from austausch.programmes.models import Delegation, Meeting, NetworkMembership

    # Ids first: filtering and reading the same many-to-many in one query would reuse its join.
    meetings = set(
        Meeting.objects.filter(Q(host_towns=municipality) | Q(delegations__municipality=municipality)).values_list(
            "id", flat=True
        )
    )
    networks = set(NetworkMembership.objects.filter(municipality=municipality).values_list("network_id", flat=True))
    towns = set(
        Meeting.host_towns.through.objects.filter(meeting_id__in=meetings).values_list("municipality_id", flat=True)
    )
    towns |= set(Delegation.objects.filter(meeting_id__in=meetings).values_list("municipality_id", flat=True))
    towns |= set(NetworkMembership.objects.filter(network_id__in=networks).values_list("municipality_id", flat=True))
    towns.discard(municipality.pk)
    return towns


def find_peers(
    municipality: Municipality,
    *,
    preferences: PeerPreferences | None = None,
    filters: PeerFilters | None = None,
    topic: str = "",
    limit: int = 20,
) -> list[Peer]:
    table = registry_table()
    origin = table.index_of(municipality.pk)
    experience = topic_experience(table, topic) if topic else None
    ties = {table.index_of(town) for town in tied_towns(municipality)}
    ranked = rank_peers(
        towns=table.towns,
        origin=origin,
        preferences=preferences,
        filters=filters,
        topic_experience=experience,
        ties=ties,
        limit=limit,
    )
    towns = Municipality.objects.in_bulk([int(table.ids[peer.index]) for peer in ranked])
    kilometres = haversine_km(table.towns, origin) if ranked else None
    return [
        Peer(
            municipality=towns[int(table.ids[peer.index])],
            score=peer.score,
            contributions={str(factor): value for factor, value in peer.contributions.items()},
            factor_scores={str(factor): value for factor, value in peer.factor_scores.items()},
            facts=_facts(
                table.towns,
                origin,
                peer.index,
                kilometres=kilometres,
                experience=experience,
                tied=peer.index in ties,
            ),
        )
        for peer in ranked
    ]


def _facts(
    towns: TownTable,
    origin: int,
    index: int,
    *,
    kilometres: np.ndarray | None,
    experience: np.ndarray | None,
    tied: bool,
) -> PeerFacts:
    distance = None if kilometres is None or np.isnan(kilometres[index]) else float(kilometres[index])
    shared = np.flatnonzero(~np.isnan(towns.indicators[origin]) & ~np.isnan(towns.indicators[index]))
    differences = np.abs(towns.indicators[index, shared] - towns.indicators[origin, shared])
    codes = [INDICATORS[int(column)].code for column in shared]
    return PeerFacts(
        distance_km=distance,
        practices=None if experience is None else int(experience[index]),
        tied=tied,
        shared_indicators=len(shared),
        conditions_distance=float(np.sqrt(np.mean(differences**2))) if len(shared) else None,
        # argmin and argmax take the first of equal differences: the order of INDICATORS decides.
        most_similar=codes[int(np.argmin(differences))] if len(shared) else None,
        most_different=codes[int(np.argmax(differences))] if len(shared) else None,
    )


# The form: one way from parameters (a query string, API parameters, command-line options) to a query.

DEFAULTS = PeerPreferences()
LIMIT_DEFAULT = 20
LIMIT_MAX = 200
WEIGHT_MAX = 1000.0


@dataclass(frozen=True)
class PeerQuery:
    preferences: PeerPreferences
    filters: PeerFilters
    topic: str
    limit: int

    def arguments(self) -> dict[str, Any]:
        """Keyword arguments for `find_peers`."""
        return {"preferences": self.preferences, "filters": self.filters, "topic": self.topic, "limit": self.limit}


def _weight(label: Any, factor: Factor) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        min_value=0,
        max_value=WEIGHT_MAX,
        initial=DEFAULTS.weight(factor),
        help_text=_("0 leaves the factor out; 2 counts it twice as much as 1."),
        error_messages={
            "min_value": _("A weight must be 0 or more."),
            "max_value": _("A weight must be at most %(limit_value)s."),
        },
    )


def _choice(
    label: Any, enum: type[StrEnum], labels: dict[Any, Any], default: StrEnum, help_text: Any = ""
) -> forms.Field:
    return forms.TypedChoiceField(
        label=label,
        choices=[(member.value, labels[member]) for member in enum],
        coerce=lambda value: enum(value),
        initial=default.value,
        help_text=help_text,
    )


class PeerForm(forms.Form):
    """Every preference and filter of the peer finder, with the defaults of `PeerPreferences`.

    Build it with `PeerForm.from_params(...)`: a parameter that is missing or blank takes its
    default, so a query string may name only what it changes.
    """

    population_weight = _weight(_("Weight of similar size"), Factor.POPULATION)
    conditions = _choice(
        _("Conditions"),
        ConditionsPreference,
        {ConditionsPreference.SIMILAR: _("similar to mine"), ConditionsPreference.DIFFERENT: _("different from mine")},
        DEFAULTS.conditions,
        _("Compared on the indicators of the registry, standardised."),
    )
    conditions_weight = _weight(_("Weight of conditions"), Factor.CONDITIONS)
    topic = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        help_text=_("Towns that published practices on it score higher."),
        error_messages={"invalid_choice": _("There is no topic “%(value)s”.")},
    )
    topic_weight = _weight(_("Weight of topic experience"), Factor.TOPIC)
    distance = _choice(
        _("Distance"),
        DistancePreference,
        {
            DistancePreference.NEAR: _("prefer near"),
            DistancePreference.FAR: _("prefer far"),
            DistancePreference.IGNORE: _("does not matter"),
        },
        DEFAULTS.distance,
    )
    distance_weight = _weight(_("Weight of distance"), Factor.DISTANCE)
    distance_scale_km = forms.FloatField(
        label=_("Distance scale (km)"),
        min_value=1,
        max_value=20_000,
        initial=DEFAULTS.distance_scale_km,
        help_text=_("At this distance “near” and “far” score one half."),
    )
    country = _choice(
        _("Country"),
        CountryPreference,
        {
            CountryPreference.SAME: _("same country"),
            CountryPreference.OTHER: _("other country"),
            CountryPreference.ANY: _("any country"),
        },
        DEFAULTS.country,
    )
    ties = _choice(
        _("Existing ties"),
        TiesPreference,
        {
            TiesPreference.PREFER: _("prefer towns we already know"),
            TiesPreference.AVOID: _("prefer towns we do not know yet"),
            TiesPreference.IGNORE: _("do not matter"),
        },
        DEFAULTS.ties,
        _("Towns that were at a meeting or are in a network with this one."),
    )
    ties_weight = _weight(_("Weight of existing ties"), Factor.TIES)
    countries = forms.MultipleChoiceField(
        label=_("Only in these countries"),
        choices=Country.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    states = forms.MultipleChoiceField(
        label=_("Only in these states"),
        required=False,
        help_text=_("Choose none for all states."),
        error_messages={"invalid_choice": _("There is no state “%(value)s”.")},
    )
    population_min = forms.IntegerField(
        label=_("Population from"), min_value=0, required=False, widget=forms.NumberInput(attrs={"step": 1})
    )
    population_max = forms.IntegerField(
        label=_("Population up to"), min_value=0, required=False, widget=forms.NumberInput(attrs={"step": 1})
    )
    limit = forms.IntegerField(label=_("Number of results"), min_value=1, max_value=LIMIT_MAX, initial=LIMIT_DEFAULT)

    CHOICES: dict[str, type[StrEnum]] = {
        "conditions": ConditionsPreference,
        "distance": DistancePreference,
        "country": CountryPreference,
        "ties": TiesPreference,
    }
    PREFERENCES = (
        "population_weight",
        "conditions",
        "conditions_weight",
        "topic_weight",
        "distance",
        "distance_weight",
        "distance_scale_km",
        "country",
        "ties",
        "ties_weight",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("none")), *topic_choices()]  # type: ignore[attr-defined]
        self.fields["states"].choices = state_choices()  # type: ignore[attr-defined]

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> PeerForm:
        """A bound form from whatever was given, the defaults filling every gap."""
        given = params if isinstance(params, MultiValueDict) else _multi_value(params)
        data: MultiValueDict[str, Any] = MultiValueDict()
        for name, field in cls.base_fields.items():
            values = [value for value in given.getlist(name) if str(value).strip()]
            if values:
                data.setlist(name, [str(value) for value in values])
            elif field.initial is not None:
                data[name] = str(field.initial)
        return cls(data)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("population_min"), cleaned.get("population_max")
        if low is not None and high is not None and low > high:
            self.add_error("population_max", _("The upper bound is below the lower one."))
        return cleaned

    def query(self) -> PeerQuery:
        """The validated query; call only after `is_valid()`."""
        data = self.cleaned_data
        preferences = PeerPreferences(**{name: data[name] for name in self.PREFERENCES})
        filters = PeerFilters(
            countries=frozenset(data["countries"]) if data.get("countries") else None,
            states=frozenset(data["states"]) if data.get("states") else None,
            population_min=data.get("population_min"),
            population_max=data.get("population_max"),
        )
        return PeerQuery(preferences=preferences, filters=filters, topic=data.get("topic") or "", limit=data["limit"])

    def error_text(self, name_of: Any = str) -> str:
        """All errors in one line, each after its field's name (`name_of` renders the name)."""
        return "; ".join(
            f"{name_of(field) if field != '__all__' else 'request'}: {' '.join(str(text) for text in messages)}"
            for field, messages in self.errors.items()
        )


def effective_values(query: PeerQuery) -> dict[str, object]:
    """The preferences and filters a query used, as plain JSON values."""
    values: dict[str, object] = {}
    for name in PeerForm.PREFERENCES:
        value = getattr(query.preferences, name)
        values[name] = value.value if isinstance(value, Enum) else value
    values["topic"] = query.topic or None
    values["countries"] = sorted(query.filters.countries) if query.filters.countries else None
    values["states"] = sorted(query.filters.states) if query.filters.states else None
    values["population_min"] = query.filters.population_min
    values["population_max"] = query.filters.population_max
    values["limit"] = query.limit
    return values


def _multi_value(params: Mapping[str, Any]) -> MultiValueDict[str, Any]:
    data: MultiValueDict[str, Any] = MultiValueDict()
    for name, value in params.items():
        if value is None:
            continue
        data.setlist(name, list(value) if isinstance(value, list | tuple | set | frozenset) else [value])
    return data


def topic_choices() -> list[tuple[str, str]]:
    """Every topic, sub-topics after their parent as "Parent › Child"."""
    from austausch.knowledge.models import Topic

    return [
        (choice.slug, f"{choice.parent.label} › {choice.label}" if choice.parent else choice.label)
        for root in Topic.objects.filter(parent__isnull=True).prefetch_related("children__parent")
        for choice in (root, *root.children.all())
    ]


def state_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """States grouped by country, as (code, name); the registry's states, not a fixed list."""
    return _state_choices(registry_fingerprint(), get_language())


@lru_cache(maxsize=4)
def _state_choices(fingerprint: str, language: str) -> list[tuple[str, list[tuple[str, str]]]]:
    # Reading the distinct states of ~31,000 towns takes longer than scoring them all: once per registry.
    rows = Municipality.objects.order_by("country", "state").values_list("country", "state_code", "state").distinct()
    countries = dict(Country.choices)
    groups: dict[str, list[tuple[str, str]]] = {}
    for country, code, name in rows:
        groups.setdefault(str(countries.get(country, country)), []).append((code, name))
    return list(groups.items())


__all__ = [
    "Factor",
    "Peer",
    "PeerFilters",
    "PeerForm",
    "PeerPreferences",
    "PeerQuery",
    "effective_values",
    "find_peers",
    "registry_table",
]
