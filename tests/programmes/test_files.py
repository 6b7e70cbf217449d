"""Photos and documents of meetings: what they are is read from their bytes, who may see them follows the meeting."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from austausch.accounts.models import User
from austausch.audit.models import AuditEntry
from austausch.lib.uploads import MAX_FILE_SIZE, PDF, PNG, WEBP, sniff
from austausch.programmes.models import FileKind, Meeting, MeetingFile
from austausch.programmes.services.meetings import update_meeting
from austausch.programmes.services.records import add_file, remove_file

PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def png_bytes() -> bytes:
    """A real one-pixel PNG, so that browsers can show it too."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x0b\x4f\x8a"))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_the_type_is_read_from_the_first_bytes() -> None:
    assert sniff(png_bytes()[:16]) == PNG
    assert sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF").content_type == "image/jpeg"  # type: ignore[union-attr]
    assert sniff(b"RIFF\x24\x00\x00\x00WEBPVP8 ") == WEBP
    assert sniff(PDF_BYTES[:16]) == PDF
    assert sniff(b"<html><script>alert(1)</script>") is None
    assert sniff(b"") is None


def test_a_photo_is_kept_under_the_extension_of_what_it_is(coordinator: User, visit: Meeting, media_root: Path) -> None:
    photo = add_file(
        actor=coordinator,
        meeting=visit,
        kind=FileKind.PHOTO,
        title="The delegation at City Hall",
        caption="Twelve people on the steps of Philadelphia City Hall",
        upload=upload("delegation.html", png_bytes(), "text/html"),
    )
    assert photo.file.name == f"meetings/{visit.pk}/delegation.png"
    assert (media_root / photo.file.name).read_bytes() == png_bytes()
    assert photo.content_type == "image/png" and photo.size == len(png_bytes())
    assert photo.uploaded_by == coordinator
    entry = AuditEntry.objects.get(action="programmes.file.added")
    assert entry.after["title"] == "The delegation at City Hall" and entry.after["content_type"] == "image/png"


@pytest.mark.parametrize(
    "kind,name,content,field,message",
    [
        ("photo", "photo.jpg", b"<svg onload=alert(1)>", "upload", "Please upload a JPEG, PNG or WebP picture"),
        ("photo", "programme.pdf", PDF_BYTES, "upload", "Please upload a JPEG, PNG or WebP picture."),
        ("photo", "photo.png", png_bytes(), "caption", "Please describe what the photo shows"),
        ("document", "big.pdf", PDF_BYTES + b"\0" * MAX_FILE_SIZE, "upload", "files may be at most"),
    ],
)
def test_bad_files_are_refused_at_their_field_and_nothing_is_kept(
    coordinator: User, visit: Meeting, media_root: Path, kind: str, name: str, content: bytes, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        add_file(actor=coordinator, meeting=visit, kind=kind, title="A file", upload=upload(name, content))
    assert message in " ".join(error.value.message_dict[field])
    assert not MeetingFile.objects.exists()
    assert not media_root.exists() or not any(path.is_file() for path in media_root.rglob("*"))


def test_only_coordinators_add_and_remove_files(coordinator: User, outsider: User, visit: Meeting) -> None:
    with pytest.raises(PermissionDenied):
        add_file(actor=outsider, meeting=visit, kind="document", title="X", upload=upload("x.pdf", PDF_BYTES))
    document = add_file(actor=coordinator, meeting=visit, kind="document", title="X", upload=upload("x.pdf", PDF_BYTES))
    with pytest.raises(PermissionDenied):
        remove_file(actor=outsider, meeting_file=document)
    assert MeetingFile.objects.count() == 1


def test_removing_a_file_deletes_its_bytes_and_is_audited(
    coordinator: User, visit: Meeting, media_root: Path, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    document = add_file(
        actor=coordinator, meeting=visit, kind="document", title="Programme", upload=upload("p.pdf", PDF_BYTES)
    )
    path = media_root / document.file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        remove_file(actor=coordinator, meeting_file=document)
    assert not path.exists() and not MeetingFile.objects.exists()
    assert AuditEntry.objects.get(action="programmes.file.removed").before["title"] == "Programme"


def test_deleting_a_meeting_deletes_the_bytes_of_its_files(
    coordinator: User, visit: Meeting, media_root: Path, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    document = add_file(
        actor=coordinator, meeting=visit, kind="document", title="Programme", upload=upload("p.pdf", PDF_BYTES)
    )
    path = media_root / document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        visit.delete()
    assert not path.exists()


def test_the_manage_page_uploads_and_names_problems_at_their_fields(coordinator: User, visit: Meeting) -> None:
    client = as_user(coordinator)
    url = f"/en/programmes/meetings/{visit.pk}/files/"
    refused = client.post(url, {"kind": "photo", "title": "Steps", "upload": upload("a.png", png_bytes())})
    assert refused.status_code == 422
    assert "Please describe what the photo shows" in refused.content.decode()
    wrong = client.post(url, {"kind": "document", "title": "Notes", "upload": upload("notes.pdf", b"MZ\x90\x00")})
    assert (
        wrong.status_code == 422
        and "Please upload a PDF document or a JPEG, PNG or WebP picture" in wrong.content.decode()
    )
    missing = client.post(url, {"kind": "document", "title": "Notes"})
    assert missing.status_code == 422 and "This field is required." in missing.content.decode()
    assert not MeetingFile.objects.exists()

    done = client.post(
        url, {"kind": "photo", "title": "Steps", "caption": "The delegation", "upload": upload("a.png", png_bytes())}
    )
    assert done.status_code == 302
    page = client.get(f"/en/programmes/meetings/{visit.pk}/manage/").content.decode()
    assert 'enctype="multipart/form-data"' in page and "Steps" in page
    photo = MeetingFile.objects.get()
    assert client.post(f"/en/programmes/meetings/{visit.pk}/files/{photo.pk}/remove/").status_code == 302
    assert not MeetingFile.objects.exists()


def test_outsiders_may_not_upload(outsider: User, visit: Meeting) -> None:
    response = as_user(outsider).post(
        f"/en/programmes/meetings/{visit.pk}/files/",
        {"kind": "document", "title": "X", "upload": upload("x.pdf", PDF_BYTES)},
    )
    assert response.status_code == 403 and not MeetingFile.objects.exists()


def test_the_public_page_shows_photos_with_their_description_and_documents_with_their_size(
    client: Client, coordinator: User, visit: Meeting
) -> None:
    photo = add_file(
        actor=coordinator,
        meeting=visit,
        kind="photo",
        title="On the steps",
        caption="Twelve people on the steps of City Hall",
        upload=upload("steps.png", png_bytes()),
    )
    document = add_file(
        actor=coordinator, meeting=visit, kind="document", title="Programme", upload=upload("p.pdf", PDF_BYTES)
    )
    html = client.get(f"/en/programmes/meetings/{visit.pk}/").content.decode()
    assert f'<img src="/en/programmes/files/{photo.pk}/" alt="Twelve people on the steps of City Hall"' in html
    assert f'<a href="/en/programmes/files/{document.pk}/">Programme</a> (PDF, {len(PDF_BYTES)}' in html


def test_a_file_is_served_with_its_sniffed_type_and_no_sniffing_by_the_browser(
    client: Client, coordinator: User, visit: Meeting
) -> None:
    document = add_file(
        actor=coordinator, meeting=visit, kind="document", title="Programme", upload=upload("p.pdf", PDF_BYTES)
    )
    response = client.get(f"/en/programmes/files/{document.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="p.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_files_of_a_draft_meeting_are_only_for_its_coordinators(
    client: Client, coordinator: User, visit: Meeting
) -> None:
    photo = add_file(
        actor=coordinator, meeting=visit, kind="photo", title="P", caption="C", upload=upload("p.png", png_bytes())
    )
    update_meeting(actor=coordinator, meeting=visit, published=False)
    assert client.get(f"/en/programmes/files/{photo.pk}/").status_code == 404
    response = as_user(coordinator).get(f"/en/programmes/files/{photo.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()  # type: ignore[attr-defined]  # and closes it
    assert client.get("/en/programmes/files/999999/").status_code == 404
