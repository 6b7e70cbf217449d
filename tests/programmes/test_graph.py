"""The town graph alone, with plain data."""

from __future__ import annotations

import math
import os
import subprocess
import sys

from austausch.programmes.graph import MeetingTowns, NetworkTowns, build_graph, draw, label_box


def test_towns_at_a_meeting_are_tied_and_a_network_ties_its_lead_to_each_partner() -> None:
    graph = build_graph(
        [MeetingTowns("Visit", ["A", "B", "C"]), MeetingTowns("Return", ["A", "B"])],
        [NetworkTowns("Net", lead="W", members=["W", "M", "D"])],
    )
    assert graph.edges["A", "B"]["tie"].meetings == ["Visit", "Return"]
    assert graph.has_edge("W", "M") and graph.has_edge("W", "D") and not graph.has_edge("M", "D")


def test_the_drawing_is_the_same_every_time_and_fits_the_picture() -> None:
    graph = build_graph([MeetingTowns("Visit", ["A", "B", "C"])], [NetworkTowns("Net", None, ["C", "D"])])
    first, second = draw(graph, {"A": "Aachen"}), draw(graph, {"A": "Aachen"})
    assert first == second
    assert all(0 <= node.x <= first.width and 0 <= node.y <= first.height for node in first.nodes)
    assert first.ties[0].weight == 1 and {node.name for node in first.nodes} == {"Aachen", "B", "C", "D"}


def test_an_empty_graph_draws_nothing() -> None:
    assert draw(build_graph([], []), {}).nodes == []


# The demo's towns and ties (austausch demo), by name: four groups that share no town.
DEMO_MEETINGS = [
    MeetingTowns("Charlotte", ["Charlotte", "Nashville", "Halle (Saale)", "Magdeburg", "Leipzig", "Knoxville"]),
    MeetingTowns("Halle", ["Halle (Saale)"]),
    MeetingTowns(
        "Philadelphia",
        ["Princeton", "Trenton", "Hamburg", "Philadelphia", "Rostock", "Schwerin", "Jersey City", "Newark"],
    ),
    MeetingTowns(
        "Return", ["Princeton", "Trenton", "Hamburg", "Philadelphia", "Rostock", "Schwerin", "Jersey City", "Newark"]
    ),
    MeetingTowns("New York", ["Halle (Saale)", "New York"]),
    MeetingTowns("Wittenberge", ["Oestrich-Winkel", "Wittenberge", "Mölln", "Dippoldiswalde", "Dießen am Ammersee"]),
    MeetingTowns("Darmstadt", ["Darmstadt"]),
    MeetingTowns("Berlin", ["Berlin"]),
]
DEMO_NETWORKS = [
    NetworkTowns(
        "Rounds 1–3",
        None,
        ["Darmstadt", "Dortmund", "Halle (Saale)", "Heidelberg", "Leipzig", "Magdeburg", "Mainz", "Stuttgart"],
    ),
    NetworkTowns(
        "Digitale Arbeitswelten",
        "Wittenberge",
        ["Wittenberge", "Mölln", "Dießen am Ammersee", "Oestrich-Winkel", "Dippoldiswalde"],
    ),
]


def test_the_demo_graph_keeps_towns_apart_and_labels_clear_of_each_other() -> None:
    graph = build_graph(DEMO_MEETINGS, DEMO_NETWORKS)
    drawing = draw(graph, {})
    assert len(drawing.nodes) == 26
    for index, first in enumerate(drawing.nodes):
        for second in drawing.nodes[index + 1 :]:
            assert math.dist((first.x, first.y), (second.x, second.y)) >= 16, (first.name, second.name)
            one = label_box(first.x, first.y, first.name, first.anchor)
            other = label_box(second.x, second.y, second.name, second.anchor)
            apart = one[2] <= other[0] or other[2] <= one[0] or one[3] <= other[1] or other[3] <= one[1]
            assert apart, (first.name, second.name)
    assert all(0 <= node.x <= drawing.width and 0 <= node.y <= drawing.height for node in drawing.nodes)
    assert all(
        box[0] >= 0 and box[2] <= drawing.width
        for box in (label_box(node.x, node.y, node.name, node.anchor) for node in drawing.nodes)
    )


def test_groups_that_share_no_town_are_drawn_apart() -> None:
    drawing = draw(build_graph(DEMO_MEETINGS, DEMO_NETWORKS), {})
    position = {node.name: (node.x, node.y) for node in drawing.nodes}
    hamburg_group = ["Hamburg", "Philadelphia", "Trenton", "Schwerin"]
    wittenberge_group = ["Wittenberge", "Mölln", "Dippoldiswalde"]
    closest = min(math.dist(position[a], position[b]) for a in hamburg_group for b in wittenberge_group)
    assert closest > 60
    assert drawing.display_width <= 960


def test_a_large_group_is_laid_out_as_a_spring_and_still_keeps_labels_apart() -> None:
    towns = [f"Town {number}" for number in range(30)]
    graph = build_graph(
        [MeetingTowns(f"M{n}", [towns[n], towns[(n + 1) % 30], towns[(n * 7) % 30]]) for n in range(30)], []
    )
    drawing = draw(graph, {})
    boxes = [label_box(node.x, node.y, node.name, node.anchor) for node in drawing.nodes]
    for index, one in enumerate(boxes):
        for other in boxes[index + 1 :]:
            assert one[2] <= other[0] or other[2] <= one[0] or one[3] <= other[1] or other[3] <= one[1]


def test_the_picture_is_the_same_in_every_process() -> None:
    """Python orders sets of strings differently in each process; the picture must not follow."""
    script = (
        "from austausch.programmes.graph import build_graph, draw\n"
        "from tests.programmes.test_graph import DEMO_MEETINGS, DEMO_NETWORKS\n"
        "print([(n.name, n.x, n.y) for n in draw(build_graph(DEMO_MEETINGS, DEMO_NETWORKS), {}).nodes])\n"
    )
    pictures = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3, 4)
    }
    assert len(pictures) == 1
