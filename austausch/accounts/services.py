"""Writes about people: invitations, sign-up, roles, profile, and the GDPR rights."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from austausch.accounts.models import Invitation, Role, RoleAssignment, User, hash_token
from austausch.accounts.roles import has_role
from austausch.audit.services import log_action, snapshot, update_audited
from austausch.lib.permissions import require

PROFILE_FIELDS = ("name", "phone", "email_visibility", "phone_visibility")

# Who may invite to which role on an object: coordinators bring in coordinators and participants,
# editors bring in editors and participants. Platform admins may invite anyone.
INVITING_ROLES = {
    Role.COORDINATOR: {Role.COORDINATOR, Role.PARTICIPANT},
    Role.EDITOR: {Role.EDITOR, Role.PARTICIPANT},
}


def can_invite(user: Any, role: Role | str, scope: models.Model) -> bool:
    return any(role in allowed and has_role(user, holder, scope) for holder, allowed in INVITING_ROLES.items())


@transaction.atomic
def invite(*, inviter: User, email: str, role: Role | str, scope: models.Model, link_base: str) -> Invitation:
    """Invite `email` to `role` on `scope` and send the link. `link_base` is the sign-up URL without token."""
    require(can_invite(inviter, role, scope), _("You may not invite people to this role."))
    email = User.objects.normalize_email(email).lower()
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        role=role,
        scope_type=ContentType.objects.get_for_model(scope),
        scope_id=scope.pk,
        invited_by=inviter,
        token_hash=hash_token(token),
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
    )
    log_action(
        "accounts.invitation.sent",
        actor=inviter,
        target=scope,
        after={"invitation": invitation.pk, "role": str(role), "email": email},
    )
    send_mail(
        subject=_("Your invitation to Austausch"),
        message=_(
            "%(inviter)s invites you to Austausch as %(role)s of %(scope)s.\n\n"
            "Create your account here (the link works once and until %(expires)s):\n%(link)s\n"
        )
        % {
            "inviter": inviter.name,
            "role": Role(role).label,
            "scope": scope,
            "expires": invitation.expires_at.strftime("%Y-%m-%d"),
            "link": f"{link_base}{token}/",
        },
        from_email=None,
        recipient_list=[email],
    )
    return invitation


class InvitationError(Exception):
    """The link is unknown, expired or used; `reason` says which and the message says it to people."""

    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class ExistingAccount(Exception):
    """An account with the invited e-mail exists: its owner signs in and accepts from there."""


def find_invitation(token: str) -> Invitation:
    invitation = Invitation.objects.filter(token_hash=hash_token(token)).first()
    if invitation is None:
        raise InvitationError(
            _("This invitation link is not valid. Please check that you copied all of it."),
            reason=InvitationError.UNKNOWN,
        )
    if invitation.accepted_at is not None:
        raise _used()
    if invitation.expires_at < timezone.now():
        raise InvitationError(
            _("This invitation expired on %(date)s. Please ask for a new one.")
            % {"date": invitation.expires_at.strftime("%Y-%m-%d")},
            reason=InvitationError.EXPIRED,
        )
    return invitation


def _used() -> InvitationError:
    return InvitationError(
        _("This invitation has already been used. Please sign in instead."), reason=InvitationError.USED
    )


@transaction.atomic
def accept_invitation(*, token: str, name: str, password: str) -> User:
    """Create the account for the invited e-mail and give it the invited role.

    Raises ExistingAccount when that e-mail already has an account: the link alone must not be
    enough to add a role to someone's account, so its owner signs in first (`accept_invitation_as`).
    """
    invitation = _lock(find_invitation(token))
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ExistingAccount(invitation.email)
    name = name.strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Please enter your name.")]
    try:
        validate_password(password, User(email=invitation.email, name=name))
    except ValidationError as error:
        errors["password"] = error.messages
    if errors:
        raise ValidationError(errors)
    user = User.objects.create_user(invitation.email, password, name=name)
    log_action("accounts.user.created", actor=user, target=user, after=snapshot(user, PROFILE_FIELDS))
    _grant(invitation, user)
    return user


@transaction.atomic
def accept_invitation_as(*, token: str, user: User) -> User:
    """The signed-in owner of the invited e-mail accepts: the role is added to their account."""
    invitation = _lock(find_invitation(token))
    require(user.email.lower() == invitation.email.lower(), _("This invitation was sent to another e-mail address."))
    _grant(invitation, user)
    return user


def _lock(invitation: Invitation) -> Invitation:
    # Lock the row so that two submissions of the same link cannot both succeed.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise _used()
    return invitation


def _grant(invitation: Invitation, user: User) -> None:
    RoleAssignment.objects.get_or_create(
        user=user, role=invitation.role, scope_type=invitation.scope_type, scope_id=invitation.scope_id
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    log_action(
        "accounts.invitation.accepted",
        actor=user,
        target=invitation.scope,
        after={"invitation": invitation.pk, "role": invitation.role, "user": user.pk},
    )


@transaction.atomic
def update_profile(*, user: User, actor: User, **changes: Any) -> User:
    require(actor == user or actor.is_superuser, _("You may only change your own profile."))
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {', '.join(sorted(unknown))}")
    return update_audited(user, changes, actor=actor, action="accounts.user.changed")
