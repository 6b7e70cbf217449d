"""What a town or an organisation can share experience in, and what it looks for, by topic of the taxonomy."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    OFFER = "offer", _("Can help with")
    SEEK = "seek", _("Looking for")


class TopicInterest(models.Model):
    municipality = models.ForeignKey(
        "registry.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="topic_interests",
        verbose_name=_("town"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="topic_interests",
        verbose_name=_("organisation"),
    )
    topic = models.ForeignKey("knowledge.Topic", on_delete=models.CASCADE, related_name="+", verbose_name=_("topic"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("topic offered or sought")
        verbose_name_plural = _("topics offered or sought")
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=False, organisation__isnull=True)
                | Q(municipality__isnull=True, organisation__isnull=False),
                name="topic_interest_has_one_owner",
            ),
            models.UniqueConstraint(
                fields=["municipality", "topic", "direction"], name="one_interest_per_town_topic_direction"
            ),
            models.UniqueConstraint(
                fields=["organisation", "topic", "direction"], name="one_interest_per_organisation_topic_direction"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality or self.organisation}: {self.get_direction_display()} {self.topic}"
