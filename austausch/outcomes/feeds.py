"""Atom feeds of the public updates on commitments, per town and per programme."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from austausch.outcomes.models import CommitmentUpdate
from austausch.programmes.models import Programme
from austausch.registry.models import Municipality
from austausch.web.markdown import render_markdown

LATEST = 50


class _UpdatesFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, item: CommitmentUpdate) -> str:
        commitment = item.commitment
        if item.new_state:
            return _("%(title)s (%(town)s): now %(state)s") % {
                "title": commitment.title,
                "town": commitment.municipality.name,
                "state": item.get_new_state_display(),
            }
        return _("%(title)s (%(town)s): update") % {"title": commitment.title, "town": commitment.municipality.name}

    def item_description(self, item: CommitmentUpdate) -> str:
        # Atom says type="html" here and readers render it: the same sanitised HTML as on the page.
        return render_markdown(item.text)

    def item_link(self, item: CommitmentUpdate) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: CommitmentUpdate) -> datetime:
        return timezone.make_aware(datetime.combine(item.on, time(12, 0)))

    def item_updateddate(self, item: CommitmentUpdate) -> datetime:
        return item.created_at

    def _latest(self, updates: QuerySet[CommitmentUpdate]) -> list[CommitmentUpdate]:
        return list(updates.order_by("-on", "-id")[:LATEST])


class TownFeed(_UpdatesFeed):
    def get_object(self, request: HttpRequest, key: str) -> Municipality:
        return get_object_or_404(Municipality, key=key.upper())

    def title(self, town: Municipality) -> str:
        return _("Updates on the commitments of %(town)s") % {"town": town.name}

    def link(self, town: Municipality) -> str:
        return reverse("outcomes:town", kwargs={"key": town.key})

    def items(self, town: Municipality) -> list[CommitmentUpdate]:
        return self._latest(CommitmentUpdate.objects.public().with_commitment().filter(commitment__municipality=town))


class ProgrammeFeed(_UpdatesFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Programme:
        programme = Programme.objects.public().filter(slug=slug).first()
        if programme is None:
            raise Http404
        return programme

    def title(self, programme: Programme) -> str:
        return _("Updates on the commitments from %(programme)s") % {"programme": programme.name}

    def link(self, programme: Programme) -> str:
        return reverse("outcomes:programme", kwargs={"slug": programme.slug})

    def items(self, programme: Programme) -> list[CommitmentUpdate]:
        return self._latest(CommitmentUpdate.objects.public().with_commitment().filter(commitment__programme=programme))
