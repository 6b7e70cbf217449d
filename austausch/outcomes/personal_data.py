"""What outcomes keep about a person: the commitments, updates and transfers recorded under their account.

Outcomes hold no name, address or number of their own; a commitment's owner is an office or an organisation.
"""

from __future__ import annotations

from austausch.lib.personal_data import linked_records, register
from austausch.outcomes.models import Commitment, CommitmentUpdate, Transfer

register(linked_records("commitments_recorded", Commitment, "created_by"))
register(linked_records("commitment_updates_written", CommitmentUpdate, "author"))
register(linked_records("transfers_recorded", Transfer, "created_by"))
