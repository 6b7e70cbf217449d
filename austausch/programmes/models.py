"""Exchange programmes: rounds of meetings between towns, delegations, networks, costs and registrations."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from austausch.accounts.models import RoleAssignment
from austausch.accounts.roles import Role, has_role
from austausch.lib.provenance import assumption_note_field, date_precision_field, source_note_field
from austausch.lib.translated import OriginalTextLookups


def _coordinated(user: Any, model: str) -> models.QuerySet[RoleAssignment, Any]:
    """The ids of the programmes or meetings (`model`) this person coordinates, as a subquery."""
    return RoleAssignment.objects.filter(
        user=user, role=Role.COORDINATOR, scope_type__app_label="programmes", scope_type__model=model
    ).values("scope_id")


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


class ProgrammeQuerySet(OriginalTextLookups, models.QuerySet["Programme"]):
    def public(self) -> ProgrammeQuerySet:
        return self.filter(published=True)

    def visible_to(self, user: Any) -> ProgrammeQuerySet:
        """Published programmes, plus the drafts this person coordinates."""
        if user is None or not user.is_authenticated:
            return self.public()
        if user.is_superuser:
            return self.all()
        return self.filter(Q(published=True) | Q(pk__in=_coordinated(user, "programme")))


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown"))
    organiser = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_programmes",
        verbose_name=_("organiser"),
    )
    funders = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="funded_programmes", verbose_name=_("funders")
    )
    countries = models.JSONField(_("countries"), default=list, blank=True, help_text=_('e.g. ["DE", "US"]'))
    min_population = models.PositiveIntegerField(_("smallest town"), null=True, blank=True)
    max_population = models.PositiveIntegerField(_("largest town"), null=True, blank=True)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    date_precision = date_precision_field()
    status = models.CharField(
        _("status"), max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.PLANNED
    )
    published = models.BooleanField(_("published"), default=False)
    website = models.URLField(_("website"), blank=True)
    source_note = source_note_field()
    assumption_note = assumption_note_field()

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="programme_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:detail", kwargs={"slug": self.slug})

    def editable_by(self, user: Any) -> bool:
        return has_role(user, Role.COORDINATOR, self)


ROUND_NUMBER_ONLY = re.compile(r"(?i)(runde|round)\s*\d+\.?")


class RoundQuerySet(OriginalTextLookups, models.QuerySet["Round"]):
    pass


class Round(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200, blank=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["programme", "number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="one_round_number_per_programme")]

    def __str__(self) -> str:
        return f"{self.programme} · {self.number}"

    @property
    def own_title(self) -> str:
        """The title, unless it only restates the number in one language ("Runde 3"): pages say "Round 3" in theirs."""
        return "" if ROUND_NUMBER_ONLY.fullmatch(self.title.strip()) else self.title

    def editable_by(self, user: Any) -> bool:
        return self.programme.editable_by(user)


class MeetingKind(models.TextChoices):
    STUDY_VISIT = "study_visit", _("Study visit")
    RETURN_VISIT = "return_visit", _("Return visit")
    EXCHANGE_MEETING = "exchange_meeting", _("Exchange meeting")
    WORKSHOP = "workshop", _("Workshop")
    ONLINE_SESSION = "online_session", _("Online session")
    CONFERENCE = "conference", _("Conference")
    PRESENTATION = "presentation", _("Public presentation")


# Published, and in a published programme if it belongs to one.
_PUBLIC_MEETING = Q(published=True) & (Q(programme__isnull=True) | Q(programme__published=True))


class MeetingQuerySet(OriginalTextLookups, models.QuerySet["Meeting"]):
    def public(self) -> MeetingQuerySet:
        return self.filter(_PUBLIC_MEETING)

    def visible_to(self, user: Any) -> MeetingQuerySet:
        """Public meetings, plus the drafts this person coordinates (as `Meeting.editable_by` decides)."""
        if user is None or not user.is_authenticated:
            return self.public()
        if user.is_superuser:
            return self.all()
        return self.filter(
            _PUBLIC_MEETING
            | Q(programme__in=_coordinated(user, "programme"))
            | Q(programme__isnull=True, pk__in=_coordinated(user, "meeting"))
        )


class Meeting(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="meetings", verbose_name=_("programme")
    )
    round = models.ForeignKey(
        Round, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings", verbose_name=_("round")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown"))
    host_municipalities = models.ManyToManyField(
        "registry.Municipality", related_name="hosted_meetings", verbose_name=_("host towns")
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    date_precision = date_precision_field()
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    published = models.BooleanField(_("published"), default=False)
    # Open events (a public presentation) take registrations up to their capacity, then a waiting list.
    registration_open = models.BooleanField(_("open for registration"), default=False)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    registration_questions = models.JSONField(_("questions for registrants"), default=list, blank=True)
    # The closing report.
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    organisations_present = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="meetings_attended",
        verbose_name=_("organisations present"),
    )
    report = models.TextField(_("report"), blank=True, help_text=_("Markdown"))
    publications = models.ManyToManyField(
        "knowledge.Publication", blank=True, related_name="meetings", verbose_name=_("publications presented")
    )
    source_note = source_note_field()
    assumption_note = assumption_note_field()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="meeting_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programmes:meeting", kwargs={"pk": self.pk})

    def editable_by(self, user: Any) -> bool:
        if self.programme is not None:
            return self.programme.editable_by(user)
        return has_role(user, Role.COORDINATOR, self)

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": gettext("The meeting ends before it starts.")})
        if self.registration_open and not self.capacity:
            raise ValidationError({"capacity": gettext("An open event needs a number of seats.")})
        if self.pk and self.starts_on and self.ends_on:
            outside = [session.title for session in self.sessions.all() if not self.spans(session)]
            if outside:
                raise ValidationError(
                    {
                        "ends_on": gettext("These agenda sessions would fall outside the meeting: %(titles)s")
                        % {"titles": ", ".join(outside)}
                    }
                )

    def spans(self, session: AgendaSession) -> bool:
        """Whether the session lies within the meeting's days, in local time."""
        first, last = timezone.localtime(session.starts_at).date(), timezone.localtime(session.ends_at).date()
        return self.starts_on <= first and last <= self.ends_on


class FileKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("Document")


def meeting_file_path(instance: MeetingFile, filename: str) -> str:
    """Files of a meeting in its own folder; the storage adds a suffix when a name is taken."""
    return f"meetings/{instance.meeting_id}/{filename}"


class MeetingFile(models.Model):
    """A photo or a document of a meeting, e.g. the programme as PDF or a picture of the delegation."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="files", verbose_name=_("meeting"))
    kind = models.CharField(_("kind"), max_length=20, choices=FileKind.choices)
    title = models.CharField(_("title"), max_length=200)
    # Required for photos: what the picture shows, for people who cannot see it.
    caption = models.CharField(_("description of the picture"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=meeting_file_path, max_length=300)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("file of a meeting")
        verbose_name_plural = _("files of meetings")
        ordering = ["kind", "uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(kind="photo") | ~Q(caption=""), name="photo_has_a_description"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programmes:file", kwargs={"pk": self.pk})


@receiver(post_delete, sender=MeetingFile)
def forget_file_bytes(sender: type[MeetingFile], instance: MeetingFile, **kwargs: Any) -> None:
    """However the row goes (removed, or with its meeting), its bytes go once the deletion is committed."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


class SessionKind(models.TextChoices):
    TALK = "talk", _("Talk")
    DISCUSSION = "discussion", _("Discussion")
    WORKSHOP = "workshop", _("Workshop")
    SITE_VISIT = "site_visit", _("Site visit")
    TOUR = "tour", _("Tour")


class AgendaSession(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=200, blank=True)
    speakers = models.CharField(_("speakers"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, blank=True)

    class Meta:
        verbose_name = _("agenda session")
        verbose_name_plural = _("agenda sessions")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=F("starts_at")), name="session_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title


class CostQuerySet(models.QuerySet["Cost"]):
    def public(self) -> CostQuerySet:
        """Costs of public meetings, and a published programme's own costs."""
        return self.filter(Q(meeting__in=Meeting.objects.public()) | Q(meeting__isnull=True, programme__published=True))


class Cost(models.Model):
    """What something cost and who paid it, so that "the trip costs the city nothing" is a recorded fact."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="costs")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="costs")
    description = models.CharField(_("what"), max_length=300)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    paid_by = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paid by"),
    )
    # A town's own share, e.g. zero for a visiting town whose trip the programme pays.
    municipality = models.ForeignKey(
        "registry.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for town"),
    )
    municipality_share = models.DecimalField(
        _("town's own share"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    objects = CostQuerySet.as_manager()

    class Meta:
        verbose_name = _("cost")
        verbose_name_plural = _("costs")
        constraints = [
            models.CheckConstraint(
                condition=Q(programme__isnull=False) | Q(meeting__isnull=False), name="cost_belongs_somewhere"
            ),
        ]

    def __str__(self) -> str:
        return self.description


class Delegation(models.Model):
    """A town's delegation to a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="delegations")
    municipality = models.ForeignKey("registry.Municipality", on_delete=models.PROTECT, related_name="delegations")

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "municipality"], name="one_delegation_per_town_and_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.municipality.name} → {self.meeting}"


class ParticipationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class Participation(models.Model):
    """One person in a delegation, with the organisation and sector they come from."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="participants")
    # Without an account: someone a public source names in a public role, shown by `public_name` to everyone.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("person"),
    )
    public_name = models.CharField(
        _("name as the source gives it"),
        max_length=150,
        blank=True,
        help_text=_("Only for someone without an account whom a public source names in a public role."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    sector = models.CharField(_("sector"), max_length=30, blank=True)
    role = models.CharField(_("role in the delegation"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ParticipationStatus.choices, default=ParticipationStatus.INVITED
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["delegation", "person"], name="one_participation_per_person"),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(public_name=""), name="participant_has_an_account_or_a_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.public_name} ({self.delegation})"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """A member of the public registered for an open meeting. No account needed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.name} → {self.meeting}"


class NetworkQuerySet(OriginalTextLookups, models.QuerySet["Network"]):
    def public(self) -> NetworkQuerySet:
        """Networks on their own, and those of a published programme."""
        return self.filter(Q(programme__isnull=True) | Q(programme__published=True))


class Network(models.Model):
    """A lead town and its partners around a topic (Kleinstadtakademie), or a German–US pairing."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="networks", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    municipalities = models.ManyToManyField(
        "registry.Municipality", through="NetworkMembership", related_name="networks", verbose_name=_("towns")
    )

    objects = NetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def editable_by(self, user: Any) -> bool:
        return self.programme.editable_by(user) if self.programme else has_role(user, Role.COORDINATOR, self)


class NetworkMembership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    municipality = models.ForeignKey("registry.Municipality", on_delete=models.PROTECT, related_name="+")
    is_lead = models.BooleanField(_("lead town"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "municipality"], name="one_membership_per_town"),
            models.UniqueConstraint(fields=["network"], condition=Q(is_lead=True), name="one_lead_per_network"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} in {self.network_id}"


class DelegationInvitation(models.Model):
    """A seat in a delegation kept for someone invited by e-mail who has no account yet.

    When they have signed up through the accounts invitation and open their programme page,
    it becomes a Participation (status invited) that they confirm or decline.
    """

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="pending_invitations")
    email = models.EmailField(_("e-mail address"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    sector = models.CharField(_("sector"), max_length=30, blank=True)
    role = models.CharField(_("role in the delegation"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delegation invitation")
        verbose_name_plural = _("delegation invitations")
        constraints = [
            models.UniqueConstraint(fields=["delegation", "email"], name="one_pending_invitation_per_email"),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.delegation}"
