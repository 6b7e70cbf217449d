"""Writes to the twinnings: the import of the shipped dataset, and town editors' own changes.

The import owns the ties it brought in until an editor changes one; from then on the tie is the
editors' (`edited_by_hand`) and a re-import leaves it as it is, even when the dataset drops it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from austausch.audit.services import log_action, snapshot, update_audited
from austausch.lib.permissions import require
from austausch.registry.dataset import DATA_DIR, DatasetError
from austausch.registry.models import Municipality, PartnerPlace, Partnership, PartnershipStatus
from austausch.registry.twinning_data import FIRST_YEAR, TwinningRecord, read_twinnings

BATCH_SIZE = 500
TIE_FIELDS = ("kind", "since", "status", "source")
PLACE_FIELDS = ("name", "country", "wikidata_id", "latitude", "longitude")
EDITABLE_FIELDS = ("kind", "since", "status")


@dataclass
class TwinningReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    kept_by_hand: int = 0

    @property
    def changed(self) -> bool:
        return any((self.created, self.updated, self.removed))

    def summary(self) -> str:
        kept = f"; {self.kept_by_hand} changed by editors kept as they are" if self.kept_by_hand else ""
        if not self.changed:
            return f"Twinnings are up to date: {self.unchanged} partnerships, nothing changed{kept}."
        return (
            f"Twinnings imported: {self.created} partnerships created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.removed} removed{kept}."
        )


def _identity(tie: Partnership, keys: dict[int, str], places: dict[int, PartnerPlace]) -> tuple[str, ...]:
    """As TwinningRecord.identity, for a stored tie."""
    if tie.partner_municipality_id is not None:
        return ("towns", *sorted((keys[tie.municipality_id], keys[tie.partner_municipality_id])))
    return ("place", keys[tie.municipality_id], places[tie.partner_place_id].reference)  # type: ignore[index]


def _place_values(record: TwinningRecord) -> tuple[Any, ...]:
    return (record.partner_name, record.partner_country, record.partner_wikidata_id, record.partner_latitude,
            record.partner_longitude)  # fmt: skip


def import_twinnings(*, directory: Path = DATA_DIR, records: list[TwinningRecord] | None = None) -> TwinningReport:
    """Load the twinnings into the database, in place, idempotently and in one transaction.

    Every row is checked (each key must be a town of the registry in the database) and the changes
    worked out before the first write, so a damaged file leaves the database as it was.
    """
    with transaction.atomic():
        ids = dict(Municipality.objects.values_list("key", "id"))
        records = read_twinnings(directory) if records is None else records
        for record in records:
            for key in filter(None, (record.town_key, record.partner_key)):
                if key not in ids:
                    raise DatasetError(f"{record.where}: {key} is not a town of the registry")
        keys = {pk: key for key, pk in ids.items()}
        places = {place.pk: place for place in PartnerPlace.objects.all()}
        stored = {_identity(tie, keys, places): tie for tie in Partnership.objects.all()}
        places_by_reference = _sync_places(records, places)

        report = TwinningReport()
        new_ties, changed_ties = [], []
        for record in records:
            values = {field: getattr(record, field) for field in TIE_FIELDS}
            tie = stored.pop(record.identity, None)
            if tie is None:
                new_ties.append(_new_tie(record, ids, places_by_reference))
            elif tie.edited_by_hand:
                report.kept_by_hand += 1
            elif any(getattr(tie, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(tie, field, value)
                changed_ties.append(tie)
            else:
                report.unchanged += 1
        # What is left in `stored` is no longer in the dataset: the import's own ties go, the editors' stay.
        gone = [tie.pk for tie in stored.values() if not tie.edited_by_hand]
        report.kept_by_hand += len(stored) - len(gone)

        Partnership.objects.bulk_create(new_ties, batch_size=BATCH_SIZE)
        Partnership.objects.bulk_update(changed_ties, TIE_FIELDS, batch_size=BATCH_SIZE)
        for start in range(0, len(gone), BATCH_SIZE):
            Partnership.objects.filter(pk__in=gone[start : start + BATCH_SIZE]).delete()
        PartnerPlace.objects.filter(partnerships__isnull=True).delete()
        report.created, report.updated, report.removed = len(new_ties), len(changed_ties), len(gone)
    return report


def _sync_places(records: list[TwinningRecord], places: dict[int, PartnerPlace]) -> dict[str, PartnerPlace]:
    """Partner places as the dataset describes them, created or corrected; by reference."""
    by_reference = {place.reference: place for place in places.values()}
    changed, new = [], {}
    for record in records:
        if record.partner_key:
            continue
        values = dict(zip(PLACE_FIELDS, _place_values(record), strict=True))
        place = by_reference.get(record.place_reference)
        if place is None:
            new[record.place_reference] = PartnerPlace(**values)
        elif any(getattr(place, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(place, field, value)
            changed.append(place)
    PartnerPlace.objects.bulk_update(changed, PLACE_FIELDS, batch_size=BATCH_SIZE)
    created = PartnerPlace.objects.bulk_create(new.values(), batch_size=BATCH_SIZE)
    if any(place.pk is None for place in created):  # a database that returns no ids from a bulk insert
        return {place.reference: place for place in PartnerPlace.objects.all()}
    return {**by_reference, **{place.reference: place for place in created}}


def _new_tie(record: TwinningRecord, ids: dict[str, int], places: dict[str, PartnerPlace]) -> Partnership:
    values = {field: getattr(record, field) for field in TIE_FIELDS}
    if record.partner_key:
        first, second = sorted((ids[record.town_key], ids[record.partner_key]))
        return Partnership(municipality_id=first, partner_municipality_id=second, **values)
    return Partnership(municipality_id=ids[record.town_key], partner_place=places[record.place_reference], **values)


# Town editors' changes.


def check_since(since: int | None) -> None:
    if since is not None and not FIRST_YEAR <= since <= date.today().year:
        raise ValidationError({"since": _("Give a year between %(first)s and this year.") % {"first": FIRST_YEAR}})


def partner_place(*, name: str, country: str) -> PartnerPlace:
    """The place of that name in that country, the one already recorded if there is one."""
    name, country = name.strip(), country.strip().upper()
    existing = PartnerPlace.objects.filter(name__iexact=name, country=country).order_by("pk").first()
    if existing is not None:
        return existing
    place = PartnerPlace(name=name, country=country)
    place.full_clean()
    place.save()
    return place


@transaction.atomic
def add_partnership(
    *,
    actor: Any,
    municipality: Municipality,
    partner: Municipality | PartnerPlace,
    kind: str,
    since: int | None,
    status: str = PartnershipStatus.ACTIVE,
) -> Partnership:
    """A new tie of `municipality`, which the actor edits; to another registry town or to a partner place."""
    require(municipality.editable_by(actor), _("You may not change the partnerships of this town."))
    check_since(since)
    tie = Partnership(kind=kind, since=since, status=status, source=_("added by the town"), edited_by_hand=True)
    if isinstance(partner, Municipality):
        if partner.pk == municipality.pk:
            raise ValidationError({"partner": _("A town cannot be its own partner.")})
        tie.municipality, tie.partner_municipality = sorted((municipality, partner), key=lambda town: town.pk)
        exists = Partnership.objects.filter(
            municipality=tie.municipality, partner_municipality=tie.partner_municipality
        )
    else:
        tie.municipality, tie.partner_place = municipality, partner
        exists = Partnership.objects.filter(municipality=municipality, partner_place=partner)
    if exists.exists():
        raise ValidationError({"partner": _("This partnership is already recorded; change it instead.")})
    tie.full_clean()
    tie.save()
    after = {"partner": str(partner), **snapshot(tie, EDITABLE_FIELDS)}
    log_action("registry.partnership.added", actor=actor, target=tie, after=after)
    return tie


@transaction.atomic
def change_partnership(*, actor: Any, partnership: Partnership, **changes: Any) -> Partnership:
    """Correct kind, year or status (ending a partnership is a change of status); the tie is the editors' now."""
    require(partnership.editable_by(actor), _("You may not change this partnership."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    check_since(changes.get("since", partnership.since))
    return update_audited(
        partnership, {**changes, "edited_by_hand": True}, actor=actor, action="registry.partnership.changed"
    )


def partnerships_of(municipality: Municipality) -> list[Partnership]:
    """The town's ties from either side, active first, then dormant, then ended; by partner name within."""
    order = {status: position for position, status in enumerate(PartnershipStatus.values)}
    ties = list(
        Partnership.objects.filter(municipality=municipality).select_related("partner_municipality", "partner_place")
    )
    for tie in ties:
        tie.municipality = municipality
    ties += Partnership.objects.filter(partner_municipality=municipality).select_related("municipality")
    return sorted(ties, key=lambda tie: (order[tie.status], str(tie.partner_of(municipality).name), tie.pk))
