from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from austausch.knowledge.models import Language, Practice, Publication, Status, Topic
from austausch.knowledge.schemas import (
    PracticeDetail,
    PracticeSummary,
    PublicationOut,
    SearchHitOut,
    TopicOut,
    search_hit,
)
from austausch.knowledge.search import (
    Filters,
    filtered_practices,
    load_practices,
    search_practices,
    search_publications,
)
from austausch.registry.models import Country, SizeClass
from austausch.web.pagination import MAX_PAGE_SIZE, Page, PageNumber, PageSize, paginate

router = Router(tags=["knowledge"])


class PracticeFilters(Schema):
    topic: str = ""
    status: Status | None = None
    country: Country | None = None
    state: str = ""
    size_class: SizeClass | None = None
    lang: Language | None = None

    def filters(self) -> Filters:
        return Filters(
            topic=self.topic,
            status=self.status or "",
            country=self.country or "",
            state=self.state,
            size_class=self.size_class or "",
            language=self.lang or "",
        )


def _with_relations(practices: QuerySet[Practice]) -> QuerySet[Practice]:
    return practices.prefetch_related("municipalities", "topics")


@router.get("/practices", response=Page[PracticeSummary], summary="List published practices")
def list_practices(
    request: HttpRequest, filters: Query[PracticeFilters], page: PageNumber = 1, page_size: PageSize = 50
) -> dict[str, object]:
    """Newest first, filtered by topic (a slug; a main topic includes its sub-topics), status, country,
    state, size class of the towns and language."""
    practices = _with_relations(filtered_practices(filters.filters()).order_by("-updated_at", "-id"))
    return paginate(practices, page=page, page_size=page_size)


@router.get("/practices/{practice_id}", response=PracticeDetail, summary="One published practice")
def get_practice(request: HttpRequest, practice_id: int) -> Practice:
    practice = (
        Practice.objects.published()
        .prefetch_related("municipalities", "topics", "organisations", "contacts__organisation", "links")
        .filter(pk=practice_id)
        .first()
    )
    if practice is None:
        raise HttpError(404, f"No published practice with the id {practice_id}.")
    return practice


@router.get("/publications", response=Page[PublicationOut], summary="List or search publications")
def list_publications(
    request: HttpRequest, q: str = "", topic: str = "", page: PageNumber = 1, page_size: PageSize = 50
) -> dict[str, object]:
    """Newest first; with `q`, those with every word of the query (stemmed, German or English) in title,
    authors, publisher or summary, title matches first. `topic` is a slug; a main topic includes its
    sub-topics. Queries over 1,000 characters are refused."""
    if len(q) > 1000:
        raise HttpError(422, "q: at most 1000 characters")
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise HttpError(422, f"page must be 1 or more and page_size between 1 and {MAX_PAGE_SIZE}")
    publications = search_publications(q, topic=topic)  # a ranked list: publications are few
    start = (page - 1) * page_size
    return {"count": len(publications), "items": publications[start : start + page_size]}


@router.get("/publications/{publication_id}", response=PublicationOut, summary="One publication")
def get_publication(request: HttpRequest, publication_id: int) -> Publication:
    publication = Publication.objects.prefetch_related("topics", "practices").filter(pk=publication_id).first()
    if publication is None:
        raise HttpError(404, f"No publication with the id {publication_id}.")
    return publication


@router.get("/topics", response=Page[TopicOut], summary="The topic taxonomy")
def list_topics(request: HttpRequest, page: PageNumber = 1, page_size: PageSize = 200) -> dict[str, object]:
    topics = Topic.objects.select_related("parent").order_by("parent__position", "parent_id", "position", "slug")
    return paginate(topics, page=page, page_size=page_size)


@router.get("/search", response=Page[SearchHitOut], summary="Search practices in German and English")
def search(
    request: HttpRequest, filters: Query[PracticeFilters], q: str = "", page: PageNumber = 1, page_size: PageSize = 20
) -> dict[str, object]:
    """Full-text (German and English stemming) and semantic search fused into one ranking; a German
    query finds English practices and the other way round. Operators are not interpreted: the query
    is searched as plain words. Queries over 1,000 characters are refused."""
    if len(q) > 1000:
        raise HttpError(422, "q: at most 1000 characters")
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise HttpError(422, f"page must be 1 or more and page_size between 1 and {MAX_PAGE_SIZE}")
    result = search_practices(q, filters=filters.filters(), offset=(page - 1) * page_size, limit=page_size)
    practices = {practice.pk: practice for practice in load_practices([hit.practice_id for hit in result.hits])}
    items = [
        search_hit(practices[hit.practice_id], hit, result.words) for hit in result.hits if hit.practice_id in practices
    ]
    return {"count": result.count, "items": items}
