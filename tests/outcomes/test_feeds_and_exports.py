"""Atom feeds of updates and CSV/JSON downloads: what is public, nothing else."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from django.test import Client

from austausch.accounts.models import User
from austausch.knowledge.models import Practice
from austausch.outcomes.models import Commitment
from austausch.outcomes.services import create_commitment, create_transfer, post_update
from austausch.programmes.models import Meeting
from tests.outcomes.conftest import MOELLN, WITTENBERGE, town


def two_commitments(actor: User, meeting: Meeting) -> tuple[Commitment, Commitment]:
    public = create_commitment(
        actor=actor, municipality=town(WITTENBERGE), meeting=meeting, title="=HYPERLINK(evil)", owner_role="Bauamt"
    )
    draft = create_commitment(
        actor=actor,
        municipality=town(WITTENBERGE),
        meeting=meeting,
        title="Secret draft",
        owner_role="Bauamt",
        published=False,
    )
    for commitment in (public, draft):
        post_update(actor=actor, commitment=commitment, on=date(2024, 2, 1), text=f"News on {commitment.title}")
    return public, draft


def test_the_town_and_programme_feeds_carry_public_updates(
    client: Client, wittenberge_editor: User, meeting: Meeting
) -> None:
    public, _draft = two_commitments(wittenberge_editor, meeting)
    post_update(
        actor=wittenberge_editor, commitment=public, on=date(2024, 3, 1), text="<script>x</script>", new_state="done"
    )
    for url in (
        f"/en/outcomes/towns/{WITTENBERGE}/updates.atom",
        "/en/outcomes/programmes/kleinstadtakademie/updates.atom",
    ):
        response = client.get(url)
        assert response["Content-Type"].startswith("application/atom+xml")
        body = response.content.decode()
        assert 'xmlns="http://www.w3.org/2005/Atom"' in body
        assert body.count("<entry>") == 2 and "now Done" in body
        assert "Secret draft" not in body
        assert "<script>" not in body and "&lt;script&gt;" not in body
    page = client.get(f"/en/outcomes/towns/{WITTENBERGE}/").content.decode()
    assert f'rel="alternate" type="application/atom+xml" href="/en/outcomes/towns/{WITTENBERGE}/updates.atom"' in page


def test_the_feed_of_a_draft_programme_is_not_found(client: Client, meeting: Meeting) -> None:
    meeting.programme.published = False  # type: ignore[union-attr]
    meeting.programme.save()  # type: ignore[union-attr]
    assert client.get("/en/outcomes/programmes/kleinstadtakademie/updates.atom").status_code == 404


def test_csv_and_json_downloads_of_commitments(client: Client, wittenberge_editor: User, meeting: Meeting) -> None:
    public, _draft = two_commitments(wittenberge_editor, meeting)
    for base in (f"/de/outcomes/towns/{WITTENBERGE}/export/", "/de/outcomes/programmes/kleinstadtakademie/export/"):
        response = client.get(base + "commitments.csv")
        assert response["Content-Disposition"].startswith("attachment;")
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        assert [row["title"] for row in rows] == ["'=HYPERLINK(evil)"]
        assert rows[0]["town_key"] == WITTENBERGE and rows[0]["state"] == "planned" and rows[0]["overdue"] == "False"
        data = json.loads(client.get(base + "commitments.json").content)
        assert [item["id"] for item in data] == [public.pk]
        assert data[0]["programme"] == "kleinstadtakademie" and data[0]["url"].endswith(public.get_absolute_url())
    assert client.get(f"/de/outcomes/towns/{WITTENBERGE}/export/commitments.xlsx").status_code == 404
    assert client.get(f"/de/outcomes/towns/{WITTENBERGE}/export/people.csv").status_code == 404


def test_csv_and_json_downloads_of_the_ledger(client: Client, meeting: Meeting, practice: Practice) -> None:
    admin = User.objects.get(email="admin@example.org")
    create_transfer(actor=admin, municipality=town(MOELLN), practice=practice, meeting=meeting, state="live")
    for base in (f"/de/outcomes/towns/{WITTENBERGE}/export/", "/de/outcomes/programmes/kleinstadtakademie/export/"):
        rows = list(csv.DictReader(io.StringIO(client.get(base + "transfers.csv").content.decode())))
        assert [(row["town_key"], row["origin_key"], row["state"]) for row in rows] == [(MOELLN, WITTENBERGE, "live")]
        assert json.loads(client.get(base + "transfers.json").content)[0]["practice"] == "summer of pioneers"
