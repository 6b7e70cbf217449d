from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import Field

from austausch.lib.translated_schema import WithTranslations
from austausch.organisations.models import Organisation, OrganisationKind, Sector
from austausch.organisations.services import create_organisation, update_organisation
from austausch.registry.models import Municipality
from austausch.web.api_errors import Payload, as_api_errors
from austausch.web.pagination import Page, PageNumber, PageSize, paginate

router = Router(tags=["organisations"])
# The default of a PATCH field that may be left out but not sent as null: pydantic does not check
# defaults, and `exclude_unset` leaves the field out of the changes.
NOT_SENT: Any = None


class OrganisationOut(WithTranslations):
    id: int
    name: str
    abbreviation: str
    kind: OrganisationKind
    sector: Sector
    municipality: str | None
    website: str
    description: str

    @staticmethod
    def resolve_municipality(organisation: Organisation) -> str | None:
        return organisation.municipality.key if organisation.municipality else None


# The lengths the database keeps: the schema states them, so a longer text is refused by its description.
Name = Annotated[str, Field(min_length=1, max_length=200)]
Abbreviation = Annotated[str, Field(max_length=30)]


class OrganisationIn(Payload):
    name: Name
    abbreviation: Abbreviation = ""
    kind: OrganisationKind
    sector: Sector
    municipality: str | None = None
    website: str = ""
    description: str = ""


class OrganisationPatch(Payload):
    """Only the fields sent change. `municipality` may be null (no town); the others may not (422)."""

    name: Name = NOT_SENT
    abbreviation: Abbreviation = NOT_SENT
    kind: OrganisationKind = NOT_SENT
    sector: Sector = NOT_SENT
    municipality: str | None = None
    website: str = NOT_SENT
    description: str = NOT_SENT


@router.get("/organisations", response=Page[OrganisationOut], summary="List organisations")
def list_organisations(
    request: HttpRequest,
    municipality: str = "",
    sector: Sector | None = None,
    page: PageNumber = 1,
    page_size: PageSize = 50,
) -> dict[str, object]:
    organisations = Organisation.objects.select_related("municipality")
    if municipality:
        organisations = organisations.filter(municipality__key=municipality.upper())
    if sector:
        organisations = organisations.filter(sector=sector)
    return paginate(organisations, page=page, page_size=page_size)


@router.get("/organisations/{organisation_id}", response=OrganisationOut, summary="One organisation")
def get_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    return _organisation(organisation_id)


@router.post("/organisations", response={201: OrganisationOut}, auth=django_auth, summary="Add an organisation")
def post_organisation(request: HttpRequest, payload: OrganisationIn) -> Status[Organisation]:
    fields = payload.dict()
    fields["municipality"] = _municipality(fields["municipality"])
    with as_api_errors():
        return Status(201, create_organisation(actor=request.user, **fields))  # type: ignore[arg-type]


@router.patch("/organisations/{organisation_id}", response=OrganisationOut, auth=django_auth,
              summary="Change an organisation")  # fmt: skip
def patch_organisation(request: HttpRequest, organisation_id: int, payload: OrganisationPatch) -> Organisation:
    organisation = _organisation(organisation_id)
    changes = payload.dict(exclude_unset=True)
    if "municipality" in changes:
        changes["municipality"] = _municipality(changes["municipality"])
    with as_api_errors():
        return update_organisation(actor=request.user, organisation=organisation, **changes)  # type: ignore[arg-type]


def _organisation(organisation_id: int) -> Organisation:
    organisation = Organisation.objects.select_related("municipality").filter(pk=organisation_id).first()
    if organisation is None:
        raise HttpError(404, f"No organisation with the id {organisation_id}.")
    return organisation


def _municipality(key: str | None) -> Municipality | None:
    if not key:
        return None
    municipality = Municipality.objects.filter(key=key.upper()).first()
    if municipality is None:
        raise HttpError(422, f"municipality: no town with the key {key!r}")
    return municipality
