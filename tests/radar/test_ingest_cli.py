"""`austausch ingest FILE… [--json]`: one result per file, bad files reported, nothing written; the database's
names known where it has them."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from austausch.cli import main
from austausch.knowledge.models import Practice
from austausch.radar.models import KnownName
from tests.radar.samples import all_seeds, seed_path

# The command reads the platform's names from the database (a test's own, empty unless it adds some).
pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]


def ingest(*arguments: str) -> str:
    out = io.StringIO()
    call_command("ingest", *arguments, stdout=out)
    return out.getvalue()


def test_json_is_one_list_with_an_object_per_file(tmp_path: Path) -> None:
    empty = tmp_path / "leer.txt"
    empty.write_bytes(b"")
    seed = seed_path("003")
    results = json.loads(ingest(str(seed), str(empty), str(tmp_path / "fehlt.txt"), "--json"))
    assert [result["file"] for result in results] == [str(seed), str(empty), str(tmp_path / "fehlt.txt")]
    assert "text" not in results[0]
    assert "DE-12070424" in {town["key"] for town in results[0]["municipalities"]}
    assert ("2023-04-24", "2023-04-25") in {(event["start"], event["end"]) for event in results[0]["events"]}
    assert results[1]["errors"] == [f"{empty}: the file is empty."]
    assert results[2]["errors"] == [f"{tmp_path / 'fehlt.txt'}: no such file."]


def test_with_text_includes_the_text_the_spans_index_into() -> None:
    result = json.loads(ingest(str(seed_path("004")), "--json", "--with-text"))[0]
    start, end = result["municipalities"][0]["spans"][0]
    assert result["text"][start:end] == "Berlin"


def test_a_zip_becomes_one_result_per_member(tmp_path: Path) -> None:
    archive = tmp_path / "meldungen.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in all_seeds()[:2]:
            bundle.write(path, path.name)
    results = json.loads(ingest(str(archive), "--json"))
    assert [result["file"] for result in results] == [
        f"{archive}/000_studienreise.txt",
        f"{archive}/001_konferenz.txt",
    ]


def test_the_summary_is_readable() -> None:
    out = ingest(str(seed_path("002")))
    assert "town: Darmstadt (DE-06411000), host" in out
    assert "organisation: Deutscher Städte- und Gemeindebund (DStGB)" in out
    assert "event: meeting, 2019-08-29 in DE-06411000" in out


@pytest.mark.django_db
def test_ingest_writes_nothing_to_the_database() -> None:
    with CaptureQueriesContext(connection) as queries:
        ingest(*(str(path) for path in all_seeds()), "--json")
    writes = [query["sql"] for query in queries if not query["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []


def test_the_command_line_answers_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["ingest", "--help"])
    assert exit.value.code == 0
    assert "--json" in capsys.readouterr().out


def test_a_run_in_which_every_file_failed_exits_2_after_reporting_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "leer.txt"
    empty.write_bytes(b"")
    with pytest.raises(SystemExit) as exit:
        main(["ingest", str(empty), str(tmp_path / "fehlt.txt"), "--json"])
    assert exit.value.code == 2
    captured = capsys.readouterr()
    assert [result["file"] for result in json.loads(captured.out)] == [str(empty), str(tmp_path / "fehlt.txt")]
    assert "None of the 2 files could be read" in captured.err


def test_one_readable_file_among_failures_is_a_run_that_worked(tmp_path: Path) -> None:
    results = json.loads(ingest(str(seed_path("003")), str(tmp_path / "fehlt.txt"), "--json"))
    assert len(results) == 2 and results[1]["errors"]


def test_the_names_in_the_database_are_known(tmp_path: Path) -> None:
    KnownName.objects.create(kind="organisation", spelling="Wandelwerk", name="Wandelwerk e. V.")
    Practice.objects.create(title_de="Dorfladen per Bildschirm", summary_de="Ein Laden am Bildschirm.", language="de")
    text = tmp_path / "meldung.txt"
    text.write_text("Marburg, 8. Juni 2024. Wandelwerk zeigte in Marburg den Dorfladen per Bildschirm.\n")
    result = json.loads(ingest(str(text), "--json"))[0]
    assert [organisation["name"] for organisation in result["organisations"]] == ["Wandelwerk e. V."]
    assert [practice["title"] for practice in result["practices"]] == ["Dorfladen per Bildschirm"]
    assert "practice: Dorfladen per Bildschirm" in ingest(str(text))


def run_without_tables(database: Path) -> str:
    """`austausch ingest` of a seed in a fresh process whose database has no tables."""
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    command = [sys.executable, "-m", "austausch", "ingest", str(seed_path("002"))]
    return subprocess.run(command, cwd=PROJECT, env=environment, capture_output=True, text=True, check=True).stdout


def test_a_fresh_installation_reads_with_the_built_in_names_and_creates_no_database(tmp_path: Path) -> None:
    missing, unmigrated = tmp_path / "missing.sqlite3", tmp_path / "unmigrated.sqlite3"
    with sqlite3.connect(unmigrated) as database:
        database.execute("CREATE TABLE notes (text TEXT)")  # a database, but none of the platform's tables
    database.close()
    for path in (missing, unmigrated):
        assert "organisation: Deutscher Städte- und Gemeindebund (DStGB)" in run_without_tables(path)
    assert not missing.exists()
    # The connection's settings may switch the journal mode; no table or row is written.
    with sqlite3.connect(unmigrated) as database:
        assert database.execute("SELECT name FROM sqlite_master").fetchall() == [("notes",)]
    database.close()
