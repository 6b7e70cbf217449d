"""Searching practices: full-text (SQLite FTS5 or PostgreSQL), semantic vectors, and both fused.

One interface (`search_practices`) over two full-text engines chosen by the database vendor:

- SQLite: an FTS5 table over the stems `text.index_terms` computes, ranked by bm25;
- PostgreSQL: a generated tsvector (german or english by the document's language, plus 'simple'),
  GIN-indexed, ranked by ts_rank_cd.

Queries are never passed through as engine syntax: they are split into plain words first, so
quotes, `*`, `OR`, `NEAR(` or unbalanced brackets are just text. Hybrid ranking fuses the
full-text and the vector ranking by reciprocal rank; while vectors are missing, full-text alone ranks.
Only hits above a relevance floor are matches; when none is, the closest few are offered apart.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Literal

from django.db import connection
from django.db.models import Count, Q, QuerySet

from austausch.knowledge.models import Practice, Publication, SearchDocument, Topic
from austausch.knowledge.text import (
    MAX_QUERY_LENGTH,
    clean_query,
    fold,
    index_terms,
    query_stems,
    query_words,
    words,
)
from austausch.registry.models import Municipality

# numpy and the vectors are imported where semantic search runs, not at every command's start-up.
if TYPE_CHECKING:
    import numpy as np

Mode = Literal["hybrid", "keyword", "vector"]
CANDIDATES = 200
VECTOR_CANDIDATES = 100
# Vector hits far below the best one are noise: every text is somewhat similar to every other.
VECTOR_MARGIN = 0.1
RRF_K = 60
# How many matches the engines rank at most: all words, then the looser any-word fallback.
RANK_WINDOW = 2000
LOOSE_RANK_WINDOW = 300
_encoder_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="query-encoder")
LOOSE_WEIGHT = 0.3
# The relevance floor. A practice with every word of the query matches; one found by meaning alone
# matches when its cosine similarity to the query reaches MATCH_SIMILARITY. multilingual-e5-small
# finds every text somewhat similar: on the seed practices a query about a practice scores 0.83 and
# more ("electronic files in the public health office" against the e-file practice: 0.83, "E-Akte"
# 0.87), a query about something else 0.82 and less ("Smart City" against the coworking practices
# 0.78-0.80, "e-file health office" 0.75). Hits below the floor are only offered as the closest.
MATCH_SIMILARITY = 0.82
CLOSEST = 3


@dataclasses.dataclass(frozen=True)
class Filters:
    topic: str = ""
    status: str = ""
    country: str = ""
    state: str = ""
    size_class: str = ""
    language: str = ""

    def __bool__(self) -> bool:
        return any(dataclasses.astuple(self))


@dataclasses.dataclass
class Hit:
    practice_id: int
    score: float
    keyword_rank: int | None = None
    vector_rank: int | None = None
    has_every_word: bool = False
    similarity: float | None = None

    @property
    def is_match(self) -> bool:
        return self.has_every_word or (self.similarity is not None and self.similarity >= MATCH_SIMILARITY)


@dataclasses.dataclass
class SearchResult:
    query: str
    words: list[str]
    count: int
    hits: list[Hit]
    ids: list[int]  # every match, best first (the page is `hits`)
    message: str = ""
    # Where nothing matches: the nearest practices below the relevance floor, not presented as matches.
    closest: list[Hit] = dataclasses.field(default_factory=list)


# Indexing ----------------------------------------------------------------------------------------


def document_for(practice: Practice) -> SearchDocument:
    body = practice.search_text()
    # PostgreSQL's parser keeps "co-working" whole; add the joined form so "coworking" finds it.
    joined = [word for word in words(f"{practice.title} {body}") if word.isalnum() and len(word) > 3]
    compounds = " ".join(sorted({word for word in joined if word not in body.lower()}))
    return SearchDocument(
        practice_id=practice.pk,
        language=practice.language,
        title=practice.title,
        body=f"{body}\n{compounds}".strip(),
        title_terms=index_terms(practice.title, practice.language),
        body_terms=index_terms(body, practice.language),
    )


def index_practice(practice: Practice) -> None:
    """Put a published practice into the full-text index, or take a draft out of it."""
    if not practice.is_published:
        SearchDocument.objects.filter(practice_id=practice.pk).delete()
        return
    document = document_for(practice)
    # Delete and insert rather than update: the FTS5 triggers and the generated column see one event.
    SearchDocument.objects.filter(practice_id=practice.pk).delete()
    document.save(force_insert=True)


def index_practices(practices: Iterable[Practice], *, batch_size: int = 2000) -> int:
    """Bulk (re)indexing for imports, `knowledge reindex` and the benchmark corpus."""
    documents = [document_for(practice) for practice in practices if practice.is_published]
    SearchDocument.objects.filter(practice_id__in=[document.practice_id for document in documents]).delete()
    SearchDocument.objects.bulk_create(documents, batch_size=batch_size)
    return len(documents)


# Full-text engines -------------------------------------------------------------------------------


class SQLiteEngine:
    name = "sqlite-fts5"

    def match(
        self,
        terms: list[str],
        *,
        any_word: bool,
        limit: int,
        within: QuerySet[Practice] | None,
        window: int = RANK_WINDOW,
    ) -> list[tuple[int, float]]:
        groups = []
        for word in terms:
            stems = sorted(stem for stem in query_stems(word) if stem)
            groups.append("(" + " OR ".join(f'"{stem}"' for stem in stems) + ")")
        expression = (" OR " if any_word else " AND ").join(groups)
        condition = "knowledge_practice_fts MATCH %s"
        params: list[Any] = [expression]
        if within is not None:
            subquery, subparams = within.order_by().values("id").query.sql_with_params()
            condition += f" AND rowid IN ({subquery})"
            params.extend(subparams)
        # As on PostgreSQL: rank the first RANK_WINDOW matches, so common words stay cheap.
        sql = (
            "SELECT rowid, score FROM (SELECT rowid, bm25(knowledge_practice_fts, 4.0, 1.0) AS score "  # noqa: S608
            f"FROM knowledge_practice_fts WHERE {condition} LIMIT %s) ORDER BY score LIMIT %s"
        )
        params.extend([window, limit])
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(int(row[0]), -float(row[1])) for row in cursor.fetchall()]


class PostgresEngine:
    name = "postgresql-fts"

    def match(
        self,
        terms: list[str],
        *,
        any_word: bool,
        limit: int,
        within: QuerySet[Practice] | None,
        window: int = RANK_WINDOW,
    ) -> list[tuple[int, float]]:
        per_word = "(plainto_tsquery('german', %s) || plainto_tsquery('english', %s) || plainto_tsquery('simple', %s))"
        expression = (" || " if any_word else " && ").join([per_word] * len(terms))
        params: list[Any] = [value for word in terms for value in (word, word, word)]
        # The expression is built from the fixed `per_word` only; every word is a parameter.
        # Ranking reads each matching tsvector from the table, so a query of common words would rank
        # tens of thousands; the ranking looks at the first RANK_WINDOW matches the index gives.
        condition = "search_vector @@ query"
        if within is not None:
            subquery, subparams = within.order_by().values("id").query.sql_with_params()
            condition += f" AND practice_id IN ({subquery})"
            params.extend(subparams)
        sql = (
            "SELECT practice_id, ts_rank_cd(search_vector, query) AS score FROM ("  # noqa: S608
            "SELECT practice_id, search_vector, query "
            f"FROM knowledge_searchdocument, (SELECT {expression} AS query) AS q WHERE {condition} LIMIT %s"
            ") AS matches ORDER BY score DESC, practice_id LIMIT %s"
        )
        params.extend([window, limit])
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(int(row[0]), float(row[1])) for row in cursor.fetchall()]


def engine() -> SQLiteEngine | PostgresEngine:
    return PostgresEngine() if connection.vendor == "postgresql" else SQLiteEngine()


# The search service ------------------------------------------------------------------------------


def filtered_practices(filters: Filters) -> QuerySet[Practice]:
    practices = Practice.objects.published()
    if filters.topic:
        practices = practices.filter(Q(topics__slug=filters.topic) | Q(topics__parent__slug=filters.topic))
    if filters.status:
        practices = practices.filter(status=filters.status)
    if filters.language:
        practices = practices.filter(language=filters.language)
    towns = Municipality.objects.all()
    if filters.country:
        towns = towns.filter(country=filters.country.upper())
    if filters.state:
        towns = towns.filter(Q(state_code__iexact=filters.state) | Q(state__iexact=filters.state))
    if filters.size_class:
        towns = towns.filter(size_class=filters.size_class)
    if filters.country or filters.state or filters.size_class:
        practices = practices.filter(municipalities__in=towns)
    return (
        practices.distinct() if filters.topic or filters.country or filters.state or filters.size_class else practices
    )


def keyword_ranking(
    terms: list[str], *, limit: int, within: QuerySet[Practice] | None
) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    """Practices with all the words, then (if those are few) practices with any of them."""
    fts = engine()
    strict = fts.match(terms, any_word=False, limit=limit, within=within, window=RANK_WINDOW)
    loose: list[tuple[int, float]] = []
    if len(terms) > 1 and len(strict) < limit // 4:
        seen = {practice_id for practice_id, _score in strict}
        more = fts.match(terms, any_word=True, limit=limit, within=within, window=LOOSE_RANK_WINDOW)
        loose = [hit for hit in more if hit[0] not in seen][: limit - len(strict)]
    return strict, loose


def vector_ranking(
    query: str | Future[np.ndarray], *, limit: int, within: QuerySet[Practice] | None, exclude: int | None = None
) -> list[tuple[int, float]]:
    """Nearest practices to the query's vector (a text, or its vector being computed)."""
    import numpy as np

    from austausch.knowledge import embeddings

    matrix = embeddings.vectors.load()
    if not len(matrix.ids):
        return []
    allowed = (
        np.fromiter(within.order_by().values_list("id", flat=True), dtype=np.int64) if within is not None else None
    )
    vector = embeddings.query_vector(query) if isinstance(query, str) else query.result()
    ranked = matrix.nearest(vector, limit=limit, allowed=allowed, exclude=exclude)
    if ranked:
        floor = ranked[0][1] - VECTOR_MARGIN
        ranked = [hit for hit in ranked if hit[1] >= floor]
    return ranked


def fuse(
    keyword: list[tuple[int, float]],
    vector: list[tuple[int, float]],
    loose: list[tuple[int, float]] = (),  # type: ignore[assignment]
) -> list[Hit]:
    """Reciprocal rank fusion: a practice high in either list, or in both, comes first.

    Practices with only some of the query words (`loose`) count for less: in a large corpus every
    common word matches thousands of texts, and those would push the semantic matches down.
    """
    hits: dict[int, Hit] = {}
    for rank, (practice_id, _score) in enumerate([*keyword, *loose], start=1):
        strict = rank <= len(keyword)
        weight = 1.0 if strict else LOOSE_WEIGHT
        hits[practice_id] = Hit(practice_id, weight / (RRF_K + rank), keyword_rank=rank, has_every_word=strict)
    for rank, (practice_id, similarity) in enumerate(vector, start=1):
        hit = hits.setdefault(practice_id, Hit(practice_id, 0.0))
        hit.score += 1 / (RRF_K + rank)
        hit.vector_rank = rank
        hit.similarity = similarity
    return sorted(hits.values(), key=lambda hit: (-hit.score, hit.practice_id))


def search_practices(
    query: str,
    *,
    filters: Filters | None = None,
    mode: Mode = "hybrid",
    offset: int = 0,
    limit: int = 20,
) -> SearchResult:
    """Published practices matching a query and filters, best first. Never raises on odd input."""
    from austausch.knowledge import embeddings

    filters = filters or Filters()
    message = ""
    if len(query or "") > MAX_QUERY_LENGTH:
        message = f"The query was shortened to its first {MAX_QUERY_LENGTH} characters."
    text = clean_query(query)
    terms = query_words(text)
    within = filtered_practices(filters) if filters else None

    if not terms:
        practices = within if within is not None else Practice.objects.published()
        ids = list(practices.order_by("-updated_at", "-id").values_list("id", flat=True))
        hits = [Hit(practice_id, 0.0) for practice_id in ids[offset : offset + limit]]
        return SearchResult(text, terms, len(ids), hits, ids, message)

    # The encoder (C code, without the GIL) works on the query while the database ranks the words.
    # While no vectors exist yet, search is full-text only and the query need not be encoded.
    wants_vectors = mode != "keyword" and len(embeddings.vectors.load().ids) > 0
    encoding = _encoder_thread.submit(embeddings.query_vector, text) if wants_vectors else None
    strict, loose = keyword_ranking(terms, limit=CANDIDATES, within=within) if mode != "vector" else ([], [])
    vector = vector_ranking(encoding, limit=VECTOR_CANDIDATES, within=within) if encoding is not None else []
    fused = fuse(strict, vector, loose)
    matches = [hit for hit in fused if hit.is_match]
    closest = [] if matches else fused[:CLOSEST]
    return SearchResult(
        text,
        terms,
        len(matches),
        matches[offset : offset + limit],
        [hit.practice_id for hit in matches],
        message,
        closest=closest,
    )


def similar_practices(practice: Practice, *, limit: int = 5) -> list[Practice]:
    """Nearest by vector; while the practice has none, those sharing the most topics."""
    from austausch.knowledge import embeddings

    matrix = embeddings.vectors.load()
    vector = matrix.vector_of(practice.pk)
    if vector is not None:
        ids = [practice_id for practice_id, _score in matrix.nearest(vector, limit=limit, exclude=practice.pk)]
    else:
        ids = list(
            Practice.objects.published()
            .filter(topics__in=practice.topics.all())
            .exclude(pk=practice.pk)
            .annotate(shared=Count("topics"))
            .order_by("-shared", "-updated_at")
            .values_list("id", flat=True)[:limit]
        )
    return load_practices(ids)


def load_practices(ids: list[int]) -> list[Practice]:
    rows = Practice.objects.published().prefetch_related("municipalities", "topics").in_bulk(ids)
    return [rows[practice_id] for practice_id in ids if practice_id in rows]


def facet_counts(ids: list[int]) -> dict[str, list[tuple[str, str, int]]]:
    """For each facet, (value, label, number of matching practices), for the filter menus."""
    practices = Practice.objects.filter(id__in=ids)
    status_labels = dict(Practice._meta.get_field("status").choices or [])
    statuses = practices.values_list("status").annotate(n=Count("id")).order_by("-n")
    per_topic: dict[int, set[int]] = {}
    tags = Practice.topics.through.objects.filter(practice_id__in=ids).values_list(
        "practice_id", "topic_id", "topic__parent_id"
    )
    for practice_id, topic_id, parent_id in tags:
        per_topic.setdefault(parent_id or topic_id, set()).add(practice_id)
    roots = Topic.objects.filter(pk__in=per_topic)
    topics = sorted(
        ((topic, len(per_topic[topic.pk])) for topic in roots), key=lambda item: (-item[1], item[0].position)
    )
    towns = Municipality.objects.filter(practices__in=ids)
    countries = towns.values_list("country").annotate(n=Count("practices", distinct=True)).order_by("country")
    states = towns.values_list("state_code", "state").annotate(n=Count("practices", distinct=True)).order_by("state")
    sizes = towns.values_list("size_class").annotate(n=Count("practices", distinct=True)).order_by("size_class")
    size_labels = dict(Municipality._meta.get_field("size_class").choices or [])
    country_labels = dict(Municipality._meta.get_field("country").choices or [])
    return {
        "topic": [(topic.slug, topic.label, n) for topic, n in topics],
        "status": [(value, str(status_labels.get(value, value)), n) for value, n in statuses],
        "country": [(value, str(country_labels.get(value, value)), n) for value, n in countries],
        "state": [(code, name, n) for code, name, n in states],
        "size_class": [(value, str(size_labels.get(value, value)), n) for value, n in sizes],
    }


# Publications ------------------------------------------------------------------------------------


def search_publications(query: str, *, topic: str = "") -> list[Publication]:
    """Publications with every word of the query in title, authors, publisher or summary; title matches first.

    Publications are curated by hand and number in the hundreds at most, so they are matched here with
    the stems the full-text index uses (so "Städte" finds "Stadt" on both databases) instead of an index.
    """
    publications = Publication.objects.all()
    if topic:
        publications = publications.filter(Q(topics__slug=topic) | Q(topics__parent__slug=topic)).distinct()
    terms = query_words(clean_query(query))
    if not terms:
        return list(publications.prefetch_related("topics", "practices"))
    stems = [{stem for stem in query_stems(term) if len(stem) >= 3} or {fold(term)} for term in terms]
    scores: dict[int, int] = {}
    for pk, title, authors, publisher, summary in publications.values_list(
        "pk", "title", "authors", "publisher", "summary"
    ):
        in_title = {fold(word) for word in words(title)}
        elsewhere = {fold(word) for word in words(f"{authors} {publisher} {summary}")}
        score = 0
        for candidates in stems:
            if any(word.startswith(prefix) for word in in_title for prefix in candidates):
                score += 2
            elif any(word.startswith(prefix) for word in elsewhere for prefix in candidates):
                score += 1
            else:
                break
        else:
            scores[pk] = score
    found = Publication.objects.prefetch_related("topics", "practices").in_bulk(list(scores))
    ranked = sorted(scores, key=lambda pk: -scores[pk])  # stable: the newest first among equals
    return [found[pk] for pk in ranked]
