"""Copies of the shipped dataset for tests that damage or edit it."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

from austausch.registry.dataset import DATA_DIR

DATASET_FILES = ("municipalities.csv", "indicator_values.csv", "twinnings.csv")


def copy_dataset(target: Path, source: Path = DATA_DIR) -> Path:
    for name in (*DATASET_FILES, "manifest.json"):
        if (source / name).exists():
            shutil.copy(source / name, target / name)
    return target


def reseal(directory: Path) -> None:
    """Update the manifest after a deliberate edit, as scripts/derive_registry.py would."""
    manifest = json.loads((directory / "manifest.json").read_text())
    for name in DATASET_FILES:
        if not (directory / name).exists():
            continue
        data = (directory / name).read_bytes()
        manifest[name] = {"rows": data.count(b"\n") - 1, "sha256": hashlib.sha256(data).hexdigest()}
    (directory / "manifest.json").write_text(json.dumps(manifest))


def write_sample(directory: Path, names: set[str]) -> frozenset[str]:
    """A dataset of just the named towns, cut from the shipped files: real rows, instant to read."""
    with (DATA_DIR / "municipalities.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    name_column = rows[0].index("name")
    kept = [rows[0]] + [row for row in rows[1:] if row[name_column] in names]
    keys = frozenset(row[0] for row in kept[1:])
    with (directory / "municipalities.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(kept)
    with (DATA_DIR / "indicator_values.csv").open(encoding="utf-8") as source:
        lines = source.readlines()
    (directory / "indicator_values.csv").write_text(
        lines[0] + "".join(line for line in lines[1:] if line.split(",", 1)[0] in keys), encoding="utf-8"
    )
    # The twinnings among the sample's towns, and with partner places.
    with (DATA_DIR / "twinnings.csv").open(encoding="utf-8") as source:
        lines = source.readlines()
    (directory / "twinnings.csv").write_text(
        lines[0] + "".join(line for line in lines[1:] if {*line.split(",", 2)[:2]} - {""} <= keys),
        encoding="utf-8",
    )
    (directory / "manifest.json").write_text("{}")
    reseal(directory)
    return keys
