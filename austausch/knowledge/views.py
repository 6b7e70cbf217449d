from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from austausch.accounts.roles import Role, scopes_of
from austausch.audit.services import entries_for
from austausch.knowledge.forms import PracticeForm
from austausch.knowledge.models import Practice, Publication, Status, Topic
from austausch.knowledge.search import Filters, facet_counts, load_practices, search_practices, similar_practices
from austausch.knowledge.services import PRACTICE_FIELDS, create_practice, set_published, update_practice
from austausch.knowledge.text import snippet
from austausch.registry.models import Country, SizeClass

PAGE_SIZE = 10
FACETS = ("topic", "status", "country", "state", "size_class")


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    chosen = {name: request.GET.get(name, "").strip()[:60] for name in FACETS}
    chosen["status"] = chosen["status"] if chosen["status"] in Status.values else ""
    chosen["country"] = chosen["country"] if chosen["country"] in Country.values else ""
    chosen["size_class"] = chosen["size_class"] if chosen["size_class"] in SizeClass.values else ""
    filters = Filters(**chosen)
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    result = search_practices(query, filters=filters, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    page = Paginator(range(result.count), PAGE_SIZE).get_page(number)
    practices = {practice.pk: practice for practice in load_practices([hit.practice_id for hit in result.hits])}
    results = [
        {"practice": practices[hit.practice_id], "snippet": _snippet(practices[hit.practice_id], result.words)}
        for hit in result.hits
        if hit.practice_id in practices
    ]
    params = request.GET.copy()
    params.pop("page", None)
    facets = facet_counts(result.ids)
    # A chosen filter stays in its menu even when nothing else matches, so it can be taken back.
    facet_menus = [{"name": name, "chosen": chosen[name], "options": facets[name]} for name in FACETS]
    return render(
        request,
        "knowledge/search.html",
        {
            "query": result.query,
            "result": result,
            "results": results,
            "page": page,
            "facets": facet_menus,
            "filter_query": params.urlencode(),
            "can_create": bool(
                request.user.is_authenticated and (request.user.is_superuser or scopes_of(request.user, Role.EDITOR))
            ),
        },
    )


def _snippet(practice: Practice, words: list[str]) -> str:
    # snippet() escapes the text itself and adds only <mark>.
    return mark_safe(snippet(f"{practice.summary} {practice.body}", words))  # noqa: S308


def _visible_practice(request: HttpRequest, pk: int) -> Practice:
    practice = get_object_or_404(
        Practice.objects.prefetch_related(
            "municipalities", "organisations", "topics__parent", "contacts__organisation", "links", "publications"
        ),
        pk=pk,
    )
    if not practice.is_published and not practice.editable_by(request.user):
        raise Http404("no such practice")
    return practice


@require_GET
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _visible_practice(request, pk)
    editable = practice.editable_by(request.user)
    transfer = [
        (Practice._meta.get_field(name).verbose_name, getattr(practice, name))  # type: ignore[union-attr]
        for name in ("transfer_staff", "transfer_budget", "transfer_legal", "transfer_data", "transfer_software")
        if getattr(practice, name)
    ]
    return render(
        request,
        "knowledge/practice_detail.html",
        {
            "practice": practice,
            "editable": editable,
            "transfer": transfer,
            "similar": similar_practices(practice) if practice.is_published else [],
            "log": entries_for(practice)[:20] if editable else [],
        },
    )


def _save(request: HttpRequest, form: PracticeForm, practice: Practice | None) -> Practice:
    fields = {name: form.cleaned_data[name] for name in PRACTICE_FIELDS}
    towns, topics = form.cleaned_data["towns"], form.cleaned_data["topics"]
    publish = request.POST.get("action") == "publish"
    if practice is None:
        return create_practice(actor=request.user, municipalities=towns, topics=topics, publish=publish, **fields)
    practice = update_practice(actor=request.user, practice=practice, municipalities=towns, topics=topics, **fields)
    if publish:
        practice = set_published(actor=request.user, practice=practice, published=True)
    return practice


@login_required
def practice_create(request: HttpRequest) -> HttpResponse:
    form = PracticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            practice = _save(request, form, None)
        except PermissionDenied as denied:
            form.add_error("towns", str(denied))
        else:
            return redirect(practice)
    return render(
        request, "knowledge/practice_form.html", {"form": form, "practice": None}, status=400 if form.errors else 200
    )


@login_required
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _visible_practice(request, pk)
    if not practice.editable_by(request.user):
        raise PermissionDenied
    form = PracticeForm(request.POST or None, instance=practice)
    if request.method == "POST" and form.is_valid():
        practice.refresh_from_db()
        try:
            practice = _save(request, form, practice)
        except PermissionDenied as denied:
            form.add_error("towns", str(denied))
        else:
            return redirect(practice)
    return render(
        request,
        "knowledge/practice_form.html",
        {"form": form, "practice": practice},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def practice_publish(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _visible_practice(request, pk)
    set_published(actor=request.user, practice=practice, published=request.POST.get("published") == "1")
    return redirect(practice)


@require_GET
def publication_list(request: HttpRequest) -> HttpResponse:
    publications = Publication.objects.prefetch_related("topics")
    topic = request.GET.get("topic", "")
    if topic:
        publications = publications.filter(topics__slug=topic).distinct()
    page = Paginator(publications, 25).get_page(request.GET.get("page"))
    topics = Topic.objects.filter(parent__isnull=True)
    return render(request, "knowledge/publication_list.html", {"page": page, "topics": topics, "topic": topic})


@require_GET
def publication_detail(request: HttpRequest, pk: int) -> HttpResponse:
    publication = get_object_or_404(Publication.objects.prefetch_related("topics"), pk=pk)
    related = publication.practices.published().prefetch_related("municipalities")
    return render(request, "knowledge/publication_detail.html", {"publication": publication, "related": related})
