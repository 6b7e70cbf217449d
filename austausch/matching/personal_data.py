"""What matching keeps about a person: the network plans they wrote or accepted (their applicants are towns)."""

from __future__ import annotations

from austausch.lib.personal_data import linked_records, register
from austausch.matching.models import Plan

register(linked_records("network_plans", Plan, "author", "accepted_by"))
