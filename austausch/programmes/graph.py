"""The network of towns: linked by shared meetings (hosts and delegations), by networks and by twinnings.

Plain data in, plain data out (networkx inside), so it can be tested and benchmarked alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

# networkx takes a third of a second to import: the functions that build a graph import it, so that
# every command and worker does not pay for it at start-up.
if TYPE_CHECKING:
    import networkx as nx

SEED = 7  # a fixed seed: the same data always gives the same picture
CIRCLE_UP_TO = 10  # components up to this many towns sit on a circle; larger ones get a spring layout
DOT = 7  # a town's dot with its white ring, from its centre
LABEL_GAP = 9  # from a dot's centre to where its label starts
CHAR_WIDTH = 7.6  # a generous average width of a character at font-size 13, for the label boxes
LINE_HEIGHT = 16  # the height kept free for a label
CELL_GAP = 36  # between components
MAX_WIDTH = 960  # wider pictures are shown scaled down (the viewBox keeps their proportions)


@dataclass(frozen=True)
class MeetingTowns:
    title: str
    towns: list[str]  # keys


@dataclass(frozen=True)
class NetworkTowns:
    name: str
    lead: str | None
    members: list[str]


@dataclass
class Tie:
    first: str
    second: str
    meetings: list[str] = field(default_factory=list)
    networks: list[str] = field(default_factory=list)
    twinning: str = ""  # the partnership's status where the two towns are twinned
    first_name: str = ""
    second_name: str = ""

    @property
    def weight(self) -> int:
        return len(self.meetings) + len(self.networks) + (1 if self.twinning else 0)


@dataclass(frozen=True)
class Node:
    key: str
    name: str
    x: float
    y: float
    degree: int
    anchor: str  # where the label goes: "start" or "end"
    label_x: float


@dataclass(frozen=True)
class Edge:
    first: str
    second: str
    x1: float
    y1: float
    x2: float
    y2: float
    width: float


@dataclass(frozen=True)
class Drawing:
    nodes: list[Node]
    edges: list[Edge]
    ties: list[Tie]
    width: int  # of the viewBox
    height: int

    @property
    def display_width(self) -> int:
        return min(self.width, MAX_WIDTH)

    @property
    def display_height(self) -> int:
        return round(self.height * self.display_width / self.width)


@dataclass(frozen=True)
class TwinTowns:
    first: str
    second: str
    status: str  # active or dormant


def build_graph(
    meetings: list[MeetingTowns], networks: list[NetworkTowns], twinnings: list[TwinTowns] | None = None
) -> nx.Graph:
    """Towns as nodes; an edge for each pair that met at a meeting, share a network or are twinned, with the
    reasons."""
    import networkx as nx

    graph = nx.Graph()
    for meeting in meetings:
        towns = sorted(set(meeting.towns))
        graph.add_nodes_from(towns)
        for first, second in combinations(towns, 2):
            _tie(graph, first, second).meetings.append(meeting.title)
    for network in networks:
        members = sorted(set(network.members))
        graph.add_nodes_from(members)
        # A network ties its lead town to each partner; without a lead, every member to every other.
        pairs = (
            [(network.lead, town) for town in members if town != network.lead]
            if network.lead
            else list(combinations(members, 2))
        )
        for first, second in pairs:
            _tie(graph, first, second).networks.append(network.name)
    for twinning in twinnings or []:
        graph.add_nodes_from((twinning.first, twinning.second))
        _tie(graph, twinning.first, twinning.second).twinning = twinning.status
    return graph


def _tie(graph: nx.Graph, first: str, second: str) -> Tie:
    if not graph.has_edge(first, second):
        low, high = sorted((first, second))
        graph.add_edge(first, second, tie=Tie(low, high))
    tie: Tie = graph.edges[first, second]["tie"]
    return tie


def label_width(name: str) -> float:
    return len(name) * CHAR_WIDTH


def label_box(x: float, y: float, name: str, anchor: str) -> tuple[float, float, float, float]:
    """The area a town's dot and label take up: left, top, right, bottom."""
    if anchor == "start":
        return (x - DOT, y - LINE_HEIGHT / 2, x + LABEL_GAP + label_width(name), y + LINE_HEIGHT / 2)
    return (x - LABEL_GAP - label_width(name), y - LINE_HEIGHT / 2, x + DOT, y + LINE_HEIGHT / 2)


def _overlap(first: tuple[float, float, float, float], second: tuple[float, float, float, float]) -> float:
    """How far two boxes overlap vertically, if they overlap at all (0 if not)."""
    if first[2] <= second[0] or second[2] <= first[0] or first[3] <= second[1] or second[3] <= first[1]:
        return 0.0
    return min(first[3], second[3]) - max(first[1], second[1])


@dataclass
class _Placed:
    """One component laid out around its own origin, labels on the outer side."""

    points: dict[str, tuple[float, float]]
    anchors: dict[str, str]
    left: float = 0.0
    top: float = 0.0
    right: float = 0.0
    bottom: float = 0.0


def _layout_component(graph: nx.Graph, keys: list[str], names: dict[str, str]) -> _Placed:
    import networkx as nx

    count = len(keys)
    if count == 1:
        points = {keys[0]: (0.0, 0.0)}
    elif count <= CIRCLE_UP_TO:
        # Half a step off the vertical, so no two towns sit at the very top or bottom with labels side by side.
        radius = max(40.0, count * LINE_HEIGHT * 2.4 / (2 * math.pi))
        step = 2 * math.pi / count
        points = {
            key: (
                radius * math.cos(-math.pi / 2 + step * (i + 0.5)),
                radius * math.sin(-math.pi / 2 + step * (i + 0.5)),
            )
            for i, key in enumerate(keys)
        }
    else:
        # Nodes and edges in a fixed order: the spring layout depends on it, and queries do not promise one.
        subgraph = nx.Graph()
        subgraph.add_nodes_from(keys)
        subgraph.add_edges_from(sorted(tuple(sorted(edge)) for edge in graph.subgraph(keys).edges))
        radius = 48.0 * math.sqrt(count)
        layout = nx.spring_layout(subgraph, seed=SEED, k=2.0 / math.sqrt(count), iterations=100)
        points = {key: (float(layout[key][0]) * radius, float(layout[key][1]) * radius) for key in keys}
    anchors = {key: "start" if points[key][0] >= 0 else "end" for key in keys}
    points = _separate(points, anchors, names)
    boxes = [label_box(x, y, names.get(key, key), anchors[key]) for key, (x, y) in points.items()]
    return _Placed(
        points=points,
        anchors=anchors,
        left=min(box[0] for box in boxes),
        top=min(box[1] for box in boxes),
        right=max(box[2] for box in boxes),
        bottom=max(box[3] for box in boxes),
    )


def _separate(
    points: dict[str, tuple[float, float]], anchors: dict[str, str], names: dict[str, str]
) -> dict[str, tuple[float, float]]:
    """Push towns apart vertically until no dot or label covers another (or we give up after a while)."""
    positions = {key: [x, y] for key, (x, y) in points.items()}
    keys = sorted(positions, key=lambda key: (positions[key][1], key))
    for _round in range(200):
        moved = False
        for index, first in enumerate(keys):
            for second in keys[index + 1 :]:
                overlap = _overlap(
                    label_box(positions[first][0], positions[first][1], names.get(first, first), anchors[first]),
                    label_box(positions[second][0], positions[second][1], names.get(second, second), anchors[second]),
                )
                if overlap:
                    upper, lower = (first, second) if positions[first][1] <= positions[second][1] else (second, first)
                    positions[upper][1] -= overlap / 2 + 0.5
                    positions[lower][1] += overlap / 2 + 0.5
                    moved = True
        if not moved:
            break
    return {key: (x, y) for key, (x, y) in positions.items()}


def draw(graph: nx.Graph, names: dict[str, str], *, max_width: int = MAX_WIDTH) -> Drawing:
    """Positions for an SVG: each group of connected towns laid out on its own, the groups in rows.

    One spring layout for everything pushes unconnected groups to the edges, where they collapse
    into knots of overlapping labels; laid out apart, each group keeps its labels readable.
    """
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return Drawing(nodes=[], edges=[], ties=[], width=max_width, height=120)
    components = sorted(
        (sorted(component, key=lambda key: (names.get(key, key), key)) for component in nx.connected_components(graph)),
        key=lambda keys: (-len(keys), names.get(keys[0], keys[0])),
    )
    placed = [_layout_component(graph, keys, names) for keys in components]
    # Rows of cells, left to right, a new row when the next cell would pass the width.
    points: dict[str, tuple[float, float]] = {}
    anchors: dict[str, str] = {}
    x = y = row_height = 0.0
    width = 0.0
    for component in placed:
        cell_width, cell_height = component.right - component.left, component.bottom - component.top
        if x > 0 and x + cell_width > max_width - 2 * CELL_GAP / 2:
            x, y, row_height = 0.0, y + row_height + CELL_GAP, 0.0
        for key, (px, py) in component.points.items():
            points[key] = (
                round(CELL_GAP / 2 + x + px - component.left, 1),
                round(CELL_GAP / 2 + y + py - component.top, 1),
            )
        anchors.update(component.anchors)
        x += cell_width + CELL_GAP
        width = max(width, x)
        row_height = max(row_height, cell_height)
    height = y + row_height + CELL_GAP
    nodes = []
    for key in sorted(graph.nodes, key=lambda key: names.get(key, key)):
        px, py = points[key]
        right = anchors[key] == "start"
        nodes.append(
            Node(
                key=key,
                name=names.get(key, key),
                x=px,
                y=py,
                degree=graph.degree[key],
                anchor=anchors[key],
                label_x=round(px + LABEL_GAP if right else px - LABEL_GAP, 1),
            )
        )
    ties = sorted(
        (data["tie"] for _, _, data in graph.edges(data=True)),
        key=lambda tie: (-tie.weight, names.get(tie.first, tie.first), names.get(tie.second, tie.second)),
    )
    for tie in ties:
        tie.first_name, tie.second_name = names.get(tie.first, tie.first), names.get(tie.second, tie.second)
    edges = [
        Edge(
            first=tie.first,
            second=tie.second,
            x1=points[tie.first][0],
            y1=points[tie.first][1],
            x2=points[tie.second][0],
            y2=points[tie.second][1],
            width=min(1 + tie.weight, 6),
        )
        for tie in ties
    ]
    return Drawing(nodes=nodes, edges=edges, ties=ties, width=math.ceil(width), height=math.ceil(height))
