"""What the citizens app does when other apps announce something."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import receiver

from austausch.citizens.services import notify_followers
from austausch.outcomes.signals import update_published


@receiver(update_published, dispatch_uid="citizens.notify_followers")
def email_followers(sender: Any, *, commitment: Any, update: Any, **kwargs: Any) -> None:
    # After the commit: no e-mail about an update that was rolled back.
    transaction.on_commit(lambda: notify_followers(commitment=commitment, update=update))
