"""`austausch demo` fills the "what came of it" pages of the seed programmes, once."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from austausch.audit.models import AuditEntry
from austausch.outcomes.models import Commitment, CommitmentState, CommitmentUpdate, Transfer


def test_the_demo_adds_commitments_updates_and_a_transfer_once(
    demo_towns: None, run_demo: Callable[[], str], client: Client
) -> None:
    output = run_demo()
    assert "6 commitments" in output and "1 transfers" in output
    e_file = Commitment.objects.get(title__contains="(E-Akte) im Gesundheitsamt")
    assert e_file.municipality.name == "Halle (Saale)" and e_file.meeting is not None
    assert e_file.meeting.starts_on.year == 2019 and e_file.programme.slug == "transatlantic-cities-of-tomorrow"
    assert e_file.is_overdue
    assert Commitment.objects.filter(state=CommitmentState.DONE).count() == 1
    transfer = Transfer.objects.get()
    assert (transfer.municipality.name, transfer.origin_municipality.name) == ("Mölln", "Wittenberge")

    page = client.get("/en/outcomes/programmes/transatlantic-cities-of-tomorrow/").content.decode()
    assert "3 commitments from this programme: 1 done, 1 planned, 1 overdue" in page
    assert "pays nothing" in page
    town = client.get("/de/outcomes/towns/DE-15002000/").content.decode()
    assert "(E-Akte) im Gesundheitsamt" in town and "überfällig" in town

    counts = (Commitment.objects.count(), CommitmentUpdate.objects.count(), AuditEntry.objects.count())
    assert run_demo().strip() == "Nothing to change: the demo is already loaded."
    assert (Commitment.objects.count(), CommitmentUpdate.objects.count(), AuditEntry.objects.count()) == counts
