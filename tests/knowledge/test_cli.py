from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from austausch.cli import main
from austausch.knowledge.models import PracticeEmbedding


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        main(list(argv))
        status = 0
    except SystemExit as exit:
        status = int(exit.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("command", [["search"], ["knowledge"], ["knowledge", "reindex"], ["knowledge", "import"]])
def test_every_command_answers_help(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    status, out, _ = run(capsys, *command, "--help")
    assert status == 0
    assert "usage:" in out


def test_search_prints_one_json_document(capsys: pytest.CaptureFixture[str], embedded: None) -> None:
    status, out, _ = run(capsys, "search", "Coworking im ländlichen Raum", "--lang", "en", "--limit", "3", "--json")
    assert status == 0
    document = json.loads(out)
    assert document["items"][0]["title"] == "Co-working spaces for rural communities"
    assert len(document["items"]) <= 3
    assert all(item["language"] == "en" for item in document["items"])


def test_search_takes_operators_as_words(capsys: pytest.CaptureFixture[str], seed_practices: list) -> None:
    status, out, _ = run(capsys, "search", 'NEAR( "coworking OR *', "--json")
    assert status == 0
    document = json.loads(out)
    # No practice has "near" and "or" as well: the coworking ones are the closest, not matches.
    assert document["count"] == 0 and document["items"] == []
    assert "Coworking" in document["closest"][0]["title"]


def test_search_says_when_nothing_matches(capsys: pytest.CaptureFixture[str], seed_practices: list) -> None:
    status, out, _ = run(capsys, "search", "coworking nowhere")
    assert status == 0
    assert out.startswith("No practice matches 'coworking nowhere'; closest:")


def test_reindex_computes_the_missing_vectors(seed_practices: list) -> None:
    # call_command, not main(): the command line closes the database connection when it ends,
    # which would end the test's transaction on PostgreSQL.
    out = io.StringIO()
    call_command("knowledge", "reindex", stdout=out)
    assert "Vectors: 5 computed" in out.getvalue()
    assert PracticeEmbedding.objects.count() == 5
    again = io.StringIO()
    call_command("knowledge", "reindex", stdout=again)
    assert "0 computed, 5 unchanged" in again.getvalue()


def test_import_reports_problems_and_exits_2(
    capsys: pytest.CaptureFixture[str], registry_sample: frozenset[str], tmp_path: Path
) -> None:
    path = tmp_path / "practices.csv"
    path.write_text("title,summary,language,municipalities,started_on\nA,B,de,Atlantis,2021-13-01\n")
    status, _, err = run(capsys, "knowledge", "import", str(path))
    assert status == 2
    assert "line 2, municipalities: No town matches “Atlantis”" in err
    assert "line 2, started_on: not a date" in err
