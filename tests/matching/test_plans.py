"""Saved plans: save, run, pin and forbid, compare, export, accept; refused and bad input change nothing."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.audit.models import AuditEntry
from austausch.matching.applicants import read_applicants
from austausch.matching.models import Plan, PlanMode
from austausch.matching.services import (
    accept_plan,
    clear_constraints,
    compare_plans,
    constrain,
    copy_plan,
    create_plan,
    export_csv,
    export_json,
    run_plan,
    update_rules,
)
from austausch.matching.solving import BuilderRules
from austausch.programmes.models import Network, NetworkMembership, Programme
from austausch.programmes.services.programmes import create_programme

DATA = Path(__file__).resolve().parents[2] / "austausch" / "matching" / "data"
PASSWORD = "a long enough passphrase 42"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are checked in English; the German catalogue translates them."""
    with translation.override("en"):
        yield


@pytest.fixture
def coordinator(db: None) -> User:
    return User.objects.create_user("cora@example.org", PASSWORD, name="Cora", is_staff=True)


@pytest.fixture
def other_staff(db: None) -> User:
    return User.objects.create_user("stan@example.org", PASSWORD, name="Stan", is_staff=True)


@pytest.fixture
def outsider(db: None) -> User:
    return User.objects.create_user("otto@example.org", PASSWORD, name="Otto")


@pytest.fixture
def programme(coordinator: User, registry_sample: frozenset[str]) -> Programme:
    return create_programme(actor=coordinator, name="Kleinstadtakademie", slug="ksa")


@pytest.fixture
def plan(coordinator: User, programme: Programme) -> Plan:
    entries = read_applicants((DATA / "applicants-example.csv").read_bytes())
    created = create_plan(
        actor=coordinator, title="Pilot", entries=entries, rules=BuilderRules(networks=2), programme=programme
    )
    return run_plan(actor=coordinator, plan=created)


def network_of(plan: Plan, key: str) -> dict:
    assert plan.result is not None
    return next(n for n in plan.result["networks"] if key in {m["key"] for m in n["members"]})


def test_a_saved_plan_runs_and_stores_its_result_with_an_audit_trail(plan: Plan) -> None:
    plan.refresh_from_db()
    assert plan.result is not None and plan.error == ""
    assert plan.result["status"] == "optimal" and len(plan.result["networks"]) == 2
    assert set(plan.result["parts"]) == {"topic_fit", "diversity"}
    actions = AuditEntry.objects.filter(target_id=str(plan.pk), action__startswith="matching.")
    assert sorted(actions.values_list("action", flat=True)) == ["matching.plan.created", "matching.plan.ran"]


def test_pinning_a_town_into_another_network_moves_it_there_on_rerun(coordinator: User, plan: Plan) -> None:
    dippoldiswalde, wittenberge = "DE-14628060", "DE-12070424"
    there = network_of(plan, wittenberge)
    assert dippoldiswalde not in {member["key"] for member in there["members"]}
    constrain(actor=coordinator, plan=plan, town=dippoldiswalde, network=there["number"])
    assert {"town": wittenberge, "network": 1} in plan.pins, "the target's lead holds the network in place"
    run_plan(actor=coordinator, plan=plan)
    assert plan.error == "", plan.error
    moved = network_of(plan, dippoldiswalde)
    assert moved["lead"]["key"] == there["lead"]["key"] and moved["pinned_as"] == 1


def test_forbidding_a_town_from_its_network_moves_it_out(coordinator: User, plan: Plan) -> None:
    oestrich_winkel = "DE-06439012"
    before = network_of(plan, oestrich_winkel)
    constrain(actor=coordinator, plan=plan, town=oestrich_winkel, network=before["number"], forbid=True)
    run_plan(actor=coordinator, plan=plan)
    assert plan.error == "", plan.error
    assert network_of(plan, oestrich_winkel)["lead"]["key"] != before["lead"]["key"]
    clear_constraints(actor=coordinator, plan=plan)
    assert plan.pins == [] and plan.forbids == []


def test_changed_rules_and_constraints_are_logged_before_and_after(coordinator: User, plan: Plan) -> None:
    wittenberge = "DE-12070424"
    constrain(actor=coordinator, plan=plan, town=wittenberge, network=network_of(plan, wittenberge)["number"])
    pins = list(plan.pins)
    clear_constraints(actor=coordinator, plan=plan)
    update_rules(actor=coordinator, plan=plan, rules=BuilderRules(networks=3))
    plan.refresh_from_db()
    assert plan.pins == [] and plan.rules["networks"] == 3 and plan.result is None, "a result of other rules goes"
    logged = {entry.action: entry for entry in AuditEntry.objects.filter(target_id=str(plan.pk))}
    assert logged["matching.plan.constrained"].before == {"pins": [], "forbids": []}
    assert logged["matching.plan.constrained"].after == {"pins": pins, "forbids": []}
    assert logged["matching.plan.constraints_cleared"].after == {"pins": [], "forbids": []}
    rules = logged["matching.plan.rules_changed"]
    assert (rules.before["rules"]["networks"], rules.after["rules"]["networks"]) == (2, 3)
    assert rules.actor == coordinator


def test_an_impossible_rule_is_stored_as_a_message_not_a_result(coordinator: User, plan: Plan) -> None:
    update_rules(actor=coordinator, plan=plan, rules=BuilderRules(networks=4))
    run_plan(actor=coordinator, plan=plan)
    assert plan.result is None
    assert plan.error_rule == "leads"
    assert "4 networks need 4 lead towns, but only 3 applicants are willing to lead" in plan.error


def test_comparing_two_plans_names_the_towns_that_moved(coordinator: User, plan: Plan, programme: Programme) -> None:
    entries = read_applicants((DATA / "applicants-example.csv").read_bytes())
    other = create_plan(
        actor=coordinator, title="Topics only", entries=entries, rules=BuilderRules(networks=2), programme=programme
    )
    same = compare_plans(plan, run_plan(actor=coordinator, plan=other))
    assert same["comparable"] and same["moved"] == []
    dippoldiswalde = "DE-14628060"
    target = network_of(other, "DE-12070424")
    constrain(actor=coordinator, plan=other, town=dippoldiswalde, network=target["number"])
    run_plan(actor=coordinator, plan=other)
    moved = compare_plans(plan, other)["moved"]
    # Dippoldiswalde and Oestrich-Winkel swap networks; the other six stay where they were.
    assert {row["key"] for row in moved} == {dippoldiswalde, "DE-06439012"}
    assert all(row["first"] != row["second"] for row in moved)


def test_exports_carry_every_town_and_the_figures(plan: Plan) -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(plan))))
    assert len(rows) == 8
    assert sum(row["lead"] == "yes" for row in rows) == 2
    document = json.loads(json.dumps(export_json(plan)))
    assert document["result"]["bound"] == plan.result["objective"]  # type: ignore[index]
    assert document["rules"]["networks"] == 2 and len(document["applicants"]) == 8


def test_accepting_creates_the_networks_with_their_leads_once(coordinator: User, plan: Plan) -> None:
    networks = accept_plan(actor=coordinator, plan=plan)
    plan.refresh_from_db()
    assert plan.is_accepted and plan.accepted_by == coordinator
    assert len(networks) == 2 and set(plan.networks.all()) == set(networks)
    assert plan.result is not None
    proposals = sorted(plan.result["networks"], key=lambda n: n["topic_label"] + ": " + n["lead"]["name"])
    for network, proposed in zip(sorted(networks, key=lambda n: n.name), proposals, strict=True):
        assert network.programme == plan.programme
        lead = NetworkMembership.objects.get(network=network, is_lead=True)
        assert lead.municipality.key == proposed["lead"]["key"]
        assert network.memberships.count() == len(proposed["members"])
    assert AuditEntry.objects.filter(action="matching.plan.accepted", target_id=str(plan.pk)).exists()
    with pytest.raises(ValidationError, match="already been accepted"):
        accept_plan(actor=coordinator, plan=plan)
    assert Network.objects.count() == 2
    with pytest.raises(ValidationError, match="accepted"):
        run_plan(actor=coordinator, plan=plan)


def test_staff_who_do_not_coordinate_the_programme_are_refused(other_staff: User, outsider: User, plan: Plan) -> None:
    for person in (other_staff, outsider):
        with pytest.raises(PermissionDenied):
            accept_plan(actor=person, plan=plan)
        with pytest.raises(PermissionDenied):
            run_plan(actor=person, plan=plan)
        with pytest.raises(PermissionDenied):
            constrain(actor=person, plan=plan, town="DE-12070424", network=1)
        assert not Plan.objects.visible_to(person).filter(pk=plan.pk).exists()
    assert Network.objects.count() == 0
    plan.refresh_from_db()
    assert not plan.is_accepted and plan.pins == []


def test_a_coordinator_named_on_the_programme_may_accept(other_staff: User, plan: Plan, programme: Programme) -> None:
    from django.contrib.contenttypes.models import ContentType

    RoleAssignment.objects.create(
        user=other_staff,
        role=Role.COORDINATOR,
        scope_type=ContentType.objects.get_for_model(Programme),
        scope_id=programme.pk,
    )
    assert Plan.objects.visible_to(other_staff).filter(pk=plan.pk).exists()
    assert len(accept_plan(actor=other_staff, plan=plan)) == 2


def test_a_plan_without_programme_is_accepted_only_by_an_admin(
    coordinator: User, registry_sample: frozenset[str]
) -> None:
    entries = read_applicants((DATA / "applicants-example.csv").read_bytes())
    plan = run_plan(
        actor=coordinator,
        plan=create_plan(actor=coordinator, title="Loose", entries=entries, rules=BuilderRules(networks=2)),
    )
    with pytest.raises(PermissionDenied):
        accept_plan(actor=coordinator, plan=plan)
    admin = User.objects.create_superuser("admin@example.org", PASSWORD, name="Ada")
    networks = accept_plan(actor=admin, plan=plan)
    assert all(network.programme is None for network in networks)


def test_bad_input_leaves_the_database_unchanged(coordinator: User, outsider: User, programme: Programme) -> None:
    entries = read_applicants((DATA / "applicants-example.csv").read_bytes())
    audit = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        create_plan(actor=coordinator, title="  ", entries=entries, rules=BuilderRules(networks=2))
    with pytest.raises(ValidationError):
        create_plan(actor=coordinator, title="Pairs", entries=entries, rules=BuilderRules(), mode=PlanMode.PAIRINGS)
    with pytest.raises(PermissionDenied):
        create_plan(actor=outsider, title="Mine", entries=entries, rules=BuilderRules(networks=2))
    assert Plan.objects.count() == 0 and AuditEntry.objects.count() == audit


def test_accepting_without_a_result_is_refused_and_creates_nothing(coordinator: User, plan: Plan) -> None:
    update_rules(actor=coordinator, plan=plan, rules=BuilderRules(networks=2, one_per_state=False))
    with pytest.raises(ValidationError, match="Run the plan"):
        accept_plan(actor=coordinator, plan=plan)
    assert Network.objects.count() == 0


def test_pairing_plans_pin_forbid_and_accept_as_pairs(coordinator: User, programme: Programme) -> None:
    entries = read_applicants((DATA / "pairings-example.csv").read_bytes(), pairings=True)
    plan = create_plan(
        actor=coordinator,
        title="DE–US",
        entries=entries,
        rules=BuilderRules(),
        mode=PlanMode.PAIRINGS,
        programme=programme,
    )
    run_plan(actor=coordinator, plan=plan)
    assert plan.result is not None and len(plan.result["pairings"]) == 4
    first = plan.result["pairings"][0]
    constrain(actor=coordinator, plan=plan, town=first["a"]["key"], partner=first["b"]["key"], forbid=True)
    run_plan(actor=coordinator, plan=plan)
    pairs = {(p["a"]["key"], p["b"]["key"]) for p in plan.result["pairings"]}
    assert (first["a"]["key"], first["b"]["key"]) not in pairs
    networks = accept_plan(actor=coordinator, plan=plan)
    assert len(networks) == 4 and all(network.memberships.count() == 2 for network in networks)


def test_a_copy_keeps_applicants_rules_and_pins_and_may_be_changed_after_acceptance(
    coordinator: User, plan: Plan
) -> None:
    constrain(actor=coordinator, plan=plan, town="DE-14628060", network=network_of(plan, "DE-12070424")["number"])
    accept_plan(actor=coordinator, plan=run_plan(actor=coordinator, plan=plan))
    copy = copy_plan(actor=coordinator, plan=plan)
    assert copy.pk != plan.pk and copy.title == "Copy of Pilot" and not copy.is_accepted
    assert (copy.applicants, copy.rules, copy.pins, copy.programme) == (
        plan.applicants,
        plan.rules,
        plan.pins,
        plan.programme,
    )
    assert copy.result is None
    update_rules(actor=coordinator, plan=copy, rules=BuilderRules(networks=2, topic_weight=3))
    assert AuditEntry.objects.filter(action="matching.plan.copied", target_id=str(copy.pk)).exists()


def test_outsiders_cannot_copy(outsider: User, plan: Plan) -> None:
    with pytest.raises(PermissionDenied):
        copy_plan(actor=outsider, plan=plan)
    assert Plan.objects.count() == 1
