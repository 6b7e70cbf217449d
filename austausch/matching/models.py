"""Saved plans of the network builder: applicants, rules, pins and forbids, and the last result."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from austausch.accounts.roles import Role, has_role, scopes_of
from austausch.programmes.models import Programme


class PlanMode(models.TextChoices):
    NETWORKS = "networks", _("Networks around a lead town")
    PAIRINGS = "pairings", _("Pairings of two groups")


def can_plan(user: Any) -> bool:
    """Staff build plans (coordinators are staff); accepting one needs more, see `Plan.acceptable_by`."""
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.is_staff))


class PlanQuerySet(models.QuerySet["Plan"]):
    def visible_to(self, user: Any) -> PlanQuerySet:
        """Plans this person may open: their own and those of the programmes they coordinate; all for admins."""
        plans = self.select_related("programme", "author")
        if user.is_superuser:
            return plans
        if not can_plan(user):
            return plans.none()
        programmes = [scope.pk for scope in scopes_of(user, Role.COORDINATOR) if isinstance(scope, Programme)]
        return plans.filter(Q(author=user) | Q(programme__in=programmes))


class Plan(models.Model):
    """A coordinator's plan. `applicants`, `rules`, `pins` and `forbids` are the input as the
    services check it (see `austausch.matching.services`); `result` is the optimiser's last answer
    in the JSON the command prints, `error` the message of a run that found no plan."""

    title = models.CharField(_("title"), max_length=200)
    mode = models.CharField(_("mode"), max_length=20, choices=PlanMode.choices, default=PlanMode.NETWORKS)
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_plans",
        verbose_name=_("programme"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,  # an erased account leaves its plans
        related_name="+",
        verbose_name=_("author"),
    )
    applicants = models.JSONField(_("applicants"), default=list)
    rules = models.JSONField(_("rules"), default=dict)
    pins = models.JSONField(_("pins"), default=list, blank=True)
    forbids = models.JSONField(_("forbids"), default=list, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("why the last run found no plan"), blank=True)
    error_rule = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    ran_at = models.DateTimeField(_("last run"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    networks = models.ManyToManyField(
        "programmes.Network", blank=True, related_name="+", verbose_name=_("networks created on acceptance")
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("network plan")
        verbose_name_plural = _("network plans")
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("matching:plan", kwargs={"pk": self.pk})

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    def editable_by(self, user: Any) -> bool:
        """The programme's coordinators; a plan without a programme, its author (staff) and admins."""
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        if self.programme is not None:
            return self.programme.editable_by(user)
        return user.is_superuser or (user.is_staff and self.author_id == user.pk)

    def acceptable_by(self, user: Any) -> bool:
        """Accepting creates networks: coordinators of the programme; without one, admins and
        holders of the coordinator role on the plan."""
        if self.programme is not None:
            return self.programme.editable_by(user)
        return has_role(user, Role.COORDINATOR, self)
