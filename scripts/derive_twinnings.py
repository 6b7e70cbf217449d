"""Derive the twinnings dataset that Austausch ships from the Wikidata extract in ../shared/data/twinning.

    python scripts/derive_twinnings.py [--source ../shared/data/twinning] [--out austausch/registry/data]

Reads twinnings.csv (pairs from Wikidata P190, CC0; see its README) and the registry's own
municipalities.csv, and writes twinnings.csv beside the registry files, with its row count and
checksum added to manifest.json. Each pair becomes one tie of a registry town: the other side is a
registry town where it is one (a German side by its AGS, a US side by its name within 30 km of a US
place of the registry), otherwise a partner place (abroad, or a German district or county) with its
name, country, Wikidata id and coordinates. Pairs with no registry town on either side are left out.
The output is deterministic: the same input gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from austausch.registry.dataset import fold
from austausch.registry.twinning_data import TWINNING_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "Wikidata P190 (2017)"
# A US side is a registry place of the same name whose centre lies this close (Wikidata's and SimpleMaps'
# centres of one city differ by a few kilometres; two places of one name are rarely this close).
US_MATCH_KM = 30.0


def kilometres(first: tuple[float, float], second: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, point)) for point in (first, second))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def load_registry(path: Path) -> tuple[set[str], dict[str, list[tuple[str, float, float]]]]:
    """Every key, and the US places by folded name with their coordinates."""
    keys: set[str] = set()
    us_places: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            keys.add(row["key"])
            if row["country"] == "US" and row["latitude"]:
                us_places[fold(row["name"])].append((row["key"], float(row["latitude"]), float(row["longitude"])))
    return keys, us_places


def registry_key(side: dict[str, str], keys: set[str], us_places: dict[str, list[tuple[str, float, float]]]) -> str:
    if side["country"] == "DE" and side["ags"] and f"DE-{side['ags']}" in keys:
        return f"DE-{side['ags']}"
    if side["country"] == "US" and side["lat"]:
        point = (float(side["lat"]), float(side["lon"]))
        # Wikidata spells out what the Census abbreviates: Saint Paul is St. Paul in the registry.
        names = {fold(side["name"]), fold(side["name"].replace("Saint ", "St. "))}
        near = [
            (kilometres(point, (latitude, longitude)), key)
            for name in sorted(names)
            for key, latitude, longitude in us_places.get(name, [])
            if kilometres(point, (latitude, longitude)) <= US_MATCH_KM
        ]
        if near:
            return min(near)[1]
    return ""


def derive(source: Path, out: Path) -> Counter[str]:
    keys, us_places = load_registry(out / "municipalities.csv")
    counts: Counter[str] = Counter()
    ties: dict[tuple[str, ...], list[str]] = {}
    with (source / "twinnings.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            a, b = ({column: row[f"{side}_{column}"] for column in ("name", "country", "qid", "ags", "lat", "lon")}
                    for side in ("a", "b"))  # fmt: skip
            a_key, b_key = registry_key(a, keys, us_places), registry_key(b, keys, us_places)
            if not a_key and not b_key:
                counts["left out: no registry town on either side"] += 1
                continue
            if a_key and b_key:
                if a_key == b_key:
                    counts["left out: both sides the same registry town"] += 1
                    continue
                town, partner = sorted((a_key, b_key))
                record = [town, partner, "", "", "", "", ""]
                counts["between two registry towns"] += 1
            else:
                town, other = (a_key, b) if a_key else (b_key, a)
                record = [town, "", other["name"], other["country"], other["qid"], other["lat"], other["lon"]]
                counts["with a partner place outside the registry"] += 1
            # As TwinningRecord.identity: two registry keys, or the town and the place's Wikidata id or name.
            identity = (town, partner) if record[1] else (town, record[4] or f"{record[3]}:{record[2]}")
            if identity in ties:
                counts["left out: the same tie twice"] += 1
                continue
            ties[identity] = [*record, "partnership", "", "active", SOURCE]
    rows = sorted(ties.values())
    target = out / "twinnings.csv"
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(TWINNING_COLUMNS)
        writer.writerows(rows)
    data = target.read_bytes()
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["twinnings.csv"] = {"rows": len(rows), "sha256": hashlib.sha256(data).hexdigest()}
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    counts["written"] = len(rows)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data" / "twinning")
    parser.add_argument("--out", type=Path, default=ROOT / "austausch" / "registry" / "data")
    options = parser.parse_args()
    for what, count in derive(options.source, options.out).items():
        print(f"{what}: {count:,}")


if __name__ == "__main__":
    main()
