from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from austausch.accounts.roles import Role, RoleAssignment
from austausch.lib.provenance import assumption_note_field, source_note_field
from austausch.lib.translated import OriginalTextLookups
from austausch.organisations.models import Organisation
from austausch.registry.models import Municipality


class Language(models.TextChoices):
    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")


class Topic(models.Model):
    """A field of work, two levels deep: "Future of work" › "Coworking". Admins edit the taxonomy."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    label_de = models.CharField(_("German label"), max_length=120)
    label_en = models.CharField(_("English label"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_de if (get_language() or "en").startswith("de") else self.label_en


class Status(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNED = "planned", _("Planned")
    PILOT = "pilot", _("Pilot")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    DISCONTINUED = "discontinued", _("Discontinued")


class Currency(models.TextChoices):
    EUR = "EUR", "EUR"
    USD = "USD", "USD"


class PracticeQuerySet(OriginalTextLookups, models.QuerySet["Practice"]):
    def published(self) -> PracticeQuerySet:
        return self.filter(is_published=True)

    def visible_to(self, user: Any) -> PracticeQuerySet:
        """Published practices, plus the drafts this person may edit."""
        if user is None or not user.is_authenticated:
            return self.published()
        if user.is_superuser:
            return self.all()
        scopes = RoleAssignment.objects.filter(user=user, role=Role.EDITOR)
        towns = scopes.filter(scope_type__app_label="registry", scope_type__model="municipality")
        organisations = scopes.filter(scope_type__app_label="organisations", scope_type__model="organisation")
        return self.filter(
            Q(is_published=True)
            | Q(municipalities__in=towns.values("scope_id"))
            | Q(organisations__in=organisations.values("scope_id"))
            | Q(organisations__municipality__in=towns.values("scope_id"))
        ).distinct()


class Practice(models.Model):
    """What a town tried: a project, pilot, service or programme, with what it cost and what it taught."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000, help_text=_("Two or three sentences."))
    body = models.TextField(_("description"), blank=True, help_text=_("Markdown"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.GERMAN)
    municipalities = models.ManyToManyField(Municipality, related_name="practices", blank=True, verbose_name=_("towns"))
    organisations = models.ManyToManyField(
        Organisation, related_name="practices", blank=True, verbose_name=_("organisations")
    )
    topics = models.ManyToManyField(Topic, related_name="practices", blank=True, verbose_name=_("topics"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IDEA)
    started_on = models.DateField(_("start"), null=True, blank=True)
    ended_on = models.DateField(_("end"), null=True, blank=True)
    budget_amount = models.DecimalField(_("budget"), max_digits=14, decimal_places=2, null=True, blank=True)
    budget_currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    funding_sources = models.TextField(_("funding sources"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    results = models.TextField(_("results"), blank=True, help_text=_("Markdown"))
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("What shows the results: figures, evaluations, links.")
    )
    lessons_worked = models.TextField(_("what worked"), blank=True)
    lessons_failed = models.TextField(_("what did not work"), blank=True)
    transfer_staff = models.TextField(_("staff needed"), blank=True)
    transfer_budget = models.TextField(_("budget needed"), blank=True)
    transfer_legal = models.TextField(_("legal basis"), blank=True)
    transfer_data = models.TextField(_("data needed"), blank=True)
    transfer_software = models.TextField(_("software"), blank=True)
    publiccode_url = models.URLField(_("publiccode.yml"), blank=True)
    repository_url = models.URLField(_("source code repository"), blank=True)
    source_url = models.URLField(_("source"), blank=True, help_text=_("Where this record comes from."))
    source_note = models.CharField(
        _("provenance"), max_length=300, blank=True, help_text=_("e.g. press release of 18 November 2022")
    )
    assumption_note = assumption_note_field()
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["is_published", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="practice_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:practice", kwargs={"pk": self.pk})

    def editable_by(self, user: Any) -> bool:
        """Editors of any of its towns or organisations, and platform admins."""
        if user is None or not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        if self.pk is None:
            return False
        return any(town.editable_by(user) for town in self.municipalities.all()) or any(
            organisation.editable_by(user) for organisation in self.organisations.all()
        )

    def search_text(self) -> str:
        """What the full-text index and the embedding see, besides the title."""
        parts = [self.summary, self.body, self.results, self.lessons_worked, self.lessons_failed, self.partners]
        return "\n".join(part for part in parts if part)


_PHONE = re.compile(r"\+?[0-9 ()/.\-]{6,30}")


def validate_contact_channel(value: str) -> None:
    """An office's e-mail address, a web address (a contact form) or a telephone number; nothing else."""
    value = value.strip()
    if "@" in value:
        EmailValidator(message=_("Enter a valid e-mail address."))(value)
    elif value.lower().startswith(("http://", "https://")):
        URLValidator(schemes=["http", "https"], message=_("Enter a valid web address."))(value)
    elif not _PHONE.fullmatch(value) or sum(char.isdigit() for char in value) < 6:
        raise ValidationError(
            _("Enter an e-mail address, a web address (https://…) or a telephone number."), code="invalid"
        )


class PracticeContact(models.Model):
    """Who to ask, by role and organisation: no personal data is needed to find the right office.

    There is deliberately no field for a person's name: the channel is meant for an office's
    public mailbox, switchboard or contact form, which outlive whoever holds the role.
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="contacts")
    role = models.CharField(_("role"), max_length=200, help_text=_("e.g. digital officer, head of the building office"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("organisation")
    )
    department = models.CharField(
        _("department"), max_length=200, blank=True, help_text=_("e.g. Office for Digitalisation")
    )
    channel = models.CharField(
        _("public contact channel"),
        max_length=254,
        blank=True,
        validators=[validate_contact_channel],
        help_text=_(
            "Optional: the office's public e-mail address, telephone number or contact page, "
            "not a person's private one."
        ),
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        where = ", ".join(str(part) for part in (self.department, self.organisation) if part)
        return f"{self.role} ({where})" if where else self.role

    @property
    def channel_url(self) -> str:
        """A link for the channel: mailto:, tel: or the address itself."""
        if not self.channel:
            return ""
        if "@" in self.channel:
            return f"mailto:{self.channel}"
        if self.channel.lower().startswith(("http://", "https://")):
            return self.channel
        return "tel:" + "".join(char for char in self.channel if char.isdigit() or char == "+")


class PracticeLink(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"))

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.title


class PublicationQuerySet(OriginalTextLookups, models.QuerySet["Publication"]):
    pass


class Publication(models.Model):
    """A study, recommendation or report, with the practices it relates to."""

    title = models.CharField(_("title"), max_length=300)
    authors = models.CharField(_("authors"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("date"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.GERMAN)
    topics = models.ManyToManyField(Topic, related_name="publications", blank=True, verbose_name=_("topics"))
    practices = models.ManyToManyField(
        Practice, related_name="publications", blank=True, verbose_name=_("related practices")
    )
    source_note = source_note_field()
    assumption_note = assumption_note_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:publication", kwargs={"pk": self.pk})


class SearchDocument(models.Model):
    """A published practice as the full-text engines see it, kept by `search.index_practice`.

    PostgreSQL indexes `title` and `body` with its own German or English stemmer (a generated
    tsvector column with a GIN index, added by migration 0003); SQLite's FTS5 table indexes the
    stems `austausch.knowledge.text` computes (`title_terms`, `body_terms`), kept in step by triggers.
    """

    practice = models.OneToOneField(Practice, on_delete=models.CASCADE, primary_key=True, related_name="+")
    language = models.CharField(max_length=2, choices=Language.choices)
    title = models.TextField()
    body = models.TextField()
    title_terms = models.TextField()
    body_terms = models.TextField()

    def __str__(self) -> str:
        return self.title


class PracticeEmbedding(models.Model):
    """The practice's vector from the configured encoder, as float32 bytes."""

    practice = models.OneToOneField(Practice, on_delete=models.CASCADE, primary_key=True, related_name="embedding")
    model = models.CharField(max_length=100)
    text_hash = models.CharField(max_length=64, help_text="sha256 of the embedded text, to skip unchanged practices")
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.model} #{self.practice_id}"


class IndexVersion(models.Model):
    """A counter bumped on every change of the vectors, so each process knows when to reload its matrix."""

    name = models.CharField(max_length=40, primary_key=True)
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}@{self.version}"
