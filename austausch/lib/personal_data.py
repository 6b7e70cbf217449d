"""Personal data, declared by the app that holds it (after pretix's data exporters and shredders).

Each app lists in its own `personal_data.py` what it keeps about a person — a section with the
models it covers, how to export it and how to erase it — and names the models whose `name`,
`email` or `phone` is no person's (a town's name, an organisation's) with the reason. The account
pages (`accounts.gdpr`) only ask `sections()`, so they import no app above them, and a test fails
for any model with a person's field that no app has declared.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.module_loading import autodiscover_modules

Row = dict[str, Any]
ERASED = "[erased]"

# Fields that hold (or point at) a person, by the end of their name; foreign keys to the account count too.
PERSON_FIELD = re.compile(r"(^|_)(name|e_?mail|phone|mobile|fax|authors?|speakers?|person|contact)$")


@dataclass(frozen=True)
class Person:
    """The person whose data is exported or erased: their account and every way the data may name them.

    `emails`, `names` and `phones` hold the current values and those the audit trail remembers; `placeholder`
    is the address an erased e-mail becomes.
    """

    user: Any  # accounts.User; this module imports no app
    emails: frozenset[str]
    names: frozenset[str]
    phones: frozenset[str]
    placeholder: str

    @cached_property
    def _patterns(self) -> list[tuple[re.Pattern[str], str]]:
        def longest_first(values: frozenset[str]) -> list[str]:
            # Longest first, so that "Anna Maria Schmidt" goes before "Anna Maria".
            return sorted({value.strip() for value in values if value.strip()}, key=len, reverse=True)

        emails = [re.compile(re.escape(email), re.IGNORECASE) for email in longest_first(self.emails)]
        names = [re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE) for name in longest_first(self.names)]
        phones = [re.compile(re.escape(phone)) for phone in longest_first(self.phones)]
        return [(email, self.placeholder) for email in emails] + [(other, ERASED) for other in names + phones]

    def is_named_in(self, text: str) -> bool:
        """Whether `text` holds one of the person's names, addresses or numbers."""
        return any(pattern.search(text) for pattern, _substitute in self._patterns)

    def scrub(self, value: Any) -> Any:
        """`value` (text, or JSON of dicts and lists) with the person's names, addresses and numbers replaced."""
        if isinstance(value, str):
            for pattern, substitute in self._patterns:
                value = pattern.sub(substitute, value)
            return value
        if isinstance(value, dict):
            return {self.scrub(key): self.scrub(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.scrub(item) for item in value]
        return value


Export = Callable[[Person], Row | list[Row]]
Erase = Callable[[Person, Any], None]  # (person, actor)


@dataclass(frozen=True)
class PersonalData:
    """One section of a person's data: one file in their export, one step of their erasure.

    `erase` is None where nothing needs doing, and then `kept` says why (the rows go with another
    section, or they point at the account, which stays as an anonymous placeholder).
    """

    section: str
    models: tuple[type[models.Model], ...]
    export: Export
    erase: Erase | None = None
    kept: str = ""

    def __post_init__(self) -> None:
        if self.erase is None and not self.kept:
            raise ImproperlyConfigured(f"Personal data '{self.section}' is never erased: say why in `kept`.")


_sections: dict[str, PersonalData] = {}
_not_personal: dict[type[models.Model], str] = {}


def register(section: PersonalData) -> PersonalData:
    if section.section in _sections and _sections[section.section].export is not section.export:
        raise ImproperlyConfigured(f"Two apps declare the personal data section '{section.section}'.")
    _sections[section.section] = section
    return section


def not_personal(*models_: type[models.Model], reason: str) -> None:
    """Declare that the `name`, `email` or `phone` fields of these models describe no person, and why."""
    if not reason.strip():
        raise ImproperlyConfigured("Say why these models hold no personal data.")
    for model in models_:
        _not_personal[model] = reason


def sections() -> list[PersonalData]:
    """Every app's sections. Each finds the person through `Person`, taken before erasure starts, so
    their order does not matter."""
    autodiscover_modules("personal_data")
    return list(_sections.values())


def declared_not_personal() -> dict[type[models.Model], str]:
    autodiscover_modules("personal_data")
    return dict(_not_personal)


def person_fields(model: type[models.Model]) -> list[str]:
    """The fields of `model` that may hold a person's name, address or number, or point at their account."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if PERSON_FIELD.search(field.name)
        or (field.is_relation and field.related_model is not None and _is_account(field.related_model))
    ]


def _is_account(model: Any) -> bool:
    # A relation to a model not loaded yet names it by its label.
    label = model if isinstance(model, str) else model._meta.label
    return bool(label.lower() == settings.AUTH_USER_MODEL.lower())


def undeclared(candidates: list[type[models.Model]]) -> dict[str, list[str]]:
    """The models among `candidates` with a person's field that no section covers and none declares impersonal."""
    covered = {model for section in sections() for model in section.models} | set(declared_not_personal())
    return {
        model._meta.label: fields for model in candidates if model not in covered and (fields := person_fields(model))
    }


def linked_records(section: str, model: type[models.Model], *fields: str) -> PersonalData:
    """A section for records that point at the person's account as `fields` (author, uploader, reviewer ...).

    They are kept on erasure: they are the town's or the programme's work, and once the account is an
    anonymous placeholder the link names nobody.
    """

    def export(person: Person) -> list[Row]:
        return [
            {"as": field, "id": record.pk, "record": str(record)}
            for field in fields
            for record in model._default_manager.filter(**{field: person.user}).order_by("pk")
        ]

    return PersonalData(
        section,
        (model,),
        export,
        kept="The records stay with the work they belong to; the erased account they point at names nobody.",
    )


def naming_records(section: str, model: type[models.Model], field: str) -> PersonalData:
    """A section for records whose free-text `field` names people (speakers, authors): those naming this person.

    Erasure replaces the person's name there, as it does in the audit trail.
    """

    def named(person: Person) -> list[models.Model]:
        query = models.Q(pk__in=[])
        for name in person.names:
            if name.strip():
                query |= models.Q(**{f"{field}__icontains": name.strip()})
        return [record for record in model._default_manager.filter(query) if person.is_named_in(getattr(record, field))]

    def export(person: Person) -> list[Row]:
        return [{"id": record.pk, "record": str(record), field: getattr(record, field)} for record in named(person)]

    def erase(person: Person, actor: Any) -> None:
        for record in named(person):
            setattr(record, field, person.scrub(getattr(record, field)))
            record.save(update_fields=[field])

    return PersonalData(section, (model,), export, erase)
