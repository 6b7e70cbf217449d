"""The GDPR rights of a person: a copy of everything held about them, and erasure.

Erasure keeps the user row as an anonymous placeholder rather than deleting it: audit entries,
invitations and (later) content point to it, and keeping it lets the trail still say "the same
erased person did A and B" without saying who. It carries no name, no phone, an e-mail address
`erased-<id>@invalid`, an unusable password, and can never sign in again.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from importlib import import_module
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django_otp import devices_for_user

from austausch.accounts.models import Invitation, RoleAssignment, User, Visibility
from austausch.audit.models import AuditEntry
from austausch.audit.services import log_action
from austausch.citizens.gdpr import erase_reader, reader_data

# The session key under which a password-checked user waits for their second factor (views.py).
PENDING_TWO_FACTOR_KEY = "accounts_two_factor_user"
ERASED = "[erased]"

Row = dict[str, Any]


def export_personal_data(user: User) -> bytes:
    """A ZIP with data.json (every section) and one CSV per section."""
    sections = personal_data(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(sections, indent=2, ensure_ascii=False, default=str))
        for name, rows in sections.items():
            archive.writestr(f"{name}.csv", _csv(rows if isinstance(rows, list) else [rows]))
    return buffer.getvalue()


def personal_data(user: User) -> dict[str, Any]:
    email = user.email
    user_type = ContentType.objects.get_for_model(User)
    audit_entries = AuditEntry.objects.filter(
        Q(actor=user) | Q(target_type=user_type, target_id=str(user.pk))
    ).select_related("target_type")
    # What the person did as a reader without signing in (follows, comments) under the same address.
    citizen = reader_data(email)
    return {
        "profile": {
            "id": user.pk,
            "email": user.email,
            "name": user.name,
            "phone": user.phone,
            "email_visibility": user.email_visibility,
            "phone_visibility": user.phone_visibility,
            "is_active": user.is_active,
            "is_platform_admin": user.is_superuser,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "roles": [
            {
                "role": role.role,
                "scope_type": role.scope_type.model,
                "scope_id": role.scope_id,
                "scope": str(role.scope),
            }
            for role in user.roles.select_related("scope_type")
        ],
        "invitations_sent": [_invitation(invitation) for invitation in user.invitations_sent.all()],
        "invitations_received": [
            {**_invitation(invitation), "invited_by": invitation.invited_by.name if invitation.invited_by else None}
            for invitation in Invitation.objects.filter(email__iexact=email).select_related("invited_by")
        ],
        "audit_entries": [
            {
                "when": entry.created_at,
                "action": entry.action,
                "by_you": entry.actor_id == user.pk,
                "object_type": entry.target_type.model if entry.target_type else "",
                "object_id": entry.target_id,
                "object": entry.target_label,
                "before": entry.before,
                "after": entry.after,
            }
            for entry in audit_entries
        ],
        "two_factor_devices": [
            {
                "name": device.name,
                "confirmed": device.confirmed,
                "created_at": getattr(device, "created_at", None),
                "last_used_at": getattr(device, "last_used_at", None),
            }
            for device in devices_for_user(user, confirmed=None)
        ],
        "sessions": [{"expires": session.expire_date} for session in _sessions_of(user)],
        "login_attempts": [
            {
                "kind": kind,
                "when": record.attempt_time,
                "ip_address": record.ip_address,
                "user_agent": record.user_agent,
                "path": record.path_info,
                **extra(record),
            }
            for kind, model, extra in _LOGIN_RECORDS
            for record in model._default_manager.filter(username__iexact=email)
        ],
        "reader_address": citizen.get("reader", {}),
        "follows": citizen.get("follows", []),
        "comments": citizen.get("comments", []),
    }


_LOGIN_RECORDS: list[tuple[str, type[AccessAttempt | AccessFailureLog | AccessLog], Callable[[Any], Row]]] = [
    ("failed_attempts", AccessAttempt, lambda record: {"failures": record.failures_since_start}),
    ("failure", AccessFailureLog, lambda record: {"locked_out": record.locked_out}),
    ("sign_in", AccessLog, lambda record: {"signed_out": record.logout_time}),
]


def _invitation(invitation: Invitation) -> Row:
    return {
        "email": invitation.email,
        "role": invitation.role,
        "scope_type": invitation.scope_type.model,
        "scope_id": invitation.scope_id,
        "created_at": invitation.created_at,
        "expires_at": invitation.expires_at,
        "accepted_at": invitation.accepted_at,
    }


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
    placeholder = f"erased-{user.pk}@invalid"
    former = _former_values(user)
    replace = _replacer(
        emails={user.email, *former["email"]},
        names={user.name, *former["name"]},
        phones={user.phone, *former["phone"]},
        placeholder=placeholder,
    )

    _scrub_audit_entries(user, replace)
    for address in {user.email, *former["email"]}:
        erase_reader(email=address, actor=actor)
    received = Invitation.objects.filter(email__iexact=user.email)
    # An open invitation to the erased address must not create a fresh account later.
    received.filter(accepted_at__isnull=True, expires_at__gt=timezone.now()).update(expires_at=timezone.now())
    received.update(email=placeholder)
    RoleAssignment.objects.filter(user=user).delete()
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=user.email).delete()
    engine = import_module(settings.SESSION_ENGINE)
    for session in list(_sessions_of(user, include_pending=True)):
        engine.SessionStore(session_key=session.session_key).delete()

    user.email = placeholder
    user.name = ""
    user.phone = ""
    user.email_visibility = user.phone_visibility = Visibility.PRIVATE
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.erased_at = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    # Nothing personal: who erased is the placeholder itself or a platform admin.
    log_action("accounts.user.erased", actor=actor, target=user, after={"erased": True})
    return user


def _sessions_of(user: User, *, include_pending: bool = False) -> Iterator[Session]:
    """Sessions signed in as `user` (and, with include_pending, waiting for their second factor)."""
    keys = [SESSION_KEY, PENDING_TWO_FACTOR_KEY] if include_pending else [SESSION_KEY]
    for session in Session.objects.iterator():
        data = session.get_decoded()
        if any(str(data.get(key)) == str(user.pk) for key in keys):
            yield session


def _scrub_audit_entries(user: User, replace: Callable[[Any], Any]) -> None:
    user_type = ContentType.objects.get_for_model(User)
    entries = AuditEntry.objects.annotate(
        before_text=Cast("before", TextField()), after_text=Cast("after", TextField())
    ).filter(
        Q(actor=user)
        | Q(target_type=user_type, target_id=str(user.pk))
        | Q(target_label__icontains=user.email)
        | Q(before_text__icontains=user.email)
        | Q(after_text__icontains=user.email)
    )
    for entry in entries:
        entry.target_label = replace(entry.target_label)
        entry.before = replace(entry.before)
        entry.after = replace(entry.after)
        entry.save(update_fields=["target_label", "before", "after"])


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


def _replacer(*, emails: set[str], names: set[str], phones: set[str], placeholder: str) -> Callable[[Any], Any]:
    # Longest first, so that "Anna Maria Schmidt" goes before "Anna Maria".
    def longest_first(values: set[str]) -> list[str]:
        return sorted({value.strip() for value in values if value.strip()}, key=len, reverse=True)

    patterns = [(re.compile(re.escape(email), re.IGNORECASE), placeholder) for email in longest_first(emails)]
    patterns += [
        (re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE), ERASED) for name in longest_first(names)
    ]
    patterns += [(re.compile(re.escape(phone)), ERASED) for phone in longest_first(phones)]

    def replace(value: Any) -> Any:
        if isinstance(value, str):
            for pattern, substitute in patterns:
                value = pattern.sub(substitute, value)
            return value
        if isinstance(value, dict):
            return {replace(key): replace(item) for key, item in value.items()}
        if isinstance(value, list):
            return [replace(item) for item in value]
        return value

    return replace
