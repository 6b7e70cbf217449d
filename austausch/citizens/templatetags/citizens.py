"""Template tags other apps' pages use to show citizens' comments and the follow-by-e-mail form."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string

from austausch.citizens import services, targets
from austausch.citizens.forms import AnswerForm, CommentForm, FollowForm
from austausch.citizens.models import Comment, CommentStatus
from austausch.citizens.views import session_reader

register = template.Library()


def _type_name(target: Any) -> str | None:
    try:
        return targets.type_name_of(target)
    except targets.UnknownTarget:
        return None


@register.simple_tag(takes_context=True)
def comments(context: template.Context, target: Any) -> str:
    """The published comments on `target` with their official answers, report buttons and the comment form."""
    type_name = _type_name(target) if target is not None else None
    if type_name is None or not targets.is_public(target):
        return ""
    request = context.get("request")
    user = getattr(request, "user", None)
    moderator = services.may_moderate(user, target)
    shown = list(Comment.objects.shown_on(target))
    waiting = Comment.objects.on(target).filter(status__in=[CommentStatus.PENDING, CommentStatus.HIDDEN])
    if moderator:
        for item in shown:
            item.answer_form = AnswerForm(auto_id=f"answer-{item.pk}-%s")  # type: ignore[attr-defined]
    reader = services_reader(request)
    return render_to_string(
        "citizens/_comments.html",
        {
            "target": target,
            "type_name": type_name,
            "comments": shown,
            "moderator": moderator,
            "waiting": waiting.count() if moderator else 0,
            "form": CommentForm(prefix="comment", initial={"email": reader.email} if reader else None),
            "moderation": services.moderation_of(target),
            "next": request.get_full_path() if request else "",
        },
        request=request,
    )


@register.simple_tag(takes_context=True)
def follow_form(context: template.Context, target: Any) -> str:
    """The follow-by-e-mail form for `target` (a commitment)."""
    type_name = _type_name(target) if target is not None else None
    if type_name not in targets.FOLLOWABLE or not targets.is_public(target):
        return ""
    return render_to_string(
        "citizens/_follow.html",
        {"target": target, "type_name": type_name, "form": FollowForm(prefix="follow")},
        request=context.get("request"),
    )


def services_reader(request: Any) -> Any:
    if request is None or not hasattr(request, "session"):
        return None
    return session_reader(request)
