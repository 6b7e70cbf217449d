"""Request bodies over the limit are refused unread (413), and every answer carries a Permissions-Policy."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

LIMIT = 1024 * 1024  # the tests' limit: 1 MB


@pytest.fixture(autouse=True)
def small_limit(settings: Any) -> None:
    settings.MAX_REQUEST_BYTES = LIMIT
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024


def test_a_huge_body_announced_to_a_form_is_refused_without_reading_it(db: None) -> None:
    # One byte is there to read: had anything tried to read the 100 MB announced, the test client would raise.
    response = Client().generic(
        "POST",
        "/en/citizens/comment/meeting/1/",
        b"x",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(100 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "Too large" in response.text
    assert "1.0\xa0MB" in response.text


def test_a_file_over_the_limit_is_refused_with_a_page_in_the_pages_language(db: None) -> None:
    upload = SimpleUploadedFile("big.txt", b"x" * (LIMIT + 1), content_type="text/plain")
    response = Client().post("/de/radar/upload/", {"files": upload})
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert "<h1>" in response.text


def test_form_fields_over_djangos_limit_are_413_not_400(db: None) -> None:
    response = Client().post("/en/accounts/login/", {"username": "x" * 300_000, "password": "y"})
    assert response.status_code == 413
    assert "Too large" in response.text


def test_the_api_refuses_a_large_body_as_json(db: None) -> None:
    upload = SimpleUploadedFile("big.txt", b"x" * (LIMIT + 1), content_type="text/plain")
    response = Client().post("/api/v1/radar/sources", {"files": upload})
    assert response.status_code == 413
    assert response.json() == {"detail": "Request body too large: at most 1.0\xa0MB."}


def test_a_body_under_the_limit_reaches_the_form(db: None) -> None:
    response = Client().post("/en/accounts/login/", {"username": "nobody@example.org", "password": "wrong"})
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/en/", "/api/v1/organisations", "/api/v1/no-such-thing"])
def test_every_answer_says_no_camera_no_microphone_no_location(db: None, path: str) -> None:
    policy = Client().get(path)["Permissions-Policy"]
    assert "camera=()" in policy
    assert "microphone=()" in policy
    assert "geolocation=()" in policy
