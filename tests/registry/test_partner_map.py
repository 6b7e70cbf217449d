from __future__ import annotations

from pathlib import Path

from austausch.registry.partner_map import MAX_HEIGHT, MIN_HEIGHT, partner_map


def test_every_partner_lies_inside_the_picture_and_keeps_its_status(twinnings: Path) -> None:
    drawn = partner_map(
        ("Halle (Saale)", 51.48, 11.97),
        [
            ("Savannah", 32.03, -81.18, "active"),
            ("Jiaxing", 30.77, 120.75, "dormant"),
            ("Nowhere", None, None, "active"),
        ],
    )
    assert drawn is not None
    assert MIN_HEIGHT <= drawn.height <= MAX_HEIGHT
    points = [drawn.town, *drawn.partners]
    assert all(0 <= point.x <= drawn.width and 0 <= point.y <= drawn.height for point in points)
    assert [(partner.name, partner.status) for partner in drawn.partners] == [
        ("Savannah", "active"),
        ("Jiaxing", "dormant"),
    ]
    assert drawn.partners[0].x < drawn.town.x < drawn.partners[1].x  # west to east
    assert drawn.backdrop.startswith("M") and drawn.graticule  # the registry's towns and the lines behind


def test_no_map_without_coordinates(twinnings: Path) -> None:
    assert partner_map(("Halle (Saale)", None, None), [("Linz", 48.3, 14.28, "active")]) is None
    assert partner_map(("Halle (Saale)", 51.48, 11.97), [("Nowhere", None, None, "active")]) is None
