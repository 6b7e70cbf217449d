"""Public pages: programmes, meetings, registration, networks; and each participant's own page."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from austausch.accounts.models import User
from austausch.programmes.calendar import person_token
from austausch.programmes.forms import RegistrationForm
from austausch.programmes.models import (
    FileKind,
    Meeting,
    MeetingFile,
    Network,
    Participation,
    Programme,
    RegistrationStatus,
)
from austausch.programmes.pages import delegations_of, network_drawing, programme_page, sector_chart
from austausch.programmes.services.delegations import answer_invitation, claim_invitations
from austausch.programmes.services.registrations import (
    RegistrationError,
    cancel_registration,
    find_registration,
    register,
)


def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = Programme.objects.visible_to(request.user).select_related("organiser").prefetch_related("funders")
    return render(request, "programmes/programme_list.html", {"programmes": programmes})


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.visible_to(request.user).select_related("organiser"), slug=slug)
    editable = programme.editable_by(request.user)
    page = programme_page(programme, drafts=editable)
    return render(
        request,
        "programmes/programme_detail.html",
        {"page": page, "programme": programme, "editable": editable, "funders": list(programme.funders.all())},
    )


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user).select_related("programme", "round"), pk=pk)
    editable = meeting.editable_by(request.user)
    # Names of participants are for the coordinators and for the participants of the same meeting.
    insider = editable or (
        request.user.is_authenticated
        and Participation.objects.filter(delegation__meeting=meeting, person=signed_in(request)).exists()
    )
    registrations = meeting.registrations.exclude(status=RegistrationStatus.CANCELLED)
    taken = registrations.filter(status=RegistrationStatus.CONFIRMED).count() if meeting.registration_open else 0
    files = list(meeting.files.all())
    return render(
        request,
        "programmes/meeting_detail.html",
        {
            "meeting": meeting,
            "editable": editable,
            "insider": insider,
            "hosts": list(meeting.host_municipalities.order_by("name")),
            "sessions": list(meeting.sessions.all()),
            "delegations": delegations_of(meeting, with_people=bool(insider)),
            "sectors": sector_chart(Participation.objects.filter(delegation__meeting=meeting)),
            "costs": list(meeting.costs.select_related("paid_by", "municipality")),
            "seats_left": max((meeting.capacity or 0) - taken, 0),
            "is_over": meeting.ends_on < timezone.localdate(),
            "organisations_present": list(meeting.organisations_present.order_by("name")),
            "photos": [item for item in files if item.kind == FileKind.PHOTO],
            "documents": [item for item in files if item.kind == FileKind.DOCUMENT],
        },
    )


def meeting_file(request: HttpRequest, pk: int) -> FileResponse:
    """A photo or document, for everyone if its meeting is public, otherwise only for its coordinators.

    Served with the type read from its first bytes at upload, never guessed again from its name.
    """
    item = get_object_or_404(MeetingFile.objects.filter(meeting__in=Meeting.objects.visible_to(request.user)), pk=pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    inline = item.kind == FileKind.PHOTO or item.content_type == "application/pdf"
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=(item.file.name or "").rsplit("/", 1)[-1],
        content_type=item.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Private: a file of a draft must not linger in a shared cache after the coordinator saw it.
    response["Cache-Control"] = "private, max-age=3600"
    return response


def meeting_register(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.public(), pk=pk)
    if not meeting.registration_open:
        raise Http404
    if meeting.ends_on < timezone.localdate():
        return render(request, "programmes/register.html", {"meeting": meeting, "is_over": True})
    form = RegistrationForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        # The e-mail's link is <cancel_base><token>/cancel/, the registration-cancel URL.
        cancel_base = request.build_absolute_uri(reverse("programmes:list")) + "registration/"
        try:
            registration, _token = register(
                meeting=meeting,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                organisation=form.cleaned_data["organisation"],
                answers=form.answers(),
                cancel_link_base=cancel_base,
            )
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            return redirect(f"{reverse('programmes:registered', args=[meeting.pk])}?status={registration.status}")
    return render(request, "programmes/register.html", {"meeting": meeting, "form": form})


def registered(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.public(), pk=pk)
    waiting = request.GET.get("status") == RegistrationStatus.WAITING
    return render(request, "programmes/registered.html", {"meeting": meeting, "waiting": waiting})


def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = find_registration(token)
    if registration is None:
        return render(request, "programmes/cancel.html", {"invalid": True}, status=404)
    if request.method == "POST":
        try:
            cancel_registration(token=token)
        except RegistrationError as error:
            return render(request, "programmes/cancel.html", {"registration": registration, "error": str(error)})
        return render(request, "programmes/cancel.html", {"registration": registration, "cancelled": True})
    return render(request, "programmes/cancel.html", {"registration": registration})


def network_overall(request: HttpRequest) -> HttpResponse:
    drawing = network_drawing(Meeting.objects.public(), Network.objects.public())
    return render(request, "programmes/network.html", {"drawing": drawing, "programme": None})


def programme_network(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.visible_to(request.user), slug=slug)
    meetings = programme.meetings.all() if programme.editable_by(request.user) else programme.meetings.public()
    drawing = network_drawing(meetings, programme.networks.all())
    return render(request, "programmes/network.html", {"drawing": drawing, "programme": programme})


@login_required
def my_programmes(request: HttpRequest) -> HttpResponse:
    """A participant's own page: the delegations they are invited to, to confirm or decline."""
    claimed = claim_invitations(person=signed_in(request))
    if claimed:
        messages.info(request, _("You have %(count)d new invitation(s).") % {"count": len(claimed)})
    participations = (
        Participation.objects.filter(person=signed_in(request))
        .select_related("delegation__meeting__programme", "delegation__municipality", "organisation")
        .order_by("delegation__meeting__starts_on")
    )
    feed = request.build_absolute_uri(
        reverse("calendar:person", kwargs={"pk": request.user.pk, "token": person_token(signed_in(request))})
    )
    return render(request, "programmes/mine.html", {"participations": participations, "feed": feed})


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    participation = get_object_or_404(Participation.objects.select_related("delegation__meeting"), pk=pk)
    if participation.person_id != request.user.pk:
        raise PermissionDenied
    accept = request.POST.get("answer") == "confirm"
    answer_invitation(person=signed_in(request), participation=participation, accept=accept)
    title = participation.delegation.meeting.title
    messages.success(
        request,
        (_("You have confirmed: %(title)s") if accept else _("You have declined: %(title)s")) % {"title": title},
    )
    return redirect("programmes:mine")


def signed_in(request: HttpRequest) -> User:
    """The person behind a request that `login_required` has let through."""
    return cast(User, request.user)
