"""Writes about people: invitations, sign-up, roles, profile, and the GDPR rights."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from austausch.accounts.models import Invitation, Role, RoleAssignment, User, hash_token
from austausch.accounts.roles import has_role
from austausch.audit.services import log_action, snapshot

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
    if not can_invite(inviter, role, scope):
        raise PermissionDenied(_("You may not invite people to this role."))
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
    """The link is unknown, expired or used; the message says which."""


def find_invitation(token: str) -> Invitation:
    invitation = Invitation.objects.filter(token_hash=hash_token(token)).first()
    if invitation is None:
        raise InvitationError(_("This invitation link is not valid. Please check that you copied all of it."))
    if invitation.accepted_at is not None:
        raise InvitationError(_("This invitation has already been used. Please sign in instead."))
    if invitation.expires_at < timezone.now():
        raise InvitationError(
            _("This invitation expired on %(date)s. Please ask for a new one.")
            % {"date": invitation.expires_at.strftime("%Y-%m-%d")}
        )
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, name: str, password: str) -> User:
    """Create the account (or use the existing one with that e-mail) and give it the invited role."""
    invitation = find_invitation(token)
    # Lock the row so that two submissions of the same link cannot both succeed.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationError(_("This invitation has already been used. Please sign in instead."))
    user = User.objects.filter(email=invitation.email).first()
    if user is None:
        candidate = User(email=invitation.email, name=name.strip())
        validate_password(password, candidate)
        if not candidate.name:
            raise ValidationError({"name": _("Please enter your name.")})
        user = User.objects.create_user(invitation.email, password, name=name.strip())
        log_action("accounts.user.created", actor=user, target=user, after=snapshot(user, PROFILE_FIELDS))
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
    return user


@transaction.atomic
def update_profile(*, user: User, actor: User, **changes: Any) -> User:
    if actor != user and not actor.is_superuser:
        raise PermissionDenied(_("You may only change your own profile."))
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {', '.join(sorted(unknown))}")
    before = snapshot(user, changes)
    for name, value in changes.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=list(changes))
    log_action("accounts.user.changed", actor=actor, target=user, before=before, after=snapshot(user, changes))
    return user
