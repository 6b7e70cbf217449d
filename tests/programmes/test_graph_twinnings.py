"""Twinnings in the network of towns, beside shared meetings and networks."""

from __future__ import annotations

from austausch.programmes.graph import MeetingTowns, TwinTowns, build_graph, draw
from austausch.programmes.models import Meeting, Network, NetworkMembership
from austausch.programmes.pages import network_drawing
from austausch.registry.models import Municipality, Partnership


def test_twinned_towns_are_tied_and_the_twinning_adds_to_the_weight() -> None:
    graph = build_graph(
        [MeetingTowns("Visit", ["A", "B"])],
        [],
        [TwinTowns("A", "B", "active"), TwinTowns("C", "A", "dormant")],
    )
    assert graph.edges["A", "B"]["tie"].twinning == "active"
    assert graph.edges["A", "B"]["tie"].weight == 2
    assert graph.edges["A", "C"]["tie"].twinning == "dormant" and graph.edges["A", "C"]["tie"].meetings == []
    assert {tie.weight for tie in draw(graph, {}).ties} == {2, 1}


def test_the_drawing_counts_twinnings_among_the_programmes_towns_only(registry_sample: frozenset) -> None:
    wittenberge, darmstadt, schwerin, hamburg = (
        Municipality.objects.get(key=key) for key in ("DE-12070424", "DE-06411000", "DE-13004000", "DE-02000000")
    )
    network = Network.objects.create(name="Digitale Arbeitswelten", topic="Digitale Arbeitswelten")
    for town in (wittenberge, darmstadt, schwerin):
        NetworkMembership.objects.create(network=network, municipality=town)
    for first, second, status in ((darmstadt, wittenberge, "dormant"), (schwerin, hamburg, "active"),
                                  (darmstadt, schwerin, "ended")):  # fmt: skip
        low, high = sorted((first, second), key=lambda town: town.pk)
        Partnership.objects.create(municipality=low, partner_municipality=high, status=status)

    drawing = network_drawing(Meeting.objects.none(), Network.objects.filter(pk=network.pk))

    twinned = {(tie.first_name, tie.second_name): tie.twinning for tie in drawing.ties if tie.twinning}
    assert twinned == {("Darmstadt", "Wittenberge"): "dormant"}  # Hamburg took no part; an ended one is no tie
    assert "Hamburg" not in {node.name for node in drawing.nodes}
