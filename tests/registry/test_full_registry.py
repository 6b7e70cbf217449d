"""The whole shipped registry, imported once through the command a user runs."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from austausch.registry.models import IndicatorValue, Municipality


@pytest.mark.django_db
def test_the_full_registry_imports_once_and_then_reports_nothing_to_do() -> None:
    out = io.StringIO()
    call_command("registry", "import", stdout=out)
    assert "31063 municipalities created" in out.getvalue()
    assert Municipality.objects.filter(country="DE").count() == 10_773
    assert Municipality.objects.filter(country="US").count() == 20_290
    assert IndicatorValue.objects.count() > 90_000

    out = io.StringIO()
    call_command("registry", "import", stdout=out)
    assert out.getvalue().splitlines() == [
        "Registry is up to date: 31063 municipalities, nothing changed.",
        "Twinnings are up to date: 5390 partnerships, nothing changed.",
    ]

    out = io.StringIO()
    call_command("show", "DE-15002000", "--json", stdout=out)
    halle = json.loads(out.getvalue())
    assert (halle["name"], halle["state"], halle["size_class"]) == ("Halle (Saale)", "Sachsen-Anhalt", "Großstadt")
    assert halle["population"] == 242_083
    indicators = {indicator["code"]: indicator for indicator in halle["indicators"]}
    assert indicators["sgb2_recipients"]["year"] == 2022
    assert indicators["doctors"]["source"].startswith("BBSR INKAR")
    assert indicators["central_place"]["value"] == 3

    out = io.StringIO()
    call_command("show", "Wittenberge", "--json", stdout=out)
    wittenberge = json.loads(out.getvalue())
    assert (wittenberge["key"], wittenberge["size_class"], wittenberge["state"]) == (
        "DE-12070424",
        "Kleinstadt",
        "Brandenburg",
    )
