"""From uploaded bytes to documents: ZIP members unpacked, encodings detected, HTML reduced to its main content.

Every problem becomes a plain message in the document's `errors`; nothing here raises for bad input.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from austausch.lib.i18n import gettext as _

from .cleaning import Comment, clean_pasted_text
from .messages import gettext_noop, message

MAX_BYTES = 5 * 1024 * 1024
MAX_MEMBERS = 500
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
TEXT_SUFFIXES = (".txt", ".text", ".md", "")
# Leading bytes of formats that are certainly not text.
BINARY_SIGNATURES = {
    b"%PDF": gettext_noop("a PDF document"),
    b"\x89PNG": gettext_noop("a PNG image"),
    b"\xff\xd8\xff": gettext_noop("a JPEG image"),
    b"GIF8": gettext_noop("a GIF image"),
    b"\x1f\x8b": gettext_noop("a gzip archive"),
    b"Rar!": gettext_noop("a RAR archive"),
    b"7z\xbc\xaf": gettext_noop("a 7-Zip archive"),
    b"\xd0\xcf\x11\xe0": gettext_noop("an old Microsoft Office document"),
}
HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|div|p)\b", re.I | re.S)


@dataclass
class Document:
    name: str
    text: str = ""
    title: str | None = None
    published: str | None = None
    comments: list[Comment] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def is_zip(name: str, data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" or (name.lower().endswith(".zip") and data[:2] == b"PK")


def hidden(filename: str) -> bool:
    """Files a Mac or a dotfile left in an archive, not texts anyone chose."""
    return filename.startswith("__MACOSX/") or filename.rsplit("/", 1)[-1].startswith(".")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> Document:
    """One member of the archive `name`; a member too large, damaged or itself an archive is a message."""
    member_name = f"{name}/{info.filename}"
    if info.file_size > MAX_BYTES:
        return Document(member_name, errors=[too_large(member_name, info.file_size)])
    try:
        member_data = archive.read(info)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, NotImplementedError) as error:
        return Document(
            member_name,
            errors=[message(_("%(name)s: could not be unpacked (%(error)s)."), name=member_name, error=error)],
        )
    if is_zip(info.filename, member_data):
        return Document(
            member_name,
            errors=[message(_("%(name)s: ZIP archives inside ZIP archives are not read."), name=member_name)],
        )
    return read_document(member_name, member_data)


def read_documents(name: str, data: bytes) -> list[Document]:
    """One document per file, or per member of a ZIP archive."""
    if not is_zip(name, data):
        return [read_document(name, data)]
    if len(data) > 20 * MAX_BYTES:
        return [
            Document(
                name,
                errors=[message(_("%(name)s: the ZIP archive is larger than 100 MB; nothing was read."), name=name)],
            )
        ]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        return [
            Document(
                name, errors=[message(_("%(name)s: not a readable ZIP archive (%(error)s)."), name=name, error=error)]
            )
        ]
    if not members:
        return [Document(name, errors=[message(_("%(name)s: the ZIP archive is empty."), name=name)])]
    documents = [read_member(archive, info, name) for info in members[:MAX_MEMBERS] if not hidden(info.filename)]
    if len(members) > MAX_MEMBERS:
        documents.append(
            Document(
                name,
                errors=[
                    message(
                        _("%(name)s: only the first %(limit)d of %(count)d files were read."),
                        name=name,
                        limit=MAX_MEMBERS,
                        count=len(members),
                    )
                ],
            )
        )
    return documents


def too_large(name: str, size: int) -> str:
    return message(
        _("%(name)s: the file is %(size).1f MB, over the 5 MB limit; it was not read."),
        name=name,
        size=size / 1024 / 1024,
    )


def read_document(name: str, data: bytes) -> Document:
    if len(data) > MAX_BYTES:
        return Document(name, errors=[too_large(name, len(data))])
    if not data.strip():
        return Document(name, errors=[message(_("%(name)s: the file is empty."), name=name)])
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return Document(
                name,
                errors=[
                    message(
                        _("%(name)s: this is %(kind)s, not text; only plain text, HTML and ZIP files are read."),
                        name=name,
                        kind=_(kind),
                    )
                ],
            )
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Document(
            name,
            errors=[
                message(
                    _("%(name)s: this is a binary file, not text; only plain text, HTML and ZIP files are read."),
                    name=name,
                )
            ],
        )
    text, problem = decode(data)
    if text is None:
        return Document(name, errors=[message(_("%(name)s: %(problem)s"), name=name, problem=problem)])
    document = Document(name)
    if problem:
        document.errors.append(message(_("%(name)s: %(problem)s"), name=name, problem=problem))
    if name.lower().endswith(HTML_SUFFIXES) or HTML_START.match(data[:2048]):
        read_html(document, text)
    else:
        read_plain(document, text)
    if not document.text.strip():
        document.errors.append(message(_("%(name)s: no readable text was found."), name=name))
    return document


def decode(data: bytes) -> tuple[str | None, str | None]:
    """UTF-8 when it is valid; otherwise the encoding the bytes most likely use (Windows-1252, Latin-1, …)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, _("the file claims to be UTF-16 but is not; it was not read.")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "cp850", "mac_roman"]).best()
    if best is None:
        best = from_bytes(data).best()
    if best is None:
        return None, _(
            "the text encoding could not be recognised (not UTF-8, Latin-1 or Windows-1252); it was not read."
        )
    text = str(best)
    if sum(1 for character in text[:4096] if not character.isprintable() and character not in "\n\r\t") > 40:
        return None, _("the file does not look like text in any known encoding; it was not read.")
    return text, None


def read_plain(document: Document, text: str) -> None:
    cleaned = clean_pasted_text(text)
    document.text, document.title = cleaned.text, cleaned.title
    document.published, document.comments = cleaned.published, cleaned.comments


def read_html(document: Document, html: str) -> None:
    """trafilatura for the main content, title, date and comments; broken markup falls back to its bare text."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            html, include_comments=True, include_tables=True, with_metadata=True, favor_recall=True
        )
    except Exception as error:  # trafilatura raises assorted parser errors on broken markup
        extracted = None
        document.errors.append(
            message(
                _("%(name)s: the HTML could not be parsed (%(error)s)."), name=document.name, error=type(error).__name__
            )
        )
    found: dict = extracted if isinstance(extracted, dict) else extracted.as_dict() if extracted is not None else {}
    if not (found.get("text") or "").strip():
        bare = html_to_text(html)
        if not bare.strip():
            return
        document.errors.append(
            message(
                _("%(name)s: no main content found in the HTML; its whole text was read instead."), name=document.name
            )
        )
        read_plain(document, bare)
        return
    cleaned = clean_pasted_text(found.get("text") or "", split_comments=False)
    document.title = (found.get("title") or "").strip() or cleaned.title
    document.text = cleaned.text if not document.title else f"{document.title}\n\n{cleaned.text_without_title}"
    document.published = found.get("date") or cleaned.published
    document.comments = [
        Comment(author=None, published=None, text=paragraph.strip())
        for paragraph in (found.get("comments") or "").split("\n")
        if paragraph.strip()
    ] + cleaned.comments


def html_to_text(html: str) -> str:
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return re.sub(r"<[^>]*>", " ", html)
    for element in root.xpath("//script|//style|//nav|//header|//footer|//noscript"):
        element.drop_tree()
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())
