"""Labels of the outcome records in German: a commitment's state is its progress, not a federal state."""

from __future__ import annotations

from django.utils import translation

from austausch.outcomes.forms import TransferForm
from austausch.outcomes.models import Commitment, Transfer


def test_the_state_of_a_commitment_or_transfer_reads_as_progress_in_german() -> None:
    with translation.override("de"):
        assert str(Commitment._meta.get_field("state").verbose_name) == "Stand"
        assert str(Transfer._meta.get_field("state").verbose_name) == "Stand"
        assert "Bundesland" not in str(TransferForm.base_fields["state"].label)
    with translation.override("en"):
        assert str(Commitment._meta.get_field("state").verbose_name) == "state"
