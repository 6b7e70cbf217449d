from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from austausch.accounts.roles import Role, scopes_of
from austausch.audit.services import entries_for
from austausch.knowledge.forms import ContactFormSet, LinkFormSet, PracticeForm, entries
from austausch.knowledge.models import Practice, Publication, Status, Topic
from austausch.knowledge.search import (
    Filters,
    facet_counts,
    load_practices,
    search_practices,
    search_publications,
    similar_practices,
)
from austausch.knowledge.services import (
    PRACTICE_FIELDS,
    OrganisationNotEditable,
    create_practice,
    set_published,
    update_practice,
)
from austausch.knowledge.text import query_words, snippet
from austausch.registry.models import Country, SizeClass

Formsets = dict[str, BaseInlineFormSet[Any, Any, Any]]
PAGE_SIZE = 10
PUBLICATIONS_SHOWN = 3
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
    shown = [*result.hits, *result.closest]
    practices = {practice.pk: practice for practice in load_practices([hit.practice_id for hit in shown])}
    results, closest = (
        [
            {"practice": practices[hit.practice_id], "snippet": _snippet(practices[hit.practice_id], result.words)}
            for hit in hits
            if hit.practice_id in practices
        ]
        for hits in (result.hits, result.closest)
    )
    params = request.GET.copy()
    params.pop("page", None)
    facets = facet_counts(result.ids)
    # A chosen filter stays in its menu even when nothing else matches, so it can be taken back.
    facet_menus = [{"name": name, "chosen": chosen[name], "options": facets[name]} for name in FACETS]
    # Status and town facets describe practices only; publications follow the query and the topic.
    practices_only = filters.status or filters.country or filters.state or filters.size_class
    wanted = (result.words or filters.topic) and not practices_only
    publications = search_publications(result.query, topic=filters.topic) if wanted else []
    context = {
        "query": result.query,
        "result": result,
        "results": results,
        "closest": closest,
        "page": page,
        "facets": facet_menus,
        "filter_query": params.urlencode(),
        "publications": [
            {"publication": publication, "snippet": _markup(snippet(publication.summary, result.words))}
            for publication in publications[:PUBLICATIONS_SHOWN]
        ],
        "publication_count": len(publications),
        "publication_query": _query_string(q=result.query, topic=filters.topic),
        "can_create": bool(
            request.user.is_authenticated and (request.user.is_superuser or scopes_of(request.user, Role.EDITOR))
        ),
    }
    # Typing in the search box (htmx) replaces the results region only; a history restore wants the page.
    partial = request.headers.get("HX-Target") == "knowledge-results" and not request.headers.get(
        "HX-History-Restore-Request"
    )
    response = render(request, "knowledge/_search_update.html" if partial else "knowledge/search.html", context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _query_string(**params: str) -> str:
    return urlencode({name: value for name, value in params.items() if value})


def _snippet(practice: Practice, words: list[str]) -> str:
    return _markup(snippet(f"{practice.summary} {practice.body}", words))


def _markup(html: str) -> str:
    # snippet() escapes the text itself and adds only <mark>.
    return mark_safe(html)  # noqa: S308


def _visible_practice(request: HttpRequest, pk: int) -> Practice:
    return get_object_or_404(
        Practice.objects.visible_to(request.user).prefetch_related(
            "municipalities", "organisations", "topics__parent", "contacts__organisation", "links", "publications"
        ),
        pk=pk,
    )


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


def _save(request: HttpRequest, form: PracticeForm, formsets: Formsets, practice: Practice | None) -> Practice:
    fields = form.changes(PRACTICE_FIELDS)
    relations = {
        "municipalities": form.cleaned_data["towns"],
        "organisations": form.cleaned_data["organisations"],
        "topics": form.cleaned_data["topics"],
        "contacts": entries(formsets["contacts"]),
        "links": entries(formsets["links"]),
    }
    publish = request.POST.get("action") == "publish"
    # One transaction: the practice, its relations, contacts and links, and publishing, or nothing.
    with transaction.atomic():
        if practice is None:
            return create_practice(actor=request.user, publish=publish, **relations, **fields)
        practice = update_practice(actor=request.user, practice=practice, **relations, **fields)
        if publish:
            practice = set_published(actor=request.user, practice=practice, published=True)
        return practice


def _practice_form(request: HttpRequest, practice: Practice | None) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = PracticeForm(data, instance=practice, user=request.user)
    formsets: Formsets = {
        "contacts": ContactFormSet(data, instance=practice or Practice(), prefix="contacts"),
        "links": LinkFormSet(data, instance=practice or Practice(), prefix="links"),
    }
    valid = form.is_valid() & all([formset.is_valid() for formset in formsets.values()])
    if data is not None and valid:
        if practice is not None:
            practice.refresh_from_db()  # the bound form has written into it; the service wants what is stored
        try:
            saved = _save(request, form, formsets, practice)
        except OrganisationNotEditable as denied:
            form.add_error("organisations", str(denied))
        except PermissionDenied as denied:
            form.add_error("towns", str(denied))
        except ValidationError as invalid:
            form.add_error(None, invalid)
        else:
            return redirect(saved)
    failed = form.errors or any(formset.total_error_count() for formset in formsets.values())
    return render(
        request,
        "knowledge/practice_form.html",
        {"form": form, "formsets": formsets, "practice": practice, "failed": failed},
        status=400 if failed else 200,
    )


@login_required
def practice_create(request: HttpRequest) -> HttpResponse:
    return _practice_form(request, None)


@login_required
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _visible_practice(request, pk)
    if not practice.editable_by(request.user):
        raise PermissionDenied
    return _practice_form(request, practice)


@login_required
@require_POST
def practice_publish(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _visible_practice(request, pk)
    set_published(actor=request.user, practice=practice, published=request.POST.get("published") == "1")
    return redirect(practice)


@require_GET
def publication_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:1000]
    topic = request.GET.get("topic", "").strip()[:60]
    publications = search_publications(query, topic=topic)
    page = Paginator(publications, 25).get_page(request.GET.get("page"))
    words = query_words(query)
    items = [
        {"publication": publication, "snippet": _markup(snippet(publication.summary, words)) if words else ""}
        for publication in page
    ]
    topics = [
        (choice.slug, f"{choice.parent.label} › {choice.label}" if choice.parent else choice.label)
        for root in Topic.objects.filter(parent__isnull=True).prefetch_related("children__parent")
        for choice in (root, *root.children.all())
    ]
    return render(
        request,
        "knowledge/publication_list.html",
        {
            "page": page,
            "items": items,
            "topics": topics,
            "topic": topic,
            "query": query,
            "filter_query": _query_string(q=query, topic=topic),
        },
    )


@require_GET
def publication_detail(request: HttpRequest, pk: int) -> HttpResponse:
    publication = get_object_or_404(Publication.objects.prefetch_related("topics"), pk=pk)
    related = publication.practices.published().prefetch_related("municipalities")
    return render(request, "knowledge/publication_detail.html", {"publication": publication, "related": related})
