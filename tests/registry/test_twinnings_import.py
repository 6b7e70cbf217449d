from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from austausch.registry.dataset import DatasetError
from austausch.registry.models import Municipality, PartnerPlace, Partnership, PartnershipKind, PartnershipStatus
from austausch.registry.twinning_data import KINDS, STATUSES, read_twinnings
from austausch.registry.twinnings import change_partnership, import_twinnings, partnerships_of
from tests.registry.conftest import ELMSHORN, HALLE, MEERBUSCH, WITTENBERGE
from tests.registry.datasets import copy_dataset, reseal


def snapshot() -> list[tuple]:
    return list(Partnership.objects.order_by("pk").values_list()) + list(
        PartnerPlace.objects.order_by("pk").values_list()
    )


def partners(key: str) -> set[str]:
    town = Municipality.objects.get(key=key)
    return {str(tie.partner_of(town)) for tie in partnerships_of(town)}


def test_the_dataset_module_knows_the_models_kinds_and_statuses() -> None:
    assert tuple(PartnershipKind.values) == KINDS
    assert tuple(PartnershipStatus.values) == STATUSES


def test_the_shipped_file_reads_and_holds_each_tie_once() -> None:
    records = read_twinnings()
    assert len(records) == len({record.identity for record in records}) > 5_000
    assert {record.kind for record in records} == {"partnership"}


def test_halle_and_wittenberge_get_their_partners(twinnings: Path) -> None:
    assert partners(HALLE) == {
        "Grenoble (FR)",
        "Hildesheim (Niedersachsen)",
        "Jiaxing (CN)",
        "Karlsruhe (Baden-Württemberg)",
        "Linz (AT)",
        "Oulu (FI)",
        "Savannah (Georgia)",
        "Ufa (RU)",
    }
    assert partners(WITTENBERGE) == {
        "Châlons-en-Champagne (FR)",
        "Elmshorn (Schleswig-Holstein)",
        "Meerbusch (Nordrhein-Westfalen)",
        "Razgrad (BG)",
    }
    # A tie between two registry towns is stored once and seen from both.
    assert Partnership.objects.filter(partner_municipality__key=WITTENBERGE).count() == 2
    assert "Wittenberge (Brandenburg)" in partners(ELMSHORN)


def test_a_second_import_changes_nothing_and_says_so(twinnings: Path) -> None:
    before = snapshot()
    report = import_twinnings(directory=twinnings)
    assert not report.changed
    assert "nothing changed" in report.summary()
    assert snapshot() == before


def test_a_re_import_keeps_an_editors_change(twinnings: Path, wittenberge_editor: object) -> None:
    tie = Partnership.objects.get(municipality__key=ELMSHORN, partner_municipality__key=WITTENBERGE)
    change_partnership(actor=wittenberge_editor, partnership=tie, status=PartnershipStatus.DORMANT, since=1990)

    report = import_twinnings(directory=twinnings)

    tie.refresh_from_db()
    assert (tie.status, tie.since, tie.edited_by_hand) == ("dormant", 1990, True)
    assert report.kept_by_hand == 1
    assert "1 changed by editors kept" in report.summary()


def test_a_tie_dropped_from_the_dataset_goes_unless_an_editor_changed_it(
    twinnings: Path, wittenberge_editor: object, tmp_path: Path
) -> None:
    elmshorn = Partnership.objects.get(municipality__key=ELMSHORN, partner_municipality__key=WITTENBERGE)
    change_partnership(actor=wittenberge_editor, partnership=elmshorn, kind="friendship")
    directory = copy_dataset(tmp_path, source=twinnings)
    path = directory / "twinnings.csv"
    path.write_text("".join(line for line in path.read_text().splitlines(True) if WITTENBERGE not in line))
    reseal(directory)

    report = import_twinnings(directory=directory)

    assert report.removed == 3  # Châlons, Razgrad and Meerbusch; Elmshorn is the editors' now
    assert partners(WITTENBERGE) == {"Elmshorn (Schleswig-Holstein)"}
    assert not PartnerPlace.objects.filter(name="Razgrad").exists()


def test_a_changed_row_is_updated_in_place(twinnings: Path, tmp_path: Path) -> None:
    tie = Partnership.objects.get(municipality__key=WITTENBERGE, partner_place__name="Razgrad")
    directory = copy_dataset(tmp_path, source=twinnings)
    path = directory / "twinnings.csv"
    path.write_text(
        path.read_text().replace(
            "Razgrad,BG,,43.526667,26.524167,partnership,,active",
            "Razgrad,BG,,43.526667,26.524167,friendship,1968,dormant",
        )
    )
    reseal(directory)

    report = import_twinnings(directory=directory)

    assert (report.created, report.updated, report.removed) == (0, 1, 0)
    updated = Partnership.objects.get(pk=tie.pk)
    assert (updated.kind, updated.since, updated.status) == ("friendship", 1968, "dormant")


def test_a_truncated_file_names_file_and_line_and_changes_nothing(twinnings: Path, tmp_path: Path) -> None:
    before = snapshot()
    directory = copy_dataset(tmp_path, source=twinnings)
    path = directory / "twinnings.csv"
    text = path.read_text()
    path.write_text(text[: len(text) - 40])  # cut mid-line

    with pytest.raises(DatasetError, match=r"twinnings\.csv, line \d+: expected 11 fields"):
        import_twinnings(directory=directory)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("partnership,,active", "partnership,,sleeping", r"line \d+: unknown status 'sleeping'"),
        ("partnership,,active", "partnership,2999,active", r"line \d+: since 2999 is not between 1800 and this year"),
        (f"{ELMSHORN},{WITTENBERGE}", f"{WITTENBERGE},{WITTENBERGE}", r"line \d+: a town cannot be its own partner"),
        (
            f"{ELMSHORN},{WITTENBERGE}",
            f"{ELMSHORN},DE-99999999",
            r"line \d+: DE-99999999 is not a town",
        ),
    ],
)
def test_a_damaged_row_names_file_and_line_and_changes_nothing(
    twinnings: Path, tmp_path: Path, old: str, new: str, message: str
) -> None:
    before = snapshot()
    directory = copy_dataset(tmp_path, source=twinnings)
    path = directory / "twinnings.csv"
    path.write_text(path.read_text().replace(old, new, 1))
    reseal(directory)

    with pytest.raises(DatasetError, match=r"twinnings\.csv, " + message):
        import_twinnings(directory=directory)
    assert snapshot() == before


def test_the_command_imports_twinnings_and_exits_2_on_a_damaged_file(
    db: None, twinning_dataset: Path, tmp_path: Path
) -> None:
    directory = copy_dataset(tmp_path, source=twinning_dataset)
    path = directory / "twinnings.csv"
    path.write_text(path.read_text().replace(",partnership,", ",twinning,", 1))
    reseal(directory)

    with pytest.raises(CommandError, match=r"twinnings\.csv, line 2: unknown kind 'twinning'") as raised:
        call_command("registry", "import", "--data", str(directory))
    assert raised.value.returncode == 2
    assert "Nothing was changed" in str(raised.value)
    assert not Municipality.objects.exists()

    out = io.StringIO()
    call_command("registry", "import", "--data", str(twinning_dataset), stdout=out)
    assert "Twinnings imported:" in out.getvalue()
    assert Partnership.objects.filter(municipality__key=MEERBUSCH, partner_municipality__key=WITTENBERGE).exists()


def drop_town(source: Path, target: Path, key: str) -> Path:
    directory = copy_dataset(target, source=source)
    for name in ("municipalities.csv", "indicator_values.csv", "twinnings.csv"):
        path = directory / name
        path.write_text("".join(line for line in path.read_text().splitlines(True) if key not in line))
    reseal(directory)
    return directory


def test_a_town_dropped_from_the_registry_takes_its_imported_partnerships_along(
    twinnings: Path, tmp_path: Path
) -> None:
    from austausch.registry.services import import_registry

    directory = drop_town(twinnings, tmp_path, ELMSHORN)
    assert import_registry(directory=directory).removed == 1
    assert import_twinnings(directory=directory).removed == 0  # already gone with the town
    assert partners(WITTENBERGE) == {"Châlons-en-Champagne (FR)", "Meerbusch (Nordrhein-Westfalen)", "Razgrad (BG)"}


def test_a_town_with_a_partnership_its_editors_changed_is_not_dropped(
    twinnings: Path, wittenberge_editor: object, tmp_path: Path
) -> None:
    from austausch.registry.services import import_registry

    tie = Partnership.objects.get(municipality__key=ELMSHORN, partner_municipality__key=WITTENBERGE)
    change_partnership(actor=wittenberge_editor, partnership=tie, since=1991)
    directory = drop_town(twinnings, tmp_path, ELMSHORN)
    with pytest.raises(
        DatasetError, match=f"records still refer to \\(1\\): {ELMSHORN} — referred to by partnerships: 1"
    ):
        import_registry(directory=directory)
    assert Municipality.objects.filter(key=ELMSHORN).exists()
