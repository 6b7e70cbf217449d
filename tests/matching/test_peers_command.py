"""`austausch peers` on the database: real sample towns, topic experience from practices, ties from networks."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from austausch.programmes.models import Network, NetworkMembership
from austausch.registry.models import Municipality


def peers(*arguments: str) -> dict:
    out = io.StringIO()
    call_command("peers", *arguments, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_peers_are_ranked_with_their_factors(registry_sample: frozenset[str]) -> None:
    document = peers("Wittenberge", "--limit", "5")
    assert document["municipality"] == "DE-12070424"
    keys = [peer["key"] for peer in document["peers"]]
    assert "DE-12070424" not in keys
    assert all(key.startswith("DE-") for key in keys)  # same country by default
    scores = [peer["score"] for peer in document["peers"]]
    assert scores == sorted(scores, reverse=True)
    first = document["peers"][0]
    assert {"key", "name", "country", "state", "population", "score", "contributions"} <= set(first)
    assert abs(sum(first["contributions"].values()) - first["score"]) < 1e-3


def test_preferring_ties_puts_network_partners_first(registry_sample: frozenset[str]) -> None:
    network = Network.objects.create(name="Digitale Arbeitswelten", topic="Digitale Arbeitswelten")
    lead = Municipality.objects.get(key="DE-12070424")
    NetworkMembership.objects.create(network=network, municipality=lead, is_lead=True)
    partner = Municipality.objects.get(name="Dippoldiswalde")
    NetworkMembership.objects.create(network=network, municipality=partner)
    document = peers("DE-12070424", "--ties", "prefer", "--ties-weight", "10")
    assert document["peers"][0]["key"] == partner.key
    assert document["peers"][0]["contributions"]["ties"] == 10.0


def test_other_country_finds_us_places(registry_sample: frozenset[str]) -> None:
    document = peers("DE-15002000", "--country", "other", "--limit", "3")
    assert all(peer["country"] == "US" for peer in document["peers"])


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["Halle"], "give the key of one"),
        (["Atlantis"], "No town matches"),
        (["DE-12070424", "--limit", "0"], "--limit"),
        (["DE-12070424", "--topic", "no-such-topic"], "no topic"),
        (["DE-12070424", "--population-weight", "-1"], "weight"),
    ],
)
def test_bad_input_exits_2_with_a_message(registry_sample: frozenset[str], arguments: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message) as raised:
        call_command("peers", *arguments)
    assert raised.value.returncode == 2


def test_the_command_takes_the_page_s_filters_and_reports_what_it_used(registry_sample: frozenset[str]) -> None:
    document = peers("DE-12070424", "--states", "BY", "--states", "HE", "--population-max", "50000", "--limit", "3")
    assert {peer["state"] for peer in document["peers"]} <= {"Bayern", "Hessen"}
    assert all(peer["population"] <= 50_000 for peer in document["peers"])
    assert document["preferences"]["states"] == ["BY", "HE"]
    assert document["preferences"]["limit"] == 3
    assert peers("DE-12070424")["preferences"]["limit"] == 10  # the command's own default


def test_a_bad_filter_names_its_option(registry_sample: frozenset[str]) -> None:
    with pytest.raises(CommandError, match=r"--population-max: The upper bound is below the lower one\.") as raised:
        call_command("peers", "DE-12070424", "--population-min", "5000", "--population-max", "10")
    assert raised.value.returncode == 2
