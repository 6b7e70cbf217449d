"""What a meeting leaves behind: its closing report, its photos and documents, and what it cost."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from austausch.accounts.models import User
from austausch.audit.services import log_action, update_audited
from austausch.lib.permissions import require
from austausch.lib.translated import columns
from austausch.lib.uploads import checked_type
from austausch.organisations.models import Organisation
from austausch.programmes.models import Cost, FileKind, Meeting, MeetingFile, Programme


@transaction.atomic
def update_report(
    *,
    actor: User,
    meeting: Meeting,
    attendance: int | None,
    organisations_present: list[Organisation],
    **report: str,
) -> Meeting:
    """The closing report: how many came, which organisations were there, what came of it.

    `report` is in the reader's language; `report_de` and `report_en` set one language each.
    """
    unknown = set(report) - {"report", *columns(Meeting, ["report"])}
    if unknown:
        raise TypeError(f"not parts of a report: {sorted(unknown)}")
    require(meeting.editable_by(actor), _("You may not edit this meeting."))
    return update_audited(
        meeting,
        {"attendance": attendance, **report},
        actor=actor,
        action="programmes.meeting.report_changed",
        many={"organisations_present": organisations_present},
    )


def add_file(
    *, actor: User, meeting: Meeting, kind: str, title: str, caption: str = "", upload: UploadedFile
) -> MeetingFile:
    """Keep a photo or document of a meeting. Its type is read from its first bytes, and it is stored
    under the extension of that type, whatever its name said."""
    require(meeting.editable_by(actor), _("You may not add files to this meeting."))
    file_type = checked_type(upload, field="upload", images_only=kind == FileKind.PHOTO)
    if kind == FileKind.PHOTO and not caption.strip():
        raise ValidationError({"caption": _("Please describe what the photo shows, for people who cannot see it.")})
    stem = get_valid_filename((upload.name or "file").rsplit(".", 1)[0])[:80] or "file"
    meeting_file = MeetingFile(
        meeting=meeting,
        kind=kind,
        title=title.strip(),
        caption=caption.strip(),
        content_type=file_type.content_type,
        size=cast(int, upload.size),  # checked_type refuses an upload of unknown size
        uploaded_by=actor,
    )
    meeting_file.full_clean(exclude=["file", "size", "content_type"])
    meeting_file.file.save(f"{stem}.{file_type.extension}", upload, save=False)
    try:
        with transaction.atomic():
            meeting_file.save()
            log_action(
                "programmes.file.added",
                actor=actor,
                target=meeting,
                after={
                    "file": meeting_file.pk,
                    "kind": kind,
                    "title": meeting_file.title,
                    "name": meeting_file.file.name,
                    "content_type": file_type.content_type,
                    "size": meeting_file.size,
                },
            )
    except Exception:
        meeting_file.file.delete(save=False)
        raise
    return meeting_file


@transaction.atomic
def remove_file(*, actor: User, meeting_file: MeetingFile) -> None:
    meeting = meeting_file.meeting
    require(meeting.editable_by(actor), _("You may not remove files of this meeting."))
    name = meeting_file.file.name or ""
    log_action(
        "programmes.file.removed",
        actor=actor,
        target=meeting,
        before={"file": meeting_file.pk, "kind": meeting_file.kind, "title": meeting_file.title, "name": name},
    )
    meeting_file.delete()  # its bytes go once the deletion is committed (models.forget_file_bytes)


@transaction.atomic
def add_cost(*, actor: User, programme: Programme | None = None, meeting: Meeting | None = None, **fields: Any) -> Cost:
    target = meeting or programme
    require(target is not None and target.editable_by(actor), _("You may not record costs here."))
    cost = Cost(programme=programme, meeting=meeting, **fields)
    cost.full_clean()
    cost.save()
    log_action(
        "programmes.cost.recorded",
        actor=actor,
        target=target,
        after={
            "cost": cost.pk,
            "description": cost.description,
            "amount": _money(cost.amount),
            "currency": cost.currency,
            "paid_by": cost.paid_by_id,
        },
    )
    return cost


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)
