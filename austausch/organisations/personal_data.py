"""Organisations hold no personal data: their editors are roles of accounts (see accounts)."""

from __future__ import annotations

from austausch.lib.personal_data import not_personal
from austausch.organisations.models import Organisation

not_personal(Organisation, reason="The name of a town administration, company, association or other body.")
