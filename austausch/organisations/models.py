from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from austausch.accounts.roles import Role, has_role
from austausch.lib.translated import OriginalTextLookups


class OrganisationKind(models.TextChoices):
    TOWN_ADMINISTRATION = "town_administration", _("Town administration")
    MUNICIPAL_COMPANY = "municipal_company", _("Municipal company")
    NONPROFIT = "nonprofit", _("Nonprofit")
    UNIVERSITY = "university", _("University")
    SCHOOL = "school", _("School")
    BUSINESS = "business", _("Business")
    ASSOCIATION = "association", _("Association")
    MINISTRY = "ministry", _("Ministry")
    INSTITUTE = "institute", _("Public institute or authority")
    FOUNDATION = "foundation", _("Foundation")


class Sector(models.TextChoices):
    """The sectors the Transatlantic Cities of Tomorrow programme draws its delegations from."""

    PUBLIC_AGENCY = "public_agency", _("Public agency")
    NONPROFIT = "nonprofit", _("Nonprofit")
    CIVIC_ORGANISATION = "civic_organisation", _("Civic organisation")
    UNIVERSITY = "university", _("University")
    EDUCATION = "education", _("Education")
    PRIVATE_SECTOR = "private_sector", _("Private sector")


class OrganisationQuerySet(OriginalTextLookups, models.QuerySet["Organisation"]):
    pass


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)
    municipality = models.ForeignKey(
        "registry.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("town"),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"pk": self.pk})

    def editable_by(self, user: Any) -> bool:
        """Its editors, the editors of its town, and platform admins."""
        if has_role(user, Role.EDITOR, self):
            return True
        return self.municipality is not None and self.municipality.editable_by(user)
