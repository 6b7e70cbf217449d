"""Pages for readers without an account (comment, follow, confirm, unsubscribe, their data) and moderators."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from austausch.citizens import services, targets
from austausch.citizens.conf import setting
from austausch.citizens.forms import AnswerForm, CommentForm, FollowForm, ModerationForm
from austausch.citizens.gdpr import erase_reader, reader_data
from austausch.citizens.models import Comment, CommentStatus, ModerationPolicy, Reader
from austausch.programmes.models import Programme

# The session remembers a reader who confirmed an address in this browser: their next comment needs no e-mail.
READER_SESSION_KEY = "citizens_reader"


def session_reader(request: HttpRequest) -> Reader | None:
    pk = request.session.get(READER_SESSION_KEY)
    if pk is None:
        return None
    return Reader.objects.filter(pk=pk, confirmed_at__isnull=False).first()


def site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")[:-1]


def client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "citizens/too_many.html", status=429)


def _target(type_name: str, pk: int) -> Any:
    try:
        return targets.resolve(type_name, pk)
    except targets.UnknownTarget as error:
        raise Http404 from error


def _add_errors(form: Any, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, problem)


def comment(request: HttpRequest, type_name: str, pk: int) -> HttpResponse:
    target = _target(type_name, pk)
    reader = session_reader(request)
    form = CommentForm(request.POST or None, prefix="comment", initial={"email": reader.email} if reader else None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.request_comment(
                target=target,
                email=form.cleaned_data["email"],
                body=form.cleaned_data["body"],
                kind=form.cleaned_data["kind"],
                display_name=form.cleaned_data["display_name"],
                ip=client_ip(request),
                site_url=site_url(request),
                confirmed_reader=reader,
            )
        except services.RateLimited:
            return too_many(request)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if created.status == CommentStatus.UNCONFIRMED:
                return render(request, "citizens/check_mail.html", {"target": target, "what": "comment"})
            messages.success(request, _status_message(created))
            return redirect(target.get_absolute_url() + "#comments")
    status = 400 if request.method == "POST" else 200
    return render(request, "citizens/comment_form.html", {"target": target, "form": form}, status=status)


def follow(request: HttpRequest, type_name: str, pk: int) -> HttpResponse:
    if type_name not in targets.FOLLOWABLE:
        raise Http404
    target = _target(type_name, pk)
    form = FollowForm(request.POST or None, prefix="follow")
    if request.method == "POST" and form.is_valid():
        try:
            services.request_follow(
                target=target, email=form.cleaned_data["email"], ip=client_ip(request), site_url=site_url(request)
            )
        except services.RateLimited:
            return too_many(request)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return render(request, "citizens/check_mail.html", {"target": target, "what": "follow"})
    status = 400 if request.method == "POST" else 200
    return render(request, "citizens/follow_form.html", {"target": target, "form": form}, status=status)


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    # GET only shows a button: mail scanners that open links must not confirm anything.
    try:
        pending = services.find_confirmation(token)
    except services.ConfirmationError as error:
        return render(request, "citizens/confirm.html", {"error": str(error)}, status=410)
    if request.method != "POST":
        return render(request, "citizens/confirm.html", {"confirmation": pending})
    try:
        confirmation = services.confirm(token=token)
    except services.ConfirmationError as error:
        return render(request, "citizens/confirm.html", {"error": str(error)}, status=410)
    request.session[READER_SESSION_KEY] = confirmation.reader_id
    target = (confirmation.follow or confirmation.comment).target  # type: ignore[union-attr]
    context = {"confirmation": confirmation, "done": True, "target": target}
    if confirmation.comment is not None:
        confirmation.comment.refresh_from_db()
        context["status_message"] = _status_message(confirmation.comment)
    return render(request, "citizens/confirm.html", context)


def _status_message(comment: Comment) -> str:
    if comment.status == CommentStatus.PUBLISHED:
        return _("Thank you. Your comment is published.")
    return _("Thank you. Your comment is shown once a moderator has approved it.")


@csrf_exempt  # RFC 8058: mail programs POST here without a form; the signed token is the authority.
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    follow_ = services.follow_for_token(token)
    if follow_ is None:
        return render(request, "citizens/unsubscribe.html", {"invalid": True}, status=404)
    target = follow_.target
    if request.method == "POST":
        services.unsubscribe(follow=follow_)
        return render(request, "citizens/unsubscribe.html", {"done": True, "target": target})
    return render(request, "citizens/unsubscribe.html", {"target": target, "token": token})


def reader(request: HttpRequest, token: str) -> HttpResponse:
    """What we keep about the reader behind the e-mail link, as a page or JSON; and its erasure."""
    found = services.reader_for_token(token)
    if found is None:
        return render(request, "citizens/reader.html", {"invalid": True}, status=404)
    if request.method == "POST":
        erase_reader(email=found.email)
        request.session.pop(READER_SESSION_KEY, None)
        return render(request, "citizens/reader.html", {"erased": True})
    data = reader_data(found.email)
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="austausch-reader.json"'
        return response
    return render(request, "citizens/reader.html", {"data": data, "token": token})


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(fallback)


def _public_comment(pk: int) -> tuple[Comment, Any]:
    """The comment and the object it is on; 404 when that object is gone."""
    found = get_object_or_404(Comment.objects.select_related("target_type"), pk=pk)
    target = found.target
    if target is None:
        raise Http404
    return found, target


@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    found, target = _public_comment(pk)
    if found.status != CommentStatus.PUBLISHED or not targets.is_public(target):
        raise Http404
    reporter = services.reporter_digest(user=request.user, reader=session_reader(request), ip=client_ip(request))
    services.report(comment=found, reporter=reporter)
    messages.success(request, _("Thank you. A moderator will look at the comment."))
    return redirect(target.get_absolute_url() + "#comments")


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    found, target = _public_comment(pk)
    try:
        services.moderate(actor=request.user, comment=found, step=request.POST.get("step", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done: the comment is now “%(status)s”.") % {"status": _status_label(pk)})
    return _back(request, target.get_absolute_url() + "#comments")


def _status_label(pk: int) -> str:
    return str(Comment.objects.get(pk=pk).get_status_display())


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    found, target = _public_comment(pk)
    form = AnswerForm(request.POST, auto_id=f"answer-{pk}-%s")
    if form.is_valid():
        try:
            services.answer(actor=request.user, comment=found, body=form.cleaned_data["body"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your official answer is published."))
    else:
        messages.error(request, _("Please write an answer."))
    return _back(request, target.get_absolute_url() + "#comments")


QUEUE_STATUSES = [CommentStatus.PENDING, CommentStatus.HIDDEN, CommentStatus.PUBLISHED, CommentStatus.REJECTED]


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """The comments this person may moderate, by state: waiting first."""
    status = request.GET.get("status", CommentStatus.PENDING)
    if status not in QUEUE_STATUSES:
        status = CommentStatus.PENDING
    candidates = (
        Comment.objects.filter(status=status, answer_to__isnull=True)
        .select_related("reader", "target_type")
        .prefetch_related("reports")
        .order_by("created_at")
    )
    # Moderators are whoever may edit the target; that is each model's decision, so ask each target once.
    allowed: dict[tuple[int, int], bool] = {}
    mine = []
    for candidate in candidates:
        key = (candidate.target_type_id, candidate.target_id)
        if key not in allowed:
            allowed[key] = candidate.target is not None and services.may_moderate(request.user, candidate.target)
        if allowed[key]:
            mine.append(candidate)
    page = Paginator(mine, 25).get_page(request.GET.get("page"))
    tabs = [(value, CommentStatus(value).label) for value in QUEUE_STATUSES]
    return render(request, "citizens/queue.html", {"page": page, "status": status, "tabs": tabs})


@login_required
def programme_moderation(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    if not programme.editable_by(request.user):
        raise PermissionDenied
    form = ModerationForm(request.POST or None, initial={"moderation": _current_moderation(programme)})
    if request.method == "POST" and form.is_valid():
        services.set_moderation(actor=request.user, programme=programme, moderation=form.cleaned_data["moderation"])
        messages.success(request, _("The moderation of comments is saved."))
        return redirect("citizens:programme-moderation", slug=slug)
    return render(request, "citizens/programme_moderation.html", {"programme": programme, "form": form})


def _current_moderation(programme: Programme) -> str:
    policy = ModerationPolicy.objects.filter(programme=programme).first()
    return policy.moderation if policy else str(setting("CITIZENS_DEFAULT_MODERATION"))
