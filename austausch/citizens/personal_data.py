"""What the citizens app keeps about a person who also reads without signing in: their reader address
(under any of the account's addresses) with what it follows and wrote, and the official answers they gave.

The reader page offers the same to readers without an account (`citizens.gdpr`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from austausch.citizens.gdpr import erase_reader, reader_data
from austausch.citizens.models import Comment, Confirmation, Follow, Reader
from austausch.lib.personal_data import Person, PersonalData, Row, linked_records, register

GOES_WITH_THE_ADDRESS = "Deleted with the reader address (see reader_address)."


def _readers(person: Person) -> list[dict[str, Any]]:
    return [data for email in sorted(person.emails) if (data := reader_data(email))]


def _erase(person: Person, actor: Any) -> None:
    for email in person.emails:
        erase_reader(email=email, actor=actor)


def _part(name: str) -> Callable[[Person], list[Row]]:
    def export(person: Person) -> list[Row]:
        return [row for data in _readers(person) for row in data[name]]

    return export


register(
    PersonalData(
        "reader_address",
        (Reader, Confirmation),
        lambda person: [data["reader"] for data in _readers(person)],
        _erase,
    )
)
register(PersonalData("follows", (Follow,), _part("follows"), kept=GOES_WITH_THE_ADDRESS))
register(PersonalData("comments", (Comment,), _part("comments"), kept=GOES_WITH_THE_ADDRESS))
register(linked_records("official_answers", Comment, "answered_by"))
