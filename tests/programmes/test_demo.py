"""`austausch demo`: the seed programmes, loaded once; a second run changes nothing and says so."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from austausch.audit.models import AuditEntry
from austausch.programmes.models import Cost, Meeting, Network, Programme
from tests.registry.datasets import write_sample

DEMO_TOWN_NAMES = {
    "Hamburg", "Schwerin", "Rostock", "Darmstadt", "Dortmund", "Halle (Saale)", "Heidelberg", "Leipzig",
    "Magdeburg", "Mainz", "Stuttgart", "Wittenberge", "Mölln", "Dießen am Ammersee", "Oestrich-Winkel",
    "Dippoldiswalde", "Berlin", "Philadelphia", "Trenton", "Princeton", "Newark", "Jersey City", "New York",
    "Charlotte", "Knoxville", "Nashville",
}  # fmt: skip


@pytest.fixture
def demo_towns(db: None, tmp_path: Path) -> None:
    from austausch.registry.services import import_registry

    write_sample(tmp_path, DEMO_TOWN_NAMES)
    import_registry(directory=tmp_path)


def run_demo() -> str:
    output = StringIO()
    call_command("demo", stdout=output)
    return output.getvalue()


def test_the_demo_loads_the_seed_programmes_once(demo_towns: None, client: Client) -> None:
    assert "Demo loaded" in run_demo()
    assert set(Programme.objects.values_list("slug", flat=True)) == {
        "transatlantic-cities-of-tomorrow",
        "kleinstadtakademie",
        "innovators-club",
    }
    visit = Meeting.objects.get(title__startswith="Studienreise nach Philadelphia")
    assert sorted(visit.host_towns.values_list("name", flat=True)) == [
        "Jersey City", "Newark", "Philadelphia", "Princeton", "Trenton"
    ]  # fmt: skip
    assert sorted(visit.delegations.values_list("municipality__name", flat=True)) == ["Hamburg", "Rostock", "Schwerin"]
    network = Network.objects.get(name="Digitale Arbeitswelten")
    assert network.memberships.get(is_lead=True).municipality.name == "Wittenberge"
    assert network.memberships.count() == 5
    assert Cost.objects.get(town__name="Halle (Saale)").town_share == 0
    presentation = Meeting.objects.get(title__startswith="Smart City in der sozialen Stadt")
    assert presentation.registration_open and presentation.programme is None

    entries = AuditEntry.objects.count()
    assert run_demo().strip() == "Nothing to change: the demo is already loaded."
    assert AuditEntry.objects.count() == entries

    history = " ".join(client.get("/en/municipalities/DE-15002000/").content.decode().split())
    assert "visited Charlotte, Knoxville, Nashville with Leipzig, Magdeburg" in history
    assert (
        "Halle (Saale) pays nothing" in client.get("/en/programmes/transatlantic-cities-of-tomorrow/").content.decode()
    )


def test_the_demo_says_when_the_registry_is_missing(db: None) -> None:
    with pytest.raises(CommandError, match="registry import"):
        run_demo()
    assert not Programme.objects.exists()
