"""Signing in and out, passwords, two-factor sign-in, accepting an invitation, and one's profile."""

from __future__ import annotations

import time
from typing import Any

import django_otp
from axes.utils import reset as reset_lockout
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from austausch.accounts import two_factor
from austausch.accounts.forms import (
    CodeForm,
    EraseForm,
    InviteForm,
    LoginForm,
    ProfileForm,
    SignUpForm,
    inviting_scopes,
)
from austausch.accounts.gdpr import PENDING_TWO_FACTOR_KEY, erase_user, export_personal_data
from austausch.accounts.models import Role, RoleAssignment, User
from austausch.accounts.privacy import visible_contact
from austausch.accounts.services import (
    ExistingAccount,
    InvitationError,
    accept_invitation,
    accept_invitation_as,
    find_invitation,
    invite,
    update_profile,
)
from austausch.audit.services import log_action

PENDING_SINCE_KEY = "accounts_two_factor_since"
PENDING_BACKEND_KEY = "accounts_two_factor_backend"
PENDING_NEXT_KEY = "accounts_two_factor_next"
PENDING_FAILURES_KEY = "accounts_two_factor_failures"
PENDING_KEYS = (PENDING_TWO_FACTOR_KEY, PENDING_SINCE_KEY, PENDING_BACKEND_KEY, PENDING_NEXT_KEY, PENDING_FAILURES_KEY)
# The second step must follow the first soon, and a wrong code five times sends the person back to the password.
PENDING_SECONDS = 300
CODE_ATTEMPTS = 5


class LoginView(auth_views.LoginView):
    """Password first; someone with a confirmed authenticator is asked for its code in a second step."""

    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        user = form.get_user()
        if two_factor.confirmed_device(user) is None:
            # One write transaction for the new session, the access log and the last login, not three turns
            # at SQLite's write lock.
            with transaction.atomic():
                return super().form_valid(form)
        session = self.request.session
        for key in PENDING_KEYS:
            session.pop(key, None)
        session[PENDING_TWO_FACTOR_KEY] = user.pk
        session[PENDING_SINCE_KEY] = time.time()
        session[PENDING_BACKEND_KEY] = user.backend
        session[PENDING_NEXT_KEY] = self.get_success_url()
        return redirect("accounts:login-code")


@sensitive_post_parameters()
@never_cache
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step: the six-digit code of the person whose password was right."""
    session = request.session
    pending_id = session.get(PENDING_TWO_FACTOR_KEY)
    user = User.objects.filter(pk=pending_id, is_active=True).first() if pending_id else None
    if user is None or time.time() - session.get(PENDING_SINCE_KEY, 0) > PENDING_SECONDS:
        _forget_pending(request)
        messages.info(request, _("Please sign in with your e-mail address and password first."))
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(user, form.cleaned_data["otp_token"])
        if device is not None:
            backend, next_url = session[PENDING_BACKEND_KEY], session[PENDING_NEXT_KEY]
            _forget_pending(request)
            auth_login(request, user, backend=backend)
            django_otp.login(request, device)
            if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
                next_url = reverse(settings.LOGIN_REDIRECT_URL)
            return HttpResponseRedirect(next_url)
        session[PENDING_FAILURES_KEY] = session.get(PENDING_FAILURES_KEY, 0) + 1
        if session[PENDING_FAILURES_KEY] >= CODE_ATTEMPTS:
            _forget_pending(request)
            messages.error(request, _("The code was wrong too often. Please sign in again."))
            return redirect("accounts:login")
        form.add_error("otp_token", _("This code is not right. Please enter the current code from your app."))
    return render(request, "accounts/login_code.html", {"form": form})


def _forget_pending(request: HttpRequest) -> None:
    for key in PENDING_KEYS:
        request.session.pop(key, None)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            log_action("accounts.user.password_reset", actor=form.user, target=form.user)
        # A new password lifts the lock-out of the account (not of the address it was attacked from).
        reset_lockout(username=form.user.email)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            log_action("accounts.user.password_changed", actor=form.user, target=form.user)
        messages.success(self.request, _("Your password has been changed."))
        return response


@sensitive_post_parameters("password", "password_again")
@never_cache
def invitation(request: HttpRequest, token: str) -> HttpResponseBase:
    """The link from the invitation e-mail: sign up, or (with an account already) sign in and accept."""
    try:
        invited = find_invitation(token)
    except InvitationError as error:
        return _invalid_invitation(request, error)
    account_exists = get_user_model().objects.filter(email__iexact=invited.email).exists()
    signed_in_as_other = request.user.is_authenticated and request.user.email.lower() != invited.email.lower()
    context: dict[str, Any] = {"invitation": invited, "role": invited.get_role_display(), "scope": invited.scope}
    if signed_in_as_other:
        return render(request, "accounts/invitation_other_account.html", context, status=403)
    if account_exists:
        return _accept_with_account(request, token, context)
    return _sign_up(request, token, invited, context)


def _accept_with_account(request: HttpRequest, token: str, context: dict[str, Any]) -> HttpResponseBase:
    """An invitation to an address that has an account: sign in first, then accept."""
    if not request.user.is_authenticated:
        context["login_url"] = f"{reverse('accounts:login')}?{urlencode({'next': request.path})}"
        return render(request, "accounts/invitation_sign_in.html", context)
    if request.method != "POST":
        return render(request, "accounts/invitation_accept.html", context)
    try:
        accept_invitation_as(token=token, user=request.user)
    except InvitationError as error:
        return _invalid_invitation(request, error)
    messages.success(request, _("You are now %(role)s of %(scope)s.") % context)
    return redirect("accounts:profile")


def _sign_up(request: HttpRequest, token: str, invited: Any, context: dict[str, Any]) -> HttpResponseBase:
    """An invitation to a new address: the account is made with the name and password given here."""
    form = SignUpForm(request.POST or None, email=invited.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = accept_invitation(
                token=token, name=form.cleaned_data["name"], password=form.cleaned_data["password"]
            )
        except InvitationError as error:
            return _invalid_invitation(request, error)
        except ExistingAccount:
            return redirect(request.path)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Austausch. You are now %(role)s of %(scope)s.") % context)
            return redirect("accounts:profile")
    context["form"] = form
    return render(request, "accounts/invitation_sign_up.html", context)


def _invalid_invitation(request: HttpRequest, error: InvitationError) -> HttpResponse:
    # Gone (410) for a link that worked once; not found (404) for one that never did.
    status = 404 if error.reason == InvitationError.UNKNOWN else 410
    return render(
        request, "accounts/invitation_invalid.html", {"message": str(error), "reason": error.reason}, status=status
    )


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    if not two_factor.may_use_two_factor(request.user):
        raise PermissionDenied
    user: User = request.user  # type: ignore[assignment]
    if two_factor.confirmed_device(user) is not None:
        return render(request, "accounts/two_factor_enabled.html", {"form": CodeForm()})
    device = two_factor.pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.confirm_setup(user=user, token=form.cleaned_data["otp_token"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            django_otp.login(request, device)
            messages.success(request, _("Two-factor sign-in is on. From now on we will ask for a code."))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {"form": form, "qr_code": two_factor.qr_code_data_uri(device), "secret": two_factor.secret_text(device)},
    )


@login_required
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if two_factor.confirmed_device(user) is None:
        return redirect("accounts:profile")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.disable(user=user, token=form.cleaned_data["otp_token"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Two-factor sign-in is off."))
            return redirect("accounts:profile")
    return render(request, "accounts/two_factor_enabled.html", {"form": form})


# The profile: one's own data, invitations, export and erasure; other people as one may see them.


def _roles(person: User) -> list[dict[str, object]]:
    return [
        {"role": Role(assignment.role).label, "scope": assignment.scope}
        for assignment in RoleAssignment.objects.filter(user=person).select_related("scope_type").order_by("id")
        if assignment.scope is not None
    ]


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = ProfileForm(request.POST or None, instance=User.objects.get(pk=user.pk))
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        if changes:
            update_profile(user=user, actor=user, **changes)
            messages.success(request, _("Your details have been saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", _profile_context(request, form=form))


def _profile_context(request: HttpRequest, **extra: object) -> dict[str, object]:
    user: User = request.user  # type: ignore[assignment]
    context: dict[str, object] = {
        "roles": _roles(user),
        "may_invite": bool(inviting_scopes(user)),
        "invite_form": InviteForm(inviter=user),
        "may_use_two_factor": two_factor.may_use_two_factor(user),
        "two_factor_on": two_factor.confirmed_device(user) is not None,
    }
    context.update(extra)
    return context


@login_required
def invite_person(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not inviting_scopes(user):
        raise PermissionDenied
    form = InviteForm(request.POST or None, inviter=user)
    if request.method == "POST" and form.is_valid():
        invitation_url = reverse("accounts:invitation", kwargs={"token": "-"})
        invitation = invite(
            inviter=user,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            scope=form.cleaned_data["scope_object"],
            link_base=request.build_absolute_uri(invitation_url.removesuffix("-/")),
        )
        messages.success(request, _("The invitation has been sent to %(email)s.") % {"email": invitation.email})
        return redirect("accounts:profile")
    return render(request, "accounts/invite.html", {"invite_form": form})


@login_required
def export(request: HttpRequest) -> HttpResponse:
    return _export_response(request.user)  # type: ignore[arg-type]


@login_required
def export_of(request: HttpRequest, pk: int) -> HttpResponse:
    """A platform admin answers a request for someone's data made by letter; nobody else learns the account exists."""
    if not request.user.is_superuser:
        raise Http404
    return _export_response(get_object_or_404(User, pk=pk, erased_at__isnull=True))


def _export_response(person: User) -> HttpResponse:
    response = HttpResponse(export_personal_data(person), content_type="application/zip")
    filename = f"austausch-personal-data-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@never_cache
def erase(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = EraseForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        erase_user(user=user, actor=user)
        logout(request)
        return redirect("accounts:erased")
    return render(request, "accounts/erase.html", {"form": form})


def erased(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/erased.html")


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """A person as another signed-in member sees them: name, roles, and the contact data they may see."""
    shown = get_object_or_404(User, pk=pk, is_active=True)
    return render(
        request,
        "accounts/person.html",
        {"person": shown, "roles": _roles(shown), "contact": visible_contact(shown, request.user)},
    )
