from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.registry.datasets import write_sample

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# The guard: a test must need nothing outside the repository. A fresh clone has nothing beside it, while
# our machines keep a workshop folder there; a test reading any sibling folder of the repository fails here.
REPOSITORY = Path(__file__).resolve().parent.parent
# Folders beside the repository that a checkout does have: the virtualenv and the npm packages, which may be
# links to a shared copy. AUSTAUSCH_TESTS_FORBID adds folders to refuse wherever they are (e.g. /work/shared).
ALLOWED_BESIDE = tuple(
    os.path.realpath(path) for path in (REPOSITORY / ".venv", REPOSITORY / "node_modules", sys.prefix, sys.base_prefix)
)
FORBIDDEN = tuple(
    os.path.realpath(path) for path in os.environ.get("AUSTAUSCH_TESTS_FORBID", "").split(os.pathsep) if path
)
WATCHED_EVENTS = frozenset({"open", "os.listdir", "os.scandir"})
outside_reads: list[str] = []


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def outside_repository(path: str, repository: Path = REPOSITORY, forbidden: tuple[str, ...] = FORBIDDEN) -> bool:
    """Whether reading `path` needs something a fresh clone lacks: a folder beside the repository (other than
    the virtualenv and the npm packages) or a folder forbidden by name. The standard library, /usr, /etc, /proc,
    /dev, /sys, the home folder's caches and the temporary folder lie elsewhere and are allowed."""
    absolute = os.path.abspath(path)
    if any(_within(absolute, folder) or _within(os.path.realpath(absolute), folder) for folder in forbidden):
        return True
    if _within(absolute, str(repository)) or not _within(absolute, str(repository.parent)):
        return False
    real = os.path.realpath(absolute)
    return not (any(_within(real, folder) for folder in ALLOWED_BESIDE) or _temporary(real, repository))


def _temporary(path: str, repository: Path) -> bool:
    """Whether `path` lies in a folder of its own in the temporary folder (pytest's, a test's `mkdtemp`), which
    matters where the repository itself was cloned into the temporary folder: a folder that holds the
    repository (/tmp/ci/ beside /tmp/ci/austausch) is no test's own, and a sibling there is caught."""
    temporary = os.path.realpath(tempfile.gettempdir())
    if not _within(path, temporary) or path == temporary:
        return False
    own_folder = os.path.join(temporary, os.path.relpath(path, temporary).split(os.sep)[0])
    return not _within(str(repository.resolve()), own_folder)


def _watch_reads(event: str, arguments: tuple) -> None:
    if event not in WATCHED_EVENTS or not arguments:
        return
    path = arguments[0]
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    elif isinstance(path, os.PathLike):
        path = os.fspath(path)
    if isinstance(path, str) and outside_repository(path):
        outside_reads.append(path)


sys.addaudithook(_watch_reads)


def _fail_on_outside_reads() -> None:
    if outside_reads:
        paths = sorted(set(outside_reads))
        outside_reads.clear()
        pytest.fail(f"The test read outside the repository, which a fresh clone lacks: {', '.join(paths)}")


def pytest_collection_finish(session: pytest.Session) -> None:
    """A test module that reads beside the repository when it is imported fails the run before any test."""
    if outside_reads:
        paths = sorted(set(outside_reads))
        outside_reads.clear()
        raise pytest.UsageError(f"Collecting the tests read outside the repository: {', '.join(paths)}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    outside_reads.clear()
    yield
    _fail_on_outside_reads()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    yield
    _fail_on_outside_reads()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    yield
    _fail_on_outside_reads()


@pytest.fixture(autouse=True)
def default_language() -> None:
    """Every test starts in the default language: a request to an /en/ page leaves English active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)


# Real towns from the shipped dataset, chosen for the cases the pages must handle: homonyms
# (Halle, Mölln, Newark), umlauts and ß (Dießen, Mölln), every size class, both countries.
SAMPLE_NAMES = {
    "Halle",
    "Halle (Saale)",
    "Halle (Westf.)",
    "Wittenberge",
    "Mölln",
    "Alt-Mölln",
    "Dießen am Ammersee",
    "Unterdießen",
    "Oestrich-Winkel",
    "Dippoldiswalde",
    "Darmstadt",
    "Schwerin",
    "Hamburg",
    "Newark",
    "Jersey City",
    "Philadelphia",
    "Trenton",
    "Princeton",
}


@pytest.fixture(scope="session")
def sample_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("registry-sample")
    write_sample(directory, SAMPLE_NAMES)
    return directory


@pytest.fixture
def registry_sample(db: None, sample_dataset: Path) -> frozenset[str]:
    """The sample towns loaded through the real import, with their indicators; returns their keys."""
    from austausch.registry.models import Municipality
    from austausch.registry.services import import_registry

    import_registry(directory=sample_dataset)
    return frozenset(Municipality.objects.values_list("key", flat=True))
