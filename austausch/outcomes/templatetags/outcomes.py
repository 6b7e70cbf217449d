"""Template tags other apps' pages use to show outcomes: a summary line and a link, the ledger lines.

They show only what is public: the town page is cached for everyone (settings.PAGE_CACHE_SECONDS),
so what it shows may lag that long behind a new update.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from austausch.outcomes.models import Commitment, Transfer, TransferState
from austausch.outcomes.summary import Summary, summarise, summary_line

register = template.Library()

ADOPTED = (TransferState.PILOT, TransferState.LIVE)


@register.simple_tag
def town_outcomes(municipality: Any) -> SafeString:
    link = reverse("outcomes:town", kwargs={"key": municipality.key})
    # Most of the 31,000 towns have recorded nothing: two index lookups answer that, instead of three joins.
    if not (
        Commitment.objects.filter(municipality=municipality).exists()
        or Transfer.objects.filter(Q(municipality=municipality) | Q(origin_municipality=municipality)).exists()
    ):
        return render_to_string(
            "outcomes/tags/town.html", {"summary_line": summary_line(Summary(), "town"), "link": link}
        )
    transfers = Transfer.objects.public().listed()
    return render_to_string(
        "outcomes/tags/town.html",
        {
            "summary_line": summary_line(
                summarise(Commitment.objects.public().filter(municipality=municipality)), "town"
            ),
            "adopted": list(transfers.filter(municipality=municipality)),
            "given": list(transfers.filter(origin_municipality=municipality)),
            "link": link,
        },
    )


@register.simple_tag
def practice_adoptions(practice: Any) -> SafeString:
    transfers = list(Transfer.objects.public().listed().filter(practice=practice).order_by("municipality__name"))
    adopted = sum(1 for transfer in transfers if transfer.state in ADOPTED)
    if adopted:
        heading = ngettext("Adopted by %(count)d town", "Adopted by %(count)d towns", adopted) % {"count": adopted}
    else:
        heading = _("Other towns and this practice")
    return render_to_string("outcomes/tags/practice.html", {"transfers": transfers, "heading": heading})


@register.simple_tag(takes_context=True)
def meeting_outcomes(context: template.Context, meeting: Any) -> SafeString:
    # Meeting pages are not cached, so the signed-in get the way to record a commitment from here.
    user = context.get("user")
    return render_to_string(
        "outcomes/tags/summary.html",
        {
            "summary_line": summary_line(summarise(Commitment.objects.public().filter(meeting=meeting)), "meeting"),
            "link": reverse("outcomes:meeting", kwargs={"pk": meeting.pk}),
            "link_text": _("Commitments and transfers from this meeting"),
            "record": reverse("outcomes:commitment-create") + f"?meeting={meeting.pk}"
            if user is not None and user.is_authenticated
            else "",
        },
    )


@register.simple_tag
def programme_outcomes(programme: Any) -> SafeString:
    commitments = Commitment.objects.public().filter(programme=programme)
    return render_to_string(
        "outcomes/tags/summary.html",
        {
            "summary_line": summary_line(summarise(commitments), "programme"),
            "link": reverse("outcomes:programme", kwargs={"slug": programme.slug}),
            "link_text": _("Commitments, transfers and costs of this programme"),
        },
    )
