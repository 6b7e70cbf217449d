from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from austausch.accounts.models import Role, RoleAssignment, User
from austausch.audit.models import AuditEntry
from austausch.knowledge.models import Practice, Topic
from austausch.matching.algorithms.preferences import CountryPreference, PeerPreferences
from austausch.matching.peers import find_peers
from austausch.offers.models import Direction, TopicInterest
from austausch.offers.services import interests_of, offers_for_seeker, offers_on, set_interests
from austausch.organisations.models import Organisation
from austausch.registry.models import Municipality
from tests.exchanges.conftest import DARMSTADT, WITTENBERGE, editor_of, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_page_cache() -> None:
    cache.clear()


@pytest.fixture
def towns(registry_sample) -> tuple[Municipality, Municipality]:
    return Municipality.objects.get(key=WITTENBERGE), Municipality.objects.get(key=DARMSTADT)


@pytest.fixture
def coworking() -> Topic:
    return Topic.objects.get(slug="remote-work")


def publish_practice(town: Municipality, topic: Topic) -> Practice:
    practice = Practice.objects.create(
        title="Coworking im Bahnhof", summary="Ein Coworking-Space.", is_published=True, published_at=timezone.now()
    )
    practice.municipalities.add(town)
    practice.topics.add(topic)
    return practice


def test_an_editor_says_what_the_town_offers_and_seeks_and_it_is_audited(towns, coworking):
    wittenberge, _darmstadt = towns
    editor = editor_of(wittenberge, "wanda@wittenberge.example", "Wanda")
    seek = Topic.objects.get(slug="future-of-work")
    set_interests(actor=editor, owner=wittenberge, offers=[coworking], seeks=[seek])
    assert set(TopicInterest.objects.values_list("topic__slug", "direction")) == {
        ("remote-work", Direction.OFFER),
        ("future-of-work", Direction.SEEK),
    }
    entry = AuditEntry.objects.get(action="offers.interests.changed")
    assert entry.after == {"offer": ["remote-work"], "seek": ["future-of-work"]}
    set_interests(actor=editor, owner=wittenberge, offers=[], seeks=[seek])
    assert not TopicInterest.objects.filter(direction=Direction.OFFER).exists()


def test_only_the_towns_editors_say_it(towns, coworking):
    wittenberge, darmstadt = towns
    other = editor_of(darmstadt, "dora@darmstadt.example", "Dora")
    with pytest.raises(PermissionDenied):
        set_interests(actor=other, owner=wittenberge, offers=[coworking], seeks=[])
    assert not TopicInterest.objects.exists()


def test_a_published_practice_counts_as_an_offer(towns, coworking):
    wittenberge, _darmstadt = towns
    publish_practice(wittenberge, coworking)
    interests = interests_of(wittenberge)
    assert interests.offers == [coworking] and interests.practice_topics == {coworking.pk}
    assert offers_on(coworking).practices == {wittenberge: 1}
    assert offers_on(coworking.parent).practices == {wittenberge: 1}  # the main topic includes its sub-topics


def test_the_town_page_shows_can_help_with_and_looking_for(client, towns, coworking):
    _wittenberge, darmstadt = towns
    editor = editor_of(darmstadt, "dora@darmstadt.example", "Dora")
    set_interests(actor=editor, owner=darmstadt, offers=[coworking], seeks=[Topic.objects.get(slug="job-creation")])
    page = client.get(f"/en/municipalities/{DARMSTADT}/").content.decode()
    assert "Can help with" in page and "Remote work" in page
    assert "Looking for" in page and "Job creation" in page


def test_the_topic_page_lists_who_offers_it(client, towns, coworking):
    wittenberge, darmstadt = towns
    editor = editor_of(darmstadt, "dora@darmstadt.example", "Dora")
    set_interests(actor=editor, owner=darmstadt, offers=[coworking], seeks=[])
    publish_practice(wittenberge, coworking)
    page = client.get("/en/offers/topics/remote-work/").content.decode()
    assert f"/exchanges/ask/town/{DARMSTADT}/" in page and "Wittenberge" in page
    assert "Remote work" in client.get("/en/offers/").content.decode()


def test_the_seeker_finds_the_towns_that_offer_what_it_seeks(towns, coworking):
    wittenberge, darmstadt = towns
    set_interests(
        actor=editor_of(wittenberge, "wanda@wittenberge.example", "Wanda"),
        owner=wittenberge,
        offers=[],
        seeks=[coworking.parent, Topic.objects.get(slug="job-creation")],
    )
    set_interests(
        actor=editor_of(darmstadt, "dora@darmstadt.example", "Dora"),
        owner=darmstadt,
        offers=[coworking, Topic.objects.get(slug="job-creation")],
        seeks=[],
    )
    assert offers_for_seeker(wittenberge) == {darmstadt.pk: 2}
    assert offers_for_seeker(darmstadt) == {}


def test_the_edit_form_saves_and_refuses_outsiders(towns, coworking, client):
    wittenberge, _darmstadt = towns
    editor = editor_of(wittenberge, "wanda@wittenberge.example", "Wanda")
    response = signed_in(editor).post(f"/en/offers/towns/{WITTENBERGE}/", {"offers": [coworking.pk], "seeks": []})
    assert response.status_code == 302
    assert TopicInterest.objects.get().topic == coworking
    outsider = User.objects.create_user("otto@example.org", "a long enough passphrase 42", name="Otto")
    assert signed_in(outsider).get(f"/en/offers/towns/{WITTENBERGE}/").status_code == 403


def test_the_peer_finder_scores_towns_that_offer_what_the_origin_seeks(towns, coworking):
    wittenberge, darmstadt = towns
    set_interests(
        actor=editor_of(wittenberge, "wanda@wittenberge.example", "Wanda"),
        owner=wittenberge,
        offers=[],
        seeks=[coworking, Topic.objects.get(slug="job-creation")],
    )
    publish_practice(darmstadt, coworking)
    only_offers = PeerPreferences(
        population_weight=0, conditions_weight=0, topic_weight=0, country=CountryPreference.ANY
    )
    peers = find_peers(wittenberge, preferences=only_offers, limit=3)
    assert peers[0].municipality == darmstadt
    assert peers[0].factor_scores == {"offers": 0.5}  # one of the two topics sought
    assert peers[0].facts is not None and peers[0].facts.offers_sought == 1
    assert peers[1].factor_scores == {"offers": 0.0}


def test_without_topics_sought_the_factor_stays_out(towns):
    wittenberge, _darmstadt = towns
    peer = find_peers(wittenberge, limit=1)[0]
    assert "offers" not in peer.contributions and peer.facts is not None and peer.facts.offers_sought is None


@pytest.fixture
def hub(towns) -> Organisation:
    wittenberge, _darmstadt = towns
    return Organisation.objects.create(
        name="Coworking Hub Wittenberge", kind="nonprofit", sector="nonprofit", municipality=wittenberge
    )


def organisation_editor(organisation: Organisation) -> User:
    person = User.objects.create_user("olga@hub.example", "a long test password", name="Olga")
    RoleAssignment.objects.create(
        user=person,
        role=Role.EDITOR,
        scope_type=ContentType.objects.get_for_model(organisation),
        scope_id=organisation.pk,
    )
    return person


def test_an_organisations_editor_says_what_it_offers_and_its_page_shows_it(hub, coworking):
    seek = Topic.objects.get(slug="future-of-work")
    client = signed_in(organisation_editor(hub))
    form = client.get(f"/en/organisations/{hub.pk}/")
    assert f'href="/en/offers/organisations/{hub.pk}/"' in form.text
    response = client.post(f"/en/offers/organisations/{hub.pk}/", {"offers": [coworking.pk], "seeks": [seek.pk]})
    assert response.status_code == 302
    assert set(TopicInterest.objects.values_list("organisation", "topic__slug", "direction")) == {
        (hub.pk, "remote-work", Direction.OFFER),
        (hub.pk, "future-of-work", Direction.SEEK),
    }
    page = Client().get(f"/en/organisations/{hub.pk}/").text
    assert "Can help with" in page and coworking.label_en in page and seek.label_en in page
    assert "/offers/organisations/" not in page  # only its editors are offered the form
    assert [interest.organisation for interest in offers_on(coworking).declared] == [hub]


def test_only_an_organisations_editors_say_what_it_offers(hub, coworking, towns):
    _wittenberge, darmstadt = towns
    outsider = signed_in(editor_of(darmstadt, "dora@darmstadt.example", "Dora"))
    assert outsider.get(f"/en/offers/organisations/{hub.pk}/").status_code == 403
    response = outsider.post(f"/en/offers/organisations/{hub.pk}/", {"offers": [coworking.pk]})
    assert response.status_code == 403 and not TopicInterest.objects.exists()


def test_an_organisations_published_practice_counts_as_its_offer(hub, coworking):
    practice = publish_practice(hub.municipality, coworking)
    practice.organisations.add(hub)
    interests = interests_of(hub)
    assert interests.offers == [coworking] and interests.practice_topics == {coworking.pk}
