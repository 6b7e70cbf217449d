"""The builder pages without a browser: staff only, upload errors by line, the run, exports."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from austausch.accounts.models import User
from austausch.matching.models import Plan

DATA = Path(__file__).resolve().parents[2] / "austausch" / "matching" / "data"
PASSWORD = "a long enough passphrase 42"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are checked in English; the German catalogue translates them."""
    with translation.override("en"):
        yield


@pytest.fixture
def staff_client(registry_sample: frozenset[str]) -> Client:
    user = User.objects.create_user("cora@example.org", PASSWORD, name="Cora", is_staff=True)
    client = Client()
    client.force_login(user)
    return client


def upload(client: Client, content: bytes, **fields: str) -> object:
    data = {"title": "Pilot", "mode": "networks", "row-TOTAL_FORMS": "8", "row-INITIAL_FORMS": "0", **fields}
    data["applicants_file"] = SimpleUploadedFile("applicants.csv", content, content_type="text/csv")  # type: ignore[assignment]
    return client.post(reverse("matching:plan-new"), data)


def test_people_without_staff_rights_cannot_open_the_builder(registry_sample: frozenset[str]) -> None:
    client = Client()
    assert client.get(reverse("matching:plans")).status_code == 302  # to the sign-in page
    client.force_login(User.objects.create_user("otto@example.org", PASSWORD, name="Otto"))
    assert client.get(reverse("matching:plans")).status_code == 403
    assert client.get(reverse("matching:plan-new")).status_code == 403


def test_the_upload_page_documents_the_format(staff_client: Client) -> None:
    page = staff_client.get(reverse("matching:plan-new")).content.decode()
    assert "separated by “;”" in page and "<code>group</code>" in page


def test_a_bad_file_is_answered_with_every_line_and_saves_nothing(staff_client: Client) -> None:
    response = upload(staff_client, b"town,topics,lead\nAtlantis,mobility,yes\nWittenberge,basket-weaving,maybe\n")
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "Line 2: No town matches “Atlantis”" in page
    assert "Line 3: there is no topic “basket-weaving”" in page
    assert "Line 3: “maybe” in the lead column is neither yes nor no" in page
    assert Plan.objects.count() == 0


def test_typed_rows_make_a_plan(staff_client: Client) -> None:
    rows = {
        "row-0-town": "Wittenberge",
        "row-0-topics": "mobility",
        "row-0-lead": "on",
        "row-1-town": "Dippoldiswalde",
        "row-1-topics": "mobility",
    }
    data = {"title": "Typed", "mode": "networks", "row-TOTAL_FORMS": "8", "row-INITIAL_FORMS": "0", **rows}
    response = staff_client.post(reverse("matching:plan-new"), data)
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert [entry["town"] for entry in plan.applicants] == ["DE-12070424", "DE-14628060"]
    assert plan.applicants[0]["lead"] and not plan.applicants[1]["lead"]


def test_upload_run_explain_and_export(staff_client: Client) -> None:
    response = upload(staff_client, (DATA / "applicants-example.csv").read_bytes())
    plan = Plan.objects.get()
    assert response.status_code == 302  # type: ignore[attr-defined]
    rules = {"networks": "2", "one_per_state": "on", "topic_weight": "1", "time_limit": "5", "per_town": "1"}
    response = staff_client.post(reverse("matching:plan-rules", args=[plan.pk]), rules, follow=True)
    page = response.content.decode()
    assert "proven optimal" in page
    assert "Network 1: Future of work, lead town Wittenberge" in page or "lead town Wittenberge" in page
    assert "Why these towns:" in page and "How they differ:" in page
    exported = staff_client.get(reverse("matching:plan-export", args=[plan.pk, "json"]))
    assert json.loads(exported.content)["result"]["status"] == "optimal"
    table = staff_client.get(reverse("matching:plan-export", args=[plan.pk, "csv"])).content.decode()
    assert table.count("\n") == 9 and "Wittenberge" in table
    assert staff_client.get(reverse("matching:plan-export", args=[plan.pk, "exe"])).status_code == 404


def test_a_time_limit_beyond_the_page_cap_is_refused_with_the_reason(staff_client: Client) -> None:
    upload(staff_client, (DATA / "applicants-example.csv").read_bytes())
    plan = Plan.objects.get()
    rules = {"networks": "2", "topic_weight": "1", "time_limit": "120", "per_town": "1"}
    response = staff_client.post(reverse("matching:plan-rules", args=[plan.pk]), rules)
    assert response.status_code == 400
    assert "Ensure this value is less than or equal to 20.0." in response.content.decode()
    plan.refresh_from_db()
    assert plan.result is None and plan.ran_at is None


def test_a_plan_short_of_proof_shows_its_gap_in_percent(staff_client: Client) -> None:
    upload(staff_client, (DATA / "applicants-example.csv").read_bytes())
    plan = Plan.objects.get()
    rules = {"networks": "2", "one_per_state": "on", "topic_weight": "1", "time_limit": "5", "per_town": "1"}
    staff_client.post(reverse("matching:plan-rules", args=[plan.pk]), rules)
    plan.refresh_from_db()
    assert plan.result is not None
    plan.result.update(status="feasible", bound=plan.result["objective"] * 1.0025, gap=0.0025)
    plan.save()
    for url in (reverse("matching:plans"), plan.get_absolute_url()):
        assert "feasible, gap 0.25 %" in staff_client.get(url).content.decode()
