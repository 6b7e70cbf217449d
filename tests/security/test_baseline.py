from __future__ import annotations

import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.test import Client

from austausch.web.markdown import render_markdown

PRODUCTION = {
    "AUSTAUSCH_SECRET_KEY": secrets.token_urlsafe(50),
    "AUSTAUSCH_DEBUG": "false",
    "AUSTAUSCH_HTTPS": "true",
    "AUSTAUSCH_ALLOWED_HOSTS": "austausch.example.org",
    "DJANGO_SETTINGS_MODULE": "austausch.settings",
    # The operator's legal texts: `check --deploy` warns while any is missing (tests/web/test_legal.py).
    **{
        f"AUSTAUSCH_{page}_{language}": f"# {page} ({language})"
        for page in ("IMPRINT", "PRIVACY", "ACCESSIBILITY")
        for language in ("DE", "EN")
    },
    "AUSTAUSCH_ACCESSIBILITY_CONTACT": "barrierefreiheit@example.org",
}


def test_check_deploy_passes_with_production_settings(tmp_path: os.PathLike[str]) -> None:
    environment = {**os.environ, **PRODUCTION, "AUSTAUSCH_VAR_DIR": str(tmp_path)}
    environment.pop("DATABASE_URL", None)
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' conftest
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_without_https(tmp_path: os.PathLike[str]) -> None:
    """The check above can fail: plain-HTTP defaults are not production settings."""
    environment = {**os.environ, **PRODUCTION, "AUSTAUSCH_HTTPS": "false", "AUSTAUSCH_VAR_DIR": str(tmp_path)}
    environment.pop("DATABASE_URL", None)
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' conftest
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


def test_pages_send_a_strict_content_security_policy(db: None) -> None:
    response = Client().get("/en/about/data/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in policy
    assert "base-uri 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        '<img src=x onerror="alert(1)">',
        "<a href='x' onclick='alert(1)'>x</a>",
        "<iframe src='https://example.org'></iframe>",
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_user_markdown_loses_everything_that_could_run(markdown: str) -> None:
    """Raw HTML may survive as escaped text; no element or attribute that could act may."""
    elements = _elements(render_markdown(markdown))
    assert not [tag for tag, _ in elements if tag in {"script", "iframe", "img", "object", "style"}]
    for _, attributes in elements:
        for name, value in attributes:
            assert not name.startswith("on")
            assert name != "style"
            assert not (value or "").strip().lower().startswith("javascript:")


def _elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collector().feed(html)
    return found


def test_user_markdown_keeps_its_formatting() -> None:
    html = render_markdown("**Ergebnis:** [Bericht](https://example.org/bericht)\n\n- eins\n- zwei")
    assert "<strong>Ergebnis:</strong>" in html
    assert '<a href="https://example.org/bericht" rel="nofollow noopener noreferrer">Bericht</a>' in html
    assert "<li>eins</li>" in html
