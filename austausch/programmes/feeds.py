"""iCalendar downloads and feeds. Calendar programs cannot sign in, so a person's feed has a secret URL."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from austausch.programmes.calendar import calendar_of, token_matches
from austausch.programmes.models import Meeting, ParticipationStatus, Programme
from austausch.registry.models import Municipality


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _with_towns(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.prefetch_related("host_municipalities").order_by("starts_on")


@require_GET
def programme_feed(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.public(), slug=slug)
    meetings = _with_towns(Meeting.objects.public().filter(programme=programme))
    return _ics(
        calendar_of(meetings, name=programme.name, base_url=request.build_absolute_uri("/")[:-1]), f"{slug}.ics"
    )


@require_GET
def meeting_download(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(_with_towns(Meeting.objects.public()).prefetch_related("sessions"), pk=pk)
    body = calendar_of([meeting], name=meeting.title, base_url=request.build_absolute_uri("/")[:-1], with_sessions=True)
    return _ics(body, f"meeting-{pk}.ics")


@require_GET
def town_feed(request: HttpRequest, key: str) -> HttpResponse:
    town = get_object_or_404(Municipality, key=key.upper())
    meetings = (
        Meeting.objects.public().filter(Q(host_municipalities=town) | Q(delegations__municipality=town)).distinct()
    )
    return _ics(
        calendar_of(_with_towns(meetings), name=town.name, base_url=request.build_absolute_uri("/")[:-1]),
        f"{town.key}.ics",
    )


@require_GET
def person_feed(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    person = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if person is None or not token_matches(person, token):
        raise Http404
    # The meetings they take part in, drafts included: the link is theirs alone.
    meetings = (
        Meeting.objects.filter(delegations__participants__person=person)
        .exclude(delegations__participants__status=ParticipationStatus.DECLINED)
        .distinct()
    )
    return _ics(
        calendar_of(_with_towns(meetings), name=str(person), base_url=request.build_absolute_uri("/")[:-1]), "mine.ics"
    )
