"""Public "what came of it" pages, staff forms and the hooks on other apps' pages."""

from __future__ import annotations

from datetime import date, timedelta

from django.test import Client
from django.utils import timezone

from austausch.accounts.models import User
from austausch.knowledge.models import Practice
from austausch.outcomes.models import Commitment, CommitmentState, CommitmentUpdate, Transfer
from austausch.outcomes.services import create_commitment, post_update
from austausch.programmes.models import Meeting
from tests.outcomes.conftest import HALLE, MOELLN, WITTENBERGE, town


def coworking(actor: User, meeting: Meeting, **fields: object) -> Commitment:
    fields.setdefault("title", "Coworking Space im Bahnhofsempfangsgebäude")
    return create_commitment(
        actor=actor, municipality=town(WITTENBERGE), meeting=meeting, owner_role="Bauamt", **fields
    )


def text(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def test_the_commitment_page_shows_state_and_history(
    client: Client, wittenberge_editor: User, meeting: Meeting, practice: Practice
) -> None:
    commitment = coworking(wittenberge_editor, meeting, practice=practice, success_indicator="Open <b>daily</b>")
    post_update(
        actor=wittenberge_editor,
        commitment=commitment,
        on=date(2024, 3, 1),
        text="Bauantrag **genehmigt**. <script>alert(1)</script>",
        link="https://www.wittenberge.de/",
        new_state=CommitmentState.IN_PROGRESS,
    )
    page = text(client.get(commitment.get_absolute_url()))
    assert "Coworking Space im Bahnhofsempfangsgebäude" in page
    assert "In Arbeit" in page and "Bauamt" in page
    assert "<strong>genehmigt</strong>" in page
    assert "<script>alert(1)</script>" not in page and "Open &lt;b&gt;daily&lt;/b&gt;" in page
    assert "summer of pioneers" in page and meeting.title in page
    assert "Beitrag bearbeiten" not in page and "/updates/new/" not in page


def test_a_draft_is_not_found_by_the_public_but_by_its_editor(
    client: Client, wittenberge_editor: User, halle_editor: User, meeting: Meeting
) -> None:
    commitment = coworking(wittenberge_editor, meeting, published=False)
    assert client.get(commitment.get_absolute_url()).status_code == 404
    client.force_login(halle_editor)
    assert client.get(commitment.get_absolute_url()).status_code == 404
    client.force_login(wittenberge_editor)
    assert "Entwurf" in text(client.get(commitment.get_absolute_url()))
    client.logout()
    assert "Coworking" not in text(client.get(f"/de/outcomes/towns/{WITTENBERGE}/"))


def test_the_summary_line_adds_up_in_both_languages(client: Client, coordinator: User, meeting: Meeting) -> None:
    past = timezone.localdate() - timedelta(days=10)
    for number in range(3):
        coworking(coordinator, meeting, title=f"done {number}", state=CommitmentState.DONE)
    coworking(coordinator, meeting, title="running", state=CommitmentState.IN_PROGRESS)
    coworking(coordinator, meeting, title="late", state=CommitmentState.IN_PROGRESS, due_on=past)
    coworking(coordinator, meeting, title="gone", state=CommitmentState.DROPPED, dropped_reason="No money.")
    english = text(client.get("/en/outcomes/programmes/kleinstadtakademie/"))
    assert "6 commitments from this programme: 3 done, 1 in progress, 1 overdue, 1 dropped" in english
    german = text(client.get("/de/outcomes/programmes/kleinstadtakademie/"))
    assert "6 Zusagen aus diesem Programm: 3 erledigt, 1 in Arbeit, 1 überfällig, 1 aufgegeben" in german
    single = text(client.get(f"/en/outcomes/meetings/{meeting.pk}/"))
    assert "6 commitments from this meeting" in single
    Commitment.objects.exclude(title="late").delete()
    assert "1 commitment of this town: 1 overdue" in text(client.get(f"/en/outcomes/towns/{WITTENBERGE}/"))
    assert "1 Zusage dieser Stadt: 1 überfällig" in text(client.get(f"/de/outcomes/towns/{WITTENBERGE}/"))


def test_no_commitments_says_so(client: Client, meeting: Meeting) -> None:
    assert "No commitments recorded yet." in text(client.get(f"/en/outcomes/towns/{HALLE}/"))


def test_an_editor_records_a_commitment_from_the_meeting(
    client: Client, wittenberge_editor: User, meeting: Meeting
) -> None:
    client.force_login(wittenberge_editor)
    form = client.get(f"/de/outcomes/commitments/new/?meeting={meeting.pk}&town={WITTENBERGE}")
    assert f'value="{WITTENBERGE}"' in text(form)
    response = client.post(
        f"/de/outcomes/commitments/new/?meeting={meeting.pk}",
        {
            "town": "Wittenberge",
            "title_de": "Coworking Space im Bahnhofsempfangsgebäude",
            "owner_role": "Bauamt",
            "due_on": "2020-12-31",
            "meeting": meeting.pk,
            "state": "planned",
            "published": "on",
        },
        follow=True,
    )
    commitment = Commitment.objects.get()
    assert response.redirect_chain[-1][0] == commitment.get_absolute_url()
    assert commitment.programme == meeting.programme and commitment.is_overdue
    assert "Fälligkeitsdatum liegt in der Vergangenheit" in text(response)


def test_a_form_with_errors_names_the_fields_and_saves_nothing(
    client: Client, wittenberge_editor: User, meeting: Meeting
) -> None:
    client.force_login(wittenberge_editor)
    response = client.post(
        "/de/outcomes/commitments/new/",
        {"town": "Nowhere-upon-Sea", "title_de": "", "state": "dropped", "due_on": "31.02.2024"},
    )
    assert response.status_code == 422
    page = text(response)
    assert page.count('class="errorlist') >= 2 and "Nowhere-upon-Sea" in page
    assert not Commitment.objects.exists()
    response = client.post(
        "/de/outcomes/commitments/new/",
        {"town": WITTENBERGE, "title_de": "x", "state": "dropped", "owner_role": "Bauamt"},
    )
    assert response.status_code == 422 and "Grund" in text(response)
    assert not Commitment.objects.exists()


def test_recording_for_another_town_is_forbidden(client: Client, halle_editor: User, meeting: Meeting) -> None:
    client.force_login(halle_editor)
    response = client.post(
        "/de/outcomes/commitments/new/",
        {"town": WITTENBERGE, "title_de": "x", "owner_role": "Bauamt", "state": "planned"},
    )
    assert response.status_code == 403
    assert not Commitment.objects.exists()


def test_another_towns_editor_gets_403_on_edit_and_update(
    client: Client, wittenberge_editor: User, halle_editor: User, meeting: Meeting
) -> None:
    commitment = coworking(wittenberge_editor, meeting)
    client.force_login(halle_editor)
    assert client.get(f"/de/outcomes/commitments/{commitment.pk}/edit/").status_code == 403
    response = client.post(
        f"/de/outcomes/commitments/{commitment.pk}/updates/new/",
        {"on": "2024-01-01", "text": "Done", "new_state": "done"},
    )
    assert response.status_code == 403
    assert not CommitmentUpdate.objects.exists()


def test_an_editor_posts_an_update_with_a_new_state(client: Client, wittenberge_editor: User, meeting: Meeting) -> None:
    commitment = coworking(wittenberge_editor, meeting)
    client.force_login(wittenberge_editor)
    response = client.post(
        f"/de/outcomes/commitments/{commitment.pk}/updates/new/",
        {"on": "2024-05-02", "text": "Eröffnet.", "new_state": "done", "link": "wittenberge.de/coworking"},
        follow=True,
    )
    assert response.status_code == 200
    commitment.refresh_from_db()
    assert commitment.state == "done"
    assert commitment.updates.get().link == "https://wittenberge.de/coworking"
    response = client.post(
        f"/de/outcomes/commitments/{commitment.pk}/updates/new/", {"on": "", "text": "", "new_state": "sideways"}
    )
    assert response.status_code == 422 and commitment.updates.count() == 1


def test_an_editor_edits_the_commitment(client: Client, wittenberge_editor: User, meeting: Meeting) -> None:
    commitment = coworking(wittenberge_editor, meeting)
    client.force_login(wittenberge_editor)
    response = client.post(
        f"/de/outcomes/commitments/{commitment.pk}/edit/",
        {"town": WITTENBERGE, "title_de": "Coworking im Bahnhof", "owner_role": "Bauamt", "meeting": meeting.pk,
         "published": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.title == "Coworking im Bahnhof" and commitment.state == "planned"


def test_transfers_are_recorded_and_shown_on_both_towns_and_the_practice(
    client: Client, meeting: Meeting, practice: Practice, coordinator: User
) -> None:
    client.force_login(coordinator)
    response = client.post(
        f"/de/outcomes/transfers/new/?meeting={meeting.pk}",
        {"town": MOELLN, "practice": practice.pk, "state": "pilot", "started_on": "2023-05-01",
         "adaptations": "Im Rathaus statt im Bahnhof.", "meeting": meeting.pk, "published": "on"},
    )  # fmt: skip
    assert response.status_code == 302, text(response)
    transfer = Transfer.objects.get()
    assert transfer.origin_municipality.key == WITTENBERGE and transfer.programme == meeting.programme
    client.logout()
    for key in (MOELLN, WITTENBERGE):
        assert "Im Rathaus statt im Bahnhof." in text(client.get(f"/de/outcomes/towns/{key}/"))
        assert "summer of pioneers" in text(client.get(f"/de/municipalities/{key}/"))
    assert "Adopted by 1 town" in text(client.get(f"/en{practice.get_absolute_url()[3:]}"))
    assert "Mölln" in text(client.get("/de/outcomes/programmes/kleinstadtakademie/"))


def test_a_transfer_form_with_errors_saves_nothing(
    client: Client, wittenberge_editor: User, practice: Practice
) -> None:
    client.force_login(wittenberge_editor)
    response = client.post(
        "/de/outcomes/transfers/new/", {"town": WITTENBERGE, "practice": practice.pk, "state": "live"}
    )
    assert response.status_code == 422 and "eigene" in text(response)
    assert not Transfer.objects.exists()


def test_other_apps_pages_show_the_summary_and_link(client: Client, wittenberge_editor: User, meeting: Meeting) -> None:
    coworking(wittenberge_editor, meeting, state=CommitmentState.DONE)
    for url, target in [
        (meeting.get_absolute_url(), f"/de/outcomes/meetings/{meeting.pk}/"),
        ("/de/programmes/kleinstadtakademie/", "/de/outcomes/programmes/kleinstadtakademie/"),
        (f"/de/municipalities/{WITTENBERGE}/", f"/de/outcomes/towns/{WITTENBERGE}/"),
    ]:
        page = text(client.get(url))
        assert "1 erledigt" in page and f'href="{target}"' in page, url


def test_the_pages_show_the_costs_recorded(client: Client, coordinator: User, meeting: Meeting) -> None:
    from decimal import Decimal

    from austausch.programmes.services.records import add_cost

    add_cost(
        actor=coordinator,
        meeting=meeting,
        description="Stadtführung",
        amount=Decimal("250"),
        municipality=town(WITTENBERGE),
    )
    for url in (
        f"/de/outcomes/meetings/{meeting.pk}/",
        "/de/outcomes/programmes/kleinstadtakademie/",
        f"/de/outcomes/towns/{WITTENBERGE}/",
    ):
        assert "Stadtführung" in text(client.get(url)), url


def test_the_town_page_of_an_unknown_key_is_404(client: Client, registry_sample: frozenset[str]) -> None:
    assert client.get("/de/outcomes/towns/DE-00000000/").status_code == 404


def test_a_document_is_served_with_its_sniffed_type(
    client: Client, wittenberge_editor: User, meeting: Meeting, settings, tmp_path
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    commitment = coworking(wittenberge_editor, meeting)
    update = post_update(
        actor=wittenberge_editor,
        commitment=commitment,
        on=date(2024, 1, 1),
        text="Beschluss",
        document=SimpleUploadedFile("beschluss.html", b"%PDF-1.4\n", content_type="text/html"),
    )
    response = client.get(f"/de/outcomes/updates/{update.pk}/document/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"  # type: ignore[attr-defined]
    Commitment.objects.update(published=False)
    assert client.get(f"/de/outcomes/updates/{update.pk}/document/").status_code == 404


def test_the_meeting_page_offers_the_signed_in_a_way_to_record(
    client: Client, wittenberge_editor: User, meeting: Meeting
) -> None:
    link = f"/de/outcomes/commitments/new/?meeting={meeting.pk}"
    assert link not in text(client.get(meeting.get_absolute_url()))
    client.force_login(wittenberge_editor)
    assert link in text(client.get(meeting.get_absolute_url()))


def test_the_form_lists_no_draft_meetings_of_others(
    client: Client, coordinator: User, wittenberge_editor: User, meeting: Meeting
) -> None:
    from austausch.programmes.services.meetings import create_meeting

    create_meeting(
        actor=coordinator,
        programme=meeting.programme,
        host_municipalities=[town(HALLE)],
        kind="workshop",
        title="Secret planning workshop",
        starts_on=date(2024, 1, 1),
        ends_on=date(2024, 1, 1),
    )
    client.force_login(wittenberge_editor)
    page = text(client.get("/de/outcomes/commitments/new/"))
    assert meeting.title in page and "Secret planning workshop" not in page
    client.force_login(coordinator)
    assert "Secret planning workshop" in text(client.get("/de/outcomes/commitments/new/"))
