from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.registry.models import Municipality
from tests.conftest import SAMPLE_NAMES
from tests.registry.datasets import write_sample

PASSWORD = "a long enough passphrase 42"
# Halle's and Wittenberge's partners in the registry, beside the shared sample.
PARTNER_NAMES = {"Elmshorn", "Meerbusch", "Savannah", "Hildesheim", "Karlsruhe"}
HALLE, WITTENBERGE, ELMSHORN, MEERBUSCH = "DE-15002000", "DE-12070424", "DE-01056015", "DE-05162022"


@pytest.fixture(scope="session")
def twinning_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("twinning-sample")
    write_sample(directory, SAMPLE_NAMES | PARTNER_NAMES)
    return directory


@pytest.fixture
def twinnings(db: None, twinning_dataset: Path) -> Path:
    """The sample towns and their partners, and the twinnings among them, through the real imports."""
    from austausch.registry.services import import_registry
    from austausch.registry.twinnings import import_twinnings

    import_registry(directory=twinning_dataset)
    import_twinnings(directory=twinning_dataset)
    return twinning_dataset


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(name: str, *roles: tuple[str, object]) -> User:
        user = User.objects.create_user(f"{name.lower()}@example.org", PASSWORD, name=name)
        for role, scope in roles:
            RoleAssignment.objects.create(
                user=user, role=role, scope_type=ContentType.objects.get_for_model(scope), scope_id=scope.pk
            )
        return user

    return make


@pytest.fixture
def wittenberge_editor(twinnings: Path, make_user: Callable[..., User]) -> User:
    return make_user("Wiebke", (Role.EDITOR, Municipality.objects.get(key=WITTENBERGE)))


@pytest.fixture
def outsider(twinnings: Path, make_user: Callable[..., User]) -> User:
    return make_user("Otto")
