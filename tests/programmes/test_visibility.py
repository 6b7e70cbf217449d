"""Who may see what: the querysets every page, feed, calendar and the API read through."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from austausch.accounts.models import User
from austausch.audit.models import AuditEntry
from austausch.programmes.models import Cost, Meeting, MeetingKind, Network, Participation, Programme
from austausch.programmes.services.delegations import answer_invitation
from austausch.programmes.services.meetings import create_meeting, update_meeting
from austausch.programmes.services.programmes import create_programme
from austausch.registry.models import Municipality
from tests.programmes.conftest import days_from_now


def draft_programme_with_a_meeting(coordinator: User) -> tuple[Programme, Meeting]:
    draft = create_programme(actor=coordinator, name="Still planned", slug="still-planned")
    meeting = create_meeting(
        actor=coordinator,
        programme=draft,
        host_municipalities=[Municipality.objects.get(key="DE-15002000")],
        kind=MeetingKind.WORKSHOP,
        title="Kick-off",
        starts_on=days_from_now(3),
        ends_on=days_from_now(3),
        published=True,  # published itself, yet hidden while its programme is a draft
    )
    return draft, meeting


def test_a_draft_programme_and_its_meetings_are_for_its_coordinators_only(
    coordinator: User, outsider: User, visit: Meeting
) -> None:
    draft, kick_off = draft_programme_with_a_meeting(coordinator)
    public = visit.programme
    assert set(Programme.objects.visible_to(coordinator)) == {public, draft}
    for stranger in (outsider, AnonymousUser()):
        assert list(Programme.objects.visible_to(stranger)) == [public]
        assert kick_off not in Meeting.objects.visible_to(stranger)
    assert list(Programme.objects.public()) == [public]
    assert kick_off in Meeting.objects.visible_to(coordinator) and kick_off not in Meeting.objects.public()


def test_a_meeting_without_programme_is_seen_by_its_own_coordinator(
    coordinator: User, outsider: User, open_event: Meeting
) -> None:
    update_meeting(actor=coordinator, meeting=open_event, published=False)
    assert open_event in Meeting.objects.visible_to(coordinator)
    assert open_event not in Meeting.objects.visible_to(outsider) and not Meeting.objects.public().exists()
    admin = User.objects.create_superuser("admin@example.org", "a long enough passphrase 42")
    assert open_event in Meeting.objects.visible_to(admin)


def test_costs_and_networks_of_a_draft_programme_stay_hidden(coordinator: User, visit: Meeting) -> None:
    assert Cost.objects.public().count() == 1 and Network.objects.public().count() == 1
    Programme.objects.filter(pk=visit.programme_id).update(published=False)
    assert not Cost.objects.public().exists() and not Network.objects.public().exists()


def test_an_answer_to_an_invitation_is_in_the_meetings_log(participant: User, visit: Meeting) -> None:
    participation = Participation.objects.get(person=participant)
    answer_invitation(person=participant, participation=participation, accept=True)
    entry = AuditEntry.objects.get(action="programmes.participant.answered")
    assert entry.target_id == str(visit.pk) and entry.target_type.model == "meeting"
    assert (entry.before, entry.after) == ({"status": "invited"}, {"status": "confirmed"})
