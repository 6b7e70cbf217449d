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
from typing import TYPE_CHECKING

from austausch.registry.models import Municipality

# numpy is imported where a map is drawn, not when the module loads: every command loads the views.
if TYPE_CHECKING:
    import numpy as np

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
def _registry_points() -> np.ndarray:
    """Every registry town's latitude and longitude, read once per process (two columns of ~31,000 rows)."""
    import numpy as np

    points = Municipality.objects.filter(latitude__isnull=False, longitude__isnull=False).values_list(
        "latitude", "longitude"
    )
    return np.array(list(points), dtype=float).reshape(-1, 2)


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

    backdrop = _backdrop(south, north, west, east, cosine, scale)
    return PartnerMap(
        width=width,
        height=height,
        town=MapPoint(name, *project(latitude, longitude), status="active"),
        partners=[MapPoint(partner[0], *project(partner[1], partner[2]), status=partner[3]) for partner in located],
        backdrop=backdrop,
        graticule=_graticule(south, north, west, east, project, width, height),
    )


def _backdrop(south: float, north: float, west: float, east: float, cosine: float, scale: float) -> str:
    """The registry's towns within the frame, one dot per occupied 3-pixel cell (numpy: a loop over every
    town took 60 to 100 ms a page)."""
    import numpy as np

    points = _registry_points()
    inside = points[(points[:, 0] >= south) & (points[:, 0] <= north) & (points[:, 1] >= west) & (points[:, 1] <= east)]
    x = MARGIN + (inside[:, 1] - west) * cosine * scale
    y = MARGIN + (north - inside[:, 0]) * scale
    # Each cell as one integer (column × 4096 + row): a sort of plain integers, not of rows.
    cells = np.unique(np.round(x / 3).astype(np.int64) * 4096 + np.round(y / 3).astype(np.int64))
    return "".join(f"M{column * 3} {row * 3}h0" for column, row in zip(*divmod(cells, 4096), strict=True))


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
