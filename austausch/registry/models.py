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
