"""Messages for people from code that also runs without Django (benchmarks, extraction alone)."""

from __future__ import annotations


def gettext(message: str) -> str:
    """`message` in the active language once Django is set up; as written otherwise."""
    from django.conf import settings

    if not settings.configured:
        return message
    from django.utils.translation import gettext as django_gettext

    return django_gettext(message)
