"""What an uploaded file really is, from its first bytes: a file's name and the browser's word are not proof.

`sniff` takes plain bytes, so it can be tested alone; `checked_type` is what every upload form and service uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_FILE_SIZE = 10 * 1024 * 1024  # 10 MB: a print-quality photo or a long programme as PDF
HEAD_SIZE = 16  # enough bytes to tell the types below apart


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    is_image: bool


JPEG = FileType("image/jpeg", "jpg", is_image=True)
PNG = FileType("image/png", "png", is_image=True)
WEBP = FileType("image/webp", "webp", is_image=True)
PDF = FileType("application/pdf", "pdf", is_image=False)


def sniff(head: bytes) -> FileType | None:
    """The type the first bytes announce, if it is one we take; None for anything else."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"%PDF-"):
        return PDF
    return None


def checked_type(upload: UploadedFile, *, field: str, images_only: bool = False) -> FileType:
    """The type of an upload within the size limit, or a ValidationError on `field` saying what is wrong."""
    if upload.size is None or upload.size > MAX_FILE_SIZE:
        raise ValidationError(
            {
                field: _("The file is %(size)s; files may be at most %(limit)s.")
                % {"size": filesizeformat(upload.size or 0), "limit": filesizeformat(MAX_FILE_SIZE)}
            }
        )
    upload.seek(0)
    file_type = sniff(upload.read(HEAD_SIZE))
    upload.seek(0)
    if images_only and (file_type is None or not file_type.is_image):
        raise ValidationError({field: _("Please upload a JPEG, PNG or WebP picture.")})
    if file_type is None:
        raise ValidationError({field: _("Please upload a PDF document or a JPEG, PNG or WebP picture.")})
    return file_type
