"""Recording commitments, updates and transfers: rights on every object, validation, audit, transactions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from austausch.accounts.models import User
from austausch.audit.models import AuditEntry
from austausch.knowledge.models import Practice
from austausch.outcomes.models import Commitment, CommitmentState, CommitmentUpdate, Transfer, TransferState
from austausch.outcomes.services import (
    create_commitment,
    create_transfer,
    post_update,
    update_commitment,
    update_transfer,
)
from austausch.outcomes.signals import update_published
from austausch.programmes.models import Meeting, Programme
from austausch.programmes.services.programmes import create_programme
from tests.outcomes.conftest import HALLE, MOELLN, WITTENBERGE, town

PDF = b"%PDF-1.4\n%fake but starts right\n"


def record(actor: User, meeting: Meeting | None = None, key: str = WITTENBERGE, **fields: object) -> Commitment:
    fields.setdefault("title", "Coworking Space im Bahnhofsempfangsgebäude")
    fields.setdefault("owner_role", "Bauamt")
    return create_commitment(actor=actor, municipality=town(key), meeting=meeting, **fields)


def test_a_towns_editor_records_a_commitment_and_the_programme_comes_from_the_meeting(
    wittenberge_editor: User, meeting: Meeting, practice: Practice
) -> None:
    commitment = record(wittenberge_editor, meeting, due_on=date(2030, 1, 1), practice=practice)
    assert commitment.programme == meeting.programme
    assert commitment.state == CommitmentState.PLANNED
    assert commitment.created_by == wittenberge_editor
    assert not commitment.is_overdue
    entry = AuditEntry.objects.get(action="outcomes.commitment.created")
    assert entry.actor == wittenberge_editor and entry.after["municipality"] == town(WITTENBERGE).pk


def test_an_editor_may_not_record_for_another_town(halle_editor: User, meeting: Meeting) -> None:
    with pytest.raises(PermissionDenied):
        record(halle_editor, meeting, key=WITTENBERGE)
    assert not Commitment.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="outcomes.").exists()


def test_the_programmes_coordinator_records_for_any_town_of_its_meetings(coordinator: User, meeting: Meeting) -> None:
    assert record(coordinator, meeting, key=MOELLN).municipality.key == MOELLN


def test_a_coordinator_of_another_programme_may_not(coordinator: User, meeting: Meeting) -> None:
    other = User.objects.create_user("other@example.org", "a long enough passphrase 42", is_staff=True)
    create_programme(actor=other, name="Other", slug="other", published=True)
    with pytest.raises(PermissionDenied):
        record(other, meeting)


def test_a_meeting_of_another_programme_is_refused(coordinator: User, meeting: Meeting) -> None:
    other = create_programme(actor=coordinator, name="Other", slug="other", published=True)
    with pytest.raises(ValidationError) as error:
        record(coordinator, meeting, programme=other)
    assert "programme" in error.value.message_dict
    assert not Commitment.objects.exists()


def test_a_due_date_in_the_past_is_allowed_and_overdue(wittenberge_editor: User, meeting: Meeting) -> None:
    commitment = record(wittenberge_editor, meeting, due_on=timezone.localdate() - timedelta(days=1))
    assert commitment.is_overdue
    assert list(Commitment.objects.overdue()) == [commitment]


def test_done_or_dropped_is_never_overdue(wittenberge_editor: User, meeting: Meeting) -> None:
    past = timezone.localdate() - timedelta(days=400)
    done = record(wittenberge_editor, meeting, title="a", due_on=past, state=CommitmentState.DONE)
    dropped = record(
        wittenberge_editor, meeting, title="b", due_on=past, state=CommitmentState.DROPPED, dropped_reason="No money."
    )
    assert not done.is_overdue and not dropped.is_overdue
    assert not Commitment.objects.overdue().exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"owner_role": ""}, "owner_role"),
        ({"state": CommitmentState.DROPPED}, "dropped_reason"),
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"state": "finished"}, "state"),
    ],
)
def test_bad_input_names_the_field_and_leaves_the_database_unchanged(
    wittenberge_editor: User, meeting: Meeting, fields: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        record(wittenberge_editor, meeting, **fields)
    assert field in error.value.message_dict
    assert not Commitment.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="outcomes.").exists()


def test_updating_another_towns_commitment_is_refused(
    wittenberge_editor: User, halle_editor: User, meeting: Meeting
) -> None:
    commitment = record(wittenberge_editor, meeting)
    with pytest.raises(PermissionDenied):
        post_update(actor=halle_editor, commitment=commitment, on=timezone.localdate(), text="Done!", new_state="done")
    with pytest.raises(PermissionDenied):
        update_commitment(actor=halle_editor, commitment=commitment, title="Hijacked")
    commitment.refresh_from_db()
    assert commitment.state == CommitmentState.PLANNED and commitment.title != "Hijacked"
    assert not CommitmentUpdate.objects.exists()


def test_an_editor_may_not_move_a_commitment_to_another_town(wittenberge_editor: User, meeting: Meeting) -> None:
    commitment = record(wittenberge_editor, meeting)
    with pytest.raises(PermissionDenied):
        update_commitment(actor=wittenberge_editor, commitment=commitment, municipality=town(HALLE))
    assert Commitment.objects.get().municipality.key == WITTENBERGE


def test_the_state_changes_only_through_an_update(wittenberge_editor: User, meeting: Meeting) -> None:
    commitment = record(wittenberge_editor, meeting)
    with pytest.raises(ValidationError):
        update_commitment(actor=wittenberge_editor, commitment=commitment, state=CommitmentState.DONE)


def test_an_update_moves_the_state_keeps_history_and_tells_followers(
    wittenberge_editor: User, meeting: Meeting, django_capture_on_commit_callbacks
) -> None:
    commitment = record(wittenberge_editor, meeting)
    heard: list[tuple[Commitment, CommitmentUpdate]] = []

    def listener(sender: object, commitment: Commitment, update: CommitmentUpdate, **kwargs: object) -> None:
        heard.append((commitment, update))

    update_published.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            first = post_update(
                actor=wittenberge_editor,
                commitment=commitment,
                on=date(2024, 3, 1),
                text="Planning permission granted.",
                new_state=CommitmentState.IN_PROGRESS,
            )
        with django_capture_on_commit_callbacks(execute=True):
            post_update(actor=wittenberge_editor, commitment=commitment, on=date(2024, 9, 1), text="Builders on site.")
    finally:
        update_published.disconnect(listener)
    commitment.refresh_from_db()
    assert commitment.state == CommitmentState.IN_PROGRESS
    assert [update.new_state for update in commitment.updates.all()] == ["", CommitmentState.IN_PROGRESS]
    assert heard[0] == (commitment, first) and len(heard) == 2
    entry = AuditEntry.objects.filter(action="outcomes.commitment.update_posted").order_by("pk").first()
    assert entry is not None and entry.before["state"] == "planned" and entry.after["state"] == "in_progress"
    assert entry.after["update"] == first.pk and entry.after["on"] == "2024-03-01"


def test_a_draft_commitments_update_tells_nobody(
    wittenberge_editor: User, meeting: Meeting, django_capture_on_commit_callbacks
) -> None:
    commitment = record(wittenberge_editor, meeting, published=False)
    heard: list[object] = []

    def listener(**kwargs: object) -> None:
        heard.append(kwargs)

    update_published.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            post_update(actor=wittenberge_editor, commitment=commitment, on=date(2024, 3, 1), text="Started.")
    finally:
        update_published.disconnect(listener)
    assert heard == []


def test_dropping_needs_a_reason_and_stores_it(wittenberge_editor: User, meeting: Meeting) -> None:
    commitment = record(wittenberge_editor, meeting)
    with pytest.raises(ValidationError) as error:
        post_update(
            actor=wittenberge_editor, commitment=commitment, on=date(2024, 1, 1), text="Stopped.", new_state="dropped"
        )
    assert "dropped_reason" in error.value.message_dict
    assert not CommitmentUpdate.objects.exists()
    post_update(
        actor=wittenberge_editor,
        commitment=commitment,
        on=date(2024, 1, 1),
        text="Stopped.",
        new_state="dropped",
        dropped_reason="The station building was sold.",
    )
    commitment.refresh_from_db()
    assert commitment.state == "dropped" and commitment.dropped_reason == "The station building was sold."


def test_an_update_from_the_future_is_refused(wittenberge_editor: User, meeting: Meeting) -> None:
    commitment = record(wittenberge_editor, meeting)
    with pytest.raises(ValidationError) as error:
        post_update(
            actor=wittenberge_editor, commitment=commitment, on=timezone.localdate() + timedelta(days=1), text="Soon."
        )
    assert "on" in error.value.message_dict


def test_a_pdf_is_kept_as_evidence_and_a_fake_is_refused(
    wittenberge_editor: User, meeting: Meeting, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    commitment = record(wittenberge_editor, meeting)
    update = post_update(
        actor=wittenberge_editor,
        commitment=commitment,
        on=date(2024, 3, 1),
        text="Council decision attached.",
        document=SimpleUploadedFile("beschluss.exe.pdf", PDF, content_type="application/pdf"),
    )
    assert update.document.name.startswith(f"commitments/{commitment.pk}/") and update.document.name.endswith(".pdf")
    assert update.document_type == "application/pdf" and update.document_size == len(PDF)
    with pytest.raises(ValidationError) as error:
        post_update(
            actor=wittenberge_editor,
            commitment=commitment,
            on=date(2024, 3, 2),
            text="Not a PDF.",
            new_state="done",
            document=SimpleUploadedFile("evil.pdf", b"<script>alert(1)</script>", content_type="application/pdf"),
        )
    assert "document" in error.value.message_dict
    assert CommitmentUpdate.objects.count() == 1
    assert Commitment.objects.get().state == CommitmentState.PLANNED
    assert len(list((tmp_path / "commitments" / str(commitment.pk)).iterdir())) == 1


def test_a_transfer_takes_the_practices_town_as_origin(wittenberge_editor: User, practice: Practice) -> None:
    moelln_editor = User.objects.create_superuser("admin2@example.org", "a long enough passphrase 42")
    transfer = create_transfer(
        actor=moelln_editor, municipality=town(MOELLN), practice=practice, started_on=date(2023, 4, 25)
    )
    assert transfer.origin_municipality.key == WITTENBERGE
    assert transfer.state == TransferState.CONSIDERING and transfer.changed_on == date(2023, 4, 25)
    assert AuditEntry.objects.filter(action="outcomes.transfer.created").exists()


def test_a_town_cannot_adopt_its_own_practice_nor_twice(wittenberge_editor: User, practice: Practice) -> None:
    with pytest.raises(ValidationError) as error:
        create_transfer(actor=wittenberge_editor, municipality=town(WITTENBERGE), practice=practice)
    assert "origin_municipality" in error.value.message_dict
    admin = User.objects.get(email="admin@example.org")
    create_transfer(actor=admin, municipality=town(MOELLN), practice=practice)
    with pytest.raises(ValidationError) as error:
        create_transfer(actor=admin, municipality=town(MOELLN), practice=practice)
    assert "practice" in error.value.message_dict
    assert Transfer.objects.count() == 1


def test_the_origin_must_be_a_town_of_the_practice(practice: Practice) -> None:
    admin = User.objects.get(email="admin@example.org")
    with pytest.raises(ValidationError) as error:
        create_transfer(actor=admin, municipality=town(MOELLN), practice=practice, origin_municipality=town(HALLE))
    assert "Wittenberge" in error.value.message_dict["origin_municipality"][0]


def test_only_the_adopting_towns_editors_write_its_ledger_line(
    wittenberge_editor: User, halle_editor: User, practice: Practice
) -> None:
    with pytest.raises(PermissionDenied):
        create_transfer(actor=wittenberge_editor, municipality=town(HALLE), practice=practice)
    transfer = create_transfer(actor=halle_editor, municipality=town(HALLE), practice=practice)
    with pytest.raises(PermissionDenied):
        update_transfer(actor=wittenberge_editor, transfer=transfer, state=TransferState.ABANDONED)
    assert Transfer.objects.get().state == TransferState.CONSIDERING


def test_a_new_state_of_a_transfer_counts_from_today(halle_editor: User, practice: Practice) -> None:
    transfer = create_transfer(
        actor=halle_editor, municipality=town(HALLE), practice=practice, started_on=date(2023, 5, 1)
    )
    update_transfer(actor=halle_editor, transfer=transfer, state=TransferState.PILOT)
    transfer.refresh_from_db()
    assert transfer.state == TransferState.PILOT and transfer.changed_on == timezone.localdate()
    with pytest.raises(ValidationError) as error:
        update_transfer(actor=halle_editor, transfer=transfer, changed_on=date(2020, 1, 1))
    assert "changed_on" in error.value.message_dict
    transfer.refresh_from_db()
    assert transfer.changed_on == timezone.localdate()


def test_a_draft_practice_cannot_be_adopted_by_someone_who_cannot_see_it(
    halle_editor: User, practice: Practice
) -> None:
    Practice.objects.filter(pk=practice.pk).update(is_published=False)
    practice.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        create_transfer(actor=halle_editor, municipality=town(HALLE), practice=practice)
    assert "practice" in error.value.message_dict


def test_programme_is_public_only_with_its_programme(wittenberge_editor: User, meeting: Meeting) -> None:
    commitment = record(wittenberge_editor, meeting)
    assert commitment.is_public
    Programme.objects.filter(pk=meeting.programme_id).update(published=False)
    assert not Commitment.objects.public().exists()
