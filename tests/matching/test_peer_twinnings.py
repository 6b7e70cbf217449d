"""Twinnings count as existing ties in the peer finder, beside shared programmes."""

from __future__ import annotations

from django.test import Client

from austausch.matching.algorithms.preferences import PeerPreferences, TiesPreference
from austausch.matching.peers import find_peers, twinned_towns
from austausch.registry.models import Municipality, Partnership
from tests.matching.test_peer_page import WITTENBERGE, ranking

DARMSTADT = "DE-06411000"


def twin(first: str, second: str, status: str = "active") -> Partnership:
    towns = sorted(Municipality.objects.filter(key__in=[first, second]), key=lambda town: town.pk)
    return Partnership.objects.create(municipality=towns[0], partner_municipality=towns[1], status=status)


def test_a_partner_town_is_a_tie_from_either_side(registry_sample: frozenset) -> None:
    twin(WITTENBERGE, DARMSTADT)
    darmstadt, wittenberge = (Municipality.objects.get(key=key) for key in (DARMSTADT, WITTENBERGE))
    assert twinned_towns(wittenberge) == {darmstadt.pk}
    assert twinned_towns(darmstadt) == {wittenberge.pk}


def test_an_ended_partnership_is_no_tie_but_a_dormant_one_is(registry_sample: frozenset) -> None:
    tie = twin(WITTENBERGE, DARMSTADT, status="ended")
    wittenberge = Municipality.objects.get(key=WITTENBERGE)
    assert twinned_towns(wittenberge) == set()
    Partnership.objects.filter(pk=tie.pk).update(status="dormant")
    assert len(twinned_towns(wittenberge)) == 1


def test_preferring_ties_puts_the_partner_town_first_and_says_why(client: Client, registry_sample: frozenset) -> None:
    twin(WITTENBERGE, DARMSTADT)
    _page, rows = ranking(client, "?ties=prefer&ties_weight=5")
    assert rows[0]["Town"] == "Darmstadt"
    assert "a partner town (twinning)" in rows[0]["Why here"]
    _page, rows = ranking(client, "?ties=avoid&ties_weight=5")
    assert rows[-1]["Town"] == "Darmstadt"

    peers = find_peers(
        Municipality.objects.get(key=WITTENBERGE), preferences=PeerPreferences(ties=TiesPreference.PREFER)
    )
    facts = {peer.municipality.key: peer.facts for peer in peers}
    assert facts[DARMSTADT] is not None and facts[DARMSTADT].twinned and facts[DARMSTADT].tied
    assert not any(fact and fact.twinned for key, fact in facts.items() if key != DARMSTADT)


def test_the_api_reports_twinned_peers(client: Client, registry_sample: frozenset) -> None:
    twin(WITTENBERGE, DARMSTADT)
    body = client.get(f"/api/v1/municipalities/{WITTENBERGE}/peers?ties=prefer&ties_weight=5").json()
    assert body["items"][0]["key"] == DARMSTADT
    assert body["items"][0]["facts"]["twinned"] is True
