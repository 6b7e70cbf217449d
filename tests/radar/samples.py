"""Our own press texts, shaped like the real ones the radar was built on (a dateline, navigation around the
article, teasers and advertising below it, reader comments at the end), so that the tests need nothing outside
the repository."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.test import Client

if TYPE_CHECKING:
    from austausch.accounts.models import User

TEXTS = Path(__file__).resolve().parent / "texts"


def seed_path(prefix: str) -> Path:
    """The text whose file name starts with `prefix` ("003")."""
    (path,) = TEXTS.glob(f"{prefix}_*.txt")
    return path


def seed(prefix: str) -> bytes:
    return seed_path(prefix).read_bytes()


def all_seeds() -> list[Path]:
    return sorted(TEXTS.glob("*.txt"))


def towns(result: dict) -> dict[str, dict]:
    """The towns an extraction found, by key."""
    return {town["key"]: town for town in result["municipalities"]}


def dates(result: dict) -> set[tuple[str, str]]:
    """The (start, end) of every event an extraction found."""
    return {(event["start"], event["end"]) for event in result["events"]}


PASSWORD = "a long enough passphrase 42"


def as_user(user: User) -> Client:
    """A browser signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client
