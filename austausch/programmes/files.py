"""What an uploaded file really is, from its first bytes: a file's name and the browser's word are not proof.

Plain bytes in, plain data out, so it can be tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass

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
