from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from austausch.audit.models import AuditEntry
from austausch.knowledge.models import Practice, PracticeEmbedding
from austausch.knowledge.services import create_practice, set_published, update_practice
from austausch.knowledge.tasks import embed_practice
from austausch.registry.models import Municipality
from tests.knowledge.conftest import DARMSTADT, WITTENBERGE


def new_practice(actor, key: str = WITTENBERGE, **fields) -> Practice:  # type: ignore[no-untyped-def]
    return create_practice(
        actor=actor,
        municipalities=[Municipality.objects.get(key=key)],
        title=fields.pop("title", "Coworking im Bahnhof"),
        summary="Ein Coworking Space im Bahnhofsgebäude.",
        language="de",
        **fields,
    )


def test_an_editor_creates_a_draft_of_their_town(wittenberge_editor) -> None:  # type: ignore[no-untyped-def]
    practice = new_practice(wittenberge_editor)
    assert not practice.is_published
    assert practice.created_by == wittenberge_editor
    entry = AuditEntry.objects.get(action="knowledge.practice.created")
    assert entry.actor == wittenberge_editor
    assert entry.after["municipalities"] == [WITTENBERGE]


def test_an_editor_of_another_town_may_not_create_or_edit(wittenberge_editor, darmstadt_editor) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        new_practice(darmstadt_editor, WITTENBERGE)
    practice = new_practice(wittenberge_editor)
    with pytest.raises(PermissionDenied):
        update_practice(actor=darmstadt_editor, practice=practice, title="Übernommen")
    with pytest.raises(PermissionDenied):
        set_published(actor=darmstadt_editor, practice=practice, published=True)


def test_outsiders_and_anonymous_may_not_create(outsider, registry_sample) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser

    for actor in (outsider, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            new_practice(actor)


def test_an_editor_cannot_give_a_practice_away(wittenberge_editor) -> None:  # type: ignore[no-untyped-def]
    practice = new_practice(wittenberge_editor)
    with pytest.raises(PermissionDenied):
        update_practice(
            actor=wittenberge_editor, practice=practice, municipalities=[Municipality.objects.get(key=DARMSTADT)]
        )


def test_updates_and_publishing_are_audited(wittenberge_editor) -> None:  # type: ignore[no-untyped-def]
    practice = new_practice(wittenberge_editor)
    update_practice(actor=wittenberge_editor, practice=practice, status="pilot")
    set_published(actor=wittenberge_editor, practice=practice, published=True)
    changed = AuditEntry.objects.get(action="knowledge.practice.changed")
    assert changed.before == {"status": "idea"}
    assert changed.after == {"status": "pilot"}
    assert AuditEntry.objects.filter(action="knowledge.practice.published").count() == 1


def test_drafts_are_visible_only_to_their_editors(wittenberge_editor, darmstadt_editor, outsider, admin) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser

    draft = new_practice(wittenberge_editor)
    assert draft in Practice.objects.visible_to(wittenberge_editor)
    assert draft in Practice.objects.visible_to(admin)
    for person in (darmstadt_editor, outsider, AnonymousUser()):
        assert draft not in Practice.objects.visible_to(person)


def test_saving_queues_the_embedding_instead_of_waiting(wittenberge_editor, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks() as callbacks:
        practice = new_practice(wittenberge_editor, publish=True)
    assert len(callbacks) == 1
    assert not PracticeEmbedding.objects.filter(practice=practice).exists()
    embed_practice.call(practice.pk)  # what the worker runs
    assert len(bytes(PracticeEmbedding.objects.get(practice=practice).vector)) == 384 * 4


def test_the_end_cannot_come_before_the_start(wittenberge_editor) -> None:  # type: ignore[no-untyped-def]
    import datetime

    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        new_practice(wittenberge_editor, started_on=datetime.date(2023, 5, 1), ended_on=datetime.date(2023, 1, 1))
