"""/api/v1/commitments and /api/v1/transfers: public reads, permission-checked writes, errors in words."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from austausch.accounts.models import User
from austausch.knowledge.models import Practice
from austausch.outcomes.models import Commitment, CommitmentUpdate
from austausch.outcomes.services import create_commitment, create_transfer
from austausch.programmes.models import Meeting
from tests.outcomes.conftest import HALLE, MOELLN, WITTENBERGE, town


def make(actor: User, meeting: Meeting | None, key: str, title: str, **fields: object) -> Commitment:
    return create_commitment(
        actor=actor, municipality=town(key), meeting=meeting, title=title, owner_role="Amt", **fields
    )


def test_the_list_filters_by_town_programme_meeting_state_and_overdue(
    client: Client, coordinator: User, meeting: Meeting
) -> None:
    past = timezone.localdate() - timedelta(days=3)
    late = make(coordinator, meeting, WITTENBERGE, "late", due_on=past)
    done = make(coordinator, meeting, MOELLN, "done", state="done", due_on=past)
    make(coordinator, meeting, MOELLN, "draft", published=False)
    admin = User.objects.create_superuser("root@example.org", "a long enough passphrase 42")
    loose = make(admin, None, HALLE, "without meeting")

    def ids(query: str) -> list[int]:
        response = client.get(f"/api/v1/commitments{query}")
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["items"]]

    assert ids("") == [late.pk, done.pk, loose.pk]
    assert ids(f"?municipality={WITTENBERGE.lower()}") == [late.pk]
    assert ids("?programme=kleinstadtakademie") == [late.pk, done.pk]
    assert ids(f"?meeting={meeting.pk}") == [late.pk, done.pk]
    assert ids("?state=done") == [done.pk]
    assert ids("?overdue=true") == [late.pk]
    assert ids("?overdue=false") == [done.pk, loose.pk]
    response = client.get("/api/v1/commitments?state=finished")
    assert response.status_code == 422 and "state" in response.json()["detail"]


def test_one_commitment_with_its_updates(client: Client, coordinator: User, meeting: Meeting) -> None:
    commitment = make(coordinator, meeting, WITTENBERGE, "Coworking")
    client.force_login(coordinator)
    client.post(
        f"/api/v1/commitments/{commitment.pk}/updates", {"text": "Started", "new_state": "in_progress"},
        content_type="application/json",
    )  # fmt: skip
    client.logout()
    data = client.get(f"/api/v1/commitments/{commitment.pk}").json()
    assert data["state"] == "in_progress" and data["municipality"] == WITTENBERGE
    assert data["programme"] == "kleinstadtakademie" and [u["text"] for u in data["updates"]] == ["Started"]
    draft = make(coordinator, meeting, WITTENBERGE, "Draft", published=False)
    assert client.get(f"/api/v1/commitments/{draft.pk}").status_code == 404


def test_posting_a_commitment_needs_a_session_and_the_right_town(
    client: Client, wittenberge_editor: User, halle_editor: User, meeting: Meeting
) -> None:
    body = {"municipality": WITTENBERGE, "title": "Coworking", "owner_role": "Bauamt", "meeting": meeting.pk}
    assert client.post("/api/v1/commitments", body, content_type="application/json").status_code == 401
    client.force_login(halle_editor)
    response = client.post("/api/v1/commitments", body, content_type="application/json")
    assert response.status_code == 403 and "eigene Stadt" in response.json()["detail"]
    client.force_login(wittenberge_editor)
    response = client.post("/api/v1/commitments", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["programme"] == "kleinstadtakademie"
    assert Commitment.objects.get().created_by == wittenberge_editor


def test_bad_input_is_named_and_changes_nothing(client: Client, wittenberge_editor: User, meeting: Meeting) -> None:
    client.force_login(wittenberge_editor)
    cases = [
        ({"municipality": "DE-00000000", "title": "x", "owner_role": "Amt"}, "municipality"),
        ({"municipality": WITTENBERGE, "title": "x"}, "owner_role"),
        ({"municipality": WITTENBERGE, "title": "x", "owner_role": "Amt", "state": "dropped"}, "dropped_reason"),
        ({"municipality": WITTENBERGE, "title": "x", "owner_role": "Amt", "due_on": "2024-02-31"}, "due_on"),
        ({"municipality": WITTENBERGE, "title": "x", "owner_role": "Amt", "practice": 999}, "practice"),
    ]
    for body, field in cases:
        response = client.post("/api/v1/commitments", body, content_type="application/json")
        assert response.status_code == 422 and field in response.json()["detail"], (body, response.content)
    assert not Commitment.objects.exists()


def test_updating_another_towns_commitment_is_403(
    client: Client, wittenberge_editor: User, halle_editor: User, meeting: Meeting
) -> None:
    commitment = make(wittenberge_editor, meeting, WITTENBERGE, "Coworking")
    client.force_login(halle_editor)
    response = client.post(
        f"/api/v1/commitments/{commitment.pk}/updates", {"text": "Done", "new_state": "done"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 403
    assert not CommitmentUpdate.objects.exists()
    client.force_login(wittenberge_editor)
    response = client.post(
        f"/api/v1/commitments/{commitment.pk}/updates", {"text": "Gone", "new_state": "dropped"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 422 and "dropped_reason" in response.json()["detail"]
    response = client.post(
        f"/api/v1/commitments/{commitment.pk}/updates", {"text": "Open", "new_state": "done", "on": "2024-05-01"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201 and response.json()["on"] == "2024-05-01"


def test_the_ledger_lists_public_transfers(client: Client, meeting: Meeting, practice: Practice) -> None:
    admin = User.objects.get(email="admin@example.org")
    create_transfer(actor=admin, municipality=town(MOELLN), practice=practice, meeting=meeting, state="pilot")
    create_transfer(actor=admin, municipality=town(HALLE), practice=practice, published=False)
    items = client.get("/api/v1/transfers").json()["items"]
    assert [(item["municipality"], item["origin"], item["state"]) for item in items] == [(MOELLN, WITTENBERGE, "pilot")]
    assert client.get(f"/api/v1/transfers?origin={HALLE}").json()["count"] == 0
    assert client.get("/api/v1/transfers?programme=kleinstadtakademie").json()["count"] == 1
