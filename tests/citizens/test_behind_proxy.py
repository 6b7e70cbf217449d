"""Behind the reverse proxy the comment limits count each reader's address, not the proxy's."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from austausch.programmes.models import Meeting


def comment_through_the_proxy(meeting: Meeting, client_address: str, email: str) -> int:
    response = Client().post(
        reverse("citizens:comment", args=["meeting", meeting.pk]),
        {"comment-kind": "question", "comment-body": "When will the e-file come?", "comment-email": email},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=client_address,
    )
    return response.status_code


def test_one_busy_reader_behind_the_proxy_does_not_stop_the_others(meeting: Meeting, settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.CITIZENS_PER_IP_PER_HOUR = 2
    assert comment_through_the_proxy(meeting, "203.0.113.5", "a@example.net") == 200
    assert comment_through_the_proxy(meeting, "203.0.113.5", "b@example.net") == 200
    assert comment_through_the_proxy(meeting, "203.0.113.5", "c@example.net") == 429
    # Everyone arrives from 127.0.0.1, yet another reader may still write.
    assert comment_through_the_proxy(meeting, "198.51.100.7", "d@example.net") == 200


def test_without_trusted_proxies_a_forged_header_does_not_escape_the_limit(meeting: Meeting, settings: Any) -> None:
    settings.TRUSTED_PROXIES = []
    settings.CITIZENS_PER_IP_PER_HOUR = 2
    for forged, expected in (("203.0.113.5", 200), ("203.0.113.6", 200), ("203.0.113.7", 429)):
        assert comment_through_the_proxy(meeting, forged, f"{forged}@example.net") == expected
