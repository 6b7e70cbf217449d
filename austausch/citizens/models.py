"""Readers without an account: a confirmed e-mail address, what they follow, what they wrote.

Personal data is kept to the e-mail address and an optional display name. Links in e-mails carry
a token of which only the hash is stored (confirmation), or are signed (unsubscribe, "my data").
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Reader(models.Model):
    """An e-mail address that asked to follow or comment; confirmed once its owner clicked a link."""

    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("reader")
        verbose_name_plural = _("readers")

    def __str__(self) -> str:
        # Never the address: this string ends up in audit entries and on pages.
        return self.display_name or str(_("a reader"))


class Follow(models.Model):
    """A reader follows an object (a commitment) and hears by e-mail when it changes."""

    reader = models.ForeignKey(Reader, on_delete=models.CASCADE, related_name="follows")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # Notifications are sent outside a request: the address of the site and the language the reader used.
    site_url = models.CharField(max_length=200)
    language = models.CharField(max_length=10)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(
                fields=["reader", "target_type", "target_id"], name="citizens_one_follow_per_target"
            )
        ]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"follow #{self.pk}"


class Moderation(models.TextChoices):
    PRE = "pre", _("Pre-moderation: comments appear after a moderator approved them")
    POST = "post", _("Post-moderation: comments appear at once and can be removed")


class ModerationPolicy(models.Model):
    """How a programme moderates comments on its meetings and commitments."""

    programme = models.OneToOneField(
        "programmes.Programme", on_delete=models.CASCADE, related_name="comment_policy", verbose_name=_("programme")
    )
    moderation = models.CharField(_("moderation"), max_length=10, choices=Moderation.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("moderation policy")
        verbose_name_plural = _("moderation policies")

    def __str__(self) -> str:
        return f"{self.programme}: {self.moderation}"


class CommentKind(models.TextChoices):
    QUESTION = "question", _("Question")
    COMMENT = "comment", _("Comment")


class CommentStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Waiting for the e-mail confirmation")
    PENDING = "pending", _("Waiting for a moderator")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden after reports, waiting for a moderator")
    REJECTED = "rejected", _("Removed by a moderator")


class CommentQuerySet(models.QuerySet["Comment"]):
    def published(self) -> CommentQuerySet:
        return self.filter(status=CommentStatus.PUBLISHED)

    def on(self, target: models.Model) -> CommentQuerySet:
        return self.filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk)

    def shown_on(self, target: models.Model) -> CommentQuerySet:
        """What everyone sees under `target`: its published comments, each with its published answers as `official`."""
        return (
            self.on(target)
            .published()
            .filter(answer_to__isnull=True)
            .select_related("reader")
            .prefetch_related(models.Prefetch("answers", queryset=Comment.objects.published(), to_attr="official"))
        )


class Comment(models.Model):
    """A reader's question or comment on a public object, or an editor's official answer to one."""

    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    # The programme of the target when the comment was written: it decides the moderation.
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reader = models.ForeignKey(Reader, on_delete=models.CASCADE, null=True, blank=True, related_name="comments")
    kind = models.CharField(_("kind"), max_length=10, choices=CommentKind.choices, default=CommentKind.QUESTION)
    body = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=12, choices=CommentStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # A keyed hash of the sender's IP address, only to count bursts; never shown.
    ip_digest = models.CharField(max_length=64, blank=True, editable=False)
    # Set on official answers: the comment answered, the editor and the town (or body) they answered for.
    answer_to = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="answers", verbose_name=_("answer to")
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_for = models.CharField(_("answered for"), max_length=200, blank=True)
    # Reports before this moment were decided by a moderator and no longer count.
    reports_cleared_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["target_type", "target_id", "status"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["ip_digest", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"comment #{self.pk}"

    @property
    def is_official(self) -> bool:
        return self.answer_to_id is not None

    def author_label(self) -> Any:
        if self.is_official:
            return self.answered_for
        if self.reader is not None and self.reader.display_name:
            return self.reader.display_name
        return _("A reader")


class Report(models.Model):
    """A reader flags a comment; enough distinct reporters hide it until a moderator decides."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    # Who reported, as a keyed hash (of the account, the confirmed reader or the IP address).
    reporter_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter_digest"], name="citizens_one_report_per_reporter")
        ]

    def __str__(self) -> str:
        return f"report #{self.pk}"


class ConfirmationKind(models.TextChoices):
    FOLLOW = "follow", _("follow")
    COMMENT = "comment", _("comment")


class Confirmation(models.Model):
    """A link sent to confirm an address before a follow starts or a comment is submitted."""

    reader = models.ForeignKey(Reader, on_delete=models.CASCADE, related_name="confirmations")
    kind = models.CharField(max_length=10, choices=ConfirmationKind.choices)
    # Kept when the follow ends: the row still counts against the burst limit for its hour.
    follow = models.ForeignKey(Follow, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    ip_digest = models.CharField(max_length=64, blank=True, editable=False)
    # The name a commenter gave; it becomes the reader's display name only once the address is confirmed.
    display_name = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        indexes = [models.Index(fields=["ip_digest", "created_at"])]

    def __str__(self) -> str:
        return f"confirmation #{self.pk}"
