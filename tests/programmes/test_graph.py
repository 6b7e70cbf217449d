"""The town graph alone, with plain data."""

from __future__ import annotations

from austausch.programmes.graph import MeetingTowns, NetworkTowns, build_graph, draw


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
