"""Texts the radar read, the facts it proposed in them, and what reviewers made of those facts.

A fact that became (or updated) a record points at it: that link, with the fact's character spans in
its source text, is the record's provenance.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from austausch.accounts.models import Role, RoleAssignment


def can_review(user: Any) -> bool:
    """Platform staff and everyone who edits a town or organisation or coordinates a programme."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return RoleAssignment.objects.filter(user=user, role__in=[Role.EDITOR, Role.COORDINATOR]).exists()


def fingerprint(text: str) -> str:
    """The same text however it was typed, wrapped or cased: sha256 of its normalised words."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


class Source(models.Model):
    """One text as uploaded or pasted: a press release, a news article."""

    name = models.CharField(_("file name"), max_length=300)
    original = models.BinaryField(_("original bytes"), editable=False)
    text = models.TextField(_("main text"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    published_on = models.DateField(_("published"), null=True, blank=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, unique=True, editable=False)
    # What the extraction had to say about the file, e.g. the encoding it guessed.
    notes = models.JSONField(_("notes"), default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("ingested"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("source text")
        verbose_name_plural = _("source texts")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title or self.name

    def get_absolute_url(self) -> str:
        return reverse("radar:source", kwargs={"pk": self.pk})

    def editable_by(self, user: Any) -> bool:
        return can_review(user)


class FactKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Town")
    EVENT = "event", _("Event")
    PROGRAMME = "programme", _("Programme")
    ORGANISATION = "organisation", _("Organisation")
    PERSON = "person", _("Person")
    TOPIC = "topic", _("Topic")
    PRACTICE = "practice", _("Practice")
    PUBLICATION = "publication", _("Publication")


# The kinds of fact a reviewer can turn into a record of its own (a publication: link the text to one).
RECORD_KINDS = (FactKind.EVENT, FactKind.PROGRAMME, FactKind.ORGANISATION, FactKind.PRACTICE, FactKind.PUBLICATION)


class FactState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    CORRECTED = "corrected", _("Corrected")
    DROPPED = "dropped", pgettext_lazy("fact state", "Dropped")


ACCEPTED = (FactState.CONFIRMED, FactState.CORRECTED)


class Fact(models.Model):
    """One thing the text says: a town and its role, an event with dates, a programme, an organisation."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="facts", verbose_name=_("source"))
    kind = models.CharField(_("kind"), max_length=20, choices=FactKind.choices)
    value = models.JSONField(_("value"), default=dict)
    # As the extraction proposed it, so a correction can be compared with the original.
    proposed_value = models.JSONField(_("proposed value"), default=dict, editable=False)
    spans = models.JSONField(
        _("character spans"), default=list, blank=True, help_text=_("[[start, end], …] in the main text")
    )
    position = models.PositiveIntegerField(default=0)
    state = models.CharField(_("review state"), max_length=20, choices=FactState.choices, default=FactState.PROPOSED)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    record_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    record_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("record_type", "record_id")
    # True when the fact created its record, False when it updated one that existed.
    created_record = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("fact")
        verbose_name_plural = _("facts")
        ordering = ["source", "position", "id"]
        indexes = [models.Index(fields=["record_type", "record_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(record_type__isnull=True, record_id__isnull=True)
                | Q(record_type__isnull=False, record_id__isnull=False),
                name="fact_record_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"

    @property
    def label(self) -> str:
        value = self.value
        for name in ("name", "title", "label", "slug", "key"):
            if value.get(name):
                return str(value[name])
        if self.kind == FactKind.EVENT:
            return " – ".join(str(value[name]) for name in ("start", "end") if value.get(name))
        return ""

    @property
    def is_accepted(self) -> bool:
        return self.state in ACCEPTED

    @property
    def makes_record(self) -> bool:
        return self.kind in RECORD_KINDS

    def quotes(self) -> list[str]:
        return [self.source.text[start:end] for start, end in self.spans]

    def editable_by(self, user: Any) -> bool:
        return self.source.editable_by(user)


class Comment(models.Model):
    """A reader's comment under the article: public opinion, kept apart from the facts."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="comments", verbose_name=_("source"))
    author = models.CharField(_("written by"), max_length=200, blank=True)
    published = models.CharField(_("written"), max_length=40, blank=True)
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reader comment")
        verbose_name_plural = _("reader comments")
        ordering = ["source", "position", "id"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:60]}"


class KnownName(models.Model):
    """A spelling the radar recognises as a programme or an organisation in new texts: a name a reviewer
    marked or confirmed in a text, or another name of one ("also known as"). `name` is how the programme or
    organisation is called on the platform; several spellings may share it."""

    class Kind(models.TextChoices):
        PROGRAMME = FactKind.PROGRAMME.value, FactKind.PROGRAMME.label
        ORGANISATION = FactKind.ORGANISATION.value, FactKind.ORGANISATION.label

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    spelling = models.CharField(_("spelling"), max_length=200, help_text=_("As texts write it, e.g. “DStGB”."))
    name = models.CharField(_("name"), max_length=200, help_text=_("The name it stands for."))
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    source = models.ForeignKey(
        Source,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("learned from"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("known name")
        verbose_name_plural = _("known names")
        ordering = ["kind", "name", "spelling"]
        constraints = [models.UniqueConstraint(fields=["kind", "spelling"], name="known_name_unique_spelling")]

    def __str__(self) -> str:
        return self.spelling if self.spelling == self.name else f"{self.spelling} → {self.name}"


class IngestionState(models.TextChoices):
    QUEUED = "queued", _("Waiting to be read")
    READING = "reading", _("Being read")
    DONE = "done", _("Read")
    FAILED = "failed", _("Failed")


class Ingestion(models.Model):
    """Texts handed to the radar on the web, read in the background: the page that shows its progress follows
    this row from queued to done (with what became of each file) or failed (with why)."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("uploaded by")
    )
    state = models.CharField(_("state"), max_length=10, choices=IngestionState.choices, default=IngestionState.QUEUED)
    # What became of each file: [{"name", "source", "duplicate_of", "errors"}], source ids where it was stored.
    outcomes = models.JSONField(_("outcomes"), default=list, blank=True)
    failure = models.TextField(_("why it failed"), blank=True)
    # The uploader's language: the worker writes the messages about each file in it.
    language = models.CharField(_("language"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("handed in"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reading of texts")
        verbose_name_plural = _("readings of texts")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_state_display()} ({self.created_at:%Y-%m-%d %H:%M})" if self.created_at else str(self.pk)

    def get_absolute_url(self) -> str:
        return reverse("radar:ingestion", kwargs={"pk": self.pk})

    @property
    def finished(self) -> bool:
        return self.state in (IngestionState.DONE, IngestionState.FAILED)


class IngestionFile(models.Model):
    """One file (or the pasted text) waiting to be read; its bytes are dropped once it has been read."""

    ingestion = models.ForeignKey(Ingestion, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(_("file name"), max_length=300)
    data = models.BinaryField(_("bytes"), editable=False)
    # Why the file is not read at all (over the size limit), decided when it was handed in.
    refusal = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["ingestion", "position", "id"]

    def __str__(self) -> str:
        return self.name
