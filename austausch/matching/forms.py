"""Forms of matching: the peer finder's preferences and filters (one way from a query string, API
parameters or command-line options to a query), and the network builder's pages. The services
check what needs the database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import lru_cache
from typing import Any

from django import forms
from django.utils import formats
from django.utils.datastructures import MultiValueDict
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from austausch.matching.algorithms.preferences import (
    ConditionsPreference,
    CountryPreference,
    DistancePreference,
    Factor,
    PeerFilters,
    PeerPreferences,
    TiesPreference,
)
from austausch.matching.applicants import MAX_ROWS
from austausch.matching.models import PlanMode
from austausch.matching.peers import registry_fingerprint
from austausch.matching.solving import WEB_TIME_LIMIT, BuilderRules
from austausch.programmes.models import Programme
from austausch.registry.models import Country, Municipality

# --- the peer finder ------------------------------------------------------------------------------

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


class DecimalField(forms.FloatField):
    """A number with decimals in the reader's notation: "1,5" in German, "1.5" in English; "1", not "1.0".

    A text box with a decimal keypad: a browser's number box shows and takes the decimal point of the
    browser's language, not the page's.
    """

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(localize=True, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value


def _weight(label: Any, factor: Factor) -> forms.FloatField:
    return DecimalField(
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
    distance_scale_km = DecimalField(
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
        _("Towns that were at a meeting, are in a network or have a partnership (twinning) with this one."),
    )
    ties_weight = _weight(_("Weight of existing ties"), Factor.TIES)
    offers_weight = _weight(_("Weight of offers what we seek"), Factor.OFFERS)
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
        "offers_weight",
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
                # As the field shows it: "1" rather than "1.0", "0,5" on a German page.
                data[name] = str(formats.localize_input(field.prepare_value(field.initial)))
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


# --- the network builder ---------------------------------------------------------------------------

MAX_UPLOAD = 1024 * 1024


class NewPlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    mode = forms.ChoiceField(
        label=_("What to form"), choices=PlanMode.choices, initial=PlanMode.NETWORKS, widget=forms.RadioSelect
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.none(),
        required=False,
        help_text=_("Accepting the plan creates its networks in this programme. Only its coordinators may accept."),
    )
    applicants_file = forms.FileField(
        label=_("Applicants file (CSV)"),
        required=False,
        help_text=_("Or type the applicants in the rows below. The file's format is described above."),
    )

    def __init__(self, *args: Any, programmes: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if programmes is not None:
            self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]

    def clean_applicants_file(self) -> Any:
        upload = self.cleaned_data.get("applicants_file")
        if upload is not None and upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is larger than 1 MB; a plan takes at most %(rows)s applicants."), params={"rows": MAX_ROWS}
            )
        return upload


class ApplicantRowForm(forms.Form):
    town = forms.CharField(label=_("Town"), max_length=200, required=False, help_text=_("Name or key"))
    topics = forms.CharField(
        label=_("Topics"), max_length=500, required=False, help_text=_("Most wanted first, separated by “;”")
    )
    lead = forms.BooleanField(label=_("Willing to lead"), required=False)
    group = forms.CharField(label=_("Group"), max_length=20, required=False, help_text=_("Pairings: e.g. DE or US"))


ApplicantRowFormSet = forms.formset_factory(ApplicantRowForm, extra=8, max_num=50)


class RulesForm(forms.Form):
    networks = forms.IntegerField(
        label=_("Number of networks"),
        min_value=1,
        max_value=500,
        required=False,
        help_text=_("Or leave empty and give a size range."),
    )
    size_min = forms.IntegerField(label=_("Smallest network"), min_value=2, max_value=100, required=False)
    size_max = forms.IntegerField(label=_("Largest network"), min_value=2, max_value=100, required=False)
    one_per_state = forms.BooleanField(label=_("At most one town per state in a network"), required=False)
    distinct_topics = forms.BooleanField(label=_("Each network has its own topic"), required=False)
    population_min = forms.IntegerField(label=_("Smallest town (inhabitants)"), min_value=0, required=False)
    population_max = forms.IntegerField(label=_("Largest town (inhabitants)"), min_value=0, required=False)
    topic_weight = DecimalField(
        label=_("Weight of topic fit"),
        min_value=0,
        max_value=100,
        help_text=_(
            "Against diversity of conditions inside a network (pairings: similarity of conditions), which weighs 1. "
            "2 means topic fit counts twice as much."
        ),
    )
    time_limit = DecimalField(
        label=_("Time limit (seconds)"),
        min_value=0.5,
        max_value=WEB_TIME_LIMIT,
        help_text=format_lazy(
            _(
                "At most {limit:g} seconds here, because the page waits for the optimiser. "
                "For longer runs use the command “austausch networks plan”."
            ),
            limit=WEB_TIME_LIMIT,
        ),
    )
    per_town = forms.IntegerField(
        label=_("Partners per town (pairings)"),
        min_value=1,
        max_value=10,
        help_text=_("Each town gets between 1 and this many partners."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("size_min") is None) != (data.get("size_max") is None):
            raise forms.ValidationError(_("Give both the smallest and the largest network size, or neither."))
        low, high = data.get("size_min"), data.get("size_max")
        if low is not None and high is not None and low > high:
            self.add_error("size_max", _("The largest network cannot be smaller than the smallest."))
        low, high = data.get("population_min"), data.get("population_max")
        if low is not None and high is not None and low > high:
            self.add_error("population_max", _("The largest town cannot be smaller than the smallest."))
        return data

    def rules(self) -> BuilderRules:
        data = self.cleaned_data
        return BuilderRules(
            networks=data["networks"],
            size_min=data["size_min"],
            size_max=data["size_max"],
            one_per_state=data["one_per_state"],
            distinct_topics=data["distinct_topics"],
            population_min=data["population_min"],
            population_max=data["population_max"],
            topic_weight=data["topic_weight"],
            time_limit=data["time_limit"],
            per_town=data["per_town"],
        )

    @classmethod
    def initial_for(cls, rules: BuilderRules) -> dict[str, Any]:
        initial = rules.as_dict()
        initial["time_limit"] = min(rules.time_limit, WEB_TIME_LIMIT)
        return initial


class ConstraintForm(forms.Form):
    ACTIONS = (("pin", _("pin")), ("forbid", _("forbid")))

    action = forms.ChoiceField(choices=ACTIONS)
    town = forms.CharField(max_length=16)
    network = forms.IntegerField(min_value=1, required=False)
    partner = forms.CharField(max_length=16, required=False)
