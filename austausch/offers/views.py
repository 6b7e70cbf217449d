"""Who can help with a topic, and the editors' form for what a town or an organisation offers and seeks."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from austausch.knowledge.models import Practice, Topic
from austausch.lib.permissions import require
from austausch.offers import services
from austausch.offers.forms import InterestsForm
from austausch.offers.models import Direction, TopicInterest
from austausch.organisations.models import Organisation
from austausch.registry.models import Municipality


def topics(request: HttpRequest) -> HttpResponse:
    """Every topic with how many towns and organisations offer it (declared or by a published practice)."""
    declared = Counter(TopicInterest.objects.filter(direction=Direction.OFFER).values_list("topic_id", flat=True))
    practices = Counter(Practice.objects.published().values_list("topics", flat=True).exclude(topics=None))
    roots = Topic.objects.filter(parent__isnull=True).prefetch_related("children").order_by("position")
    rows = [
        (root, [(topic, declared[topic.pk] + practices[topic.pk]) for topic in [root, *root.children.all()]])
        for root in roots
    ]
    return render(request, "offers/topics.html", {"rows": rows})


def topic(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Topic.objects.select_related("parent"), slug=slug)
    return render(request, "offers/topic.html", {"topic": found, "offers": services.offers_on(found)})


@login_required
def edit_town(request: HttpRequest, key: str) -> HttpResponse:
    town = get_object_or_404(Municipality, key=key.upper())
    require(town.editable_by(request.user), _("Only the editors of this town may say what it offers and seeks."))
    return _edit(request, town, _("Saved. The town's page shows it within a few minutes."))


@login_required
def edit_organisation(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    require(
        organisation.editable_by(request.user),
        _("Only the editors of this organisation may say what it offers and seeks."),
    )
    return _edit(request, organisation, _("Saved."))


def _edit(request: HttpRequest, owner: services.Owner, saved: str) -> HttpResponse:
    initial = {direction: services.declared(owner, direction) for direction in ("offer", "seek")}
    form = InterestsForm(request.POST or None, initial={"offers": initial["offer"], "seeks": initial["seek"]})
    if request.method == "POST" and form.is_valid():
        services.set_interests(
            actor=request.user,
            owner=owner,
            offers=list(form.cleaned_data["offers"]),
            seeks=list(form.cleaned_data["seeks"]),
        )
        messages.success(request, saved)
        return redirect(request.path)
    return render(
        request, "offers/edit.html", {"owner": owner, "form": form}, status=400 if request.method == "POST" else 200
    )
