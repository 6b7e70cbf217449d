"""Forms for readers (comment, follow) and moderators (official answer, moderation of a programme)."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from austausch.citizens.conf import number
from austausch.citizens.models import CommentKind, Moderation


class CommentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Question or comment"), choices=CommentKind.choices, initial=CommentKind.QUESTION)
    body = forms.CharField(
        label=_("Your question or comment"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain text; links and HTML are shown as typed."),
    )
    display_name = forms.CharField(
        label=_("Name shown with it (optional)"),
        required=False,
        max_length=80,
        help_text=_("Leave it empty to appear as “A reader”."),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("Never shown. We send you a link to confirm that the comment is yours."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        limit = number("CITIZENS_COMMENT_MAX_LENGTH")
        body = self.fields["body"]
        body.validators.append(MaxLengthValidator(limit))
        body.widget.attrs["maxlength"] = str(limit)


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send you a link to confirm; every e-mail has a link to stop them."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class AnswerForm(forms.Form):
    body = forms.CharField(label=_("Official answer"), widget=forms.Textarea(attrs={"rows": 3}))


class ModerationForm(forms.Form):
    moderation = forms.ChoiceField(
        label=_("Moderation of comments"), choices=Moderation.choices, widget=forms.RadioSelect
    )
