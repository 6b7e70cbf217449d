"""The indicators the registry carries, defined once for the derivation script, the import and the pages.

`scripts/derive_registry.py` writes values for these codes, the import checks them, the pages
show their labels. Each value carries its own year and source, since one indicator (population
density) comes from INKAR for German towns and from SimpleMaps for US places.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class IndicatorDefinition:
    code: str
    label: Promise
    unit: Promise | str
    # Ordinal indicators name each level, e.g. the central-place function.
    levels: dict[int, Promise] = field(default_factory=dict)

    def display(self, value: float) -> str:
        if self.levels:
            return str(self.levels.get(int(value), value))
        return number_format(value, decimal_pos=2, force_grouping=True)


# How INKAR names the central-place levels in _regionen.parquet, and our ordinal for each.
CENTRAL_PLACE_LEVELS = {
    "zentralörtliche Funktion - keine": 0,
    "zentralörtliche Funktion - Grundzentrum": 1,
    "zentralörtliche Funktion - Mittelzentrum": 2,
    "zentralörtliche Funktion - Oberzentrum": 3,
}

INDICATORS: tuple[IndicatorDefinition, ...] = (
    IndicatorDefinition("population_density", _("Population density"), _("inhabitants per km²")),
    IndicatorDefinition(
        "sgb2_recipients", _("People receiving basic income support (SGB II)"), _("per 1,000 inhabitants")
    ),
    IndicatorDefinition("child_poverty", _("Child poverty (SGB II, under 15)"), _("per 100 inhabitants under 15")),
    IndicatorDefinition("doctors", _("Doctors"), _("per 10,000 inhabitants")),
    IndicatorDefinition("general_practitioners", _("General practitioners"), _("per 10,000 inhabitants")),
    IndicatorDefinition("overnight_stays", _("Overnight stays of visitors"), _("per inhabitant")),
    IndicatorDefinition(
        "central_place",
        _("Central-place function"),
        "",
        levels={0: _("none"), 1: _("basic centre"), 2: _("middle-order centre"), 3: _("higher-order centre")},
    ),
)

INDICATORS_BY_CODE = {indicator.code: indicator for indicator in INDICATORS}
