"""The API keeps to its own OpenAPI schema: Schemathesis, every check, every operation, anonymous and as admin.

A live server on a loopback port serves the sample towns and one of each record; Schemathesis reads the
schema it serves at /api/v1/openapi.json and sends generated requests to every operation listed (so a new
operation is covered as soon as it is in the schema), first without an account, then with a platform
admin's session and CSRF token. Schemathesis runs deterministic, so a run is repeatable.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from austausch.accounts.models import User
from austausch.knowledge.services import create_practice
from austausch.organisations.models import Organisation
from austausch.outcomes.services import create_commitment
from austausch.programmes.models import MeetingKind
from austausch.programmes.services.meetings import create_meeting
from austausch.programmes.services.programmes import create_programme
from austausch.registry.models import Municipality

EXAMPLES = 10
CONFIG = Path(__file__).with_name("schemathesis.toml")
# A CSRF secret as Django keeps it in its cookie; the same value in the header passes its check.
CSRF_TOKEN = "schemathesisCSRFtoken0123456789a"


@pytest.fixture
def site(live_server: Any, transactional_db: None, sample_dataset: Any, settings: Any) -> Iterator[str]:
    """The platform on a loopback port, with one published record of each kind the API lists."""
    from austausch.registry.services import import_registry

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    import_registry(directory=sample_dataset)
    wittenberge = Municipality.objects.get(key="DE-12070424")
    admin = User.objects.create_superuser("admin@example.org", "a long enough passphrase 42", name="Ada Admin")
    programme = create_programme(actor=admin, name="Kleinstadtakademie", slug="kleinstadtakademie", published=True)
    meeting = create_meeting(
        actor=admin,
        programme=programme,
        host_municipalities=[wittenberge],
        kind=MeetingKind.EXCHANGE_MEETING,
        title="Digitale Arbeitswelten",
        starts_on=date(2023, 4, 24),
        ends_on=date(2023, 4, 25),
        published=True,
    )
    create_practice(actor=admin, municipalities=[wittenberge], publish=True, title="Summer of Pioneers",
                    summary="Coworking auf Probe in einer Kleinstadt.")  # fmt: skip
    create_commitment(
        actor=admin,
        municipality=wittenberge,
        meeting=meeting,
        title="Coworking im Bahnhof",
        owner_role="Wirtschaftsförderung",
    )
    Organisation.objects.create(name="Bürgerstiftung Wittenberge", kind="foundation", sector="nonprofit",
                                municipality=wittenberge)  # fmt: skip
    yield str(live_server.url)


def schemathesis_run(site: str, folder: Path, *options: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    """`schemathesis run` as CI would type it; answers its output and its JSON report."""
    report, schema = folder / "report.json", folder / "openapi.json"
    # Fetched here rather than by Schemathesis, whose 10 s for loading a schema a busy machine can exceed.
    with urllib.request.urlopen(f"{site}/api/v1/openapi.json", timeout=120) as response:  # noqa: S310  # loopback
        schema.write_bytes(response.read())
    command = [
        str(Path(sys.executable).with_name("schemathesis")), "--config-file", str(CONFIG),
        "run", str(schema), "--url", site,
        "--checks", "all", "--max-examples", str(EXAMPLES), "--generation-deterministic", "--workers", "1",
        "--request-timeout", "30", "--no-color",
        "--report", "json", "--report-json-path", str(report),
        *options,
    ]  # fmt: skip
    # In a folder of its own: no schemathesis.toml of the developer's is read, no report left behind.
    finished = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=600)
    return finished, json.loads(report.read_text()) if report.exists() else {}


def admin_headers() -> list[str]:
    """A platform admin's session and a CSRF token, as a browser would send them."""
    client = Client()
    client.force_login(User.objects.get(email="admin@example.org"))
    session = client.cookies["sessionid"].value
    return [
        "--header",
        f"Cookie: sessionid={session}; csrftoken={CSRF_TOKEN}",
        "--header",
        f"X-CSRFToken: {CSRF_TOKEN}",
    ]


@pytest.mark.parametrize("persona", ["visitor", "admin"])
def test_every_operation_keeps_to_the_schema(site: str, tmp_path: Path, persona: str) -> None:
    # As admin the session travels in a header of every request, so Schemathesis must not also generate the
    # schema's session cookie (dropping it would not drop the header); the visitor's run sends none at all.
    # The visitor's run skips the coverage phase, the longest: its boundary values are the same for both, and
    # the admin's run goes through them; fuzzing and the stateful phase still try every operation anonymously.
    if persona == "admin":
        options = [*admin_headers(), "--generation-with-security-parameters", "false"]
    else:
        options = ["--phases", "fuzzing,stateful"]
    finished, report = schemathesis_run(site, tmp_path, *options)
    operations, cases = report.get("operations") or {}, report.get("test_cases") or {}
    failures, errors = cases.get("unique_failures"), len(report.get("errors", []))
    print(
        f"Schemathesis as {persona}: {operations.get('tested')} of {operations.get('total')} operations, "
        f"{cases.get('generated')} cases, {failures} failures, {errors} errors"
    )
    assert finished.returncode == 0, finished.stdout[-20000:] + finished.stderr[-5000:]
    assert report["failures"] == [] and report["errors"] == []
    # Every operation the schema lists was called, with a meaningful number of cases.
    assert operations["tested"] == operations["total"] >= 27
    assert cases["generated"] >= EXAMPLES * operations["total"]
