from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from austausch.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        main(list(argv))
        status = 0
    except SystemExit as exit:
        status = int(exit.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("command", [["serve"], ["registry"], ["registry", "import"], ["show"]])
def test_every_command_answers_help(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    status, out, _ = run(capsys, *command, "--help")
    assert status == 0
    assert "usage:" in out


def test_show_prints_one_json_document(registry_sample: frozenset[str], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "show", "Dießen am Ammersee", "--json")
    assert status == 0
    document = json.loads(out)
    assert document["key"] == "DE-09181114"
    assert document["size_class"] == "Kleinstadt"
    assert {"key", "name", "country", "state", "population", "size_class", "indicators"} <= set(document)


@pytest.mark.parametrize("name", ["Halle", "Mölln", "Newark"])
def test_an_ambiguous_name_exits_2_and_lists_the_candidates(
    registry_sample: frozenset[str], capsys: pytest.CaptureFixture[str], name: str
) -> None:
    status, out, err = run(capsys, "show", name, "--json")
    assert status == 2
    assert out == ""
    assert "give the key of one" in err
    assert err.count("(DE-") + err.count("(US-") >= 2


def test_halle_lists_saale_westfalen_and_the_villages(
    registry_sample: frozenset[str], capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, err = run(capsys, "show", "Halle")
    assert "Halle (Saale), Sachsen-Anhalt (DE-15002000)" in err
    assert "Halle (Westf.), Nordrhein-Westfalen" in err


@pytest.mark.parametrize("text", ["DE-99999999", "Nowhereville", "US-1"])
def test_an_unknown_town_exits_2_with_a_message(
    registry_sample: frozenset[str], capsys: pytest.CaptureFixture[str], text: str
) -> None:
    status, _, err = run(capsys, "show", text)
    assert status == 2
    assert f"No town matches “{text}”" in err


def test_a_command_before_migrate_says_how_to_set_up_instead_of_a_traceback(tmp_path: Path) -> None:
    environment = {**os.environ, "AUSTAUSCH_VAR_DIR": str(tmp_path)}
    environment.pop("DATABASE_URL", None)
    done = subprocess.run(  # a fresh process: its own, empty database in tmp_path
        [sys.executable, "-m", "austausch", "show", "Wittenberge"],
        env=environment, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "the database has no tables yet" in done.stderr and "austausch migrate" in done.stderr
    assert "Traceback" not in done.stderr
