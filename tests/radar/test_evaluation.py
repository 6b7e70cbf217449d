"""The evaluation: matching rules, scores, and the `austausch radar evaluate` command."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from austausch.radar.extraction.evaluation import (
    ANSWER_KEYS,
    Score,
    StreamPart,
    compare,
    evaluate,
    evaluate_stream_over,
    names_match,
)
from tests.radar.samples import TEXTS

KEY = TEXTS / "answer_key.json"  # our own texts, keyed by hand


def test_scores_are_precision_recall_and_f1() -> None:
    score = Score(right=3, predicted=4, expected=6)
    assert (score.precision, score.recall) == (0.75, 0.5)
    assert score.f1 == pytest.approx(0.6)
    assert Score().f1 == 1.0  # nothing expected, nothing predicted
    assert Score(0, 2, 0).precision == 0.0


@pytest.mark.parametrize(
    ("predicted", "expected", "same"),
    [
        ("Bundesministeriums für Wirtschaft und Klimaschutz", "Bundesministerium für Wirtschaft und Klimaschutz", True),
        ("Deutschen Städte- und Gemeindebunds", "Deutscher Städte- und Gemeindebund", True),
        ("Foerderkreis German-American Friendship", "Förderkreis German-American Friendship", True),
        ("Transantlantic Cities of Tommorow", "Transatlantic Cities of Tomorrow", True),
        ("Deutsch-Amerikanische Gesellschaft", "Deutsch-Amerikanische Gesellschaft Rockville-Pinneberg", True),
        ("Deutscher Städtetag", "Deutscher Landkreistag", False),
        ("American Council on Germany", "German Marshall Fund of the United States", False),
    ],
)
def test_names_match_across_inflection_spelling_and_added_words(predicted: str, expected: str, same: bool) -> None:
    assert names_match({"name": predicted}, {"name": expected}) is same


def test_abbreviations_match_names() -> None:
    assert names_match({"name": "DStGB", "abbreviation": "DStGB"}, {"name": "Städtebund", "abbreviation": "DStGB"})
    nakopa = {"name": "Nachhaltige Kommunalentwicklung durch Partnerschaftsprojekte", "abbreviation": "Nakopa"}
    assert names_match(nakopa, {"name": "Nakopa"})
    assert not names_match({"name": "Nakopa"}, {"name": "Kommunale Klimapartnerschaften", "abbreviation": "KKP"})


def test_an_answer_key_may_list_other_names_of_the_same_body() -> None:
    expected = {"name": "Association of German Cities", "names": ["Deutscher Städtetag"]}
    assert names_match({"name": "Deutscher Städtetag"}, expected)
    assert names_match({"name": "Association of German Cities"}, expected)
    assert not names_match({"name": "Deutscher Landkreistag"}, expected)
    assert not names_match({"name": "Deutscher Städtetag"}, {"name": "Association of German Cities"})


def test_compare_counts_each_fact_type() -> None:
    result = {
        "municipalities": [{"key": "DE-11000000"}, {"key": "DE-02000000"}],
        "events": [{"kind": "meeting", "start": "2024-05-03", "end": "2024-05-05"}],
        "programmes": [],
        "organisations": [{"name": "Friedrich-Ebert-Stiftung", "abbreviation": None}],
        "topics": [{"slug": "smart-city"}],
    }
    expected = {
        "towns": ["DE-11000000"],
        "events": [{"kind": "workshop", "start": "2024-05-03", "end": "2024-05-05"}],
        "programmes": [{"name": "Kleinstadtakademie"}],
        "organisations": [{"name": "Friedrich-Ebert-Stiftung"}],
        "topics": ["smart-city", "social-city"],
    }
    scores = {fact: outcome[0] for fact, outcome in compare(result, expected).items()}
    assert (scores["towns"].right, scores["towns"].predicted, scores["towns"].expected) == (1, 2, 1)
    assert scores["event dates"].right == 1
    assert scores["event kinds"].right == 0  # right dates, wrong kind
    assert (scores["programmes"].right, scores["programmes"].expected) == (0, 1)
    assert scores["organisations"].right == 1
    assert (scores["topics"].right, scores["topics"].expected) == (1, 2)


def test_every_answer_key_names_real_registry_towns() -> None:
    import csv

    registry = Path(__file__).resolve().parents[2] / "austausch" / "registry" / "data" / "municipalities.csv"
    with registry.open(encoding="utf-8") as handle:
        keys = {row["key"] for row in csv.DictReader(handle)}
    for path in [*ANSWER_KEYS.values(), KEY]:
        for name, document in json.loads(path.read_text(encoding="utf-8"))["documents"].items():
            assert set(document["towns"]) <= keys, name
            assert all(event["start"] and event["end"] for event in document["events"]), name


def test_our_texts_are_read_well() -> None:
    report = evaluate("seeds", TEXTS, answer_key=KEY)
    assert len(report.documents) == 6 and report.problems == []
    assert report.scores["towns"].f1 >= 0.9
    assert report.scores["event dates"].f1 >= 0.8
    assert report.scores["topics"].recall < 1.0  # the key names topics the radar misses
    assert "international-exchange" in report.documents["005_sister_cities.txt"]["topics"]["missed"]


def test_a_text_the_key_names_but_the_folder_lacks_is_a_problem_not_a_zero(tmp_path: Path) -> None:
    (tmp_path / "003_kleinstadt.txt").write_bytes((TEXTS / "003_kleinstadt.txt").read_bytes())
    report = evaluate("seeds", tmp_path, answer_key=KEY)
    assert list(report.documents) == ["003_kleinstadt.txt"]
    assert len(report.problems) == 5 and "000_studienreise.txt: missing" in report.problems[0]


def test_the_command_prints_a_table_and_json() -> None:
    out = io.StringIO()
    call_command("radar", "evaluate", "--set", "seeds", "--texts", str(TEXTS), "--key", str(KEY), stdout=out)
    table = out.getvalue()
    for fact in ("towns", "event dates", "programmes", "organisations", "topics"):
        assert fact in table
    out = io.StringIO()
    call_command("radar", "evaluate", "--texts", str(TEXTS), "--key", str(KEY), "--json", stdout=out)
    document = json.loads(out.getvalue())
    assert document["set"] == "seeds"
    assert set(document["scores"]["towns"]) >= {"precision", "recall", "f1"}


def test_a_text_folder_without_the_sets_texts_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No text of the set was found"):
        call_command("radar", "evaluate", "--set", "heldout", "--texts", str(tmp_path), stdout=io.StringIO())


def test_a_missing_text_folder_says_to_pass_texts(tmp_path: Path, settings: Any) -> None:
    settings.VAR_DIR = tmp_path  # where the default folder var/radar/seeds does not exist
    with pytest.raises(CommandError, match="Pass --texts DIR") as error:
        call_command("radar", "evaluate", "--set", "seeds", stdout=io.StringIO())
    assert error.value.returncode == 2 and str(tmp_path / "radar" / "seeds") in str(error.value)
    with pytest.raises(CommandError, match="Pass --texts DIR"):
        call_command("radar", "evaluate", "--texts", str(tmp_path / "fehlt"), stdout=io.StringIO())


def write_set(folder: Path, file_name: str, text: str, organisations: list[str]) -> Path:
    """A one-text set of our own: its text in `folder` and its key beside it."""
    folder.mkdir(parents=True)
    (folder / file_name).write_text(text, encoding="utf-8")
    document = {"towns": [], "events": [], "topics": [], "programmes": []}
    document["organisations"] = [{"name": name} for name in organisations]
    key = folder.parent / f"{folder.name}.json"
    key.write_text(json.dumps({"documents": {file_name: document}}), encoding="utf-8")
    return key


FIRST_SET = ("1_darmstadt.txt", "Darmstadt, 3. Mai 2024. Beim Fachtag in Darmstadt stellte sich Wandelwerk vor.")
SECOND_SET = ("1_marburg.txt", "Marburg, 8. Juni 2024. Beim Treffen in Marburg sprach Wandelwerk über Gärten.")


def test_one_stream_runs_through_several_sets_in_the_order_given(tmp_path: Path) -> None:
    first = StreamPart("heldout-j", tmp_path / "j", write_set(tmp_path / "j", *FIRST_SET, ["Wandelwerk"]))
    second = StreamPart("heldout-k", tmp_path / "k", write_set(tmp_path / "k", *SECOND_SET, ["Wandelwerk"]))
    stream = evaluate_stream_over([first, second])
    assert stream.set_name == "heldout-j + heldout-k"
    assert [step.name for step in stream.steps] == ["heldout-j/1_darmstadt.txt", "heldout-k/1_marburg.txt"]
    later = stream.steps[1]
    assert later.names_known == 1  # what the first set's review taught
    assert (later.first_sight["organisations"].right, later.in_stream["organisations"].right) == (0, 1)
    backwards = evaluate_stream_over([second, first])
    assert backwards.steps[1].in_stream["organisations"].right == 1 and backwards.steps[0].names_known == 0


def test_the_command_streams_over_several_sets(tmp_path: Path, settings: Any, monkeypatch: Any) -> None:
    settings.VAR_DIR = tmp_path
    monkeypatch.setitem(ANSWER_KEYS, "heldout-j", write_set(tmp_path / "radar" / "heldout_j", *FIRST_SET, []))
    monkeypatch.setitem(
        ANSWER_KEYS, "heldout-k", write_set(tmp_path / "radar" / "heldout_k", *SECOND_SET, ["Wandelwerk"])
    )
    out = io.StringIO()
    call_command("radar", "evaluate", "--set", "heldout-j", "heldout-k", "--stream", "--json", stdout=out)
    curve = json.loads(out.getvalue())
    assert curve["set"] == "heldout-j + heldout-k"
    assert [step["text"] for step in curve["steps"]] == ["heldout-j/1_darmstadt.txt", "heldout-k/1_marburg.txt"]
    out = io.StringIO()
    call_command("radar", "evaluate", "--set", "heldout-j", "heldout-k", "--stream", stdout=out)
    assert "heldout-k/1_marburg.txt" in out.getvalue()


def test_several_sets_need_the_stream_and_their_own_folders(tmp_path: Path, settings: Any) -> None:
    settings.VAR_DIR = tmp_path
    with pytest.raises(CommandError, match="add --stream"):
        call_command("radar", "evaluate", "--set", "heldout-j", "heldout-k", stdout=io.StringIO())
    with pytest.raises(CommandError, match="--texts and --key name one set"):
        call_command("radar", "evaluate", "--set", "heldout-j", "heldout-k", "--stream", "--texts", str(tmp_path))
    with pytest.raises(CommandError, match="No folder with the texts of") as error:
        call_command("radar", "evaluate", "--set", "heldout-j", "heldout-k", "--stream", stdout=io.StringIO())
    assert error.value.returncode == 2 and str(tmp_path / "radar" / "heldout_k") in str(error.value)
