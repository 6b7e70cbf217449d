"""The network builder on the database: solving for checked applicants, saved plans, their
comparison and export, and accepting a plan as programme networks.

`solve` writes nothing and is what the command uses; the functions below it check the actor's
rights, run in a transaction and are audited.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from austausch.accounts.models import Role, User
from austausch.accounts.roles import scopes_of
from austausch.audit.services import log_action
from austausch.knowledge.models import Topic
from austausch.matching.algorithms.networks import NetworkRules, plan_networks
from austausch.matching.algorithms.pairings import PairingRules, plan_pairings
from austausch.matching.algorithms.planning import PlanningError, PlanQuality
from austausch.matching.applicants import ApplicantEntry, ApplicantsError, Towns, towns_for
from austausch.matching.models import Plan, PlanMode
from austausch.programmes.models import Network, Programme
from austausch.registry.indicators import INDICATORS
from austausch.registry.models import Municipality

# gunicorn gives a request 30 s; the pages run the optimiser inside the request, so they cap it.
WEB_TIME_LIMIT = 20.0
MAX_TIME_LIMIT = 600.0


@dataclass(frozen=True)
class BuilderRules:
    """The rules as a coordinator sets them, JSON-ready (stored on the plan)."""

    networks: int | None = None
    size_min: int | None = None
    size_max: int | None = None
    one_per_state: bool = True
    distinct_topics: bool = False
    population_min: int | None = None
    population_max: int | None = None
    topic_weight: float = 1.0  # topic fit; the other part (diversity, or similarity for pairings) weighs 1
    time_limit: float = 10.0
    per_town: int = 1  # pairings: each town gets 1 to this many partners

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BuilderRules:
        known = {field.name for field in fields(cls)}
        return cls(**{name: value for name, value in data.items() if name in known})

    def check(self, mode: str = PlanMode.NETWORKS) -> None:
        """Rules no plan could ever meet, named before any solving."""
        if (self.size_min is not None and self.size_max is None) or (
            self.size_max is not None and self.size_min is None
        ):
            raise PlanningError(_("Give both the smallest and the largest network size, or neither."), rule="size")
        if mode == PlanMode.NETWORKS and self.networks is None and self.size_min is None:
            raise PlanningError(_("Give the number of networks or a network size range."), rule="networks")
        if not (math.isfinite(self.topic_weight) and 0 <= self.topic_weight <= 100):
            raise PlanningError(_("The topic weight must be between 0 and 100."), rule="topic_weight")
        if not (math.isfinite(self.time_limit) and 0.5 <= self.time_limit <= MAX_TIME_LIMIT):
            raise PlanningError(
                _("The time limit must be between 0.5 and {most:g} seconds.").format(most=MAX_TIME_LIMIT),
                rule="time_limit",
            )
        if self.per_town < 1:
            raise PlanningError(_("Each town needs at least one partner."), rule="partners")

    def population_band(self) -> tuple[float, float] | None:
        if self.population_min is None and self.population_max is None:
            return None
        return (float(self.population_min or 0), float(self.population_max or math.inf))


# --- solving (no writes) -------------------------------------------------------------------------


def solve(
    entries: Sequence[ApplicantEntry],
    rules: BuilderRules,
    *,
    mode: str = PlanMode.NETWORKS,
    pins: Sequence[dict[str, Any]] = (),
    forbids: Sequence[dict[str, Any]] = (),
    time_limit_cap: float | None = None,
) -> dict[str, Any]:
    """The optimiser's plan as a JSON-ready document; raises PlanningError or ApplicantsError."""
    rules.check(mode)
    towns = towns_for(entries)
    limit = rules.time_limit if time_limit_cap is None else min(rules.time_limit, time_limit_cap)
    if mode == PlanMode.PAIRINGS:
        return _solve_pairings(entries, towns, rules, pins, forbids, limit)
    pk_of = {town.key: town.pk for town in towns.municipalities.values()}
    network_rules = NetworkRules(
        networks=rules.networks,
        size=(rules.size_min, rules.size_max) if rules.size_min is not None and rules.size_max is not None else None,
        one_town_per_state=rules.one_per_state,
        population_band=rules.population_band(),
        distinct_topics=rules.distinct_topics,
        topic_weight=rules.topic_weight,
        diversity_weight=1.0,
        pins={_known(pk_of, pin["town"]): int(pin["network"]) for pin in pins},
        forbids=frozenset((_known(pk_of, forbid["town"]), int(forbid["network"])) for forbid in forbids),
        time_limit_seconds=limit,
    )
    plan = plan_networks(applicants=towns.applicants, topics=towns.topics, rules=network_rules)
    applicant_of = {applicant.town: applicant for applicant in towns.applicants}
    labels = _topic_labels(towns.topics)
    networks = []
    for number, network in enumerate(plan.networks, start=1):
        members = [towns.municipalities[pk] for pk in network.members]
        populations = [town.population for town in members]
        networks.append(
            {
                "number": number,
                "topic": network.topic,
                "topic_label": labels[network.topic],
                "lead": _town(towns.municipalities[network.lead]),
                "pinned_as": network.pinned_as,
                "topic_fit": round(network.topic_fit, 4),
                "differs_on": [INDICATORS[position].code for position in network.spanned_indicators],
                "states": len({town.state for town in members}),
                "population_range": [min(populations), max(populations)],
                "members": [
                    {
                        **_town(town),
                        "lead": town.pk == network.lead,
                        "willing_to_lead": applicant_of[town.pk].willing_to_lead,
                        "choice": applicant_of[town.pk].topics.index(network.topic) + 1,
                    }
                    for town in members
                ],
            }
        )
    return {
        "mode": PlanMode.NETWORKS.value,
        **_quality(plan.quality),
        "networks": networks,
        "excluded": [
            {**_town(towns.municipalities[exclusion.town]), "reason": exclusion.reason} for exclusion in plan.excluded
        ],
    }


def _solve_pairings(
    entries: Sequence[ApplicantEntry],
    towns: Towns,
    rules: BuilderRules,
    pins: Sequence[dict[str, Any]],
    forbids: Sequence[dict[str, Any]],
    limit: float,
) -> dict[str, Any]:
    groups = list(dict.fromkeys(entry.group for entry in entries))
    if len(groups) != 2:
        raise ApplicantsError(
            [_("Pairings need exactly two groups; the applicants name {count}.").format(count=len(groups))]
        )
    pk_of = {town.key: town.pk for town in towns.municipalities.values()}
    group_of = {pk_of[entry.town]: entry.group for entry in entries}
    group_a = [applicant for applicant in towns.applicants if group_of[applicant.town] == groups[0]]
    group_b = [applicant for applicant in towns.applicants if group_of[applicant.town] == groups[1]]
    population = rules.population_band()
    if population is not None:
        group_a = [a for a in group_a if population[0] <= a.population <= population[1]]
        group_b = [b for b in group_b if population[0] <= b.population <= population[1]]
    pairing_rules = PairingRules(
        partners_per_a=(1, rules.per_town),
        partners_per_b=(1, rules.per_town),
        similarity_weight=1.0,
        topic_weight=rules.topic_weight,
        pinned=frozenset((_known(pk_of, pin["town"]), _known(pk_of, pin["partner"])) for pin in pins),
        forbidden=frozenset((_known(pk_of, forbid["town"]), _known(pk_of, forbid["partner"])) for forbid in forbids),
        group_names=(groups[0], groups[1]),
        time_limit_seconds=limit,
    )
    plan = plan_pairings(group_a=group_a, group_b=group_b, topics=towns.topics, rules=pairing_rules)
    labels = _topic_labels(towns.topics)
    return {
        "mode": PlanMode.PAIRINGS.value,
        "groups": groups,
        **_quality(plan.quality),
        "pairings": [
            {
                "number": number,
                "a": _town(towns.municipalities[pairing.town_a]),
                "b": _town(towns.municipalities[pairing.town_b]),
                "similarity": round(pairing.similarity, 4),
                "topic_overlap": round(pairing.topic_overlap, 4),
                "shared_topic": pairing.shared_topic,
                "shared_topic_label": labels.get(pairing.shared_topic or "", ""),
            }
            for number, pairing in enumerate(plan.pairings, start=1)
        ],
    }


def _known(pk_of: dict[str, int], key: str) -> int:
    if key not in pk_of:
        raise PlanningError(
            _("{key} is pinned or forbidden but is not among the applicants.").format(key=key), rule="pins"
        )
    return pk_of[key]


def _town(town: Municipality) -> dict[str, Any]:
    return {"key": town.key, "name": town.name, "state": town.state, "population": town.population}


def _topic_labels(slugs: Sequence[str]) -> dict[str, str]:
    return {topic.slug: topic.label for topic in Topic.objects.filter(slug__in=slugs)}


def _quality(quality: PlanQuality) -> dict[str, Any]:
    gap = quality.gap
    return {
        "status": str(quality.status),
        "objective": round(quality.objective, 4),
        "parts": {name: round(value, 4) for name, value in quality.parts.items()},
        "bound": None if quality.bound is None else round(quality.bound, 4),
        "gap": None if gap is None or not math.isfinite(gap) else round(gap, 6),
        "seconds": round(quality.wall_seconds, 3),
    }


# --- saved plans ---------------------------------------------------------------------------------


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def can_plan(user: Any) -> bool:
    """Staff build plans (coordinators are staff); accepting one needs more, see `Plan.acceptable_by`."""
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.is_staff))


def visible_plans(user: Any) -> QuerySet[Plan]:
    plans = Plan.objects.select_related("programme", "author")
    if user.is_superuser:
        return plans
    if not can_plan(user):
        return plans.none()
    programmes = [scope.pk for scope in scopes_of(user, Role.COORDINATOR) if isinstance(scope, Programme)]
    return plans.filter(Q(author=user) | Q(programme__in=programmes))


def _summary(plan: Plan) -> dict[str, Any]:
    return {
        "title": plan.title,
        "mode": plan.mode,
        "programme": plan.programme_id,
        "applicants": len(plan.applicants),
        "rules": plan.rules,
        "pins": plan.pins,
        "forbids": plan.forbids,
    }


@transaction.atomic
def create_plan(
    *,
    actor: User,
    title: str,
    entries: Sequence[ApplicantEntry],
    rules: BuilderRules,
    mode: str = PlanMode.NETWORKS,
    programme: Programme | None = None,
) -> Plan:
    _require(can_plan(actor), _("You may not build network plans."))
    if programme is not None:
        _require(programme.editable_by(actor), _("You may not plan networks for this programme."))
    if not title.strip():
        raise ValidationError({"title": _("Give the plan a title.")})
    if not entries:
        raise ValidationError({"applicants": _("There are no applicants.")})
    if mode == PlanMode.PAIRINGS and len({entry.group for entry in entries}) != 2:
        raise ValidationError({"applicants": _("Pairings need exactly two groups of towns (e.g. DE and US).")})
    plan = Plan.objects.create(
        title=title.strip()[:200],
        mode=mode,
        programme=programme,
        author=actor,
        applicants=[entry.as_dict() for entry in entries],
        rules=rules.as_dict(),
    )
    log_action("matching.plan.created", actor=actor, target=plan, after=_summary(plan))
    return plan


def plan_entries(plan: Plan) -> list[ApplicantEntry]:
    return [ApplicantEntry.from_dict(data) for data in plan.applicants]


def plan_rules(plan: Plan) -> BuilderRules:
    return BuilderRules.from_dict(plan.rules)


def _editable(actor: User, plan: Plan) -> None:
    _require(plan.editable_by(actor), _("You may not change this plan."))
    if plan.is_accepted:
        raise ValidationError(_("This plan has been accepted; copy it to plan again."))


@transaction.atomic
def copy_plan(*, actor: User, plan: Plan) -> Plan:
    """A new plan with the same applicants, rules, pins and forbids, to try a variant and compare."""
    _require(plan.editable_by(actor), _("You may not copy this plan."))
    copy = Plan.objects.create(
        title=_("Copy of %(title)s") % {"title": plan.title[:180]},
        mode=plan.mode,
        programme=plan.programme,
        author=actor,
        applicants=plan.applicants,
        rules=plan.rules,
        pins=plan.pins,
        forbids=plan.forbids,
    )
    log_action("matching.plan.copied", actor=actor, target=copy, after={**_summary(copy), "from": plan.pk})
    return copy


@transaction.atomic
def update_rules(*, actor: User, plan: Plan, rules: BuilderRules) -> Plan:
    _editable(actor, plan)
    before = _summary(plan)
    plan.rules = rules.as_dict()
    plan.result, plan.error, plan.error_rule = None, "", ""
    plan.save()
    log_action("matching.plan.rules_changed", actor=actor, target=plan, before=before, after=_summary(plan))
    return plan


@transaction.atomic
def run_plan(*, actor: User, plan: Plan, time_limit_cap: float | None = None) -> Plan:
    """Solve the plan's problem and store the result, or the message that says why there is none."""
    _editable(actor, plan)
    try:
        result = solve(
            plan_entries(plan),
            plan_rules(plan),
            mode=plan.mode,
            pins=plan.pins,
            forbids=plan.forbids,
            time_limit_cap=time_limit_cap,
        )
    except PlanningError as error:
        plan.result, plan.error, plan.error_rule = None, str(error), error.rule
    except ApplicantsError as error:
        plan.result, plan.error, plan.error_rule = None, str(error), "applicants"
    else:
        plan.result, plan.error, plan.error_rule = result, "", ""
    plan.ran_at = timezone.now()
    plan.save()
    outcome = (
        {"status": plan.result["status"], "objective": plan.result["objective"], "gap": plan.result["gap"]}
        if plan.result
        else {"error": plan.error_rule}
    )
    log_action("matching.plan.ran", actor=actor, target=plan, after=outcome)
    return plan


@transaction.atomic
def constrain(
    *, actor: User, plan: Plan, town: str, forbid: bool = False, network: int | None = None, partner: str = ""
) -> Plan:
    """Pin (or forbid) a town into a network of the current result, or a pair of towns.

    A network is named by its number in the result. Pin numbers only group towns (see
    `NetworkRules`), so the network's lead is pinned with the first town to hold it in place."""
    _editable(actor, plan)
    before = _summary(plan)
    keys = {entry["town"] for entry in plan.applicants}
    if town not in keys or (partner and partner not in keys):
        raise ValidationError(_("Only applicants can be pinned or forbidden."))
    pins: list[dict[str, Any]] = [dict(pin) for pin in plan.pins]
    forbids: list[dict[str, Any]] = [dict(item) for item in plan.forbids]
    if plan.mode == PlanMode.PAIRINGS:
        pair = {"town": town, "partner": partner}
        pins = [pin for pin in pins if pin != pair]
        forbids = [item for item in forbids if item != pair]
        (forbids if forbid else pins).append(pair)
    else:
        shown = next((item for item in (plan.result or {}).get("networks", []) if item["number"] == network), None)
        if shown is None:
            raise ValidationError(_("There is no network {number} in the current result.").format(number=network))
        number = shown["pinned_as"]
        if number is None:
            number = max((pin["network"] for pin in pins), default=0) + 1
            lead = shown["lead"]["key"]
            if lead != town:
                pins = [pin for pin in pins if pin["town"] != lead]
                pins.append({"town": lead, "network": number})
        pins = [pin for pin in pins if pin["town"] != town or (forbid and pin["network"] != number)]
        forbids = [item for item in forbids if item["town"] != town or item["network"] != number]
        (forbids if forbid else pins).append({"town": town, "network": number})
    plan.pins, plan.forbids = pins, forbids
    plan.save()
    log_action("matching.plan.constrained", actor=actor, target=plan, before=before, after=_summary(plan))
    return plan


@transaction.atomic
def clear_constraints(*, actor: User, plan: Plan) -> Plan:
    _editable(actor, plan)
    before = _summary(plan)
    plan.pins, plan.forbids = [], []
    plan.save()
    log_action("matching.plan.constraints_cleared", actor=actor, target=plan, before=before, after=_summary(plan))
    return plan


@transaction.atomic
def accept_plan(*, actor: User, plan: Plan) -> list[Network]:
    """Create the plan's networks (each with its lead town) under its programme, all or none."""
    from austausch.programmes.services import create_network

    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _require(plan.acceptable_by(actor), _("Only the programme's coordinators may accept this plan."))
    if plan.is_accepted:
        raise ValidationError(_("This plan has already been accepted."))
    if not plan.result:
        raise ValidationError(_("Run the plan before accepting it: there is no result yet."))
    towns = Municipality.objects.in_bulk(_result_keys(plan.result), field_name="key")
    created = []
    for group in _result_groups(plan.result):
        lead, *partners = group["towns"]
        created.append(
            create_network(
                actor=actor,
                programme=plan.programme,
                name=group["name"][:200],
                topic=group["topic"][:200],
                lead=towns[lead],
                partners=[towns[key] for key in partners],
            )
        )
    plan.accepted_at, plan.accepted_by = timezone.now(), actor
    plan.save()
    plan.networks.set(created)
    log_action(
        "matching.plan.accepted",
        actor=actor,
        target=plan,
        after={"networks": [network.pk for network in created], "programme": plan.programme_id},
    )
    return created


def _result_groups(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Networks (or pairs) of a result as name, topic and towns, the lead first."""
    if result["mode"] == PlanMode.PAIRINGS:
        return [
            {
                "name": f"{pair['a']['name']} – {pair['b']['name']}",
                "topic": pair["shared_topic_label"],
                "towns": [pair["a"]["key"], pair["b"]["key"]],
            }
            for pair in result["pairings"]
        ]
    return [
        {
            "name": f"{network['topic_label']}: {network['lead']['name']}",
            "topic": network["topic_label"],
            "towns": [network["lead"]["key"]] + [member["key"] for member in network["members"] if not member["lead"]],
        }
        for network in result["networks"]
    ]


def _result_keys(result: dict[str, Any]) -> set[str]:
    return {key for group in _result_groups(result) for key in group["towns"]}


# --- comparing and exporting ---------------------------------------------------------------------


def _partners(result: dict[str, Any]) -> dict[str, tuple[str, frozenset[str]]]:
    """Per town: a label of its network (or its partners) and the set of towns it is with."""
    found: dict[str, tuple[str, set[str]]] = {}
    for group in _result_groups(result):
        for key in group["towns"]:
            label, together = found.setdefault(key, (group["name"], set()))
            if label != group["name"]:
                found[key] = (f"{label}; {group['name']}", together)
            together.update(other for other in group["towns"] if other != key)
    return {key: (label, frozenset(together)) for key, (label, together) in found.items()}


def _moved_between_networks(first: dict[str, Any], second: dict[str, Any]) -> set[str]:
    """Towns whose network in the second plan is not the counterpart of their network in the
    first; counterparts are paired by the most towns in common (largest overlaps first)."""
    groups_a = [set(group["towns"]) for group in _result_groups(first)]
    groups_b = [set(group["towns"]) for group in _result_groups(second)]
    overlaps = sorted(
        ((len(a & b), i, j) for i, a in enumerate(groups_a) for j, b in enumerate(groups_b) if a & b), reverse=True
    )
    counterpart: dict[int, int] = {}
    for _shared, i, j in overlaps:
        if i not in counterpart and j not in counterpart.values():
            counterpart[i] = j
    moved = set()
    for i, towns in enumerate(groups_a):
        for key in towns:
            if counterpart.get(i) is None or key not in groups_b[counterpart[i]]:
                moved.add(key)
    return moved | (set().union(*groups_b) - set().union(*groups_a))


def _members(result: dict[str, Any]) -> list[dict[str, Any]]:
    if result["mode"] == PlanMode.PAIRINGS:
        return [town for pair in result["pairings"] for town in (pair["a"], pair["b"])]
    return [member for network in result["networks"] for member in network["members"]]


def compare_plans(first: Plan, second: Plan) -> dict[str, Any]:
    """Side by side: objective, bound, gap and status of each, and the towns that moved: into another
    network, or (pairings, or plans of different modes) to other partners."""
    plans = [first, second]
    rows: list[dict[str, str]] = []
    if first.result and second.result:
        a, b = _partners(first.result), _partners(second.result)
        names = {
            member["key"]: member["name"]
            for plan in plans
            for member in _members(plan.result or {"mode": "", "networks": []})
        }
        if first.result["mode"] == second.result["mode"] == PlanMode.NETWORKS:
            moved = _moved_between_networks(first.result, second.result)
        else:
            moved = {
                key for key in set(a) | set(b) if a.get(key, ("", frozenset()))[1] != b.get(key, ("", frozenset()))[1]
            }
        rows = [
            {
                "key": key,
                "name": names.get(key, key),
                "first": a[key][0] if key in a else "",
                "second": b[key][0] if key in b else "",
            }
            for key in sorted(moved, key=lambda key: names.get(key, key))
        ]
    return {
        "plans": [
            {
                "plan": plan,
                "result": plan.result,
                "error": plan.error,
                "groups": len(_result_groups(plan.result)) if plan.result else 0,
            }
            for plan in plans
        ],
        "moved": rows,
        "comparable": bool(first.result and second.result),
    }


def export_json(plan: Plan) -> dict[str, Any]:
    return {
        "title": plan.title,
        "mode": plan.mode,
        "programme": plan.programme.slug if plan.programme else None,
        "rules": plan.rules,
        "pins": plan.pins,
        "forbids": plan.forbids,
        "applicants": plan.applicants,
        "result": plan.result,
        "accepted_at": plan.accepted_at.isoformat() if plan.accepted_at else None,
    }


def export_csv(plan: Plan) -> str:
    """One row per town in the result: its network (or pair), topic, whether it leads."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(["group", "name", "topic", "lead", "key", "town", "state", "population"])
    if plan.result:
        towns = {member["key"]: member for member in _members(plan.result)}
        for number, group in enumerate(_result_groups(plan.result), start=1):
            for position, key in enumerate(group["towns"]):
                town = towns[key]
                writer.writerow(
                    [
                        number,
                        group["name"],
                        group["topic"],
                        "yes" if position == 0 else "no",
                        key,
                        town["name"],
                        town["state"],
                        town["population"],
                    ]
                )
    return output.getvalue()
