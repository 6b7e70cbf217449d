"""The network builder's staff pages: plans, applicants, rules, the result explained, pins and
forbids, comparison, export, acceptance. Every write goes through `austausch.matching.services`.

The optimiser runs inside the request, capped at `WEB_TIME_LIMIT` seconds (gunicorn allows 30):
the example instances are proven optimal in well under a second and a feasible plan for 300 towns
comes in under 10 s, so a background worker would add moving parts without changing what
coordinators see; the form says so, and the command has no cap.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from austausch.accounts.models import User
from austausch.knowledge.models import Topic
from austausch.matching.applicants import ApplicantsError, RawRow, check_rows, read_csv, write_csv
from austausch.matching.forms import ApplicantRowFormSet, ConstraintForm, NewPlanForm, RulesForm
from austausch.matching.models import Plan, PlanMode, can_plan
from austausch.matching.services import (
    accept_plan,
    clear_constraints,
    compare_plans,
    constrain,
    copy_plan,
    create_plan,
    export_csv,
    export_json,
    plan_entries,
    plan_rules,
    run_plan,
    update_rules,
)
from austausch.matching.solving import WEB_TIME_LIMIT, BuilderRules
from austausch.programmes.models import Programme
from austausch.registry.indicators import INDICATORS_BY_CODE
from austausch.registry.models import IndicatorValue, Municipality

PART_LABELS = {
    "topic_fit": gettext_lazy("Topic fit"),
    "diversity": gettext_lazy("Diversity of conditions"),
    "similarity": gettext_lazy("Similarity of conditions"),
    "topic_overlap": gettext_lazy("Topic overlap"),
}


def _planner(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not can_plan(user):
        raise PermissionDenied
    return user


def _plan(request: HttpRequest, pk: int) -> Plan:
    user = _planner(request)
    return get_object_or_404(Plan.objects.visible_to(user), pk=pk)


def _programmes(user: User) -> QuerySet[Programme]:
    programmes = Programme.objects.order_by("name")
    if user.is_superuser:
        return programmes
    return programmes.filter(pk__in=[p.pk for p in programmes if p.editable_by(user)])


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    user = _planner(request)
    plans = list(Plan.objects.visible_to(user))
    for plan in plans:
        plan.gap_percent = _percent(plan.result)  # type: ignore[attr-defined]
    return render(request, "matching/plan_list.html", {"plans": plans})


@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    user = _planner(request)
    if request.method == "POST" and "copy_of" in request.POST:
        return _copy(request, user)
    programmes = _programmes(user)
    form = NewPlanForm(request.POST or None, request.FILES or None, programmes=programmes)
    rows = ApplicantRowFormSet(request.POST or None, prefix="row")
    problems: list[str] = []
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        pairings = form.cleaned_data["mode"] == PlanMode.PAIRINGS
        upload = form.cleaned_data["applicants_file"]
        try:
            if upload is not None:
                raw = read_csv(upload.read())
            else:
                raw = [
                    RawRow(
                        line=number,
                        town=row["town"],
                        topics=row["topics"],
                        lead="yes" if row["lead"] else "no",
                        group=row["group"],
                    )
                    for number, row in enumerate(rows.cleaned_data, start=1)
                    if row and (row.get("town") or row.get("topics"))
                ]
                if not raw:
                    raise ApplicantsError([_("Upload a file or type at least one applicant.")])
            entries = check_rows(raw, pairings=pairings)
            willing = sum(entry.lead for entry in entries)
            rules = BuilderRules(networks=max(1, min(willing, len(entries) // 4)) if not pairings else None)
            plan = create_plan(
                actor=user,
                title=form.cleaned_data["title"],
                entries=entries,
                rules=rules,
                mode=form.cleaned_data["mode"],
                programme=form.cleaned_data["programme"],
            )
        except ApplicantsError as error:
            problems = error.problems
        except ValidationError as error:
            problems = [message for message in error.messages]
        else:
            messages.success(request, _("The plan has been saved. Set the rules and run it."))
            return redirect(plan)
    return render(request, "matching/plan_new.html", {"form": form, "rows": rows, "problems": problems})


def _copy(request: HttpRequest, user: User) -> HttpResponse:
    """A new plan from a copy of another one (the button on a plan's page)."""
    try:
        original = get_object_or_404(Plan.objects.visible_to(user), pk=int(request.POST["copy_of"]))
    except ValueError:
        raise Http404 from None
    copy = copy_plan(actor=user, plan=original)
    messages.success(request, _("This is a copy. Change the rules and run it, then compare it with the original."))
    return redirect(copy)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    rules = plan_rules(plan)
    form = RulesForm(initial=RulesForm.initial_for(rules))
    return _render_plan(request, plan, form)


def _render_plan(request: HttpRequest, plan: Plan, form: RulesForm, status: int = 200) -> HttpResponse:
    user = cast(User, request.user)
    result = _in_current_language(plan.result)
    networks = _explain(result) if result and result["mode"] == PlanMode.NETWORKS else []
    others = [other for other in Plan.objects.visible_to(user).exclude(pk=plan.pk)[:50]]
    context = {
        "plan": plan,
        "form": form,
        "result": result,
        "networks": networks,
        "entries": plan_entries(plan),
        "editable": plan.editable_by(user) and not plan.is_accepted,
        "can_copy": plan.editable_by(user),
        "acceptable": plan.acceptable_by(user) and not plan.is_accepted and bool(result),
        "others": others,
        "web_limit": WEB_TIME_LIMIT,
        "pairings": plan.mode == PlanMode.PAIRINGS,
        "error_lines": plan.error.splitlines(),
        "constraints": _constraints(plan),
        "parts": [(PART_LABELS.get(name, name), value) for name, value in (result or {}).get("parts", {}).items()],
        "gap_percent": _percent(result),
    }
    return render(request, "matching/plan_detail.html", context, status=status)


def _in_current_language(result: dict[str, Any] | None) -> dict[str, Any] | None:
    """The result with topic labels in the reader's language (it stores those of the run)."""
    if not result:
        return result
    groups = result.get("networks") or result.get("pairings") or []
    slugs = {group.get("topic") or group.get("shared_topic") for group in groups} - {None}
    labels = {topic.slug: topic.label for topic in Topic.objects.filter(slug__in=slugs)}
    for group in groups:
        if group.get("topic") in labels:
            group["topic_label"] = labels[group["topic"]]
        if group.get("shared_topic") in labels:
            group["shared_topic_label"] = labels[group["shared_topic"]]
    return result


def _constraints(plan: Plan) -> list[str]:
    """Pins and forbids in words, towns by name."""
    keys = {item.get(name) for item in [*plan.pins, *plan.forbids] for name in ("town", "partner")}
    names = dict(Municipality.objects.filter(key__in=keys - {None}).values_list("key", "name"))
    lines = []
    for items, pair, group in (
        (plan.pins, _("%(town)s is paired with %(partner)s"), _("%(town)s is pinned to group %(network)s")),
        (plan.forbids, _("%(town)s is never paired with %(partner)s"), _("%(town)s is kept out of group %(network)s")),
    ):
        for item in items:
            words = {"town": names.get(item["town"], item["town"]), "network": item.get("network")}
            if "partner" in item:
                words["partner"] = names.get(item["partner"], item["partner"])
            lines.append((pair if "partner" in item else group) % words)
    return lines


def _percent(result: dict[str, Any] | None) -> float | None:
    return None if not result or result.get("gap") is None else 100 * result["gap"]


def _explain(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Per network: why these towns (the rank each gave the topic), how they differ (states,
    sizes, and the range of each indicator the network spans)."""
    keys = [member["key"] for network in result["networks"] for member in network["members"]]
    values: dict[tuple[str, str], float] = {
        (key, code): value
        for key, code, value in IndicatorValue.objects.filter(municipality__key__in=keys).values_list(
            "municipality__key", "indicator", "value"
        )
    }
    explained = []
    for network in result["networks"]:
        choices = Counter(member["choice"] for member in network["members"])
        spans = []
        for code in network["differs_on"]:
            indicator = INDICATORS_BY_CODE[code]
            known = [values[member["key"], code] for member in network["members"] if (member["key"], code) in values]
            spans.append(
                {
                    "label": indicator.label,
                    "unit": indicator.unit,
                    "low": indicator.display(min(known)) if known else "–",
                    "high": indicator.display(max(known)) if known else "–",
                }
            )
        explained.append(
            {
                **network,
                "choices": sorted(choices.items()),
                "spans": spans,
                "others": [other["number"] for other in result["networks"] if other["number"] != network["number"]],
            }
        )
    return explained


def _change_and_run(request: HttpRequest, plan: Plan, change: Callable[[], object] | None = None) -> HttpResponse:
    """Make the change, run the optimiser again and show the result; what cannot be done is said above it."""
    try:
        if change is not None:
            change()
        run_plan(actor=cast(User, request.user), plan=plan, time_limit_cap=WEB_TIME_LIMIT)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(plan.get_absolute_url() + "#result")


@login_required
@require_POST
def plan_rules_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the rules and run the optimiser with them."""
    plan = _plan(request, pk)
    form = RulesForm(request.POST)
    if not form.is_valid():
        return _render_plan(request, plan, form, status=400)
    return _change_and_run(
        request, plan, lambda: update_rules(actor=cast(User, request.user), plan=plan, rules=form.rules())
    )


@login_required
@require_POST
def plan_run(request: HttpRequest, pk: int) -> HttpResponse:
    return _change_and_run(request, _plan(request, pk))


@login_required
@require_POST
def plan_constrain(request: HttpRequest, pk: int) -> HttpResponse:
    """Pin or forbid a town (or a pair), then run again."""
    plan = _plan(request, pk)
    form = ConstraintForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a town and a network."))
        return redirect(plan)
    data = form.cleaned_data
    return _change_and_run(
        request,
        plan,
        lambda: constrain(
            actor=cast(User, request.user),
            plan=plan,
            town=data["town"],
            forbid=data["action"] == "forbid",
            network=data["network"],
            partner=data["partner"],
        ),
    )


@login_required
@require_POST
def plan_clear(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    return _change_and_run(request, plan, lambda: clear_constraints(actor=cast(User, request.user), plan=plan))


@login_required
@require_POST
def plan_accept(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    try:
        networks = accept_plan(actor=cast(User, request.user), plan=plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The plan has been accepted: %(count)d networks were created.") % {"count": len(networks)}
        )
    return redirect(plan)


@login_required
def plan_compare(request: HttpRequest) -> HttpResponse:
    user = _planner(request)
    plans = Plan.objects.visible_to(user)
    try:
        first = get_object_or_404(plans, pk=int(request.GET.get("first", "")))
        second = get_object_or_404(plans, pk=int(request.GET.get("second", "")))
    except ValueError:
        messages.error(request, _("Choose two plans to compare."))
        return redirect("matching:plans")
    comparison = compare_plans(first, second)
    for side in comparison["plans"]:
        side["gap_percent"] = _percent(side["result"])
    return render(request, "matching/plan_compare.html", {"comparison": comparison})


@login_required
def plan_export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    plan = _plan(request, pk)
    if kind not in ("csv", "json", "applicants"):
        raise Http404
    name = f"plan-{plan.pk}"
    if kind == "json":
        response = HttpResponse(
            json.dumps(export_json(plan), ensure_ascii=False, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    elif kind == "applicants":
        response = HttpResponse(write_csv(plan_entries(plan)), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}-applicants.csv"'
    else:
        response = HttpResponse(export_csv(plan), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
