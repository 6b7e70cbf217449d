from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from austausch.accounts.models import User
from austausch.audit.models import AuditEntry
from austausch.knowledge.models import Practice, Topic
from austausch.matching.algorithms.preferences import CountryPreference, PeerPreferences
from austausch.matching.peers import find_peers
from austausch.offers.models import Direction, TopicInterest
from austausch.offers.services import interests_of, offers_for_seeker, offers_on, set_interests
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
