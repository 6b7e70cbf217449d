"""The network of towns: linked by shared meetings (hosts and delegations) and by networks.

Plain data in, plain data out (networkx inside), so it can be tested and benchmarked alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

SEED = 7  # a fixed seed: the same data always gives the same picture


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
    first_name: str = ""
    second_name: str = ""

    @property
    def weight(self) -> int:
        return len(self.meetings) + len(self.networks)


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
    width: int
    height: int


def build_graph(meetings: list[MeetingTowns], networks: list[NetworkTowns]) -> nx.Graph:
    """Towns as nodes; an edge for each pair that met at a meeting or share a network, with the reasons."""
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
    return graph


def _tie(graph: nx.Graph, first: str, second: str) -> Tie:
    if not graph.has_edge(first, second):
        low, high = sorted((first, second))
        graph.add_edge(first, second, tie=Tie(low, high))
    tie: Tie = graph.edges[first, second]["tie"]
    return tie


def draw(graph: nx.Graph, names: dict[str, str], *, width: int = 720, height: int = 520) -> Drawing:
    """Positions for an SVG: a spring layout with a fixed seed, scaled into the picture with room for labels."""
    if graph.number_of_nodes() == 0:
        return Drawing(nodes=[], edges=[], ties=[], width=width, height=height)
    positions = nx.spring_layout(graph, seed=SEED, k=1.6 / max(graph.number_of_nodes(), 1) ** 0.5, iterations=80)
    margin_x, margin_y = 130, 30
    xs = [float(point[0]) for point in positions.values()]
    ys = [float(point[1]) for point in positions.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0

    def scale(key: str) -> tuple[float, float]:
        x, y = positions[key]
        return (
            round(margin_x + (float(x) - min(xs)) / span_x * (width - 2 * margin_x), 1),
            round(margin_y + (float(y) - min(ys)) / span_y * (height - 2 * margin_y), 1),
        )

    points = {key: scale(key) for key in graph.nodes}
    centre = width / 2
    nodes = []
    for key in sorted(graph.nodes, key=lambda key: names.get(key, key)):
        x, y = points[key]
        right = x >= centre
        nodes.append(
            Node(
                key=key,
                name=names.get(key, key),
                x=x,
                y=y,
                degree=graph.degree[key],
                anchor="start" if right else "end",
                label_x=round(x + 9 if right else x - 9, 1),
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
    return Drawing(nodes=nodes, edges=edges, ties=ties, width=width, height=height)
