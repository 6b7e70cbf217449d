"""What programmes keep about a person: registrations for open meetings and delegation seats kept for
their e-mail address, their participations, the agenda sessions naming them as a speaker, the files they
uploaded. A programme's or a network's name names no person.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from austausch.lib.personal_data import (
    ERASED,
    Person,
    PersonalData,
    Row,
    linked_records,
    naming_records,
    not_personal,
    register,
)
from austausch.programmes.models import (
    AgendaSession,
    DelegationInvitation,
    MeetingFile,
    Network,
    Participation,
    Programme,
    Registration,
)


def _to(person: Person) -> Q:
    query = Q(pk__in=[])
    for email in person.emails:
        query |= Q(email__iexact=email)
    return query


def _registrations(person: Person) -> list[Row]:
    return [
        {
            "meeting": str(registration.meeting),
            "starts_on": registration.meeting.starts_on,
            "name": registration.name,
            "email": registration.email,
            "organisation": registration.organisation,
            "answers": registration.answers,
            "status": registration.status,
            "created_at": registration.created_at,
            "checked_in_at": registration.checked_in_at,
        }
        for registration in Registration.objects.filter(_to(person)).select_related("meeting")
    ]


def _erase_registrations(person: Person, actor: Any) -> None:
    # Kept, anonymous: the seats taken and the people checked in still count for the meeting.
    Registration.objects.filter(_to(person)).update(name=ERASED, email=person.placeholder, organisation="", answers={})


def _delegation_invitations(person: Person) -> list[Row]:
    return [
        {
            "delegation": str(invitation.delegation),
            "email": invitation.email,
            "organisation": str(invitation.organisation or ""),
            "sector": invitation.sector,
            "role": invitation.role,
            "created_at": invitation.created_at,
        }
        for invitation in DelegationInvitation.objects.filter(_to(person)).select_related(
            "delegation__meeting", "organisation"
        )
    ]


def _erase_delegation_invitations(person: Person, actor: Any) -> None:
    # A seat kept for an address that will never sign up is no seat.
    DelegationInvitation.objects.filter(_to(person)).delete()


def _participations(person: Person) -> list[Row]:
    return [
        {
            "delegation": str(participation.delegation),
            "starts_on": participation.delegation.meeting.starts_on,
            "organisation": str(participation.organisation or ""),
            "sector": participation.sector,
            "role": participation.role,
            "status": participation.status,
        }
        for participation in Participation.objects.filter(person=person.user).select_related(
            "delegation__meeting", "organisation"
        )
    ]


register(PersonalData("registrations", (Registration,), _registrations, _erase_registrations))
register(
    PersonalData(
        "delegation_invitations", (DelegationInvitation,), _delegation_invitations, _erase_delegation_invitations
    )
)
register(
    PersonalData(
        "participations",
        (Participation,),
        _participations,
        kept="A delegation keeps its size and sectors; the erased account it points at names nobody.",
    )
)
register(naming_records("agenda_speaker", AgendaSession, "speakers"))
register(linked_records("meeting_files_uploaded", MeetingFile, "uploaded_by"))

not_personal(Programme, Network, reason="The name of a programme or a network of towns, not of a person.")
