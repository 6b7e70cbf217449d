"""The GDPR rights of a person: a copy of everything held about them, and erasure.

Every app declares what it holds in its own `personal_data.py` (see `austausch.lib.personal_data`);
this module only collects the sections, so it imports no app above accounts.

Erasure keeps the user row as an anonymous placeholder rather than deleting it: audit entries,
invitations and content point to it, and keeping it lets the trail still say "the same erased
person did A and B" without saying who. It carries no name, no phone, an e-mail address
`erased-<id>@invalid`, an unusable password, and can never sign in again.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from austausch.accounts.models import User
from austausch.accounts.personal_data import PENDING_TWO_FACTOR_KEY
from austausch.audit.models import AuditEntry
from austausch.audit.services import log_action
from austausch.lib.personal_data import Person, Row, sections

__all__ = ["PENDING_TWO_FACTOR_KEY", "erase_user", "export_personal_data", "personal_data"]


def export_personal_data(user: User) -> bytes:
    """A ZIP with data.json (every section) and one CSV per section."""
    data = personal_data(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False, default=str))
        for name, rows in data.items():
            archive.writestr(f"{name}.csv", _csv(rows if isinstance(rows, list) else [rows]))
    return buffer.getvalue()


def personal_data(user: User) -> dict[str, Row | list[Row]]:
    """Every app's section of what it holds about `user`, by section name."""
    person = _person(user)
    return {section.section: section.export(person) for section in sections()}


def _csv(rows: list[Row]) -> str:
    output = io.StringIO()
    # Rows of one section may differ in their fields (the kinds of login records): take them all.
    columns = list(dict.fromkeys(key for row in rows for key in row)) or ["empty"]
    writer = csv.DictWriter(output, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                key: json.dumps(value, ensure_ascii=False, default=str) if isinstance(value, dict | list) else value
                for key, value in row.items()
            }
        )
    return output.getvalue()


@transaction.atomic
def erase_user(*, user: User, actor: User) -> User:
    """Remove every trace of the person's identity in one transaction; the row stays as a placeholder."""
    if user.erased_at is not None:
        return user
    # Taken before anything changes, so that no section depends on another having run first.
    person = _person(user)
    for section in sections():
        if section.erase is not None:
            section.erase(person, actor)
    # Nothing personal: who erased is the placeholder itself or a platform admin.
    log_action("accounts.user.erased", actor=actor, target=user, after={"erased": True})
    return user


def _person(user: User) -> Person:
    former = _former_values(user)
    return Person(
        user=user,
        emails=frozenset({user.email.lower(), *(email.lower() for email in former["email"])}),
        names=frozenset({user.name, *former["name"]} - {""}),
        phones=frozenset({user.phone, *former["phone"]} - {""}),
        placeholder=f"erased-{user.pk}@invalid",
    )


def _former_values(user: User) -> dict[str, set[str]]:
    """Names, phone numbers and e-mail addresses the person had before, as recorded in the audit log."""
    former: dict[str, set[str]] = {"name": set(), "phone": set(), "email": set()}
    user_type = ContentType.objects.get_for_model(User)
    for before, after in AuditEntry.objects.filter(target_type=user_type, target_id=str(user.pk)).values_list(
        "before", "after"
    ):
        for snapshot in (before, after):
            for field, values in former.items():
                if isinstance(snapshot, dict) and isinstance(snapshot.get(field), str):
                    values.add(snapshot[field])
    return former
