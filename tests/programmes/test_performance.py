"""The programme page reads in a fixed number of queries, however large the programme (no N+1)."""

from __future__ import annotations

from django.test import Client

from austausch.programmes.models import Participation
from tests.programmes.factories import build_large_programme

# Fixed, whatever the size: the meeting page also lists its named participants and the publications presented.
MAX_QUERIES = 16


def test_the_programme_page_needs_a_bounded_number_of_queries(
    client: Client,
    registry_sample: frozenset,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    programme = build_large_programme()
    assert programme.meetings.count() == 40 and Participation.objects.count() == 400
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(f"/en/programmes/{programme.slug}/")
    html = response.content.decode()
    assert response.status_code == 200 and "Visit 4.9" in html and "400 participants by sector" in html


def test_the_network_and_meeting_pages_too(
    client: Client,
    registry_sample: frozenset,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    programme = build_large_programme()
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(f"/en/programmes/{programme.slug}/network/").status_code == 200
    meeting = programme.meetings.last()
    assert meeting is not None
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(f"/en/programmes/meetings/{meeting.pk}/").status_code == 200
