"""A small locator map without a tile server: the state drawn as the dots of all its towns.

The outline of a state emerges from where its towns are, which is all a locator needs and
needs no boundary data. Projection is equirectangular, scaled by the cosine of the latitude.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from austausch.registry.models import Municipality

WIDTH = 320
MARGIN = 8
MIN_SPAN_DEGREES = 0.3


@dataclass(frozen=True)
class StateMap:
    width: int
    height: int
    west: float
    north: float
    scale: float
    cosine: float
    dots: str

    def project(self, latitude: float, longitude: float) -> tuple[float, float]:
        x = MARGIN + (longitude - self.west) * self.cosine * self.scale
        y = MARGIN + (self.north - latitude) * self.scale
        return round(x, 1), round(y, 1)


@lru_cache(maxsize=128)
def state_map(country: str, state_code: str) -> StateMap | None:
    points: list[tuple[float, float]] = list(
        Municipality.objects.filter(  # type: ignore[arg-type]
            country=country, state_code=state_code, latitude__isnull=False, longitude__isnull=False
        ).values_list("latitude", "longitude")
    )
    if not points:
        return None
    latitudes = [latitude for latitude, _ in points]
    longitudes = [longitude for _, longitude in points]
    south, north = min(latitudes), max(latitudes)
    west, east = min(longitudes), max(longitudes)
    if north - south < MIN_SPAN_DEGREES:
        south, north = south - MIN_SPAN_DEGREES / 2, north + MIN_SPAN_DEGREES / 2
    if east - west < MIN_SPAN_DEGREES:
        west, east = west - MIN_SPAN_DEGREES / 2, east + MIN_SPAN_DEGREES / 2
    cosine = math.cos(math.radians((north + south) / 2))
    scale = (WIDTH - 2 * MARGIN) / max((east - west) * cosine, (north - south))
    height = round((north - south) * scale) + 2 * MARGIN
    width = round((east - west) * cosine * scale) + 2 * MARGIN
    partial = StateMap(width=width, height=height, west=west, north=north, scale=scale, cosine=cosine, dots="")
    # One dot per 2-pixel cell: thousands of towns shrink to a few hundred path segments.
    cells = sorted({tuple(round(coordinate / 2) * 2 for coordinate in partial.project(*point)) for point in points})
    dots = "".join(f"M{x} {y}h0" for x, y in cells)
    return StateMap(width=width, height=height, west=west, north=north, scale=scale, cosine=cosine, dots=dots)


def state_svg(state: StateMap) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {state.width} {state.height}" '
        f'width="{state.width}" height="{state.height}">'
        f'<path d="{state.dots}" stroke="#8a94a6" stroke-width="3" stroke-linecap="round" fill="none"/></svg>'
    )
