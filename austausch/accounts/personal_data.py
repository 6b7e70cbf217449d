"""What accounts keep about a person: the profile, roles, invitations, second factors, sessions, sign-ins.

The profile's erasure keeps the user row as an anonymous placeholder (see `accounts.gdpr`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import import_module
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone
from django_otp import devices_for_user

from austausch.accounts.models import Invitation, RoleAssignment, User, Visibility
from austausch.lib.personal_data import Person, PersonalData, Row, register

# The session key under which a password-checked user waits for their second factor (views.py).
PENDING_TWO_FACTOR_KEY = "accounts_two_factor_user"


def _profile(person: Person) -> Row:
    user = person.user
    return {
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
    }


def _erase_profile(person: Person, actor: Any) -> None:
    user = person.user
    user.email = person.placeholder
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


def _roles(person: Person) -> list[Row]:
    return [
        {"role": role.role, "scope_type": role.scope_type.model, "scope_id": role.scope_id, "scope": str(role.scope)}
        for role in person.user.roles.select_related("scope_type")
    ]


def _erase_roles(person: Person, actor: Any) -> None:
    RoleAssignment.objects.filter(user=person.user).delete()


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


def _to(person: Person) -> Q:
    query = Q(pk__in=[])
    for email in person.emails:
        query |= Q(email__iexact=email)
    return query


def _invitations_received(person: Person) -> list[Row]:
    return [
        {**_invitation(invitation), "invited_by": invitation.invited_by.name if invitation.invited_by else None}
        for invitation in Invitation.objects.filter(_to(person)).select_related("invited_by", "scope_type")
    ]


def _erase_invitations_received(person: Person, actor: Any) -> None:
    received = Invitation.objects.filter(_to(person))
    # An open invitation to the erased address must not create a fresh account later.
    received.filter(accepted_at__isnull=True, expires_at__gt=timezone.now()).update(expires_at=timezone.now())
    received.update(email=person.placeholder)


def _two_factor_devices(person: Person) -> list[Row]:
    return [
        {
            "name": device.name,
            "confirmed": device.confirmed,
            "created_at": getattr(device, "created_at", None),
            "last_used_at": getattr(device, "last_used_at", None),
        }
        for device in devices_for_user(person.user, confirmed=None)
    ]


def _erase_two_factor_devices(person: Person, actor: Any) -> None:
    for device in list(devices_for_user(person.user, confirmed=None)):
        device.delete()


def sessions_of(user: User, *, include_pending: bool = False) -> Iterator[Session]:
    """Sessions signed in as `user` (and, with include_pending, waiting for their second factor)."""
    keys = [SESSION_KEY, PENDING_TWO_FACTOR_KEY] if include_pending else [SESSION_KEY]
    for session in Session.objects.iterator():
        data = session.get_decoded()
        if any(str(data.get(key)) == str(user.pk) for key in keys):
            yield session


def _erase_sessions(person: Person, actor: Any) -> None:
    engine = import_module(settings.SESSION_ENGINE)
    for session in list(sessions_of(person.user, include_pending=True)):
        engine.SessionStore(session_key=session.session_key).delete()


_LOGIN_RECORDS: list[tuple[str, type[AccessAttempt | AccessFailureLog | AccessLog], Callable[[Any], Row]]] = [
    ("failed_attempts", AccessAttempt, lambda record: {"failures": record.failures_since_start}),
    ("failure", AccessFailureLog, lambda record: {"locked_out": record.locked_out}),
    ("sign_in", AccessLog, lambda record: {"signed_out": record.logout_time}),
]


def _login_attempts(person: Person) -> list[Row]:
    return [
        {
            "kind": kind,
            "when": record.attempt_time,
            "ip_address": record.ip_address,
            "user_agent": record.user_agent,
            "path": record.path_info,
            **extra(record),
        }
        for kind, model, extra in _LOGIN_RECORDS
        for record in model._default_manager.filter(username__iexact=person.user.email)
    ]


def _erase_login_attempts(person: Person, actor: Any) -> None:
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        for email in person.emails:
            model.objects.filter(username__iexact=email).delete()


register(PersonalData("profile", (User,), _profile, _erase_profile))
register(PersonalData("roles", (RoleAssignment,), _roles, _erase_roles))
register(
    PersonalData(
        "invitations_sent",
        (),
        lambda person: [_invitation(invitation) for invitation in person.user.invitations_sent.all()],
        kept="Who was invited by the erased account stays known; the inviter becomes the placeholder.",
    )
)
register(PersonalData("invitations_received", (Invitation,), _invitations_received, _erase_invitations_received))
register(PersonalData("two_factor_devices", (), _two_factor_devices, _erase_two_factor_devices))
register(
    PersonalData(
        "sessions",
        (),
        lambda person: [{"expires": session.expire_date} for session in sessions_of(person.user)],
        _erase_sessions,
    )
)
register(PersonalData("login_attempts", (), _login_attempts, _erase_login_attempts))
