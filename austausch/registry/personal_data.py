"""The registry holds no personal data: official statistics about places, and the places abroad twinned with them."""

from __future__ import annotations

from austausch.lib.personal_data import not_personal
from austausch.registry.models import Municipality, PartnerPlace

not_personal(Municipality, reason="The official, searchable names of a municipality.")
not_personal(PartnerPlace, reason="The official name of a place abroad that a town is twinned with.")
