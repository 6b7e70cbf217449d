"""The citizens app's settings, each with a safe default (a deployment may set them in settings.py)."""

from __future__ import annotations

from django.conf import settings

DEFAULTS: dict[str, int | str] = {
    # How long a confirmation link works.
    "CITIZENS_CONFIRMATION_HOURS": 48,
    # Spam bursts: comments (and follow requests) per e-mail address and per IP address in an hour.
    "CITIZENS_PER_ADDRESS_PER_HOUR": 5,
    "CITIZENS_PER_IP_PER_HOUR": 20,
    # Distinct reporters that hide a published comment until a moderator decides.
    "CITIZENS_REPORT_THRESHOLD": 3,
    # For targets outside a programme, and programmes that chose nothing: "pre" or "post".
    "CITIZENS_DEFAULT_MODERATION": "pre",
    "CITIZENS_COMMENT_MAX_LENGTH": 2000,
    "CITIZENS_COMMENT_MIN_LENGTH": 3,
}


def setting(name: str) -> int | str:
    return getattr(settings, name, DEFAULTS[name])


def number(name: str) -> int:
    return int(setting(name))
