"""`austausch demo`: the seed programmes, loaded once; a second run changes nothing and says so."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.management import CommandError
from django.test import Client

from austausch.audit.models import AuditEntry
from austausch.programmes.models import Cost, Meeting, Network, Programme


def test_the_demo_loads_the_seed_programmes_once(demo_towns: None, run_demo: Callable[[], str], client: Client) -> None:
    assert "Demo loaded" in run_demo()
    assert set(Programme.objects.values_list("slug", flat=True)) == {
        "transatlantic-cities-of-tomorrow",
        "kleinstadtakademie",
        "innovators-club",
    }
    visit = Meeting.objects.get(title__startswith="Studienreise nach Philadelphia")
    assert sorted(visit.host_municipalities.values_list("name", flat=True)) == [
        "Jersey City", "Newark", "Philadelphia", "Princeton", "Trenton"
    ]  # fmt: skip
    assert sorted(visit.delegations.values_list("municipality__name", flat=True)) == ["Hamburg", "Rostock", "Schwerin"]
    network = Network.objects.get(name="Digitale Arbeitswelten")
    assert network.memberships.get(is_lead=True).municipality.name == "Wittenberge"
    assert network.memberships.count() == 5
    assert Cost.objects.get(municipality__name="Halle (Saale)").municipality_share == 0
    presentation = Meeting.objects.get(title__startswith="Smart City in der sozialen Stadt")
    assert not presentation.registration_open and presentation.programme is None

    entries = AuditEntry.objects.count()
    assert run_demo().strip() == "Nothing to change: the demo is already loaded."
    assert AuditEntry.objects.count() == entries

    history = " ".join(client.get("/en/municipalities/DE-15002000/").content.decode().split())
    assert "visited Charlotte, Knoxville, Nashville with Leipzig, Magdeburg" in history
    assert (
        "Halle (Saale) pays nothing" in client.get("/en/programmes/transatlantic-cities-of-tomorrow/").content.decode()
    )


def test_the_demo_says_when_the_registry_is_missing(db: None, run_demo: Callable[[], str]) -> None:
    with pytest.raises(CommandError, match="registry import"):
        run_demo()
    assert not Programme.objects.exists()


def test_a_second_run_brings_earlier_demo_texts_up_to_date(demo_towns: None, run_demo: Callable[[], str]) -> None:
    run_demo()
    # As an earlier version of the demo left it: a note to ourselves inside the public text, in German only.
    Meeting.objects.filter(title__startswith="Gegenbesuch").update(
        description_de="Annahme für die Demo: Dezember.", description_en=""
    )
    output = run_demo()
    assert "1 meetings refreshed" in output
    meeting = Meeting.objects.get(title__startswith="Gegenbesuch")
    assert meeting.description_de == "" and "ergänzt" in meeting.assumption_note_de
    assert AuditEntry.objects.filter(action="demo.record.refreshed", target_id=str(meeting.pk)).exists()
