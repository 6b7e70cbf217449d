"""The exchanges app's limits, each with a safe default (a deployment may set them in settings.py)."""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # Bursts from one account within an hour: new requests, messages in threads, abuse reports.
    "EXCHANGES_REQUESTS_PER_HOUR": 5,
    "EXCHANGES_MESSAGES_PER_HOUR": 30,
    "EXCHANGES_REPORTS_PER_HOUR": 5,
}


def number(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))
