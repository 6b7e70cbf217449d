"""The radar's pages for reviewers: the texts, the upload, and the review of one text's facts."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from austausch.knowledge.models import Practice, Publication, Status
from austausch.organisations.models import Organisation, OrganisationKind, Sector
from austausch.programmes.models import Meeting, MeetingKind, Programme
from austausch.radar.forms import ROLE_CHOICES, AddFactForm, FactForm, UploadForm, fact_form
from austausch.radar.models import Fact, FactKind, FactState, Ingestion, IngestionState, Source, can_review
from austausch.radar.services.ingesting import hand_in, handed_in_files, may_follow, stored_outcomes
from austausch.radar.services.recording import find_duplicate, meeting_kind, record_fact
from austausch.radar.services.reviewing import add_fact, confirm_all, correct_fact, set_state
from austausch.radar.templatetags.radar import highlight, marked
from austausch.registry.models import Municipality

RECORD_MODELS: dict[str, type[Any]] = {
    FactKind.EVENT: Meeting,
    FactKind.PROGRAMME: Programme,
    FactKind.ORGANISATION: Organisation,
    FactKind.PRACTICE: Practice,
    FactKind.PUBLICATION: Publication,
}


VALUE_LABELS = {
    "key": gettext_lazy("Town key"),
    "name": gettext_lazy("Name"),
    "role": gettext_lazy("Role"),
    "kind": gettext_lazy("Kind"),
    "title": gettext_lazy("Title"),
    "start": gettext_lazy("First day"),
    "end": gettext_lazy("Last day"),
    "place_key": gettext_lazy("Place"),
    "abbreviation": gettext_lazy("Abbreviation"),
    "organisation": gettext_lazy("Organisation"),
    "slug": gettext_lazy("Topic"),
    "label": gettext_lazy("Label"),
    "summary": gettext_lazy("Summary"),
    "status": gettext_lazy("Status"),
    "sector": gettext_lazy("Sector"),
    "town": gettext_lazy("Town"),
}


def _shown(fact: Fact, name: str, value: Any) -> Any:
    """A value as the reviewer reads it: choices by their label ("Host", not "host")."""
    choices: dict[str, Any] = {}
    if name in ("place_key", "town"):
        town = Municipality.objects.filter(key=value).only("name").first()
        return f"{town.name} ({value})" if town else value
    if name == "role" and fact.kind == FactKind.MUNICIPALITY:
        choices = dict(ROLE_CHOICES)
    elif name == "kind" and fact.kind == FactKind.EVENT:
        return MeetingKind(meeting_kind(value)).label
    elif name == "kind" and fact.kind == FactKind.ORGANISATION:
        choices = dict(OrganisationKind.choices)
    elif name == "sector":
        choices = dict(Sector.choices)
    elif name == "status":
        choices = dict(Status.choices)
    return choices.get(value, value)


def _reviewer(request: HttpRequest) -> None:
    if not can_review(request.user):
        raise PermissionDenied


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    _reviewer(request)
    open_facts = Count("facts", filter=Q(facts__state=FactState.PROPOSED))
    sources = (
        Source.objects.select_related("uploaded_by").annotate(open_facts=open_facts).order_by("-created_at", "-id")
    )
    page = Paginator(sources, 30).get_page(request.GET.get("page"))
    return render(request, "radar/source_list.html", {"page": page})


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """Hands the texts to the background worker and shows their progress: reading a long text takes seconds,
    which no web worker should spend waiting."""
    _reviewer(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = handed_in_files(form.cleaned_data["uploads"], form.cleaned_data["text"])
        ingestion = hand_in(actor=request.user, files=files)
        return redirect(ingestion)
    return render(request, "radar/upload.html", {"form": form})


# How often the progress page asks again while the texts wait or are read.
REFRESH_SECONDS = 2


@login_required
def ingestion_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Queued, being read, read (with what became of each file) or failed (with why); refreshes itself until
    finished: by htmx where it runs, else by the page's refresh header."""
    ingestion = get_object_or_404(Ingestion, pk=pk)
    if not may_follow(request.user, ingestion):
        raise PermissionDenied
    outcomes = stored_outcomes(ingestion) if ingestion.state == IngestionState.DONE else []
    context = {
        "ingestion": ingestion,
        "outcomes": outcomes,
        "refresh": None if ingestion.finished else REFRESH_SECONDS,
        "single_source": outcomes[0].source if len(outcomes) == 1 else None,
    }
    return render(request, "radar/ingestion.html", context)


def _review_context(
    source: Source, bound: FactForm | None = None, add_form: AddFactForm | None = None
) -> dict[str, Any]:
    facts = list(source.facts.select_related("reviewer").prefetch_related("record"))
    for fact in facts:
        fact.source = source
    segments = highlight(source, facts)
    # The first place each fact is marked in the text, for its "show in the text" link.
    anchors: dict[int, str] = {}
    for segment in segments:
        if segment.fact is not None:
            anchors.setdefault(segment.fact.pk, segment.anchor)
    items = []
    for fact in facts:
        form = bound if bound is not None and bound.fact.pk == fact.pk else fact_form(fact)
        duplicate = None
        if fact.is_accepted and fact.makes_record and fact.record_id is None:
            duplicate = find_duplicate(fact)
        rows = [
            (VALUE_LABELS.get(name, name), _shown(fact, name, value)) for name, value in fact.value.items() if value
        ]
        items.append(
            {
                "fact": fact,
                "form": form,
                "duplicate": duplicate,
                "open": form is bound,
                "rows": rows,
                "anchor": anchors.get(fact.pk, ""),
            }
        )
    counts = Counter(fact.kind for fact in facts if marked(fact))  # the legend keys the marks in the text
    legend = [(kind, label, counts[kind]) for kind, label in FactKind.choices if counts[kind]]
    return {
        "source": source,
        "items": items,
        "segments": segments,
        "legend": legend,
        "comments": list(source.comments.all()),
        "add_form": add_form or AddFactForm(),
        "open_facts": sum(1 for fact in facts if fact.state == FactState.PROPOSED),
        # A meeting joins the text's programme once that programme is a record.
        "programme_pending": any(
            fact.kind == FactKind.PROGRAMME and fact.is_accepted and fact.record_id is None for fact in facts
        ),
    }


@login_required
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source(request, pk)
    return render(request, "radar/review.html", _review_context(source))


def _source(request: HttpRequest, pk: int) -> Source:
    source = get_object_or_404(Source, pk=pk)
    if not source.editable_by(request.user):
        raise PermissionDenied
    return source


def _fact(request: HttpRequest, pk: int) -> Fact:
    fact = get_object_or_404(Fact.objects.select_related("source"), pk=pk)
    if not fact.editable_by(request.user):
        raise PermissionDenied
    return fact


def _back(fact: Fact) -> HttpResponse:
    return redirect(reverse("radar:source", kwargs={"pk": fact.source_id}) + f"#fact-{fact.pk}")


@login_required
@require_POST
def fact_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, FactState.CONFIRMED)


@login_required
@require_POST
def fact_drop(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, FactState.DROPPED)


def _decide(request: HttpRequest, pk: int, state: FactState) -> HttpResponse:
    fact = _fact(request, pk)
    try:
        set_state(actor=request.user, fact=fact, state=state)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = _("Confirmed: %(fact)s") if state == FactState.CONFIRMED else _("Dropped: %(fact)s")
        messages.success(request, done % {"fact": fact})
    return _back(fact)


@login_required
@require_POST
def fact_correct(request: HttpRequest, pk: int) -> HttpResponse:
    fact = _fact(request, pk)
    form = fact_form(fact, request.POST)
    if form.is_valid():
        try:
            correct_fact(actor=request.user, fact=fact, value=form.value())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Corrected: %(fact)s") % {"fact": fact})
        return _back(fact)
    context = _review_context(fact.source, bound=form)
    return render(request, "radar/review.html", context, status=_answer_with_errors(request))


@login_required
@require_POST
def fact_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Create the fact's record, or (with `update` naming one) update an existing record with it."""
    fact = _fact(request, pk)
    existing = None
    if request.POST.get("update") and fact.kind in RECORD_MODELS:
        existing = RECORD_MODELS[fact.kind].objects.filter(pk=request.POST["update"]).first()
        if existing is None:
            messages.error(request, _("The record to update no longer exists."))
            return _back(fact)
    try:
        record = record_fact(actor=request.user, fact=fact, existing=existing)
    except (ValidationError, PermissionDenied) as error:
        problems = error.messages if isinstance(error, ValidationError) else [str(error) or _("Not allowed.")]
        messages.error(request, " ".join(problems))
    else:
        done = _("Created: %(record)s") if existing is None else _("Updated: %(record)s")
        messages.success(request, done % {"record": record})
    return _back(fact)


def _answer_with_errors(request: HttpRequest) -> int:
    """The status of a page that shows a form's errors: htmx swaps only successful answers into the page."""
    return 200 if request.headers.get("HX-Request") else 422


@login_required
@require_POST
def fact_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A fact the radar missed, marked by the reviewer; confirmed at once."""
    source = _source(request, pk)
    form = AddFactForm(request.POST)
    if form.is_valid():
        try:
            fact = add_fact(actor=request.user, source=source, **form.cleaned_data)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("Added: %(fact)s") % {"fact": fact})
            return redirect(reverse("radar:source", kwargs={"pk": source.pk}) + f"#fact-{fact.pk}")
    context = _review_context(source, add_form=form)
    return render(request, "radar/review.html", context, status=_answer_with_errors(request))


@login_required
@require_POST
def source_confirm_all(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source(request, pk)
    count = confirm_all(actor=request.user, source=source)
    messages.success(
        request, ngettext("%(count)d fact confirmed.", "%(count)d facts confirmed.", count) % {"count": count}
    )
    return redirect(source)
