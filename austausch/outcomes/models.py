"""What came of an exchange: a town's commitments with their dated updates, and the transfer ledger."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from austausch.accounts.roles import Role, has_role
from austausch.lib.provenance import assumption_note_field, source_note_field
from austausch.lib.translated import OriginalTextLookups


class CommitmentState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_STATES = (CommitmentState.PLANNED, CommitmentState.IN_PROGRESS)


def may_record_for(user: Any, municipality: Any, programme: Any = None, meeting: Any = None) -> bool:
    """A town's editors record its outcomes; so do the coordinators of the programme or meeting they came from."""
    if municipality is not None and has_role(user, Role.EDITOR, municipality):
        return True
    if meeting is not None and meeting.editable_by(user):
        return True
    return programme is not None and programme.editable_by(user)


# Public only when published and its programme and meeting (if any) are public too.
_PUBLIC = (
    Q(published=True)
    & (Q(programme__isnull=True) | Q(programme__published=True))
    & (Q(meeting__isnull=True) | Q(meeting__published=True))
)


def overdue_q(today: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}state__in": OPEN_STATES, f"{prefix}due_on__lt": today})


class CommitmentQuerySet(OriginalTextLookups, models.QuerySet["Commitment"]):
    def public(self) -> CommitmentQuerySet:
        return self.filter(_PUBLIC)

    def listed(self) -> CommitmentQuerySet:
        """With what a list of commitments shows of each."""
        return self.select_related("municipality", "owner_organisation", "meeting", "programme", "practice")

    def overdue(self, today: date | None = None) -> CommitmentQuerySet:
        return self.filter(overdue_q(today or timezone.localdate()))


class Commitment(models.Model):
    """What a town said it will do after an exchange, with who is responsible and how success shows."""

    municipality = models.ForeignKey(
        "registry.Municipality", on_delete=models.PROTECT, related_name="commitments", verbose_name=_("town")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown"))
    # An office or an organisation answers for it, not a person: offices outlive who holds them.
    owner_role = models.CharField(
        _("responsible office or role"), max_length=200, blank=True, help_text=_("e.g. health office, digital officer")
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("responsible organisation"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    success_indicator = models.TextField(
        _("indicator of success"), blank=True, help_text=_("How everyone can tell it is done.")
    )
    meeting = models.ForeignKey(
        "programmes.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("meeting"),
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("programme"),
    )
    practice = models.ForeignKey(
        "knowledge.Practice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("builds on the practice"),
    )
    state = models.CharField(
        pgettext_lazy("progress", "state"),
        max_length=20,
        choices=CommitmentState.choices,
        default=CommitmentState.PLANNED,
    )
    dropped_reason = models.TextField(_("reason for dropping it"), blank=True)
    published = models.BooleanField(_("published"), default=True)
    source_note = source_note_field()
    assumption_note = assumption_note_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_on", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="dropped") | ~Q(dropped_reason=""), name="dropped_commitment_has_a_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("outcomes:commitment", kwargs={"pk": self.pk})

    def editable_by(self, user: Any) -> bool:
        return may_record_for(user, self.municipality, self.programme, self.meeting)

    def clean(self) -> None:
        if not self.owner_role.strip() and self.owner_organisation_id is None:
            raise ValidationError(
                {"owner_role": gettext("Name who answers for it: an office or role, or an organisation.")}
            )
        if self.state == CommitmentState.DROPPED and not self.dropped_reason.strip():
            raise ValidationError({"dropped_reason": gettext("Please give the reason why it was dropped.")})

    @property
    def is_public(self) -> bool:
        return (
            self.published
            and (self.programme is None or self.programme.published)
            and (self.meeting is None or self.meeting.published)
        )

    @property
    def is_overdue(self) -> bool:
        return self.state in OPEN_STATES and self.due_on is not None and self.due_on < timezone.localdate()

    @property
    def owner(self) -> str:
        parts = [self.owner_role, str(self.owner_organisation) if self.owner_organisation else ""]
        return ", ".join(part for part in parts if part)


def update_document_path(instance: CommitmentUpdate, filename: str) -> str:
    return f"commitments/{instance.commitment_id}/{filename}"


class CommitmentUpdateQuerySet(models.QuerySet["CommitmentUpdate"]):
    def public(self) -> CommitmentUpdateQuerySet:
        """Updates on public commitments."""
        return self.filter(commitment__in=Commitment.objects.public())

    def with_commitment(self) -> CommitmentUpdateQuerySet:
        """With what a feed entry names of its commitment."""
        return self.select_related("commitment__municipality", "commitment__programme")


class CommitmentUpdate(models.Model):
    """A dated status report with its evidence: a text, a link, a document, perhaps a new state."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField(_("date"))
    text = models.TextField(_("what happened"), help_text=_("Markdown"))
    link = models.URLField(_("link"), blank=True, max_length=500)
    document = models.FileField(_("document"), upload_to=update_document_path, max_length=300, blank=True)
    document_type = models.CharField(max_length=100, blank=True, editable=False)
    document_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    # Empty when the update reports progress without changing the state.
    new_state = models.CharField(_("new state"), max_length=20, choices=CommitmentState.choices, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommitmentUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("update on a commitment")
        verbose_name_plural = _("updates on commitments")
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.commitment} · {self.on.isoformat()}"

    def get_absolute_url(self) -> str:
        return f"{self.commitment.get_absolute_url()}#update-{self.pk}"


class TransferState(models.TextChoices):
    CONSIDERING = "considering", _("Considering")
    PILOT = "pilot", _("Pilot")
    LIVE = "live", _("Live")
    ABANDONED = "abandoned", _("Abandoned")


class TransferQuerySet(OriginalTextLookups, models.QuerySet["Transfer"]):
    def public(self) -> TransferQuerySet:
        return self.filter(_PUBLIC, practice__is_published=True)

    def listed(self) -> TransferQuerySet:
        """With what a ledger line shows."""
        return self.select_related("municipality", "origin_municipality", "practice", "meeting", "programme")


class Transfer(models.Model):
    """The ledger's line: town B adopted practice P of town A, how far it got and what it changed."""

    municipality = models.ForeignKey(
        "registry.Municipality", on_delete=models.PROTECT, related_name="adoptions", verbose_name=_("adopting town")
    )
    practice = models.ForeignKey(
        "knowledge.Practice", on_delete=models.PROTECT, related_name="transfers", verbose_name=_("practice")
    )
    origin_municipality = models.ForeignKey(
        "registry.Municipality",
        on_delete=models.PROTECT,
        related_name="adopted_from",
        verbose_name=_("town of origin"),
    )
    state = models.CharField(
        pgettext_lazy("progress", "state"),
        max_length=20,
        choices=TransferState.choices,
        default=TransferState.CONSIDERING,
    )
    started_on = models.DateField(_("started"))
    changed_on = models.DateField(_("state since"))
    adaptations = models.TextField(
        _("what was changed in the transfer"), blank=True, help_text=_("What the adopting town does differently.")
    )
    meeting = models.ForeignKey(
        "programmes.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfers",
        verbose_name=_("meeting that led to it"),
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfers",
        verbose_name=_("programme that led to it"),
    )
    published = models.BooleanField(_("published"), default=True)
    source_note = source_note_field()
    assumption_note = assumption_note_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TransferQuerySet.as_manager()

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-changed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(municipality=models.F("origin_municipality")), name="transfer_between_two_towns"
            ),
            models.CheckConstraint(
                condition=Q(changed_on__gte=models.F("started_on")), name="transfer_changed_after_start"
            ),
            models.UniqueConstraint(fields=["municipality", "practice"], name="one_transfer_per_town_and_practice"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality.name} ← {self.practice} ({self.origin_municipality.name})"

    def editable_by(self, user: Any) -> bool:
        return may_record_for(user, self.municipality, self.programme, self.meeting)

    def clean(self) -> None:
        if self.municipality_id is not None and self.municipality_id == self.origin_municipality_id:
            raise ValidationError({"origin_municipality": gettext("A town cannot adopt its own practice.")})
        if self.started_on and self.changed_on and self.changed_on < self.started_on:
            raise ValidationError({"changed_on": gettext("The state cannot have changed before the transfer started.")})
        if (
            Transfer.objects.filter(municipality=self.municipality_id, practice=self.practice_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {"practice": gettext("This town's transfer of this practice is already in the ledger.")}
            )


class Milestone(models.TextChoices):
    DUE = "due", _("due date")
    MONTHS_6 = "6m", _("6 months after the meeting")
    MONTHS_12 = "12m", _("12 months after the meeting")
    MONTHS_24 = "24m", _("24 months after the meeting")


class ReminderSent(models.Model):
    """One reminder per commitment and milestone, so that the scheduler may run the command as often as it likes."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="reminders")
    milestone = models.CharField(max_length=10, choices=Milestone.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["commitment", "milestone"], name="one_reminder_per_milestone"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} · {self.milestone}"
