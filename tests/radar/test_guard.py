"""The suite's guard against tests that read outside the repository (tests/conftest.py)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.conftest import REPOSITORY, outside_reads, outside_repository


def test_a_sibling_folder_of_the_repository_is_outside() -> None:
    repository = Path("/srv/checkouts/austausch")  # only compared, never read
    assert outside_repository("/srv/checkouts/shared/seeds/000.txt", repository, ())
    assert outside_repository("/srv/checkouts/austausch-old/x.py", repository, ())
    assert outside_repository(str(repository / ".." / "workshop"), repository, ())
    assert not outside_repository(str(repository / "tests" / "radar" / "texts" / "000.txt"), repository, ())
    assert not outside_repository("/usr/lib/python3/dist-packages/x.py", repository, ())
    assert not outside_repository(sys.base_prefix, repository, ())


def test_a_folder_named_forbidden_is_outside_wherever_it_is(tmp_path: Path) -> None:
    assert outside_repository(str(tmp_path / "workshop" / "a.txt"), REPOSITORY, (str(tmp_path / "workshop"),))
    assert not outside_repository(str(tmp_path / "workshopping"), REPOSITORY, (str(tmp_path / "workshop"),))


def test_opening_a_file_beside_the_repository_is_caught() -> None:
    sibling = REPOSITORY.parent / "workshop" / "seeds" / "000.txt"
    # The event `open` would raise, without touching the file (which need not exist).
    sys.audit("open", str(sibling), "r", 0)
    sys.audit("os.scandir", REPOSITORY.parent / "workshop")
    caught = list(outside_reads)
    outside_reads.clear()  # else the guard fails this test, which is what it does to any other
    assert caught == [str(sibling), str(REPOSITORY.parent / "workshop")]


def test_reading_inside_the_repository_is_not() -> None:
    (REPOSITORY / "tests" / "radar" / "texts" / "003_kleinstadt.txt").read_bytes()
    assert outside_reads == []


def test_a_clone_in_the_temporary_folder_still_has_its_siblings_caught_but_not_a_tests_own_folder() -> None:
    # (A clone lying directly in the temporary folder cannot tell a sibling from a test's own folder there:
    # AUSTAUSCH_TESTS_FORBID names such a folder.)
    temporary = Path(tempfile.gettempdir()).resolve()
    repository = temporary / "ci" / "austausch"  # only compared, never read
    assert outside_repository(str(repository.parent / "workshop" / "seeds" / "000.txt"), repository, ())
    assert not outside_repository(str(temporary / "pytest-of-ci" / "pytest-1" / "x.txt"), repository, ())
    assert not outside_repository(str(temporary / "tmpa1b2c3" / "x.txt"), repository, ())
