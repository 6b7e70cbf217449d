from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from austausch.accounts.roles import Role, has_role
from austausch.registry.indicators import INDICATORS, INDICATORS_BY_CODE, IndicatorDefinition


class Country(models.TextChoices):
    GERMANY = "DE", _("Germany")
    USA = "US", _("USA")


class SizeClass(models.TextChoices):
    """BBSR's town size classes by population; Austausch applies the same thresholds to US places."""

    LARGE_CITY = "Großstadt", _("Large city (100,000 and more)")
    MEDIUM_TOWN = "Mittelstadt", _("Medium-sized town (20,000 to 99,999)")
    SMALL_TOWN = "Kleinstadt", _("Small town (5,000 to 19,999)")
    RURAL = "Landgemeinde", _("Rural municipality (under 5,000)")

    @classmethod
    def for_population(cls, population: int) -> SizeClass:
        if population >= 100_000:
            return cls.LARGE_CITY
        if population >= 20_000:
            return cls.MEDIUM_TOWN
        if population >= 5_000:
            return cls.SMALL_TOWN
        return cls.RURAL


# The registry keeps the codes of its sources (Destatis' words); pages show them in the reader's language.
KIND_LABELS: dict[str, Promise] = {
    "Markt": pgettext_lazy("municipality kind", "market town (Markt)"),
    "Kreisfreie Stadt": pgettext_lazy("municipality kind", "district-free city"),
    "Stadtkreis": pgettext_lazy("municipality kind", "urban district (Stadtkreis)"),
    "Stadt": pgettext_lazy("municipality kind", "town"),
    "Gemeinde": pgettext_lazy("municipality kind", "municipality"),
    "Große Kreisstadt": pgettext_lazy("municipality kind", "major district town (Große Kreisstadt)"),
}
URBANISATION_LABELS: dict[str, Promise] = {
    "dicht besiedelt": _("densely populated"),
    "mittlere Besiedlungsdichte": _("intermediate density"),
    "gering besiedelt": _("thinly populated"),
}


class Municipality(models.Model):
    key = models.CharField(_("key"), max_length=16, unique=True, help_text=_("DE-<AGS> or US-<place id>"))
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    official_id = models.CharField(
        _("official id"), max_length=16, help_text=_("AGS for German municipalities, SimpleMaps id for US places")
    )
    regional_id = models.CharField(_("regional key (ARS)"), max_length=12, blank=True)
    name = models.CharField(_("name"), max_length=200)
    official_name = models.CharField(_("official name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40, blank=True, help_text=_("e.g. Stadt, Gemeinde, Markt"))
    state = models.CharField(_("state"), max_length=100)
    state_code = models.CharField(_("state code"), max_length=4)
    district = models.CharField(_("district"), max_length=200, blank=True, help_text=_("Kreis or county"))
    population = models.PositiveIntegerField(_("population"))
    population_as_of = models.CharField(_("population as of"), max_length=10, help_text=_("a date or a year"))
    population_source = models.CharField(_("source of the population"), max_length=100, blank=True)
    area_km2 = models.FloatField(_("area (km²)"), null=True, blank=True)
    area_source = models.CharField(_("source of the area"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    size_class = models.CharField(_("size class"), max_length=20, choices=SizeClass.choices)
    urbanisation = models.CharField(_("degree of urbanisation"), max_length=40, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    # The name folded for the town finder (see dataset.fold): "Dießen" -> "diessen", and the
    # plain form without the umlaut's e where it differs ("Mölln" -> "moelln", alias "molln").
    search_name = models.CharField(max_length=200, editable=False)
    search_alias = models.CharField(max_length=200, editable=False, blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name", "key"]
        indexes = [
            models.Index(fields=["country", "state_code"]),
            models.Index(fields=["size_class"]),
            # Covers the town finder's scan and ranking (search.filter_municipalities).
            models.Index(fields=["search_name", "search_alias", "population"], name="municipality_finder"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.state})"

    def get_absolute_url(self) -> str:
        return reverse("registry:municipality", kwargs={"key": self.key})

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def urbanisation_label(self) -> str:
        return str(URBANISATION_LABELS.get(self.urbanisation, self.urbanisation))

    @property
    def population_as_of_label(self) -> str:
        """The reference date in the reader's format ("31.12.2022", "Dec. 31, 2022"), or the year alone."""
        if len(self.population_as_of) == 4:
            return self.population_as_of
        return date_format(date.fromisoformat(self.population_as_of), "DATE_FORMAT")

    def editable_by(self, user: Any) -> bool:
        """The town's editors (and platform admins) edit its records; the registry figures stay official."""
        return has_role(user, Role.EDITOR, self)


class IndicatorValue(models.Model):
    """One figure of one town, with the year it refers to and where it comes from."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="indicator_values", verbose_name=_("municipality")
    )
    indicator = models.CharField(
        _("indicator"), max_length=40, choices=[(indicator.code, indicator.label) for indicator in INDICATORS]
    )
    value = models.FloatField(_("value"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "indicator"], name="one_value_per_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.indicator}={self.value}"

    @property
    def definition(self) -> IndicatorDefinition:
        return INDICATORS_BY_CODE[self.indicator]

    @property
    def display_value(self) -> str:
        return self.definition.display(self.value)


class PartnershipKind(models.TextChoices):
    """The kinds RGRE (the German section of the CEMR) counts in its partnership database."""

    PARTNERSHIP = "partnership", _("Town partnership")
    FRIENDSHIP = "friendship", _("Friendship")
    CONTACT = "contact", _("Contact")
    PROJECT = "project", _("Project partnership")


class PartnershipStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    DORMANT = "dormant", _("dormant")
    ENDED = "ended", _("ended")


class PartnerPlace(models.Model):
    """A town's partner that is not in the registry: a place abroad, or a German district or county."""

    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2 code"))
    wikidata_id = models.CharField(_("Wikidata id"), max_length=20, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner place")
        verbose_name_plural = _("partner places")
        ordering = ["name", "country"]
        indexes = [models.Index(fields=["wikidata_id"]), models.Index(fields=["name", "country"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})" if self.country else self.name

    @property
    def reference(self) -> str:
        """What names the place across imports: its Wikidata id, or its country and name where it has none."""
        return self.wikidata_id or f"{self.country}:{self.name}"


class Partnership(models.Model):
    """A twinning: a registry town tied to another registry town or to a partner place, once each way.

    A tie between two registry towns is stored once, with the lower id as `municipality`; either
    town's editors may change it.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("municipality")
    )
    partner_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="partnerships_as_partner",
        verbose_name=_("partner town"),
    )
    partner_place = models.ForeignKey(
        PartnerPlace,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("partner place"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=PartnershipKind.choices, default=PartnershipKind.PARTNERSHIP
    )
    since = models.PositiveSmallIntegerField(_("since"), null=True, blank=True, help_text=_("the year it began"))
    status = models.CharField(
        _("status"), max_length=10, choices=PartnershipStatus.choices, default=PartnershipStatus.ACTIVE
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    # Set by every change through the platform: a re-import of the dataset leaves such a tie as it is.
    edited_by_hand = models.BooleanField(_("edited by hand"), default=False, editable=False)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(partner_municipality__isnull=False, partner_place__isnull=True)
                | models.Q(partner_municipality__isnull=True, partner_place__isnull=False),
                name="partnership_has_one_partner",
            ),
            models.CheckConstraint(
                condition=models.Q(partner_municipality__isnull=True)
                | models.Q(municipality__lt=models.F("partner_municipality")),
                name="partnership_towns_in_order",
            ),
            models.UniqueConstraint(fields=["municipality", "partner_municipality"], name="one_tie_between_towns"),
            models.UniqueConstraint(fields=["municipality", "partner_place"], name="one_tie_with_a_place"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality.name} – {self.partner}"

    @property
    def partner(self) -> Municipality | PartnerPlace:
        return self.partner_municipality or self.partner_place  # type: ignore[return-value]

    def partner_of(self, municipality: Municipality) -> Municipality | PartnerPlace:
        """The other side, seen from `municipality`."""
        if self.partner_municipality_id is not None and self.partner_municipality_id != municipality.pk:
            return self.partner_municipality  # type: ignore[return-value]
        if self.partner_municipality_id == municipality.pk:
            return self.municipality
        return self.partner_place  # type: ignore[return-value]

    def editable_by(self, user: Any) -> bool:
        """Either town's editors: a tie between two registry towns belongs to both."""
        return self.municipality.editable_by(user) or bool(
            self.partner_municipality and self.partner_municipality.editable_by(user)
        )
