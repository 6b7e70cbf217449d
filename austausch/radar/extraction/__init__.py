"""The radar's extraction engine: from a file's bytes to the facts a reviewer confirms.

Pure Python, no database writes. `extract(name, data)` reads one file; `extract_all(name, data)` also
unpacks ZIP archives into one result per member. Neither raises for bad input: problems are messages
in the result's "errors". Every fact carries "spans", character offsets into the result's "text".
Each text is read within a budget (see `budget.py`): a long one in part, a slow one not at all, each with a
message saying so.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from functools import cache
from typing import Any

from austausch.lib.i18n import gettext as _

from .budget import Budget, OverBudget
from .dates import find_dates, parse_iso
from .disk_cache import load_or_build
from .events import find_events
from .gazetteer import Gazetteer, load_gazetteer
from .known import NO_NAMES, KnownName, KnownNames
from .lexicon import prepare as prepare_lexicon
from .messages import message
from .names import overlaps
from .organisations import find_organisations
from .people import find_people
from .programmes import find_programmes
from .reading import Document, is_zip, read_document, read_documents
from .topics import find_topics
from .towns import assign_roles, find_mentions, resolve, town_facts

__all__ = ["Budget", "KnownName", "KnownNames", "extract", "extract_all", "extract_text", "load_gazetteer"]

logger = logging.getLogger(__name__)


def extract(name: str, data: bytes, known: KnownNames = NO_NAMES) -> dict:
    """The facts of one file. A ZIP archive is read as its first member; use `extract_all` for all of them.
    `known` are names to recognise besides the built-in ones (the platform's records, reviewers' additions)."""
    if is_zip(name, data):
        documents = read_documents(name, data)
        if len(documents) > 1:
            documents[0].errors.append(
                message(
                    _("%(name)s: the ZIP archive holds %(count)d files; only the first was read here."),
                    name=name,
                    count=len(documents),
                )
            )
        return facts_of(documents[0], known=known)
    return facts_of(read_document(name, data), known=known)


def extract_all(name: str, data: bytes, known: KnownNames = NO_NAMES) -> list[dict]:
    """The facts of each file: one result for a plain file, one per member for a ZIP archive."""
    return [facts_of(document, known=known) for document in read_documents(name, data)]


def extract_text(text: str, name: str = "pasted text", known: KnownNames = NO_NAMES) -> dict:
    """The facts of pasted text."""
    return extract(name, text.encode("utf-8"), known)


def empty_result(document: Document) -> dict:
    return {
        "file": document.name,
        "language": None,
        "title": document.title,
        "published": document.published,
        "municipalities": [],
        "events": [],
        "programmes": [],
        "organisations": [],
        "people": [],
        "practices": [],
        "publications": [],
        "topics": [],
        "comments": [comment.as_dict() for comment in document.comments],
        "errors": list(document.errors),
        "text": document.text,
    }


def facts_of(
    document: Document, gazetteer: Gazetteer | None = None, known: KnownNames = NO_NAMES, budget: Budget | None = None
) -> dict:
    result = empty_result(document)
    if not document.text.strip():
        return result
    # Loaded once per process (and built once per installation): not the text's time.
    gazetteer = gazetteer or load_gazetteer()
    language_identifier()
    prepare_lexicon()
    budget = budget or Budget.configured()
    try:
        analyse(document, result, gazetteer, known, budget)
    except OverBudget:
        result = empty_result(document)
        result["errors"].append(
            message(
                _(
                    "%(name)s: the text could not be read within the %(seconds)s seconds allowed, so no facts are "
                    "proposed. Shorter texts (or the text in parts) can be read."
                ),
                name=document.name,
                seconds=f"{budget.seconds:g}",
            )
        )
    except Exception:  # a bug must cost one file its facts, never the whole batch
        logger.exception("Extraction failed for %s", document.name)
        result["errors"].append(
            message(_("%(name)s: the facts could not be extracted because of an internal error."), name=document.name)
        )
    return result


def detect_language(text: str) -> str | None:
    language, _ = language_identifier().classify(text[:2000])
    return str(language) if language else None


@cache
def language_identifier() -> Any:
    """py3langid's model, from the cache on disk: unpacking the shipped one takes most of a second. Its tables
    are mapped from the file, not read (a text touches few of their pages)."""
    from importlib.metadata import version

    import numpy
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    def build() -> LanguageIdentifier:
        identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
        # As an array its 40 MB would be pickled and read whole; as a numpy array they are mapped.
        identifier.tk_nextmove = numpy.asarray(identifier.tk_nextmove)
        return identifier

    identifier = load_or_build("language-model", version("py3langid"), build, LanguageIdentifier, mapped=True)
    # Read one number at a time, as fast as the array it was (indexing numpy is many times slower).
    identifier.tk_nextmove = memoryview(identifier.tk_nextmove)
    return identifier


def analyse(document: Document, result: dict, gazetteer: Gazetteer, known: KnownNames, budget: Budget) -> None:
    # The facts' spans are offsets into the whole text; a text read in part has them all in its beginning.
    text = budget.readable_part(document.text)
    if len(text) < len(document.text):
        result["errors"].append(
            message(
                _(
                    "%(name)s: the text is too long to read in full: the first %(read)s of its %(total)s characters "
                    "were read; facts in the rest are missing."
                ),
                name=document.name,
                read=f"{len(text):,}",
                total=f"{len(document.text):,}",
            )
        )
    language = detect_language(text)
    result["language"] = language
    reference = parse_iso(document.published)

    mentions = find_mentions(text, gazetteer)
    budget.check()
    towns = resolve(text, mentions, gazetteer, language or "")
    budget.check()
    town_at_span = {(mention.start, mention.end): mention for mention in towns}

    town_starts = [mention.start for mention in towns]  # sorted: the mentions are in the text's order

    def town_inside(span: tuple[int, int]) -> str | None:
        for mention in towns[bisect_left(town_starts, span[0]) :]:
            if mention.start > span[1]:
                break
            if mention.end <= span[1] and mention.chosen is not None:
                return mention.chosen.key
        return None

    programmes = find_programmes(text, [], known)
    budget.check()
    programme_spans = [span for programme in programmes for span in programme.spans]
    organisations = find_organisations(text, town_inside, programme_spans, known)
    budget.check()
    # "Stadtwerke Mainz" is an organisation; the town it names is where the organisation is, not a town
    # the text is about. Organisation spans that merely end in a town ("… Stiftung Berlin") stay towns.
    organisation_spans = [tuple(span) for organisation in organisations for span in organisation.spans]
    towns = [
        mention
        for mention in towns
        if not any(start <= mention.start and mention.end <= end for start, end in organisation_spans)
    ]
    people = find_people(text, organisations, {span: mention.surface for span, mention in town_at_span.items()})
    person_spans = [span for person in people for span in person.spans]
    towns = [mention for mention in towns if not overlaps((mention.start, mention.end), person_spans)]
    assign_roles(text, towns)
    budget.check()

    dates = find_dates(text, reference)
    budget.check()
    result["municipalities"] = town_facts(towns)
    result["events"] = find_events(text, dates, towns, reference)
    budget.check()
    result["programmes"] = [
        {"name": programme.name, "abbreviation": programme.abbreviation, "spans": spans_of(programme.spans)}
        for programme in programmes
    ]
    result["organisations"] = [
        {
            "name": organisation.name,
            "abbreviation": organisation.abbreviation,
            "place_key": organisation.place_key,
            "spans": spans_of(organisation.spans),
        }
        for organisation in organisations
    ]
    result["people"] = [
        {
            "name": person.name,
            "role": person.extra.get("role"),
            "organisation": person.extra.get("organisation"),
            "spans": spans_of(person.spans),
        }
        for person in people
    ]
    result["practices"] = named_records(text, known, "practice")
    result["publications"] = named_records(text, known, "publication")
    result["topics"] = find_topics(text, language or "en", document.title)


def named_records(text: str, known: KnownNames, kind: str) -> list[dict]:
    """The platform's practices or publications the text names, each by its title as written on the platform."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for mention in known.find(text, kind):
        spans.setdefault(mention.known.name, []).append((mention.start, mention.end))
    return [{"title": title, "spans": spans_of(found)} for title, found in spans.items()]


def spans_of(spans: list[tuple[int, int]]) -> list[list[int]]:
    return [[start, end] for start, end in sorted(spans)]
