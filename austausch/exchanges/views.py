"""Pages of exchange requests, for the two sides only: everyone else gets a 404, as if none existed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from austausch.accounts.models import Role, User
from austausch.accounts.privacy import visible_contact
from austausch.accounts.roles import scopes_of
from austausch.exchanges import services
from austausch.exchanges.forms import AskForm, ListingForm, MessageForm, ReportForm, ScheduleForm
from austausch.exchanges.models import ExchangeRequest, ExpertListing, RequestState
from austausch.knowledge.models import Practice, Topic
from austausch.lib.forms import apply_errors
from austausch.registry.models import Municipality


def site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")[:-1]


def too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "exchanges/too_many.html", status=429)


def _addressee(addressee: str, reference: str) -> dict[str, Any]:
    if addressee == "town":
        return {"municipality": get_object_or_404(Municipality, key=reference.upper())}
    if addressee == "practice" and reference.isdigit():
        return {"practice": get_object_or_404(Practice.objects.published(), pk=int(reference))}
    if addressee == "person" and reference.isdigit():
        return {"person": get_object_or_404(User, pk=int(reference), is_active=True)}
    raise Http404


def _editable_towns(user: Any) -> list[Municipality]:
    return [scope for scope in scopes_of(user, Role.EDITOR) if isinstance(scope, Municipality)]


@login_required
def ask(request: HttpRequest, addressee: str, reference: str) -> HttpResponse:
    target = _addressee(addressee, reference)
    form = AskForm(request.POST or None, towns=_editable_towns(request.user), initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        try:
            exchange = services.ask(actor=request.user, site_url=site_url(request), **target, **form.cleaned_data)
        except services.RateLimited:
            return too_many(request)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your request was sent. You will hear by e-mail when they answer."))
            return redirect(exchange)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "addressee": next(iter(target.values()))}
    return render(request, "exchanges/ask.html", context, status=status)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    involving = ExchangeRequest.objects.involving(request.user).select_related(
        "municipality", "practice", "person", "requester", "requester_municipality", "topic"
    )
    return render(
        request,
        "exchanges/mine.html",
        {
            "received": [exchange for exchange in involving if exchange.requester_id != request.user.pk],
            "sent": [exchange for exchange in involving if exchange.requester_id == request.user.pk],
        },
    )


def _exchange(request: HttpRequest, pk: int) -> ExchangeRequest:
    exchange = get_object_or_404(
        ExchangeRequest.objects.select_related(
            "municipality", "practice", "person", "requester", "requester_municipality", "topic", "meeting"
        ),
        pk=pk,
    )
    if not exchange.involves(request.user):
        raise Http404
    return exchange


def _detail(request: HttpRequest, exchange: ExchangeRequest, *, status: int = 200, **forms: Any) -> HttpResponse:
    answers = exchange.answers_for(request.user)
    context = {
        "exchange": exchange,
        "thread": exchange.messages.select_related("author"),
        "answers": answers,
        "asked": exchange.requester_id == request.user.pk,
        "may_accept": answers and exchange.state == RequestState.OPEN,
        "may_schedule": exchange.state == RequestState.ACCEPTED,
        "may_finish": exchange.state in (RequestState.ACCEPTED, RequestState.SCHEDULED),
        "may_withdraw": exchange.requester_id == request.user.pk
        and exchange.state in (RequestState.OPEN, RequestState.ACCEPTED),
        "reported": exchange.reports.filter(reporter_id=request.user.pk).exists(),
        "schedule_form": forms.get("schedule_form")
        or ScheduleForm(initial={"starts_on": exchange.proposed_from, "ends_on": exchange.proposed_to}),
        "message_form": forms.get("message_form") or MessageForm(),
        "report_form": forms.get("report_form") or ReportForm(),
    }
    return render(request, "exchanges/detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _exchange(request, pk))


@login_required
@require_POST
def message(request: HttpRequest, pk: int) -> HttpResponse:
    exchange = _exchange(request, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.post_message(
                actor=request.user, exchange=exchange, body=form.cleaned_data["body"], site_url=site_url(request)
            )
        except services.RateLimited:
            return too_many(request)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(exchange.get_absolute_url() + "#thread")
    return _detail(request, exchange, status=400, message_form=form)


@login_required
@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    exchange = _exchange(request, pk)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            services.report_abuse(actor=request.user, exchange=exchange, reason=form.cleaned_data["reason"])
        except services.RateLimited:
            return too_many(request)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Thank you. The platform's administrators will look at this request."))
            return redirect(exchange)
    return _detail(request, exchange, status=400, report_form=form)


@login_required
@require_POST
def step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    exchange = _exchange(request, pk)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        return _detail(request, exchange, status=400, schedule_form=form)
    dates = form.cleaned_data
    try:
        if step == "accept":
            services.accept(
                actor=request.user,
                exchange=exchange,
                starts_on=dates["starts_on"],
                ends_on=dates["ends_on"],
                site_url=site_url(request),
            )
        elif step == "decline":
            services.decline(actor=request.user, exchange=exchange, site_url=site_url(request))
        elif step == "schedule":
            if dates["starts_on"] is None:
                raise ValidationError({"starts_on": [_("Please give the first day.")]})
            services.schedule(
                actor=request.user,
                exchange=exchange,
                starts_on=dates["starts_on"],
                ends_on=dates["ends_on"] or dates["starts_on"],
            )
        elif step == "done":
            services.mark_done(actor=request.user, exchange=exchange)
        elif step == "withdraw":
            services.withdraw(actor=request.user, exchange=exchange)
        else:
            raise Http404
    except ValidationError as error:
        apply_errors(form, error)
        exchange.refresh_from_db()
        return _detail(request, exchange, status=400, schedule_form=form)
    messages.success(request, _("The request is now: %(state)s.") % {"state": exchange.get_state_display()})
    return redirect(exchange)


@login_required
def people(request: HttpRequest) -> HttpResponse:
    """People who listed themselves as someone to ask, for signed-in members; `?topic=` narrows by a topic slug."""
    listings = (
        ExpertListing.objects.filter(person__is_active=True).select_related("person").prefetch_related("topics__parent")
    )
    topic = request.GET.get("topic", "").strip()
    chosen = Topic.objects.filter(slug=topic).first() if topic else None
    if chosen is not None:
        listings = listings.filter(Q(topics=chosen) | Q(topics__parent=chosen)).distinct()
    rows = [
        {"listing": listing, "contact": visible_contact(listing.person, request.user)}
        for listing in listings.order_by("person__name")
    ]
    return render(
        request,
        "exchanges/people.html",
        {"rows": rows, "chosen": chosen, "unknown_topic": topic if topic and chosen is None else ""},
    )


@login_required
def listing(request: HttpRequest) -> HttpResponse:
    """List oneself as a person to ask, change the listing, or remove it."""
    current = ExpertListing.objects.filter(person_id=request.user.pk).first()
    if request.method == "POST" and request.POST.get("remove"):
        services.unlist_me(actor=request.user)
        messages.success(request, _("You are no longer listed as a person to ask."))
        return redirect("exchanges:listing")
    initial = (
        {
            "topics": list(current.topics.all()),
            "organisation": current.organisation,
            "languages": current.languages,
            "how_to_reach": current.how_to_reach,
            "consent": True,
        }
        if current
        else None
    )
    form = ListingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.list_me(
                actor=request.user,
                topics=list(data["topics"]),
                organisation=data["organisation"],
                languages=data["languages"],
                how_to_reach=data["how_to_reach"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("You are listed as a person to ask."))
            return redirect("exchanges:people")
    status = 400 if request.method == "POST" else 200
    return render(request, "exchanges/listing.html", {"form": form, "current": current}, status=status)
