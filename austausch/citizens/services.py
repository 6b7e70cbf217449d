"""Writes by readers without an account, and by the moderators of what they write.

Every public write starts with an e-mail address that is confirmed by a link (double opt-in) and
is counted against a burst limit in the database, so the limit holds across server processes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from austausch.accounts.models import hash_token
from austausch.audit.services import log_action
from austausch.citizens import targets
from austausch.citizens.conf import number, setting
from austausch.citizens.models import (
    Comment,
    CommentKind,
    CommentStatus,
    Confirmation,
    ConfirmationKind,
    Follow,
    Moderation,
    ModerationPolicy,
    Reader,
    Report,
)
from austausch.lib.permissions import require

UNSUBSCRIBE_SALT = "austausch.citizens.unsubscribe"
READER_SALT = "austausch.citizens.reader"


class RateLimited(Exception):
    """Too many submissions from one address or one IP address within the last hour."""


class ConfirmationError(Exception):
    """The confirmation link is unknown, used or expired; the message says which in plain words."""


def digest(value: str) -> str:
    """A keyed hash: lets us count and compare IP addresses without storing them."""
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def moderation_of(target: Any) -> str:
    programme = targets.programme_of(target)
    if programme is not None:
        policy = ModerationPolicy.objects.filter(programme=programme).first()
        if policy is not None:
            return policy.moderation
    return str(setting("CITIZENS_DEFAULT_MODERATION"))


def may_moderate(user: Any, target: Any) -> bool:
    return bool(user is not None and user.is_authenticated and target.editable_by(user))


# Readers ----------------------------------------------------------------------------------------


def _clean_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": [_("Please enter a valid e-mail address.")]}) from error
    return email


def _clean_name(name: str) -> str:
    name = _plain(name or "").strip()
    if len(name) > 80:
        raise ValidationError({"display_name": [_("Please use at most 80 characters for your name.")]})
    return name


def _plain(text: str) -> str:
    """The text without control characters (keeps line breaks and tabs); HTML stays as typed, shown as text."""
    return "".join(
        char for char in text if char in "\n\t" or unicodedata.category(char) not in {"Cc", "Cf", "Co", "Cs"}
    ).replace("\r", "")


def _clean_body(body: str, field: str = "body") -> str:
    body = _plain(body or "").strip()
    low, high = number("CITIZENS_COMMENT_MIN_LENGTH"), number("CITIZENS_COMMENT_MAX_LENGTH")
    if len(body) < low:
        raise ValidationError({field: [_("Please write at least %(count)d characters.") % {"count": low}]})
    if len(body) > high:
        raise ValidationError(
            {
                field: [
                    _("Please write at most %(limit)d characters (you wrote %(count)d).")
                    % {"limit": high, "count": len(body)}
                ]
            }
        )
    return body


def _check_rate(*, email: str, ip_digest: str) -> None:
    since = timezone.now() - timedelta(hours=1)
    by_address = (
        Comment.objects.filter(reader__email=email, created_at__gte=since).count()
        + Confirmation.objects.filter(reader__email=email, kind=ConfirmationKind.FOLLOW, created_at__gte=since).count()
    )
    if by_address >= number("CITIZENS_PER_ADDRESS_PER_HOUR"):
        raise RateLimited(email)
    if ip_digest:
        by_ip = (
            Comment.objects.filter(ip_digest=ip_digest, created_at__gte=since).count()
            + Confirmation.objects.filter(
                ip_digest=ip_digest, kind=ConfirmationKind.FOLLOW, created_at__gte=since
            ).count()
        )
        if by_ip >= number("CITIZENS_PER_IP_PER_HOUR"):
            raise RateLimited(ip_digest)


def _reader(email: str) -> Reader:
    """The reader row, locked: parallel requests from one address are counted one after the other."""
    reader, _created = Reader.objects.get_or_create(email=email)
    return Reader.objects.select_for_update().get(pk=reader.pk)


def _new_confirmation(reader: Reader, *, kind: str, ip_digest: str, **pending: Any) -> tuple[Confirmation, str]:
    token = secrets.token_urlsafe(32)
    confirmation = Confirmation.objects.create(
        reader=reader,
        kind=kind,
        token_hash=hash_token(token),
        ip_digest=ip_digest,
        expires_at=timezone.now() + timedelta(hours=number("CITIZENS_CONFIRMATION_HOURS")),
        **pending,
    )
    return confirmation, token


# Following --------------------------------------------------------------------------------------


@transaction.atomic
def request_follow(*, target: Any, email: str, ip: str, site_url: str) -> Follow:
    """Record a follow that starts once the reader clicks the link we e-mail to `email`."""
    email = _clean_email(email)
    ip_digest = digest(ip) if ip else ""
    reader = _reader(email)
    _check_rate(email=email, ip_digest=ip_digest)
    follow, _created = Follow.objects.get_or_create(
        reader=reader,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        defaults={"site_url": site_url, "language": translation.get_language() or settings.LANGUAGE_CODE},
    )
    confirmation, token = _new_confirmation(reader, kind=ConfirmationKind.FOLLOW, ip_digest=ip_digest, follow=follow)
    log_action("citizens.follow.requested", actor=None, target=target, after={"follow": follow.pk})
    subject = _("Please confirm: follow “%(title)s”") % {"title": target}
    body = _(
        "Someone (hopefully you) asked to follow “%(title)s” on Austausch and hear by e-mail when it changes.\n\n"
        "To start, open this link and press the button (it works once, until %(expires)s):\n%(link)s\n\n"
        "If you did not ask for this, ignore this e-mail: nothing happens without the click."
    ) % {"title": target, "expires": _when(confirmation.expires_at), "link": _confirm_link(site_url, token)}
    _send_after_commit(reader, subject, body, site_url)
    return follow


def unsubscribe_token(follow: Follow) -> str:
    return signing.dumps(follow.pk, salt=UNSUBSCRIBE_SALT)


def follow_for_token(token: str) -> Follow | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Follow.objects.select_related("reader").filter(pk=pk).first()


@transaction.atomic
def unsubscribe(*, follow: Follow) -> None:
    target = follow.target
    follow.delete()
    log_action("citizens.follow.ended", actor=None, target=target, after={"follow": None})


def followers_of(target: Any) -> models.QuerySet[Follow]:
    return Follow.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk, confirmed_at__isnull=False
    ).select_related("reader")


def notify_followers(*, commitment: Any, update: Any) -> int:
    """E-mail every confirmed follower of `commitment` what the update changed; returns how many."""
    sent = 0
    for follow in followers_of(commitment):
        with translation.override(follow.language):
            link = follow.site_url + commitment.get_absolute_url()
            unsubscribe_link = follow.site_url + reverse("citizens:unsubscribe", args=[unsubscribe_token(follow)])
            subject = _("Update: %(title)s") % {"title": commitment}
            body = _("There is news on “%(title)s”, which you follow on Austausch.") % {"title": commitment}
            body += "\n\n" + _update_text(update) + "\n\n" + _("Read more: %(link)s") % {"link": link}
            body += "\n\n" + _("Stop these e-mails with one click: %(link)s") % {"link": unsubscribe_link}
            _send(follow.reader, subject, body, follow.site_url, unsubscribe=unsubscribe_link)
        sent += 1
    return sent


def _update_text(update: Any) -> str:
    """What changed: the date, the new state if any, the text and the evidence link of the update."""
    lines = []
    when = getattr(update, "on", None) or getattr(update, "created_at", None)
    if when is not None:
        lines.append(_("Date: %(date)s") % {"date": _when(when)})
    if getattr(update, "new_state", ""):
        lines.append(_("New state: %(state)s") % {"state": update.get_new_state_display()})
    if getattr(update, "text", ""):
        lines.append(str(update.text))
    if getattr(update, "link", ""):
        lines.append(_("Evidence: %(link)s") % {"link": update.link})
    return "\n".join(lines) or str(update)


# Comments ---------------------------------------------------------------------------------------


@transaction.atomic
def request_comment(
    *,
    target: Any,
    email: str,
    body: str,
    kind: str = CommentKind.QUESTION,
    display_name: str = "",
    ip: str = "",
    site_url: str,
    confirmed_reader: Reader | None = None,
) -> Comment:
    """Take a comment. A reader confirmed in this browser submits at once; anyone else confirms by e-mail first."""
    require(targets.is_public(target), _("This page does not take comments."))
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for field, clean, value in (
        ("email", _clean_email, email),
        ("display_name", _clean_name, display_name),
        ("body", _clean_body, body),
    ):
        try:
            cleaned[field] = clean(value)
        except ValidationError as error:
            errors.update(error.message_dict)
    if kind not in CommentKind.values:
        errors["kind"] = [_("Please choose a question or a comment.")]
    if errors:
        raise ValidationError(errors)
    ip_digest = digest(ip) if ip else ""
    reader = _reader(cleaned["email"])
    _check_rate(email=cleaned["email"], ip_digest=ip_digest)
    comment = Comment.objects.create(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        programme=targets.programme_of(target),
        reader=reader,
        kind=kind,
        body=cleaned["body"],
        status=CommentStatus.UNCONFIRMED,
        ip_digest=ip_digest,
    )
    log_action("citizens.comment.received", actor=None, target=comment, after={"on": targets.reference(target)})
    if confirmed_reader is not None and confirmed_reader.pk == reader.pk and reader.confirmed_at is not None:
        if cleaned["display_name"]:
            reader.display_name = cleaned["display_name"]
            reader.save(update_fields=["display_name"])
        _submit(comment)
        return comment
    # The name waits with the confirmation: only the owner of the address may set it.
    confirmation, token = _new_confirmation(
        reader,
        kind=ConfirmationKind.COMMENT,
        ip_digest=ip_digest,
        comment=comment,
        display_name=cleaned["display_name"],
    )
    subject = _("Please confirm your comment on “%(title)s”") % {"title": target}
    text = _(
        "Someone (hopefully you) wrote a comment on “%(title)s” on Austausch with this e-mail address.\n\n"
        "To submit it, open this link and press the button (it works once, until %(expires)s):\n%(link)s\n\n"
        "If you did not write it, ignore this e-mail: the comment is never shown."
    ) % {"title": target, "expires": _when(confirmation.expires_at), "link": _confirm_link(site_url, token)}
    _send_after_commit(reader, subject, text, site_url)
    return comment


@transaction.atomic
def record_public_question(*, actor: Any, target: Any, body: str, kind: str = CommentKind.QUESTION) -> Comment:
    """A question a reader asked in public elsewhere (under a press release, say), quoted by a moderator.

    It has no reader and so no address to confirm or notify; it is published at once, like an approved one.
    """
    require(may_moderate(actor, target), _("Only the editors of this page may record a question."))
    require(targets.is_public(target), _("This page does not take comments."))
    comment = Comment.objects.create(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        programme=targets.programme_of(target),
        kind=kind,
        body=_clean_body(body),
        status=CommentStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    log_action(
        "citizens.comment.recorded", actor=actor, target=comment, after={"on": targets.reference(target), "body": body}
    )
    return comment


def _submit(comment: Comment) -> None:
    """The address is confirmed: the comment waits for a moderator or appears, as its programme decided."""
    if moderation_of(comment.target) == Moderation.POST:
        comment.status = CommentStatus.PUBLISHED
        comment.published_at = timezone.now()
    else:
        comment.status = CommentStatus.PENDING
    comment.save(update_fields=["status", "published_at"])
    log_action("citizens.comment.submitted", actor=None, target=comment, after={"status": comment.status})


def find_confirmation(token: str) -> Confirmation:
    confirmation = (
        Confirmation.objects.select_related("reader", "follow", "comment").filter(token_hash=hash_token(token)).first()
    )
    if confirmation is None:
        raise ConfirmationError(_("This confirmation link is not valid. Please check that you copied all of it."))
    if confirmation.used_at is not None:
        raise ConfirmationError(_("This link has already been used; there is nothing more to confirm."))
    if confirmation.expires_at < timezone.now():
        raise ConfirmationError(
            _("This link expired on %(date)s. Please send the form again to get a new one.")
            % {"date": _when(confirmation.expires_at)}
        )
    return confirmation


@transaction.atomic
def confirm(*, token: str) -> Confirmation:
    """Confirm the address and start the follow or submit the comment. Works once, before it expires."""
    confirmation = find_confirmation(token)
    # Lock the row so that two clicks on the same link cannot both succeed.
    confirmation = Confirmation.objects.select_for_update().get(pk=confirmation.pk)
    if confirmation.used_at is not None:
        raise ConfirmationError(_("This link has already been used; there is nothing more to confirm."))
    now = timezone.now()
    confirmation.used_at = now
    confirmation.save(update_fields=["used_at"])
    reader = confirmation.reader
    reader.confirmed_at = reader.confirmed_at or now
    if confirmation.display_name:
        reader.display_name = confirmation.display_name
    reader.save(update_fields=["confirmed_at", "display_name"])
    if confirmation.follow is not None and confirmation.follow.confirmed_at is None:
        confirmation.follow.confirmed_at = now
        confirmation.follow.save(update_fields=["confirmed_at"])
        log_action(
            "citizens.follow.confirmed",
            actor=None,
            target=confirmation.follow.target,
            after={"follow": confirmation.follow.pk},
        )
    if confirmation.comment is not None and confirmation.comment.status == CommentStatus.UNCONFIRMED:
        _submit(confirmation.comment)
    return confirmation


def reporter_digest(*, user: Any, reader: Reader | None, ip: str) -> str:
    if user is not None and user.is_authenticated:
        return digest(f"user:{user.pk}")
    if reader is not None:
        return digest(f"reader:{reader.pk}")
    return digest(f"ip:{ip}")


@transaction.atomic
def report(*, comment: Comment, reporter: str) -> bool:
    """Record one reader's report; returns True when this report hid the comment."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.status != CommentStatus.PUBLISHED or comment.is_official:
        return False
    try:
        with transaction.atomic():
            Report.objects.create(comment=comment, reporter_digest=reporter)
    except IntegrityError:
        # The same reporter again: counted once. A report a moderator already decided on is renewed.
        Report.objects.filter(comment=comment, reporter_digest=reporter).update(created_at=timezone.now())
    log_action("citizens.comment.reported", actor=None, target=comment)
    reports = comment.reports.all()
    if comment.reports_cleared_at is not None:
        reports = reports.filter(created_at__gt=comment.reports_cleared_at)
    if reports.count() < number("CITIZENS_REPORT_THRESHOLD"):
        return False
    comment.status = CommentStatus.HIDDEN
    comment.save(update_fields=["status"])
    log_action("citizens.comment.hidden", actor=None, target=comment, after={"status": comment.status})
    return True


# Which moderation step leads from which states to which.
MODERATION_STEPS = {
    "approve": ({CommentStatus.PENDING}, CommentStatus.PUBLISHED),
    "reject": ({CommentStatus.PENDING, CommentStatus.PUBLISHED, CommentStatus.HIDDEN}, CommentStatus.REJECTED),
    "restore": ({CommentStatus.HIDDEN, CommentStatus.REJECTED}, CommentStatus.PUBLISHED),
}

MODERATION_ACTIONS = {"approve": "approved", "reject": "rejected", "restore": "restored"}


@transaction.atomic
def moderate(*, actor: Any, comment: Comment, step: str) -> Comment:
    """Approve a waiting comment, reject (remove) one, or restore a hidden or removed one."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    require(may_moderate(actor, comment.target), _("You may not moderate comments here."))
    if step not in MODERATION_STEPS:
        raise ValidationError({"step": [_("Unknown moderation step.")]})
    sources, result = MODERATION_STEPS[step]
    if comment.status not in sources:
        raise ValidationError(
            {
                "step": [
                    _("This comment is “%(status)s” and cannot be changed that way.")
                    % {"status": comment.get_status_display()}
                ]
            }
        )
    before = {"status": comment.status}
    comment.status = result
    fields = ["status"]
    if result == CommentStatus.PUBLISHED:
        comment.published_at = comment.published_at or timezone.now()
        comment.reports_cleared_at = timezone.now()
        fields += ["published_at", "reports_cleared_at"]
    comment.save(update_fields=fields)
    log_action(
        f"citizens.comment.{MODERATION_ACTIONS[step]}",
        actor=actor,
        target=comment,
        before=before,
        after={"status": comment.status},
    )
    return comment


@transaction.atomic
def answer(*, actor: Any, comment: Comment, body: str) -> Comment:
    """An editor's official answer, signed with the town (or programme) they answer for."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    target = comment.target
    require(may_moderate(actor, target), _("Only the editors of this page may answer officially."))
    if comment.is_official or comment.status == CommentStatus.UNCONFIRMED:
        raise ValidationError({"body": [_("This comment cannot be answered.")]})
    body = _clean_body(body)
    if comment.status == CommentStatus.PENDING:
        moderate(actor=actor, comment=comment, step="approve")
    official = Comment.objects.create(
        target_type=comment.target_type,
        target_id=comment.target_id,
        programme=comment.programme,
        kind=CommentKind.COMMENT,
        body=body,
        status=CommentStatus.PUBLISHED,
        published_at=timezone.now(),
        answer_to=comment,
        answered_by=actor,
        answered_for=targets.answering_for(target, actor),
    )
    log_action(
        "citizens.comment.answered",
        actor=actor,
        target=comment,
        after={"answer": official.pk, "answered_for": official.answered_for, "body": body},
    )
    return official


@transaction.atomic
def set_moderation(*, actor: Any, programme: Any, moderation: str) -> ModerationPolicy:
    require(programme.editable_by(actor), _("Only the coordinators of this programme may choose its moderation."))
    if moderation not in Moderation.values:
        raise ValidationError({"moderation": [_("Please choose pre- or post-moderation.")]})
    policy = ModerationPolicy.objects.filter(programme=programme).first()
    before = {"moderation": policy.moderation if policy else None}
    policy, _created = ModerationPolicy.objects.update_or_create(
        programme=programme, defaults={"moderation": moderation}
    )
    log_action(
        "citizens.moderation.changed", actor=actor, target=programme, before=before, after={"moderation": moderation}
    )
    return policy


# E-mail -----------------------------------------------------------------------------------------


def reader_token(reader: Reader) -> str:
    return signing.dumps(reader.pk, salt=READER_SALT)


def reader_for_token(token: str) -> Reader | None:
    try:
        pk = signing.loads(token, salt=READER_SALT)
    except signing.BadSignature:
        return None
    return Reader.objects.filter(pk=pk).first()


def _confirm_link(site_url: str, token: str) -> str:
    return site_url + reverse("citizens:confirm", args=[token])


def _when(moment: Any) -> str:
    if hasattr(moment, "tzinfo") and hasattr(moment, "hour"):
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
    return moment.isoformat()


def _send_after_commit(reader: Reader, subject: str, body: str, site_url: str) -> None:
    language = translation.get_language()

    def send() -> None:
        with translation.override(language):
            _send(reader, subject, body, site_url)

    transaction.on_commit(send)


def _send(reader: Reader, subject: str, body: str, site_url: str, *, unsubscribe: str = "") -> None:
    """Every e-mail ends with the link to see and delete what we keep about the reader."""
    data_link = site_url + reverse("citizens:reader", args=[reader_token(reader)])
    body += "\n\n-- \n" + _("What Austausch keeps about you, and how to delete it: %(link)s") % {"link": data_link}
    headers = {}
    if unsubscribe:
        # RFC 8058: mail programs may offer a one-click unsubscribe that POSTs to this address.
        headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    EmailMessage(subject=subject, body=body, to=[reader.email], headers=headers).send()
