"""Optional TOTP two-factor sign-in for staff (coordinators, editors, platform admins), on django-otp."""

from __future__ import annotations

import base64
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from austausch.accounts.models import Role, User
from austausch.audit.services import log_action

DEVICE_NAME = "authenticator app"
STAFF_ROLES = (Role.COORDINATOR, Role.EDITOR)


def may_use_two_factor(user: Any) -> bool:
    """Staff may protect their account with a second factor; participants have nothing to guard."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.roles.filter(role__in=STAFF_ROLES).exists()


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed device being set up, created on first use; its key stays until confirmed."""
    if not may_use_two_factor(user):
        raise PermissionDenied(_("Two-factor sign-in is for coordinators, editors and platform admins."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app that cannot scan."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    import segno  # only the set-up page draws a QR code; not every start-up

    # A data URI in an <img>: the CSP allows data: images, and the page needs no inline style.
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=4)


def confirm_setup(*, user: User, token: str) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    # Verified outside the transaction below, so that a wrong code counts towards throttling.
    if device is None or not device.verify_token(token.strip()):
        raise ValidationError({"otp_token": _("This code is not right. Please enter the current code from your app.")})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        log_action("accounts.two_factor.enabled", actor=user, target=user)
    return device


def disable(*, user: User, token: str) -> None:
    if verify(user, token) is None:
        raise ValidationError({"otp_token": _("This code is not right. Please enter the current code from your app.")})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        log_action("accounts.two_factor.disabled", actor=user, target=user)


def verify(user: User, token: str) -> TOTPDevice | None:
    """The confirmed device that accepts `token`, or None. django-otp throttles repeated failures."""
    device = confirmed_device(user)
    if device is None:
        return None
    return device if device.verify_token(token.strip()) else None
