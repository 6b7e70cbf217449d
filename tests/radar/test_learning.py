"""The radar learns names: from the platform's records, from reviewers, and in the stream of keyed texts."""

from __future__ import annotations

import io
import json
from pathlib import Path

from django.core.management import call_command

from austausch.radar.extraction import KnownName, KnownNames, extract_text
from austausch.radar.extraction.evaluation import evaluate_stream, learned_from
from austausch.radar.extraction.known import KNOWN_ORGANISATIONS, KNOWN_PROGRAMMES

FIRST = (
    "Darmstadt, 3. Mai 2024. Zum Fachtag über Klimaschutz in Darmstadt kam auch Wandelwerk, das im Projekt "
    "Lindgrün Gärten auf Schulhöfen anlegt. Die Gäste sprachen über Bäume."
)
SECOND = (
    "Marburg, 8. Juni 2024. Beim Treffen in Marburg stellte Wandelwerk seine Arbeit vor. "
    "Auch Lindgrün war ein Thema des Abends."
)
EMPTY_KEY = {"towns": [], "events": [], "topics": []}


def names(result: dict, group: str) -> list[str]:
    return [entry["name"] for entry in result[group]]


def test_the_built_in_names_come_from_the_data_file() -> None:
    assert any(programme["name"] == "Kleinstadtakademie" for programme in KNOWN_PROGRAMMES)
    dstgb = next(entry for entry in KNOWN_ORGANISATIONS if entry.get("abbreviation") == "DStGB")
    assert dstgb["pattern"].search("Sprecher des Deutschen Städte- und Gemeindebundes")
    erasmus = next(entry for entry in KNOWN_PROGRAMMES if entry["name"] == "Erasmus+")
    assert erasmus["pattern"].search("ein KA2-Erasmus+-Projekt")  # its own pattern: "+" ends no word


def test_a_name_without_cue_words_is_found_only_once_known() -> None:
    assert "Wandelwerk" not in names(extract_text(SECOND), "organisations")
    known = KnownNames(
        [KnownName("organisation", "Wandelwerk", "Wandelwerk e. V."), KnownName("programme", "Lindgrün", "Lindgrün")]
    )
    result = extract_text(SECOND, known=known)
    assert "Wandelwerk e. V." in names(result, "organisations")
    assert "Lindgrün" in names(result, "programmes")
    organisation = next(entry for entry in result["organisations"] if entry["name"] == "Wandelwerk e. V.")
    start, end = organisation["spans"][0]
    assert result["text"][start:end] == "Wandelwerk"


def test_known_names_match_whole_words_with_a_genitive_ending() -> None:
    known = KnownNames([KnownName("organisation", "Partnerschaftsring", "Partnerschaftsring")])
    assert [(m.start, m.end) for m in known.find("Gäste des Partnerschaftsrings kamen", "organisation")] == [(10, 29)]
    assert known.find("der Partnerschaftsringbau", "organisation") == []
    assert known.find("der Partnerschaftsring", "programme") == []


def test_a_key_teaches_its_names_other_names_and_abbreviations() -> None:
    learned = learned_from(
        {"programmes": [{"name": "Lindgrün"}], "organisations": [{"name": "Wandelwerk", "abbreviation": "WWK"}]}
    )
    assert {(known.kind, known.spelling, known.name) for known in learned} == {
        ("programme", "Lindgrün", "Lindgrün"),
        ("organisation", "Wandelwerk", "Wandelwerk"),
        ("organisation", "WWK", "Wandelwerk"),
    }


def write_stream(folder: Path) -> Path:
    (folder / "1_darmstadt.txt").write_text(FIRST, encoding="utf-8")
    (folder / "2_marburg.txt").write_text(SECOND, encoding="utf-8")
    names = {"programmes": [{"name": "Lindgrün"}], "organisations": [{"name": "Wandelwerk"}]}
    documents = {"1_darmstadt.txt": {**EMPTY_KEY, **names}, "2_marburg.txt": {**EMPTY_KEY, **names}}
    key = folder / "key.json"
    key.write_text(json.dumps({"documents": documents}), encoding="utf-8")
    return key


def test_a_name_confirmed_on_the_first_text_is_proposed_on_the_second(tmp_path: Path) -> None:
    stream = evaluate_stream("seeds", tmp_path, answer_key=write_stream(tmp_path))
    first, second = stream.steps
    assert (first.names_known, second.names_known) == (0, 2)
    assert second.first_sight["organisations"].right == 0
    assert second.in_stream["organisations"].right == 1
    assert second.in_stream["programmes"].right == 1
    assert stream.in_stream.scores["organisations"].right > stream.first_sight.scores["organisations"].right


def test_the_command_prints_the_learning_curve(tmp_path: Path) -> None:
    key = write_stream(tmp_path)
    out = io.StringIO()
    call_command("radar", "evaluate", "--texts", str(tmp_path), "--key", str(key), "--stream", stdout=out)
    table = out.getvalue()
    assert "Learning curve" in table and "first sight" in table and "after stream" in table
    assert "2_marburg.txt" in table
    out = io.StringIO()
    call_command("radar", "evaluate", "--texts", str(tmp_path), "--key", str(key), "--stream", "--json", stdout=out)
    curve = json.loads(out.getvalue())
    assert curve["first_sight"]["organisations"]["right"] < curve["in_stream"]["organisations"]["right"]
    assert curve["steps"][1]["in_stream_f1"]["organisations"] == 1.0
