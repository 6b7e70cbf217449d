"""`austausch networks plan`: the command on the shipped example files and the sample registry."""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from austausch.matching.applicants import ApplicantsError, read_applicants

DATA = Path(__file__).resolve().parents[2] / "austausch" / "matching" / "data"
EXAMPLE = DATA / "applicants-example.csv"
PAIRINGS = DATA / "pairings-example.csv"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are checked in English; the German catalogue translates them."""
    with translation.override("en"):
        yield


def run(*args: str) -> str:
    out = StringIO()
    call_command("networks", "plan", *args, stdout=out)
    return out.getvalue()


def plan_json(*args: str) -> dict:
    return json.loads(run(*args, "--json"))


def test_it_plans_the_example_into_networks_with_leads_and_proves_optimality(registry_sample: frozenset[str]) -> None:
    result = plan_json(str(EXAMPLE), "--networks", "2")
    assert result["mode"] == "networks"
    assert result["status"] == "optimal"
    assert result["gap"] == 0
    assert result["bound"] == pytest.approx(result["objective"])
    assert sum(result["parts"].values()) == pytest.approx(result["objective"], abs=1e-3)
    assert len(result["networks"]) == 2
    towns = [member["key"] for network in result["networks"] for member in network["members"]]
    assert sorted(towns) == sorted(entry.town for entry in read_applicants(EXAMPLE.read_bytes()))
    for network in result["networks"]:
        leads = [member for member in network["members"] if member["lead"]]
        assert len(leads) == 1 and leads[0]["willing_to_lead"]
        assert network["lead"]["key"] == leads[0]["key"]
        states = [member["state"] for member in network["members"]]
        assert len(states) == len(set(states)), "one town per state is on by default"
        assert {"key", "name", "state", "population"} <= set(network["members"][0])


def test_switching_off_one_town_per_state_allows_neighbours(registry_sample: frozenset[str]) -> None:
    # Two Bavarian towns cannot share a network while the rule is on ...
    with pytest.raises(CommandError, match="are all from Bayern and pinned into network 1: at most one town per state"):
        run(str(EXAMPLE), "--networks", "2", "--pin", "Unterdießen=1", "--pin", "Dießen am Ammersee=1")
    # ... and can when it is off.
    result = plan_json(
        str(EXAMPLE), "--networks", "2", "--no-one-per-state", "--pin", "Unterdießen=1", "--pin", "Dießen am Ammersee=1"
    )
    together = [n for n in result["networks"] if {"DE-09181114", "DE-09181143"} <= {m["key"] for m in n["members"]}]
    assert len(together) == 1 and together[0]["pinned_as"] == 1


def test_pins_and_forbids_are_obeyed(registry_sample: frozenset[str]) -> None:
    result = plan_json(
        str(EXAMPLE),
        "--networks",
        "2",
        "--pin",
        "Wittenberge=1",
        "--pin",
        "Oestrich-Winkel=1",
        "--forbid",
        "Dippoldiswalde=1",
    )
    pinned = next(n for n in result["networks"] if n["pinned_as"] == 1)
    keys = {member["key"] for member in pinned["members"]}
    assert {"DE-12070424", "DE-06439012"} <= keys
    assert "DE-14628060" not in keys


def test_text_output_names_networks_leads_and_the_gap(registry_sample: frozenset[str]) -> None:
    text = run(str(EXAMPLE), "--networks", "2")
    assert "Network 1:" in text and "lead" in text
    assert "gap 0.00%" in text and "optimal" in text


def test_more_networks_than_willing_leads_exits_2_naming_the_rule(registry_sample: frozenset[str]) -> None:
    with pytest.raises(CommandError) as raised:
        run(str(EXAMPLE), "--networks", "4")
    assert raised.value.returncode == 2
    assert "4 networks need 4 lead towns, but only 3 applicants are willing to lead" in str(raised.value)


def test_a_bad_line_exits_2_naming_the_line(registry_sample: frozenset[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("town,topics,lead\nWittenberge,mobility,yes\nNowhere-on-Earth,mobility,yes\n", encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        run(str(bad), "--networks", "1")
    assert raised.value.returncode == 2
    assert "Line 3" in str(raised.value) and "Nowhere-on-Earth" in str(raised.value)


def test_a_missing_file_exits_2(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot read") as raised:
        run(str(tmp_path / "absent.csv"), "--networks", "1")
    assert raised.value.returncode == 2


def test_a_pin_of_a_town_that_did_not_apply_is_refused(registry_sample: frozenset[str]) -> None:
    with pytest.raises(CommandError, match="not among the applicants"):
        run(str(EXAMPLE), "--networks", "2", "--pin", "Darmstadt=1")


def test_pairing_mode_pairs_the_two_groups_one_to_one(registry_sample: frozenset[str]) -> None:
    result = plan_json(str(PAIRINGS), "--pairings")
    assert result["mode"] == "pairings" and result["groups"] == ["DE", "US"]
    assert result["status"] == "optimal"
    assert len(result["pairings"]) == 4
    assert len({pair["a"]["key"] for pair in result["pairings"]}) == 4
    assert {pair["b"]["key"][:3] for pair in result["pairings"]} == {"US-"}


def test_pairing_mode_obeys_a_forbidden_pair_and_a_pin(registry_sample: frozenset[str]) -> None:
    free = plan_json(str(PAIRINGS), "--pairings")
    first = free["pairings"][0]
    forbid = f"{first['a']['key']}={first['b']['key']}"
    result = plan_json(str(PAIRINGS), "--pairings", "--forbid", forbid, "--pin", "Wittenberge=US-1840003966")
    pairs = {(pair["a"]["key"], pair["b"]["key"]) for pair in result["pairings"]}
    assert (first["a"]["key"], first["b"]["key"]) not in pairs
    assert ("DE-12070424", "US-1840003966") in pairs


def test_pairings_need_the_group_column(registry_sample: frozenset[str]) -> None:
    with pytest.raises(CommandError, match="Line 2: pairings need the town's group"):
        run(str(EXAMPLE), "--pairings")


def test_help_documents_the_format(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        call_command("networks", "--help")
    assert 'separated by ";"' in capsys.readouterr().out


def test_the_example_files_are_clean(registry_sample: frozenset[str]) -> None:
    try:
        assert len(read_applicants(EXAMPLE.read_bytes())) == 8
        assert len(read_applicants(PAIRINGS.read_bytes(), pairings=True)) == 8
    except ApplicantsError as error:  # pragma: no cover - shows the problems
        pytest.fail(str(error.problems))
