"""A reader's GDPR rights: a copy of what we keep about an e-mail address, and its erasure.

The reader page (`views.reader`) offers them to readers without an account; for a person with an
account, `citizens.personal_data` declares them as sections of the account's export and erasure.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from austausch.audit.services import log_action
from austausch.citizens.conf import number
from austausch.citizens.models import Comment, CommentStatus, Confirmation, Follow, Reader


def reader_data(email: str) -> dict[str, Any]:
    """Everything held about `email`: the address and name, what it follows, what it wrote."""
    reader = Reader.objects.filter(email__iexact=email.strip()).first()
    if reader is None:
        return {}
    return {
        "reader": {
            "email": reader.email,
            "display_name": reader.display_name,
            "created_at": reader.created_at,
            "confirmed_at": reader.confirmed_at,
        },
        "follows": [
            {
                "object_type": follow.target_type.model,
                "object_id": follow.target_id,
                "object": str(follow.target) if follow.target is not None else "",
                "created_at": follow.created_at,
                "confirmed_at": follow.confirmed_at,
                "language": follow.language,
            }
            for follow in reader.follows.select_related("target_type")
        ],
        "comments": [
            {
                "object_type": comment.target_type.model,
                "object_id": comment.target_id,
                "kind": comment.kind,
                "text": comment.body,
                "status": comment.status,
                "created_at": comment.created_at,
                "published_at": comment.published_at,
            }
            for comment in Comment.objects.filter(reader=reader).select_related("target_type")
        ],
    }


@transaction.atomic
def erase_reader(*, email: str, actor: Any = None) -> bool:
    """Delete the address with its follows, pending links and comments (and the answers to them)."""
    reader = Reader.objects.filter(email__iexact=email.strip()).first()
    if reader is None:
        return False
    counts = {"follows": reader.follows.count(), "comments": reader.comments.count()}
    reader.delete()
    # Nothing personal in the trail: only how much was deleted.
    log_action("citizens.reader.erased", actor=actor, after=counts)
    return True


@transaction.atomic
def purge_unconfirmed(*, now: datetime | None = None) -> dict[str, int]:
    """Forget what was never confirmed once its link expired, and the IP hashes once their hour is over."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=number("CITIZENS_CONFIRMATION_HOURS"))
    # Links first: each of them is older than its own expiry, so none of them works any more.
    counts = {
        "links": Confirmation.objects.filter(created_at__lt=cutoff).delete()[0],
        "comments": Comment.objects.filter(status=CommentStatus.UNCONFIRMED, created_at__lt=cutoff).delete()[0],
        "follows": Follow.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()[0],
    }
    counts["addresses"] = (
        Reader.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
        .filter(~Exists(Confirmation.objects.filter(reader=OuterRef("pk"))))
        .filter(~Exists(Comment.objects.filter(reader=OuterRef("pk"))))
        .filter(~Exists(Follow.objects.filter(reader=OuterRef("pk"))))
        .delete()[0]
    )
    # The burst limit looks one hour back; older hashes serve nothing.
    hour_ago = now - timedelta(hours=1)
    Comment.objects.filter(created_at__lt=hour_ago).exclude(ip_digest="").update(ip_digest="")
    Confirmation.objects.filter(created_at__lt=hour_ago).exclude(ip_digest="").update(ip_digest="")
    if any(counts.values()):
        log_action("citizens.unconfirmed.purged", actor=None, after=counts)
    return counts
