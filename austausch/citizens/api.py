"""Citizens in the API: the published comments on a meeting, practice or commitment (never an address)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from austausch.citizens import targets
from austausch.citizens.models import Comment
from austausch.web.pagination import Page, PageNumber, PageSize, paginate

router = Router(tags=["citizens"])


class OfficialAnswerOut(Schema):
    id: int
    answered_for: str
    text: str
    published_at: datetime | None

    @staticmethod
    def resolve_text(answer: Comment) -> str:
        return answer.body


class CommentOut(Schema):
    id: int
    target: str
    kind: str
    author: str
    text: str
    published_at: datetime | None
    official_answers: list[OfficialAnswerOut]

    @staticmethod
    def resolve_target(comment: Comment) -> str:
        return f"{targets.type_name_of(comment.target)}:{comment.target_id}"

    @staticmethod
    def resolve_author(comment: Comment) -> str:
        return str(comment.author_label())

    @staticmethod
    def resolve_text(comment: Comment) -> str:
        return comment.body

    @staticmethod
    def resolve_official_answers(comment: Comment) -> list[Comment]:
        return list(getattr(comment, "official", []))


@router.get("/comments", response=Page[CommentOut], summary="Published comments on one object")
def list_comments(
    request: HttpRequest, target: str, page: PageNumber = 1, page_size: PageSize = 50
) -> dict[str, object]:
    """`target` names the object as `meeting:ID`, `practice:ID` or `commitment:ID`."""
    try:
        found = targets.resolve_reference(target)
    except targets.UnknownTarget as error:
        raise HttpError(404, f"target: no public meeting, practice or commitment {target!r}.") from error
    comments = Comment.objects.shown_on(found).order_by("published_at", "pk")

    def load(start: int, stop: int) -> list[Comment]:
        rows: list[Comment] = list(comments[start:stop])
        for comment in rows:
            comment.target = found  # the same object for every row: no query per comment
        return rows

    return paginate(comments, page=page, page_size=page_size, load=load)
