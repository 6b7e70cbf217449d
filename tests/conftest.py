from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.registry.datasets import write_sample

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def default_language() -> None:
    """Every test starts in the default language: a request to an /en/ page leaves English active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)


# Real towns from the shipped dataset, chosen for the cases the pages must handle: homonyms
# (Halle, Mölln, Newark), umlauts and ß (Dießen, Mölln), every size class, both countries.
SAMPLE_NAMES = {
    "Halle",
    "Halle (Saale)",
    "Halle (Westf.)",
    "Wittenberge",
    "Mölln",
    "Alt-Mölln",
    "Dießen am Ammersee",
    "Unterdießen",
    "Oestrich-Winkel",
    "Dippoldiswalde",
    "Darmstadt",
    "Schwerin",
    "Hamburg",
    "Newark",
    "Jersey City",
    "Philadelphia",
    "Trenton",
    "Princeton",
}


@pytest.fixture(scope="session")
def sample_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("registry-sample")
    write_sample(directory, SAMPLE_NAMES)
    return directory


@pytest.fixture
def registry_sample(db: None, sample_dataset: Path) -> frozenset[str]:
    """The sample towns loaded through the real import, with their indicators; returns their keys."""
    from austausch.registry.models import Municipality
    from austausch.registry.services import import_registry

    import_registry(directory=sample_dataset)
    return frozenset(Municipality.objects.values_list("key", flat=True))
