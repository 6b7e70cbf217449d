"""The registry holds no personal data: official statistics about places."""

from __future__ import annotations

from austausch.lib.personal_data import not_personal
from austausch.registry.models import Municipality

not_personal(Municipality, reason="The official, searchable names of a municipality.")
