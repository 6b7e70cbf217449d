"""What extraction builds once and reads quickly afterwards, kept in `var/radar/`: the gazetteer, the language
model, the dictionaries of known words. Each file's name holds a digest of what it was built from, so a change
of the registry, a package or the code builds it anew; the files are written whole or not at all.

A command that reads one file starts in a fraction of a second instead of several seconds. Large arrays (the
language model's tables) follow the pickle in its file and are mapped into memory, not read: a text touches few
of their pages.
"""

from __future__ import annotations

import gc
import logging
import mmap
import os
import pickle
import struct
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")

# What reading a cache file missing, cut short or written by another version of the code raises.
UNREADABLE = (
    OSError,
    EOFError,
    AttributeError,
    ImportError,
    TypeError,
    ValueError,
    pickle.UnpicklingError,
    struct.error,
)


def cache_folder() -> Path:
    """var/radar/ as the settings name it (`AUSTAUSCH_VAR_DIR`), also where Django is not set up."""
    from django.conf import settings

    var = settings.VAR_DIR if settings.configured else os.environ.get("AUSTAUSCH_VAR_DIR", Path.cwd() / "var")
    return Path(var) / "radar"


def load_or_build(name: str, key: str, build: Callable[[], T], kind: type[T], *, mapped: bool = False) -> T:
    """The object cached as `name` for `key`, else `build()`, cached for next time (older keys dropped).
    `mapped`: its large buffers (numpy arrays) are mapped from the file, read-only, instead of read."""
    folder = cache_folder()
    cached = folder / f"{name}-{key}.{'mapped' if mapped else 'pickle'}"
    try:
        with collection_paused():
            found = load_mapped(cached) if mapped else load_pickle(cached)
        if isinstance(found, kind):
            return found
    except UNREADABLE:
        pass  # none yet, or from another version of the code: built anew
    built = build()
    if mapped:
        write_whole(folder, cached, lambda handle: dump_mapped(built, handle))
    else:
        write_whole(folder, cached, lambda handle: pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL))
    return built


@contextmanager
def collection_paused() -> Iterator[None]:
    """The cycle collector paused: unpickling makes a million objects, and each few hundred would start a
    collection that walks the ones already made, tripling the time it takes to load (none of them is garbage)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_pickle(path: Path) -> object:
    with path.open("rb") as handle:
        return pickle.load(handle)  # noqa: S301 - our own file, written by `load_or_build`


# A mapped file: the counts, the sizes of the buffers, the pickle, then each buffer at a multiple of 64 bytes.
HEADER = struct.Struct("<QQ")
ALIGNMENT = 64


def dump_mapped(value: object, handle: BinaryIO) -> None:
    buffers: list[pickle.PickleBuffer] = []
    head = pickle.dumps(value, protocol=5, buffer_callback=buffers.append)
    raws = [buffer.raw() for buffer in buffers]
    handle.write(HEADER.pack(len(head), len(raws)))
    handle.write(struct.pack(f"<{len(raws)}Q", *(raw.nbytes for raw in raws)))
    handle.write(head)
    for raw in raws:
        handle.write(bytes(-handle.tell() % ALIGNMENT))
        handle.write(raw)


def load_mapped(path: Path) -> object:
    with path.open("rb") as handle:
        # The mapping stays open as long as an array made from it lives; the file may be replaced meanwhile.
        view = memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
    head_size, count = HEADER.unpack_from(view)
    sizes = struct.unpack_from(f"<{count}Q", view, HEADER.size)
    start = HEADER.size + 8 * count
    head, position = view[start : start + head_size], start + head_size
    buffers = []
    for size in sizes:
        position += -position % ALIGNMENT
        if position + size > len(view):
            raise EOFError(f"{path.name} is cut short")
        buffers.append(view[position : position + size])
        position += size
    return pickle.loads(head, buffers=buffers)  # noqa: S301 - our own file, written by `dump_mapped`


def write_whole(folder: Path, path: Path, write: Callable) -> bool:
    """Writes `path` through a temporary file (another process may read it meanwhile) and drops the files of
    the same name with other keys; False where the folder is not writable (extraction then starts slower)."""
    name = path.name.rsplit("-", 1)[0]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as handle:
            temporary = Path(handle.name)
            try:
                write(handle)
            except BaseException:
                handle.close()
                temporary.unlink(missing_ok=True)
                raise
        os.replace(temporary, path)
        for older in folder.glob(f"{name}-*"):
            if older != path and older.suffix in (".pickle", ".mapped", path.suffix):
                older.unlink(missing_ok=True)
    except OSError as error:
        logger.warning("Could not keep %s in %s: %s", path.name, folder, error)
        return False
    return True
