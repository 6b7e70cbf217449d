"""Static files: hashed names once collected (cached for a year), plain names where nothing was collected."""

from __future__ import annotations

import re
from pathlib import Path

from austausch.web.staticfiles import HashedStaticFilesStorage


def collect(root: Path, files: dict[str, bytes]) -> HashedStaticFilesStorage:
    storage = HashedStaticFilesStorage(location=root, base_url="/static/")
    for name, content in files.items():
        (root / name).write_bytes(content)
    list(storage.post_process({name: (storage, name) for name in files}))
    return HashedStaticFilesStorage(location=root, base_url="/static/")  # reads the manifest just written


def test_collected_files_are_linked_by_names_that_change_with_their_content(tmp_path: Path) -> None:
    css = b'@font-face { src: url("font.woff2"); }' + b"p { margin: 0; }" * 100  # long enough to be compressed
    storage = collect(tmp_path, {"site.css": css, "font.woff2": b"glyphs"})
    css_url = storage.url("site.css")
    assert re.fullmatch(r"/static/site\.[0-9a-f]{12}\.css", css_url)
    font_name = storage.stored_name("font.woff2")
    assert re.fullmatch(r"font\.[0-9a-f]{12}\.woff2", font_name)
    # The style sheet links the font by its hashed name too, and a compressed copy lies beside it.
    assert font_name in (tmp_path / css_url.removeprefix("/static/")).read_text(encoding="utf-8")
    assert (tmp_path / (css_url.removeprefix("/static/") + ".gz")).is_file()


def test_pages_link_plain_names_where_nothing_was_collected(tmp_path: Path) -> None:
    storage = HashedStaticFilesStorage(location=tmp_path, base_url="/static/")
    assert storage.url("austausch/site.css") == "/static/austausch/site.css"


def test_a_file_added_since_the_last_collection_keeps_its_plain_name(tmp_path: Path) -> None:
    storage = collect(tmp_path, {"site.css": b"body { margin: 0; }"})
    assert storage.url("added.css") == "/static/added.css"
