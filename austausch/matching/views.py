"""The peer finder's page: every preference in a GET form, the ranking as a table, each place explained."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from austausch.matching.algorithms.preferences import Factor, TiesPreference
from austausch.matching.compare import GROUP_DEFAULT, GROUP_MAX, IndicatorComparison, compare
from austausch.matching.forms import PeerForm, PeerQuery
from austausch.matching.peers import Peer, find_peers
from austausch.registry.indicators import INDICATORS, INDICATORS_BY_CODE
from austausch.registry.models import Municipality

FACTOR_LABELS = {
    Factor.POPULATION: gettext_lazy("Size"),
    Factor.CONDITIONS: gettext_lazy("Conditions"),
    Factor.TOPIC: gettext_lazy("Topic experience"),
    Factor.DISTANCE: gettext_lazy("Distance"),
    Factor.TIES: gettext_lazy("Existing ties"),
    Factor.OFFERS: gettext_lazy("Offers what we seek"),
}
# Root mean square differences of standardised indicators; two towns drawn at random differ by about 1.4.
SIMILAR_BELOW = 0.7
DIFFERENT_FROM = 1.4
# A town within this factor of the origin's population counts as "of similar size" in the sentence.
SIMILAR_SIZE_RATIO = 1.5
BAR_STEPS = 10


@dataclass(frozen=True)
class Contribution:
    factor: Factor
    value: float
    factor_score: float

    @property
    def label(self) -> str:
        return str(FACTOR_LABELS[self.factor])

    @property
    def bar(self) -> int:
        """The factor score in tenths, for a bar drawn by CSS classes (no inline styles under the CSP)."""
        return round(min(max(self.factor_score, 0.0), 1.0) * BAR_STEPS)


@dataclass(frozen=True)
class Row:
    rank: int
    peer: Peer
    contributions: list[Contribution]
    reason: str


@require_GET
def peers(request: HttpRequest, key: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality.objects.prefetch_related("indicator_values"), key=key.upper())
    form = PeerForm.from_params(request.GET)
    rows: list[Row] = []
    factors: list[Factor] = []
    query = None
    if form.is_valid():
        query = form.query()
        found = find_peers(municipality, **query.arguments())
        factors = [factor for factor in Factor if found and str(factor) in found[0].contributions]
        rows = [
            Row(
                rank=rank,
                peer=peer,
                contributions=[
                    Contribution(factor, peer.contributions[factor], peer.factor_scores.get(factor, 0.0))
                    for factor in factors
                ],
                reason=explain(peer, origin=municipality, query=query),
            )
            for rank, peer in enumerate(found, start=1)
        ]
    values = {value.indicator: value for value in municipality.indicator_values.all()}
    return render(
        request,
        "matching/peers.html",
        {
            "municipality": municipality,
            "form": form,
            "query": query,
            "rows": rows,
            "factors": [
                {"label": FACTOR_LABELS[factor], "weight": query.preferences.weight(factor) if query else 0}
                for factor in factors
            ],
            "indicators": [(indicator, values.get(indicator.code)) for indicator in INDICATORS],
            "submitted": bool(request.GET),
        },
    )


def explain(peer: Peer, *, origin: Municipality, query: PeerQuery) -> str:
    """One plain sentence on what put this town where it is, from the facts behind its score."""
    town, facts = peer.municipality, peer.facts
    parts = [_size(town.population, origin.population)]
    if facts is None:
        return parts[0]
    if str(Factor.CONDITIONS) in peer.contributions:
        parts.append(_conditions(peer, origin=origin))
    if facts.practices is not None:
        parts.append(
            ngettext("%(count)s practice on the topic", "%(count)s practices on the topic", facts.practices)
            % {"count": facts.practices}
            if facts.practices
            else _("no practice on the topic yet")
        )
    if facts.distance_km is not None:
        parts.append(_("%(km)s km away") % {"km": number_format(round(facts.distance_km), force_grouping=True)})
    elif str(Factor.DISTANCE) in peer.contributions:
        parts.append(_("distance unknown"))
    if facts.twinned:
        parts.append(_("a partner town (twinning)"))
    elif facts.tied:
        parts.append(_("already met in a programme or network"))
    elif query.preferences.ties is not TiesPreference.IGNORE and str(Factor.TIES) in peer.contributions:
        parts.append(_("no ties yet"))
    if facts.offers_sought:
        parts.append(
            ngettext("offers %(count)s topic you look for", "offers %(count)s topics you look for", facts.offers_sought)
            % {"count": facts.offers_sought}
        )
    sentence = ", ".join(parts)
    return sentence[:1].upper() + sentence[1:] + "."


def _size(population: int, origin_population: int) -> str:
    figures = {
        "peer": number_format(population, force_grouping=True),
        "origin": number_format(origin_population, force_grouping=True),
    }
    ratio = max(population, 1) / max(origin_population, 1)
    if 1 / SIMILAR_SIZE_RATIO <= ratio <= SIMILAR_SIZE_RATIO:
        return _("similar size (%(peer)s vs %(origin)s inhabitants)") % figures
    if ratio > 1:
        return _("larger (%(peer)s vs %(origin)s inhabitants)") % figures
    return _("smaller (%(peer)s vs %(origin)s inhabitants)") % figures


def _conditions(peer: Peer, *, origin: Municipality) -> str:
    facts = peer.facts
    if facts is None or facts.conditions_distance is None:
        return _("no indicators to compare conditions")
    distance = facts.conditions_distance
    if distance < SIMILAR_BELOW:
        text = _("similar conditions")
    elif distance < DIFFERENT_FROM:
        text = _("somewhat different conditions")
    else:
        text = _("very different conditions")
    if facts.most_different and facts.shared_indicators > 1:
        indicator = INDICATORS_BY_CODE[facts.most_different].label
        text = _("%(conditions)s, differing most in “%(indicator)s”") % {"conditions": text, "indicator": indicator}
    known = sum(1 for value in origin.indicator_values.all() if value.indicator in INDICATORS_BY_CODE)
    if facts.shared_indicators < known:
        text += " " + _("(only %(shared)s of %(known)s indicators known)") % {
            "shared": facts.shared_indicators,
            "known": known,
        }
    return text


@require_GET
def compare_page(request: HttpRequest, key: str) -> HttpResponse:
    """The town beside its peer group, the group's size chosen by `?size=` (the peer finder's top N)."""
    town = get_object_or_404(Municipality, key=key.upper())
    given = request.GET.get("size", "").strip() or str(GROUP_DEFAULT)
    error = ""
    group: list[Municipality] = []
    rows: list[IndicatorComparison] = []
    if not given.isdigit() or not 1 <= int(given) <= GROUP_MAX:
        error = _("The peer group has 1 to %(maximum)d towns.") % {"maximum": GROUP_MAX}
    else:
        group, rows = compare(town, size=int(given))
    context = {"town": town, "size": given, "maximum": GROUP_MAX, "error": error, "group": group, "rows": rows}
    return render(request, "matching/compare.html", context, status=400 if error else 200)
