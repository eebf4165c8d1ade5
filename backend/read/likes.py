"""Likes (互赞) as the viewer may see them: what can be liked, how many like it, who."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

from tortoise.functions import Count

from ..domain.errors import InvalidInput, NotFound
from ..domain.policy import Actor
from ..models import CheckIn, Like, User
from . import reach
from .comments import live_comment
from .lookup import require_actor
from .reach import Reach

LikeTarget = Literal["Objective", "KeyResult", "CheckIn", "Comment"]
LIKE_TARGETS: tuple[str, ...] = get_args(LikeTarget)
MAX_LIKERS = 200


@dataclass(frozen=True)
class Likeable:
    """An item the actor can see and like: where it hangs, and whose it is (who hears of a
    like)."""

    scope: Reach
    target_type: str
    target_id: int
    owner_id: int
    comment_id: int | None = None
    task_id: int | None = None


async def likeable(actor: Actor | None, target_type: str, target_id: int) -> Likeable:
    """The item, if the actor can see it (NOT_FOUND otherwise, as for any id)."""
    actor = require_actor(actor)
    if target_type == "CheckIn":
        check_in = await CheckIn.get_or_none(id=target_id, organization_id=actor.org_id)
        if check_in is None:
            raise NotFound()
        scope = await reach.key_result(actor, check_in.key_result_id)
        return Likeable(scope, target_type, target_id, check_in.author_id)
    if target_type == "Comment":
        comment, scope = await live_comment(actor, target_id)
        return Likeable(
            scope, target_type, target_id, comment.author_id, comment.id, comment.task_id
        )
    if target_type not in LIKE_TARGETS:
        raise InvalidInput("targetId", "input.invalid_id")
    scope = await reach.item(actor, target_type, target_id)
    owner = scope.kr_owner_id or scope.objective.owner_id
    return Likeable(scope, target_type, target_id, owner)


async def like_counts(target_type: str, ids: Iterable[int]) -> dict[int, int]:
    """Likes per item of one type, in one query (whether the viewer may see the items is the
    caller's check)."""
    rows = (
        await Like.filter(target_type=target_type, target_id__in=list(ids))
        .annotate(n=Count("id"))
        .group_by("target_id")
        .values_list("target_id", "n")
    )
    return dict(rows)


async def liked_by(user_id: int, target_type: str, ids: Iterable[int]) -> set[int]:
    """Which of these items the person likes, in one query."""
    rows = await Like.filter(
        user_id=user_id, target_type=target_type, target_id__in=list(ids)
    ).values_list("target_id")
    return {target_id for (target_id,) in rows}


async def likers(target_type: str, target_id: int) -> list[User]:
    """Who likes the item, first likes first (at most MAX_LIKERS)."""
    rows = await (
        Like.filter(target_type=target_type, target_id=target_id)
        .order_by("created_at", "id")
        .limit(MAX_LIKERS)
        .values_list("user_id")
    )
    ids = [user_id for (user_id,) in rows]
    users = {u.id: u for u in await User.filter(id__in=ids)}
    return [users[i] for i in ids if i in users]


def by_type(keys: Iterable[tuple[str, int]]) -> dict[str, list[int]]:
    """(type, id) keys grouped by type, for one query per type."""
    grouped: dict[str, list[int]] = defaultdict(list)
    for target_type, target_id in keys:
        grouped[target_type].append(target_id)
    return grouped
