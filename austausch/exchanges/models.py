"""A practitioner's request for an exchange with another town, a practice's people or a person, and its thread.

A request has two sides: the person who asked (with the town they asked for, if any) and the people who
answer for what was asked: a town's editors, a practice's editors, or the person. Nobody else sees it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from austausch.accounts.roles import Role, has_role

MESSAGE_MAX_LENGTH = 5000


class ExchangeKind(models.TextChoices):
    QUESTION = "question", _("A question")
    CALL = "call", _("A call")
    STUDY_VISIT = "study_visit", _("A study visit to the other town")
    OFFER_TO_HOST = "offer_to_host", _("An offer to host")


# The kinds in which one town travels to the other: accepted with dates, they become a meeting.
VISITS = (ExchangeKind.STUDY_VISIT, ExchangeKind.OFFER_TO_HOST)


class RequestState(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    SCHEDULED = "scheduled", _("Scheduled")
    DONE = "done", _("Done")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ExchangeRequestQuerySet(models.QuerySet["ExchangeRequest"]):
    def involving(self, user: Any) -> ExchangeRequestQuerySet:
        """The requests this person asked or answers for; every other request is hidden from them."""
        if user is None or not user.is_authenticated:
            return self.none()
        towns = user.roles.filter(role=Role.EDITOR, scope_type__model="municipality").values("scope_id")
        organisations = user.roles.filter(role=Role.EDITOR, scope_type__model="organisation").values("scope_id")
        return self.filter(
            Q(requester=user)
            | Q(person=user)
            | Q(municipality__in=towns)
            | Q(practice__municipalities__in=towns)
            | Q(practice__organisations__in=organisations)
        ).distinct()


class ExchangeRequest(models.Model):
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchange_requests", verbose_name=_("asked by")
    )
    # The town the requester asks for (one they edit); a visit needs one.
    requester_municipality = models.ForeignKey(
        "registry.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    # Whom the request is for: a town, a practice or a person (exactly one).
    municipality = models.ForeignKey(
        "registry.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exchange_requests",
        verbose_name=_("town"),
    )
    practice = models.ForeignKey(
        "knowledge.Practice",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="exchange_requests",
        verbose_name=_("practice"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="exchange_requests_received",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ExchangeKind.choices)
    topic = models.ForeignKey("knowledge.Topic", on_delete=models.PROTECT, related_name="+", verbose_name=_("topic"))
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    proposed_from = models.DateField(_("proposed first day"), null=True, blank=True)
    proposed_to = models.DateField(_("proposed last day"), null=True, blank=True)
    delegation = models.CharField(
        _("who would come"), max_length=500, blank=True, help_text=_("e.g. the mayor and two people of the IT office")
    )
    state = models.CharField(_("state"), max_length=20, choices=RequestState.choices, default=RequestState.OPEN)
    meeting = models.ForeignKey(
        "programmes.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("meeting"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExchangeRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("exchange request")
        verbose_name_plural = _("exchange requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(municipality__isnull=False, practice__isnull=True, person__isnull=True)
                    | Q(municipality__isnull=True, practice__isnull=False, person__isnull=True)
                    | Q(municipality__isnull=True, practice__isnull=True, person__isnull=False)
                ),
                name="exchange_request_has_one_addressee",
            ),
            models.CheckConstraint(
                condition=Q(proposed_to__isnull=True)
                | Q(proposed_from__isnull=True)
                | Q(proposed_to__gte=models.F("proposed_from")),
                name="exchange_request_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.addressee}"

    def get_absolute_url(self) -> str:
        return reverse("exchanges:detail", kwargs={"pk": self.pk})

    @property
    def addressee(self) -> Any:
        return self.municipality or self.practice or self.person

    def answers_for(self, user: Any) -> bool:
        """Whether `user` is on the asked side: the town's or the practice's editors, or the person."""
        if user is None or not user.is_authenticated:
            return False
        if self.person_id is not None:
            return bool(self.person_id == user.pk)
        if self.municipality is not None:
            return has_role(user, Role.EDITOR, self.municipality)
        return self.practice is not None and self.practice.editable_by(user)

    def involves(self, user: Any) -> bool:
        return bool(user is not None and user.is_authenticated and self.requester_id == user.pk) or self.answers_for(
            user
        )


class ExchangeMessage(models.Model):
    """One message in a request's thread; shown as text, never as HTML."""

    request = models.ForeignKey(ExchangeRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("author")
    )
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.author} ({self.created_at:%Y-%m-%d %H:%M})"


class AbuseReport(models.Model):
    """A side's report that a request is abusive; platform admins read these in the admin site."""

    request = models.ForeignKey(ExchangeRequest, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("reported by")
    )
    reason = models.TextField(_("reason"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        constraints = [models.UniqueConstraint(fields=["request", "reporter"], name="one_report_per_person")]

    def __str__(self) -> str:
        return f"{self.reporter} → {self.request}"


class ExpertListing(models.Model):
    """A person who lists themselves as someone to ask on topics: shown only while they consent, to signed-in
    members. Their e-mail address and phone follow the visibility they chose on their profile."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_listing", verbose_name=_("person")
    )
    topics = models.ManyToManyField("knowledge.Topic", related_name="+", verbose_name=_("topics"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    languages = models.CharField(_("languages"), max_length=100, blank=True, help_text=_("e.g. German, English"))
    how_to_reach = models.CharField(
        _("how to reach you"),
        max_length=500,
        blank=True,
        help_text=_("Shown to signed-in members, e.g. a video call on Tuesdays; or leave it to exchange requests."),
    )
    consented_at = models.DateTimeField(_("consent given"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person to ask")
        verbose_name_plural = _("people to ask")

    def __str__(self) -> str:
        return str(self.person)
