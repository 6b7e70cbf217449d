"""Precision, recall and F1 of the extractor against a hand-written answer key.

Matching rules, per document, counted over all documents of a set (micro-average):

- towns: registry keys; a predicted key is right when the key says the text names that town.
- event dates: the pair (start, end) as ISO 8601 strings, compared exactly; kind and place are not
  needed for a match ("event kinds" adds the kind, as a stricter second line).
- programmes, organisations: names compared after folding case, umlauts, punctuation and German
  inflection endings ("Bundesministeriums" = "Bundesministerium"); a pair also matches when the
  abbreviations agree, when the key names a body by the abbreviation the prediction gives ("Nakopa"),
  when one name is the other with words added at the end ("Transatlantic Cities of Tomorrow:
  Digitalization …"), or when the folded names are at least 85 % similar (typing errors).
  An answer key may list other names of the same body or programme under "names" (an organisation a text
  names in another language: `{"name": "Deutscher Städtetag", "names": ["Association of German Cities"]}`);
  a prediction matching any of them matches the entry. Each expected entry is matched at most once.
- topics: taxonomy slugs.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import extract
from .known import NO_NAMES, KnownName, KnownNames

DATA = Path(__file__).resolve().parent.parent / "data"
# Every set but the seeds ("heldout-a", "-b", "-c", "heldout" (set D), "-e" to "-l") was held out until its first
# run, then used to find errors (their sources.json give the first-run figures). A new set gets the next letter.
ANSWER_KEYS = {
    "seeds": DATA / "answer_key.json",
    "heldout": DATA / "heldout" / "answer_key.json",
    "heldout-a": DATA / "heldout_a" / "answer_key.json",
    "heldout-b": DATA / "heldout_b" / "answer_key.json",
    "heldout-c": DATA / "heldout_c" / "answer_key.json",
    "heldout-e": DATA / "heldout_e" / "answer_key.json",
    "heldout-f": DATA / "heldout_f" / "answer_key.json",
    "heldout-g": DATA / "heldout_g" / "answer_key.json",
    "heldout-h": DATA / "heldout_h" / "answer_key.json",
    "heldout-i": DATA / "heldout_i" / "answer_key.json",
    "heldout-j": DATA / "heldout_j" / "answer_key.json",
    "heldout-k": DATA / "heldout_k" / "answer_key.json",
    "heldout-l": DATA / "heldout_l" / "answer_key.json",
}
FACT_TYPES = ["towns", "event dates", "event kinds", "programmes", "organisations", "topics"]
GOALS = {"towns": 0.9, "event dates": 0.8, "programmes": 0.75, "organisations": 0.75}


def default_texts(set_name: str) -> Path:
    """Where a set's texts are looked for unless `--texts` says otherwise: `var/radar/<set>`. None of them is
    in the repository (the seeds are the project's, the held-out texts third-party works)."""
    from django.conf import settings

    return Path(settings.VAR_DIR) / "radar" / set_name.replace("-", "_")


@dataclass
class Score:
    right: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def add(self, other: Score) -> None:
        self.right += other.right
        self.predicted += other.predicted
        self.expected += other.expected


@dataclass
class Report:
    set_name: str
    scores: dict[str, Score] = field(default_factory=lambda: {fact: Score() for fact in FACT_TYPES})
    documents: dict[str, dict[str, dict[str, list]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "set": self.set_name,
            "scores": {
                fact: {
                    "precision": round(score.precision, 3),
                    "recall": round(score.recall, 3),
                    "f1": round(score.f1, 3),
                    "right": score.right,
                    "predicted": score.predicted,
                    "expected": score.expected,
                    "goal": GOALS.get(fact),
                }
                for fact, score in self.scores.items()
            },
            "documents": self.documents,
            "problems": self.problems,
        }


FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
INFLECTION = re.compile(r"(?:es|en|er|em|s|n|e)$")


def fold(name: str) -> str:
    """Case, umlauts ("Foerderkreis" = "Förderkreis"), punctuation and German inflection endings folded away."""
    name = name.casefold().replace("ae", "a").replace("oe", "o").replace("ue", "u").translate(FOLD)
    words = re.findall(r"\w+", name)
    return " ".join(INFLECTION.sub("", word) if len(word) > 4 else word for word in words)


def names_match(predicted: dict, expected: dict) -> bool:
    mine_short, their_short = predicted.get("abbreviation"), expected.get("abbreviation")
    if mine_short and their_short and fold(mine_short) == fold(their_short):
        return True
    theirs = [expected["name"], *expected.get("names", [])]
    # "Nakopa" in the key for "Nachhaltige Kommunalentwicklung durch Partnerschaftsprojekte (Nakopa)"
    if mine_short and any(fold(mine_short) == fold(name) for name in theirs):
        return True
    return any(name_matches(predicted["name"], name) for name in theirs)


def name_matches(predicted: str, expected: str) -> bool:
    mine, theirs = fold(predicted), fold(expected)
    if not mine or not theirs:
        return False
    if mine == theirs or mine.startswith(theirs + " ") or theirs.startswith(mine + " "):
        return True
    return difflib.SequenceMatcher(None, mine, theirs).ratio() >= 0.85


def match_names(predicted: list[dict], expected: list[dict]) -> tuple[Score, list, list]:
    unmatched = list(expected)
    wrong = []
    right = 0
    for entry in predicted:
        partner = next((candidate for candidate in unmatched if names_match(entry, candidate)), None)
        if partner is None:
            wrong.append(entry["name"])
        else:
            unmatched.remove(partner)
            right += 1
    return Score(right, len(predicted), len(expected)), wrong, [entry["name"] for entry in unmatched]


def match_sets(predicted: set, expected: set) -> tuple[Score, list, list]:
    return (
        Score(len(predicted & expected), len(predicted), len(expected)),
        sorted(map(str, predicted - expected)),
        sorted(map(str, expected - predicted)),
    )


def compare(result: dict, expected: dict) -> dict[str, tuple[Score, list, list]]:
    """Each fact type's score for one document, with the wrong and the missed facts."""
    events = result["events"]
    return {
        "towns": match_sets({town["key"] for town in result["municipalities"]}, set(expected["towns"])),
        "event dates": match_sets(
            {f"{event['start']}/{event['end']}" for event in events},
            {f"{event['start']}/{event['end']}" for event in expected["events"]},
        ),
        "event kinds": match_sets(
            {f"{event['kind']} {event['start']}/{event['end']}" for event in events},
            {f"{event['kind']} {event['start']}/{event['end']}" for event in expected["events"]},
        ),
        "programmes": match_names(result["programmes"], expected["programmes"]),
        "organisations": match_names(result["organisations"], expected["organisations"]),
        "topics": match_sets({topic["slug"] for topic in result["topics"]}, set(expected["topics"])),
    }


def evaluate(
    set_name: str,
    texts: Path | None = None,
    extractor: Callable[[str, bytes], dict] = extract,
    *,
    answer_key: Path | None = None,
) -> Report:
    """Score `extractor` on the texts of a set against its answer key (`answer_key` names another)."""
    key = json.loads((answer_key or ANSWER_KEYS[set_name]).read_text(encoding="utf-8"))
    folder = texts or default_texts(set_name)
    report = Report(set_name)
    for name, expected in key["documents"].items():
        path = folder / name
        if not path.is_file():
            report.problems.append(f"{path}: missing, so this text was not evaluated.")
            continue
        result = extractor(name, path.read_bytes())
        report.documents[name] = {}
        for fact, (score, wrong, missed) in compare(result, expected).items():
            report.scores[fact].add(score)
            report.documents[name][fact] = {"wrong": wrong, "missed": missed}
    return report


def learned_from(expected: dict) -> list[KnownName]:
    """What a reviewer teaches the radar by confirming and correcting one text's facts as its key has them:
    each programme and organisation under its name, its other names and its abbreviation."""
    learned = []
    for kind, group in (("programme", "programmes"), ("organisation", "organisations")):
        for entry in expected.get(group, []):
            abbreviation = entry.get("abbreviation") or ""
            for spelling in [entry["name"], *entry.get("names", []), abbreviation]:
                if spelling:
                    learned.append(KnownName(kind, spelling, entry["name"], abbreviation))
    return learned


@dataclass
class StreamStep:
    """One text of the stream: how many names were known before it, and its scores at first sight and then."""

    name: str
    names_known: int
    first_sight: dict[str, Score]
    in_stream: dict[str, Score]


@dataclass
class StreamReport:
    """The learning curve: each text read at first sight, in the stream (after its predecessors' reviews),
    and again after the whole stream was reviewed."""

    set_name: str
    first_sight: Report
    in_stream: Report
    after_stream: Report
    steps: list[StreamStep] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "set": self.set_name,
            **{
                stage: report.as_dict()["scores"]
                for stage, report in (
                    ("first_sight", self.first_sight),
                    ("in_stream", self.in_stream),
                    ("after_stream", self.after_stream),
                )
            },
            "steps": [
                {
                    "text": step.name,
                    "names_known": step.names_known,
                    "first_sight_f1": {fact: round(score.f1, 3) for fact, score in step.first_sight.items()},
                    "in_stream_f1": {fact: round(score.f1, 3) for fact, score in step.in_stream.items()},
                }
                for step in self.steps
            ],
            "problems": self.first_sight.problems,
        }


def score_into(report: Report, name: str, result: dict, expected: dict) -> dict[str, Score]:
    scores = {}
    report.documents[name] = {}
    for fact, (score, wrong, missed) in compare(result, expected).items():
        report.scores[fact].add(score)
        report.documents[name][fact] = {"wrong": wrong, "missed": missed}
        scores[fact] = score
    return scores


@dataclass(frozen=True)
class StreamPart:
    """One set in a stream: its texts and the answer key they are scored against."""

    set_name: str
    texts: Path
    answer_key: Path


def evaluate_stream(
    set_name: str,
    texts: Path | None = None,
    extractor: Callable[[str, bytes, KnownNames], dict] = extract,
    *,
    answer_key: Path | None = None,
    known: KnownNames = NO_NAMES,
) -> StreamReport:
    """Walk a set's texts in file-name order; before each text, apply what reviewing its predecessors taught
    (`learned_from` their keys). `known` is what the radar knew before the stream."""
    part = StreamPart(set_name, texts or default_texts(set_name), answer_key or ANSWER_KEYS[set_name])
    return evaluate_stream_over([part], extractor, known=known)


def stream_parts(set_names: list[str]) -> list[StreamPart]:
    """The named sets with their default text folders and answer keys, in the order given."""
    return [StreamPart(name, default_texts(name), ANSWER_KEYS[name]) for name in set_names]


def evaluate_stream_over(
    parts: list[StreamPart],
    extractor: Callable[[str, bytes, KnownNames], dict] = extract,
    *,
    known: KnownNames = NO_NAMES,
) -> StreamReport:
    """One stream over several sets, set after set in the order given and each set's texts in file-name order,
    so that what the reviews of one set taught is known when the next set is read. With more than one set, a
    text is named `<set>/<file>` (two sets may hold files of the same name)."""
    label = " + ".join(part.set_name for part in parts)
    stream = StreamReport(label, Report(label), Report(label), Report(label))
    read: list[tuple[str, bytes, dict]] = []
    learned = known
    for part in parts:
        key = json.loads(part.answer_key.read_text(encoding="utf-8"))
        for file_name, expected in sorted(key["documents"].items()):
            path = part.texts / file_name
            if not path.is_file():
                stream.first_sight.problems.append(f"{path}: missing, so this text was not evaluated.")
                continue
            name = f"{part.set_name}/{file_name}" if len(parts) > 1 else file_name
            data = path.read_bytes()
            first = score_into(stream.first_sight, name, extractor(file_name, data, known), expected)
            then = score_into(stream.in_stream, name, extractor(file_name, data, learned), expected)
            stream.steps.append(StreamStep(name, len(learned), first, then))
            learned = learned.with_names(learned_from(expected))
            read.append((file_name, data, expected))
    for (file_name, data, expected), step in zip(read, stream.steps, strict=True):
        score_into(stream.after_stream, step.name, extractor(file_name, data, learned), expected)
    return stream
