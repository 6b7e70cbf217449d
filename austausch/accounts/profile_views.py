"""A person's own account: profile, roles, inviting others, and the GDPR rights (export, erasure)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from austausch.accounts import two_factor
from austausch.accounts.forms import EraseForm, InviteForm, ProfileForm, inviting_scopes
from austausch.accounts.gdpr import erase_user, export_personal_data
from austausch.accounts.models import Role, RoleAssignment, User
from austausch.accounts.privacy import visible_contact
from austausch.accounts.services import invite, update_profile


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
