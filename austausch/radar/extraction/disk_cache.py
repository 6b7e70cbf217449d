"""What extraction builds once and reads quickly afterwards, kept in `var/radar/`: the gazetteer, the language
model, the dictionaries of known words. Each file's name holds a digest of what it was built from, so a change
of the registry, a package or the code builds it anew; the files are written whole or not at all.

A command that reads one file starts in a fraction of a second instead of several seconds.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")


def cache_folder() -> Path:
    """var/radar/ as the settings name it (`AUSTAUSCH_VAR_DIR`), also where Django is not set up."""
    from django.conf import settings

    var = settings.VAR_DIR if settings.configured else os.environ.get("AUSTAUSCH_VAR_DIR", Path.cwd() / "var")
    return Path(var) / "radar"


def load_or_build(name: str, key: str, build: Callable[[], T], kind: type[T]) -> T:
    """The object cached as `name` for `key`, else `build()`, cached for next time (older keys dropped)."""
    folder = cache_folder()
    cached = folder / f"{name}-{key}.pickle"
    try:
        with cached.open("rb") as handle:
            found = pickle.load(handle)  # noqa: S301 - our own file, written below
        if isinstance(found, kind):
            return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass  # none yet, or from another version of the code: built anew
    built = build()
    write_whole(folder, cached, lambda handle: pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL))
    return built


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
        for older in folder.glob(f"{name}-*{path.suffix}"):
            if older != path:
                older.unlink(missing_ok=True)
    except OSError as error:
        logger.warning("Could not keep %s in %s: %s", path.name, folder, error)
        return False
    return True
