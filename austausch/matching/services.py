"""Saved plans of the network builder: creating, copying, changing rules and constraints, running,
accepting them as programme networks, comparing and exporting them.

Every write checks the actor's rights, runs in a transaction and is audited; solving itself is in
`solving`, which writes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from austausch.accounts.models import User
from austausch.audit.services import log_action, update_audited
from austausch.lib.permissions import require
from austausch.matching.algorithms.planning import PlanningError
from austausch.matching.applicants import ApplicantEntry, ApplicantsError
from austausch.matching.models import Plan, PlanMode, can_plan
from austausch.matching.solving import BuilderRules, solve
from austausch.programmes.models import Network, Programme
from austausch.registry.models import Municipality


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
    require(can_plan(actor), _("You may not build network plans."))
    if programme is not None:
        require(programme.editable_by(actor), _("You may not plan networks for this programme."))
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
    require(plan.editable_by(actor), _("You may not change this plan."))
    if plan.is_accepted:
        raise ValidationError(_("This plan has been accepted; copy it to plan again."))


@transaction.atomic
def copy_plan(*, actor: User, plan: Plan) -> Plan:
    """A new plan with the same applicants, rules, pins and forbids, to try a variant and compare."""
    require(plan.editable_by(actor), _("You may not copy this plan."))
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
    # The last result answered other rules; it is saved away with them, not logged.
    plan.result, plan.error, plan.error_rule = None, "", ""
    return update_audited(plan, {"rules": rules.as_dict()}, actor=actor, action="matching.plan.rules_changed")


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
    return update_audited(plan, {"pins": pins, "forbids": forbids}, actor=actor, action="matching.plan.constrained")


@transaction.atomic
def clear_constraints(*, actor: User, plan: Plan) -> Plan:
    _editable(actor, plan)
    return update_audited(plan, {"pins": [], "forbids": []}, actor=actor, action="matching.plan.constraints_cleared")


@transaction.atomic
def accept_plan(*, actor: User, plan: Plan) -> list[Network]:
    """Create the plan's networks (each with its lead town) under its programme, all or none."""
    from austausch.programmes.services.programmes import create_network

    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    require(plan.acceptable_by(actor), _("Only the programme's coordinators may accept this plan."))
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
    update_audited(
        plan,
        {"accepted_at": timezone.now(), "accepted_by": actor},
        actor=actor,
        action="matching.plan.accepted",
        many={"networks": created},
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
