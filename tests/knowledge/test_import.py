from __future__ import annotations

import json
from pathlib import Path

import pytest

from austausch.knowledge.importer import ImportFailed, import_practices
from austausch.knowledge.models import Practice

HEADER = "title,summary,language,municipalities,topics,status,started_on,published\n"


def write(tmp_path: Path, text: str, name: str = "practices.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ImportFailed) as failure:
        import_practices(path)
    assert not Practice.objects.exists()
    return [str(problem) for problem in failure.value.problems]


def test_a_valid_csv_imports_every_row(registry_sample: frozenset[str], tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "Coworking im Bahnhof,Ein Ort für mobiles Arbeiten.,de,Wittenberge;DE-09181114,coworking,running,"
        "2021-05-01,yes\nE-Akte,Die E-Akte kommt.,de,DE-15002000,e-files,planned,,no\n",
    )
    practices = import_practices(path)
    assert [practice.title for practice in practices] == ["Coworking im Bahnhof", "E-Akte"]
    assert sorted(practices[0].municipalities.values_list("name", flat=True)) == ["Dießen am Ammersee", "Wittenberge"]
    assert practices[0].is_published and not practices[1].is_published


def test_a_wrong_column_is_named(registry_sample: frozenset[str], tmp_path: Path) -> None:
    found = problems(write(tmp_path, "title,summery\nA,B\n"))
    assert found == [found[0]]
    assert found[0].startswith("line 1, summery: unknown column")


def test_a_bad_date_names_line_and_field(registry_sample: frozenset[str], tmp_path: Path) -> None:
    path = write(
        tmp_path, HEADER + "A,B,de,Wittenberge,,running,2021-05-01,yes\nC,D,de,Wittenberge,,running,1.5.2021,yes\n"
    )
    assert problems(path) == ["line 3, started_on: not a date: '1.5.2021' (write YYYY-MM-DD)"]


def test_unknown_and_ambiguous_towns_are_errors(registry_sample: frozenset[str], tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "A,B,de,Atlantis,,idea,,no\nC,D,de,Halle,,idea,,no\n")
    found = problems(path)
    assert found[0] == (
        "line 2, municipalities: No town matches “Atlantis”; give a key (DE-<AGS>, US-<id>) or an exact name."
    )
    assert found[1].startswith(
        "line 3, municipalities: “Halle” matches 4 towns; give the key of one: Halle (Saale), Sachsen-Anhalt"
    )


def test_every_problem_is_reported_and_nothing_saved(registry_sample: frozenset[str], tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "A,B,xx,Wittenberge,nonsense,done,,maybe\n")
    fields = {problem.split(",")[1].split(":")[0].strip() for problem in problems(path)}
    assert fields == {"language", "topics", "status", "published"}


def test_json_imports_and_names_the_record(registry_sample: frozenset[str], tmp_path: Path) -> None:
    records = [
        {"title": "A", "summary": "B", "language": "en", "municipalities": ["US-1840001381"], "published": True},
        {"title": "C", "summary": "D", "language": "en", "municipalities": ["Princeton"], "budget_amount": "lots"},
    ]
    found = problems(write(tmp_path, json.dumps(records), "practices.json"))
    assert "line 2, budget_amount: not a number: 'lots'" in found
    assert any(problem.startswith("line 2, municipalities: “Princeton” matches") for problem in found)
    records[1]["municipalities"], records[1]["budget_amount"] = ["US-1840001381"], "1200.50"
    assert len(import_practices(write(tmp_path, json.dumps(records), "practices.json"))) == 2


def test_broken_json_is_an_error(registry_sample: frozenset[str], tmp_path: Path) -> None:
    assert problems(write(tmp_path, "[{", "practices.json"))[0].startswith("line 1, file: not valid JSON")
