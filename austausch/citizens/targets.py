"""What readers may follow and comment on: published meetings, practices and commitments.

A target is named in forms, URLs and the API as `<type>:<id>`, e.g. `meeting:12`. Only the types
listed here are accepted, so a crafted form cannot attach comments to any other model.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models

from austausch.accounts.roles import Role, has_role

TARGET_MODELS = {
    "meeting": "programmes.Meeting",
    "practice": "knowledge.Practice",
    "commitment": "outcomes.Commitment",
}
# Only commitments send news (on `outcomes.signals.update_published`), so only they can be followed.
FOLLOWABLE = {"commitment"}


class UnknownTarget(Exception):
    """The named object does not exist, is not public, or is not something readers can comment on."""


def model_of(type_name: str) -> type[models.Model] | None:
    label = TARGET_MODELS.get(type_name)
    if label is None:
        return None
    try:
        return apps.get_model(label)
    except LookupError:  # the outcomes app has no Commitment model (yet)
        return None


def type_name_of(target: Any) -> str:
    label = target._meta.label
    for name, model_label in TARGET_MODELS.items():
        if model_label.lower() == label.lower():
            return name
    raise UnknownTarget(label)


def reference(target: Any) -> str:
    return f"{type_name_of(target)}:{target.pk}"


def resolve(type_name: str, pk: Any) -> Any:
    """The public object of that type and id, or UnknownTarget."""
    model = model_of(type_name)
    try:
        pk = int(pk)
    except (TypeError, ValueError) as error:
        raise UnknownTarget(type_name) from error
    if model is None:
        raise UnknownTarget(type_name)
    target = model._default_manager.filter(pk=pk).first()
    if target is None or not is_public(target):
        raise UnknownTarget(f"{type_name}:{pk}")
    return target


def resolve_reference(text: str) -> Any:
    type_name, _sep, pk = (text or "").partition(":")
    return resolve(type_name.strip().lower(), pk.strip())


def programme_of(target: Any) -> Any:
    return getattr(target, "programme", None)


def is_public(target: Any) -> bool:
    """Published, and in a published programme when it belongs to one."""
    # A model may say itself (a commitment of a published meeting, say).
    checker = getattr(target, "is_public", None)
    if isinstance(checker, bool):
        return checker
    if callable(checker):
        return bool(checker())
    published = getattr(target, "is_published", getattr(target, "published", True))
    if callable(published):
        published = published()
    if not published:
        return False
    programme = programme_of(target)
    if programme is not None and not programme.published:
        return False
    meeting = getattr(target, "meeting", None)
    return meeting is None or is_public(meeting)


def towns_of(target: Any) -> list[Any]:
    """The towns a target belongs to, whose editors answer for it."""
    for name in ("host_municipalities", "municipalities"):
        related = getattr(target, name, None)
        if related is not None:
            return list(related.all())
    town = getattr(target, "municipality", None)
    return [town] if town is not None else []


def answering_for(target: Any, user: Any) -> str:
    """The name an official answer is signed with: the town the editor answers for, else the programme."""
    towns = towns_of(target)
    if not user.is_superuser:
        for town in towns:
            if has_role(user, Role.EDITOR, town):
                return str(town.name)
    programme = programme_of(target)
    if programme is not None:
        return str(programme.name)
    return str(towns[0].name) if towns else "Austausch"
