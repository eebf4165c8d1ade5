"""Comment threads: a target's comments and the comment counts of many targets."""

from typing import Any, Literal, get_args

from tortoise.functions import Count

from ..domain.errors import InvalidInput, NotFound
from ..domain.policy import Actor
from ..models import Comment
from . import reach
from .lookup import require_actor
from .reach import Reach

TargetType = Literal["Task", "KeyResult", "Objective"]
TARGET_TYPES: tuple[str, ...] = get_args(TargetType)
# a target's own comments: its column, and none of the items under it
_OWN: dict[str, tuple[str, dict[str, None]]] = {
    "Task": ("task_id", {}),
    "KeyResult": ("key_result_id", {"task_id": None}),
    "Objective": ("objective_id", {"key_result_id": None, "task_id": None}),
}
DEFAULT_PAGE = 100
MAX_PAGE = 500


def target_of(comment: Comment) -> tuple[str, int]:
    """The item a comment is on, as (type name, id)."""
    if comment.task_id is not None:
        return "Task", comment.task_id
    if comment.key_result_id is not None:
        return "KeyResult", comment.key_result_id
    return "Objective", comment.objective_id


def own_comments(target_type: str, target_id: int) -> dict[str, Any]:
    """Filters for the comments of exactly this target (not those of the items under it)."""
    column, none_under = _OWN[target_type]
    return {column: target_id, **none_under}


async def comment_counts(target_type: str, ids: list[int]) -> dict[int, int]:
    """How many comments each target has (its own, not deleted), in one query. Whether the
    viewer may see the targets is the caller's check."""
    column, none_under = _OWN[target_type]
    rows = (
        await Comment.filter(deleted_at=None, **{f"{column}__in": ids}, **none_under)
        .annotate(n=Count("id"))
        .group_by(column)
        .values_list(column, "n")
    )
    return {target: n for target, n in rows}


async def thread(actor: Actor | None, target_type: str, target_id: int) -> Reach:
    """A comment thread's target: whoever may see it may read and write its comments (the
    rest may not know it exists)."""
    if target_type not in TARGET_TYPES:
        raise InvalidInput("targetId", "input.invalid_id")
    return await reach.item(actor, target_type, target_id)


async def list_comments(
    actor: Actor | None, target_type: str, target_id: int, first: int | None = None
) -> list[Comment]:
    """The latest `first` comments of the target, oldest first."""
    target = await thread(actor, target_type, target_id)
    limit = DEFAULT_PAGE if first is None else first
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput("first", "input.out_of_range", min=1, max=MAX_PAGE)
    rows = (
        await Comment.filter(deleted_at=None, **own_comments(*target.target))
        .order_by("-created_at", "-id")
        .limit(limit)
    )
    return rows[::-1]


async def live_comment(actor: Actor | None, comment_id: int) -> tuple[Comment, Reach]:
    """A live comment on something the actor can see (else NotFound, like a missing id)."""
    actor = require_actor(actor)
    comment = await Comment.get_or_none(
        id=comment_id, organization_id=actor.org_id, deleted_at=None
    )
    if comment is None:
        raise NotFound()
    return comment, await thread(actor, *target_of(comment))
