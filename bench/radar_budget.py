"""Radar time against input size (goal: nothing over the time budget; a 5 MB text answered with a clear message
within it).

    .venv/bin/python bench/radar_budget.py [--sizes 16,64,256,1024,5000] [--budget-characters N]

For each size in KB, two texts: one dense with German town names (generated sentences, "Eine Delegation aus
Ibach besuchte … Fambach"), and an ordinary one (our own press texts in tests/radar/texts, repeated, each
repetition's lines numbered so that cleaning does not drop them as repeats). Each is read and extracted in one
process as the background worker would, under the configured budget (`AUSTAUSCH_RADAR_BUDGET_SECONDS`,
`AUSTAUSCH_RADAR_BUDGET_CHARACTERS`, defaults 20 s and 100,000 characters), then once more without the length
budget up to 256 KB, to show how extraction itself grows. Pure Python, no database.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "tests" / "radar" / "texts"
REGISTRY = ROOT / "austausch" / "registry" / "data" / "municipalities.csv"
SENTENCES = [
    "Eine Delegation aus {a} besuchte am {d}. Mai 2025 die Partnerstadt {b}.",
    "Bürgermeisterin Anna Schmidt aus {a} sprach mit Vertretern aus {b} und {c} über die Wärmeplanung.",
    "Der Workshop in {a} fand vom {d}. bis {e}. Juni 2025 statt; Gäste kamen aus {b}.",
    "Auch {a}, {b} und {c} nehmen am Programm „Kommunen im Austausch“ teil.",
]


def dense_text(size: int) -> bytes:
    rng = random.Random(7)
    with REGISTRY.open(encoding="utf-8", newline="") as handle:
        names = [row["name"] for row in csv.DictReader(handle) if row["country"] == "DE"]
    parts: list[str] = []
    length = 0
    while length < size:
        sentence = rng.choice(SENTENCES).format(
            a=rng.choice(names), b=rng.choice(names), c=rng.choice(names), d=rng.randint(1, 14), e=rng.randint(15, 28)
        )
        parts.append(sentence + ("\n\n" if rng.random() < 0.2 else " "))
        length += len(parts[-1].encode())
    return "".join(parts).encode()[:size].decode(errors="ignore").encode()


def ordinary_text(size: int) -> bytes:
    texts = [path.read_text(encoding="utf-8") for path in sorted(TEXTS.glob("*.txt"))]
    parts: list[str] = []
    length, round_ = 0, 0
    while length < size:
        round_ += 1
        for text in texts:
            numbered = "\n".join(f"Teil {round_}: {line}" if line.strip() else line for line in text.splitlines())
            parts.append(numbered + "\n\n")
            length += len(parts[-1].encode())
    return "".join(parts).encode()[:size].decode(errors="ignore").encode()


def measure(name: str, data: bytes, budget: object) -> tuple[float, float, dict]:
    from austausch.radar.extraction import facts_of
    from austausch.radar.extraction.budget import Budget
    from austausch.radar.extraction.reading import read_document

    assert isinstance(budget, Budget)  # made just before the call: its clock runs from the start of the reading
    started, cpu_started = time.perf_counter(), time.process_time()
    result = facts_of(read_document(name, data), budget=budget)
    return time.perf_counter() - started, time.process_time() - cpu_started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="16,64,256,1024,5000", help="sizes in KB (default 16,64,256,1024,5000)")
    parser.add_argument("--unbudgeted-up-to", type=int, default=256, help="KB up to which to run without a length cap")
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.sizes.split(",")]

    from austausch.radar.extraction import extract, load_gazetteer
    from austausch.radar.extraction.budget import Budget

    load_gazetteer()
    extract("warm-up.txt", (TEXTS / "003_kleinstadt.txt").read_bytes())  # models and dictionaries load once
    seconds = Budget().seconds
    print(f"budget: {seconds:g} s, {Budget().characters:,} characters (AUSTAUSCH_RADAR_BUDGET_*)")
    print(f"{'text':9} {'size':>8} {'wall s':>7} {'CPU s':>6}  {'towns':>5}  message")
    worst = 0.0
    answered_5mb = True
    for kind, make in (("dense", dense_text), ("ordinary", ordinary_text)):
        for size in sizes:
            data = make(size * 1000)
            wall, cpu, result = measure(f"{kind}-{size}k.txt", data, Budget())
            worst = max(worst, wall)
            message = next((error for error in result["errors"]), "")
            if size >= 5000 and not message:
                answered_5mb = False
            short = message.split(": ", 1)[-1][:90]
            print(f"{kind:9} {size:>6}KB {wall:7.2f} {cpu:6.2f}  {len(result['municipalities']):5}  {short}")
    print("\nwithout the length budget (time budget only), to show how extraction itself grows:")
    for kind, make in (("dense", dense_text), ("ordinary", ordinary_text)):
        for size in [size for size in sizes if size <= arguments.unbudgeted_up_to]:
            data = make(size * 1000)
            wall, cpu, result = measure(f"{kind}-{size}k.txt", data, Budget(seconds=10 * seconds, characters=10**9))
            towns = len(result["municipalities"])
            print(f"{kind:9} {size:>6}KB {wall:7.2f} {cpu:6.2f}  {towns:5}  {1000 * cpu / size:.1f} ms CPU per KB")
    verdict = "met" if worst <= seconds else "NOT met"
    print(f"\nslowest answer: {worst:.2f} s wall; goal: none over the {seconds:g} s budget: {verdict}")
    print(f"a 5 MB text answered with a message: {'yes' if answered_5mb else 'NO'}")


if __name__ == "__main__":
    main()
