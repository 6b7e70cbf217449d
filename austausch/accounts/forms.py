from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from austausch.accounts.models import Role, User
from austausch.accounts.services import INVITING_ROLES, can_invite


class LoginForm(AuthenticationForm):
    """E-mail and password. The e-mail field keeps the name `username`, which django-axes reads."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget.attrs.update(autocomplete="email", inputmode="email", spellcheck="false")

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()

    def clean(self) -> dict[str, Any]:
        email, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if email is not None and password:
            # Passed as `email` too: django-axes reads the account from the credentials under the
            # user model's USERNAME_FIELD unless AXES_USERNAME_FORM_FIELD says otherwise.
            self.user_cache = authenticate(self.request, username=email, email=email, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("Six digits; a new one appears every 30 seconds."),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}),
    )


class SignUpForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=password_validators_help_text_html(),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Please enter your name."))
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password and cleaned.get("password_again") and password != cleaned["password_again"]:
            self.add_error("password_again", _("The two passwords differ. Please type the same password twice."))
        elif password:
            try:
                validate_password(password, User(email=self.email, name=cleaned.get("name", "")))
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "phone", "email_visibility", "phone_visibility"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "email_visibility": forms.RadioSelect,
            "phone_visibility": forms.RadioSelect,
        }


def scope_value(scope: models.Model) -> str:
    return f"{ContentType.objects.get_for_model(scope).pk}:{scope.pk}"


class InviteForm(forms.Form):
    """Invite someone by e-mail to a role on one of the objects the inviter coordinates or edits."""

    email = forms.EmailField(label=_("E-mail address of the person"))
    scope = forms.ChoiceField(label=_("For"))
    role = forms.ChoiceField(label=_("As"), choices=Role.choices)

    def __init__(self, *args: Any, inviter: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.inviter = inviter
        self.scopes = {scope_value(scope): scope for scope in inviting_scopes(inviter)}
        self.fields["scope"].choices = [  # type: ignore[attr-defined]
            (value, f"{scope._meta.verbose_name}: {scope}") for value, scope in self.scopes.items()
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        scope = self.scopes.get(cleaned.get("scope", ""))
        if scope is not None and cleaned.get("role"):
            if not can_invite(self.inviter, cleaned["role"], scope):
                self.add_error(
                    "role",
                    _(
                        "You may not invite people to this role there: coordinators invite coordinators and "
                        "participants, editors invite editors and participants."
                    ),
                )
            cleaned["scope_object"] = scope
        return cleaned


def inviting_scopes(user: User) -> list[models.Model]:
    """The objects on which `user` holds a role that lets them invite, in a stable order."""
    assignments = user.roles.filter(role__in=list(INVITING_ROLES)).select_related("scope_type").order_by("id")
    scopes: dict[tuple[int, int], models.Model] = {}
    for assignment in assignments:
        if assignment.scope is not None:
            scopes.setdefault((assignment.scope_type_id, assignment.scope_id), assignment.scope)
    return list(scopes.values())


class EraseForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address, to confirm"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if email.strip().lower() != self.user.email.lower():
            raise forms.ValidationError(_("This is not the e-mail address of your account."))
        return email
