"""The names the radar learns: the platform's programmes, organisations, practices and publications, and what
reviewers teach it.

`known_names()` is the dictionary the extraction receives. It is built once per process and again only
when its version changes: a cheap key of counts and latest changes of the tables it is made of, so
another process's additions are seen too.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext as _

from austausch.audit.services import log_action
from austausch.knowledge.models import Practice, Publication
from austausch.lib.translated import with_languages
from austausch.organisations.models import Organisation
from austausch.programmes.models import Programme
from austausch.radar.models import Fact, FactKind, KnownName, Source

if TYPE_CHECKING:
    from austausch.radar import extraction

LEARNABLE = (FactKind.PROGRAMME, FactKind.ORGANISATION)

_lock = threading.Lock()
_cache: dict[str, Any] = {"version": None, "names": None}


# Each table the dictionary is made of, with what changes when a row is added or renamed there.
VERSIONED = (
    (KnownName, "updated_at"),
    (Organisation, "pk"),
    (Programme, "pk"),
    (Practice, "updated_at"),
    (Publication, "updated_at"),
)


def version() -> tuple:
    """Changes whenever a name is added, removed or renamed (in this process, or in another one that adds)."""
    parts: list[Any] = [_cache.get("generation", 0)]
    for model, changed in VERSIONED:
        summary = model.objects.aggregate(count=Count("pk"), latest=Max(changed))
        parts += [summary["count"], str(summary["latest"])]
    return tuple(parts)


def _renamed(**_kwargs: Any) -> None:
    # A record renamed in this process changes neither count nor latest key: start afresh.
    _cache["generation"] = _cache.get("generation", 0) + 1


for _model in (Organisation, Programme, KnownName, Practice, Publication):
    post_save.connect(_renamed, sender=_model, dispatch_uid=f"radar-known-names-{_model.__name__}")
    post_delete.connect(_renamed, sender=_model, dispatch_uid=f"radar-known-names-delete-{_model.__name__}")


def from_records() -> list[extraction.KnownName]:
    """Every programme and organisation of the platform under its name (and abbreviation), and every
    spelling reviewers and admins added."""
    # The extraction engine builds its patterns on import: not at every page's or command's start-up.
    from austausch.radar import extraction

    names = [
        extraction.KnownName(FactKind.ORGANISATION, spelling, name, abbreviation)
        for name, abbreviation in Organisation.objects.values_list("name", "abbreviation")
        for spelling in (name, abbreviation)
        if spelling
    ]
    names += [
        extraction.KnownName(FactKind.PROGRAMME, name, name)
        for name in Programme.objects.values_list("name", flat=True)
    ]
    names += [
        extraction.KnownName(known.kind, known.spelling, known.name, known.abbreviation)
        for known in KnownName.objects.all()
    ]
    return names + titles(FactKind.PRACTICE, Practice) + titles(FactKind.PUBLICATION, Publication)


def titles(kind: str, model: type[Practice] | type[Publication]) -> list[extraction.KnownName]:
    """A practice's or publication's title in each language, each standing for the title in the record's own
    language; titles that could be any word ("Mobilität") are left out."""
    from austausch.radar import extraction

    names = []
    # The language columns are django-modeltranslation's, named here as strings (unknown to the type checker).
    codes = [code for code, _ in settings.LANGUAGES]
    for language, original, *translated in model.objects.values_list("language", *with_languages("title")):
        own = dict(zip(codes, translated, strict=True)).get(language) or original or next(filter(None, translated), "")
        for spelling in dict.fromkeys(" ".join(title.split()) for title in (own, *translated) if title):
            if distinctive(spelling):
                names.append(extraction.KnownName(kind, spelling, own))
    return names


def distinctive(title: str) -> bool:
    """Whether a title names one thing: learnable, and two words or more or one no dictionary knows
    ("Mängelmelder", not "Mobilität")."""
    from austausch.radar.extraction.lexicon import is_known

    return learnable(title) and (" " in title or not is_known(title, ("de", "en")))


def known_names() -> extraction.KnownNames:
    """The dictionary for the next extraction: rebuilt only when `version()` changed."""
    from austausch.radar import extraction

    current = version()
    with _lock:
        if _cache["version"] != current:
            _cache["names"] = extraction.KnownNames(from_records())
            _cache["version"] = current
        names: extraction.KnownNames = _cache["names"]
        return names


def learnable(spelling: str) -> bool:
    """Whether words can stand for one name in every text: three characters or more, a capital or a digit
    in them ("summer of pioneers" is found by its pattern), and not a common word ("Stadt", "Programm")."""
    from austausch.radar.extraction.known import NOT_A_NAME

    return len(spelling) >= 3 and spelling not in NOT_A_NAME and not spelling.islower()


@transaction.atomic
def teach_name(
    *, actor: Any, kind: str, spelling: str, name: str, abbreviation: str = "", source: Source | None = None
) -> KnownName:
    """Make `spelling` stand for the programme or organisation `name` in new texts ("also known as")."""
    spelling, name = " ".join(spelling.split()), " ".join(name.split()) or " ".join(spelling.split())
    if kind not in LEARNABLE:
        raise ValidationError({"kind": _("Only programmes and organisations are learned as names.")})
    if not learnable(spelling):
        raise ValidationError(
            {"spelling": _("“%(spelling)s” is too short or too common to stand for a name.") % {"spelling": spelling}}
        )
    known = KnownName.objects.select_for_update().filter(kind=kind, spelling=spelling).first()
    if known is not None and (known.name, known.abbreviation) == (name, abbreviation or known.abbreviation):
        return known
    before = {"name": known.name, "abbreviation": known.abbreviation} if known else None
    if known is None:
        known = KnownName(kind=kind, spelling=spelling, added_by=actor if actor and actor.is_authenticated else None)
    known.name, known.abbreviation, known.source = name, abbreviation or known.abbreviation, source
    known.full_clean()
    known.save()
    after = {"kind": kind, "spelling": spelling, "name": name, "abbreviation": known.abbreviation}
    log_action("radar.name.learned", actor=actor, target=known, before=before, after=after)
    return known


def learn_from(*, actor: Any, fact: Fact) -> None:
    """A confirmed or corrected programme or organisation: each place the text names it is a spelling of it."""
    if fact.kind not in LEARNABLE or not fact.value.get("name"):
        return
    for quote in dict.fromkeys(" ".join(quote.split()) for quote in fact.quotes()):
        if learnable(quote):
            teach_name(
                actor=actor,
                kind=fact.kind,
                spelling=quote,
                name=fact.value["name"],
                abbreviation=fact.value.get("abbreviation") or "",
                source=fact.source,
            )
