from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from austausch.matching.compare import compare, percentile_in
from austausch.registry.models import IndicatorValue, Municipality

WITTENBERGE = "DE-12070424"


def test_the_percentile_counts_lower_values_and_equal_ones_half() -> None:
    assert percentile_in(5.0, [1.0, 2.0, 5.0, 9.0]) == 62.5
    assert percentile_in(0.0, [1.0, 2.0]) == 0.0
    assert percentile_in(3.0, []) is None


@pytest.mark.django_db
def test_each_indicator_stands_beside_the_median_of_the_peer_group(registry_sample: frozenset) -> None:
    town = Municipality.objects.get(key=WITTENBERGE)
    group, rows = compare(town, size=5)
    assert len(group) == 5 and town not in group
    known = [row for row in rows if row.value is not None and row.peers_with_value]
    assert known
    for row in known:
        assert row.value is not None and row.median is not None
        peers = sorted(
            IndicatorValue.objects.filter(municipality__in=group, indicator=row.indicator.code).values_list(
                "value", flat=True
            )
        )
        assert row.peers_with_value == len(peers)
        assert min(peers) <= row.median <= max(peers)
        assert row.percentile == percentile_in(row.value.value, peers)
        assert row.sources


@pytest.mark.django_db
def test_the_api_answers_the_comparison_with_sources_and_years(client: Client, registry_sample: frozenset) -> None:
    response = client.get(f"/api/v1/municipalities/{WITTENBERGE}/comparison?size=3")
    assert response.status_code == 200
    answer = response.json()
    assert answer["key"] == WITTENBERGE and len(answer["peer_group"]) == 3
    first = next(item for item in answer["indicators"] if item["value"] is not None and item["peers_with_value"])
    assert {"peer_median", "percentile", "year", "source", "peer_years", "peer_sources"} <= set(first)
    assert client.get(f"/api/v1/municipalities/{WITTENBERGE}/comparison?size=0").status_code == 422
    assert client.get("/api/v1/municipalities/DE-99999999/comparison").status_code == 404


@pytest.mark.django_db
def test_the_town_page_and_the_compare_page_show_it(client: Client, registry_sample: frozenset) -> None:
    cache.clear()
    assert "How do we compare?" in client.get(f"/en/municipalities/{WITTENBERGE}/").content.decode()
    page = client.get(f"/en/matching/compare/{WITTENBERGE}/?size=4").content.decode()
    group = page.split("The peer group</h2>")[1].split("</ol>")[0]
    assert "Median of the peers" in page and group.count("<li>") == 4
    wrong = client.get(f"/en/matching/compare/{WITTENBERGE}/?size=0")
    assert wrong.status_code == 400 and "The peer group has 1 to 200 towns." in wrong.content.decode()
