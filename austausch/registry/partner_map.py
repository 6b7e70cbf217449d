"""A small map of a town and its partners, drawn without a tile server, as the locator map is.

The backdrop is the registry itself: every German and US town within the frame as a dot, which
draws Germany and the USA where the frame takes them in, and a graticule elsewhere. Projection is
equirectangular, scaled by the cosine of the frame's middle latitude.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from austausch.registry.models import Municipality

WIDTH = 400
MIN_HEIGHT = 200
MAX_HEIGHT = 400
MARGIN = 12
MIN_SPAN_DEGREES = 2.0


@dataclass(frozen=True)
class MapPoint:
    name: str
    x: float
    y: float
    status: str


@dataclass(frozen=True)
class PartnerMap:
    width: int
    height: int
    town: MapPoint
    partners: list[MapPoint]
    backdrop: str  # SVG path data: one dot per occupied 3-pixel cell
    graticule: str  # SVG path data: meridians and parallels


@lru_cache(maxsize=1)
def _registry_points() -> tuple[tuple[float, float], ...]:
    return tuple(
        Municipality.objects.filter(latitude__isnull=False, longitude__isnull=False).values_list(  # type: ignore[arg-type]
            "latitude", "longitude"
        )
    )


def partner_map(
    town: tuple[str, float | None, float | None], partners: list[tuple[str, float | None, float | None, str]]
) -> PartnerMap | None:
    """`town` is (name, latitude, longitude); each partner (name, latitude, longitude, status). None without
    the town's coordinates or without a partner that has coordinates."""
    name, latitude, longitude = town
    located = [
        (partner_name, partner_latitude, partner_longitude, status)
        for partner_name, partner_latitude, partner_longitude, status in partners
        if partner_latitude is not None and partner_longitude is not None
    ]
    if latitude is None or longitude is None or not located:
        return None
    latitudes = [latitude, *(partner[1] for partner in located)]
    longitudes = [longitude, *(partner[2] for partner in located)]
    south, north = min(latitudes), max(latitudes)
    west, east = min(longitudes), max(longitudes)
    if north - south < MIN_SPAN_DEGREES:
        south, north = south - MIN_SPAN_DEGREES / 2, north + MIN_SPAN_DEGREES / 2
    if east - west < MIN_SPAN_DEGREES:
        west, east = west - MIN_SPAN_DEGREES / 2, east + MIN_SPAN_DEGREES / 2
    cosine = max(math.cos(math.radians((north + south) / 2)), 0.2)
    scale = (WIDTH - 2 * MARGIN) / max((east - west) * cosine, (north - south) * cosine)
    # A frame wider than high is padded to the least height; a tall one is held to the most.
    height = round((north - south) * scale) + 2 * MARGIN
    if height < MIN_HEIGHT:
        pad = (MIN_HEIGHT - height) / scale / 2
        south, north = south - pad, north + pad
        height = MIN_HEIGHT
    elif height > MAX_HEIGHT:
        scale = (MAX_HEIGHT - 2 * MARGIN) / (north - south)
        height = MAX_HEIGHT
    width = round((east - west) * cosine * scale) + 2 * MARGIN
    width = max(width, MIN_HEIGHT)

    def project(point_latitude: float, point_longitude: float) -> tuple[float, float]:
        x = MARGIN + (point_longitude - west) * cosine * scale
        y = MARGIN + (north - point_latitude) * scale
        return round(x, 1), round(y, 1)

    cells = set()
    for point_latitude, point_longitude in _registry_points():
        if south <= point_latitude <= north and west <= point_longitude <= east:
            x, y = project(point_latitude, point_longitude)
            cells.add((round(x / 3) * 3, round(y / 3) * 3))
    backdrop = "".join(f"M{x} {y}h0" for x, y in sorted(cells))
    return PartnerMap(
        width=width,
        height=height,
        town=MapPoint(name, *project(latitude, longitude), status="active"),
        partners=[MapPoint(partner[0], *project(partner[1], partner[2]), status=partner[3]) for partner in located],
        backdrop=backdrop,
        graticule=_graticule(south, north, west, east, project, width, height),
    )


def _graticule(
    south: float,
    north: float,
    west: float,
    east: float,
    project: Callable[[float, float], tuple[float, float]],
    width: int,
    height: int,
) -> str:
    span = max(north - south, east - west)
    step = 30 if span > 60 else 10 if span > 20 else 5 if span > 8 else 1
    lines = []
    for meridian in range(math.ceil(west / step) * step, math.floor(east / step) * step + 1, step):
        x, _ = project(north, meridian)
        lines.append(f"M{x} 0V{height}")
    for parallel in range(math.ceil(south / step) * step, math.floor(north / step) * step + 1, step):
        _, y = project(parallel, west)
        lines.append(f"M0 {y}H{width}")
    return "".join(lines)
