"""Likes (互赞): one per person per objective, key result, check-in or comment, in every phase.
The item's owner hears of a like (a burst on one objective is one notification); taking a like
back tells nobody. Every change carries the item's count, for every open screen."""

import contextlib
from dataclasses import dataclass

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet

from ..domain.enums import NotificationKind
from ..domain.phases import Activity
from ..domain.policy import Actor
from ..events.kinds import EventKind, LikePayload
from ..events.phase import PhaseGuard, guard
from ..events.unit import lock_org, write
from ..models import Like
from ..read.likes import Likeable, likeable
from .notifications import notify


@dataclass(frozen=True, slots=True)
class LikeSummary:
    count: int
    liked_by_viewer: bool


def _likes_of(item: Likeable) -> QuerySet[Like]:
    return Like.filter(target_type=item.target_type, target_id=item.target_id)


async def _summary(item: Likeable, user_id: int) -> LikeSummary:
    count = await _likes_of(item).count()
    return LikeSummary(count, await _likes_of(item).filter(user_id=user_id).exists())


async def like(actor: Actor | None, target_type: str, target_id: int, liked: bool) -> LikeSummary:
    item = await likeable(actor, target_type, target_id)
    actor = item.scope.actor
    phase = await guard(item.scope.objective.cycle_id, Activity.LIKE)
    if await _likes_of(item).filter(user_id=actor.user_id).exists() != liked:
        # the same like sent twice at once: the other one was written
        with contextlib.suppress(IntegrityError):
            await _write(item, liked, phase)
    return await _summary(item, actor.user_id)


async def _write(item: Likeable, liked: bool, phase: PhaseGuard) -> None:
    actor, objective = item.scope.actor, item.scope.objective
    async with write(actor.org_id, actor.user_id, phase) as unit:
        if liked:
            await Like.create(
                organization_id=actor.org_id,
                user_id=actor.user_id,
                objective_id=objective.id,
                target_type=item.target_type,
                target_id=item.target_id,
            )
        else:
            await _likes_of(item).filter(user_id=actor.user_id).delete()
        # counted under the event counter's lock: a concurrent like is counted by the event
        # with the larger seq, so the last event's count is the count
        await lock_org(actor.org_id)
        payload: LikePayload = {
            "targetType": item.target_type,
            "targetId": item.target_id,
            "objectiveId": objective.id,
            "userId": actor.user_id,
            "liked": liked,
            "count": await _likes_of(item).count(),
        }
        if liked:
            payload["notified"] = await notify(
                actor.org_id,
                [u.id for u in await item.scope.people_who_see([item.owner_id])],
                NotificationKind.LIKE,
                actor_id=actor.user_id,
                objective_id=objective.id,
                task_id=item.task_id,
                comment_id=item.comment_id,
            )
        await unit.record(
            EventKind.LIKE_CHANGED,
            payload,
            cycle_id=objective.cycle_id,
            objective_id=objective.id,
            key_result_id=item.scope.key_result.id if item.scope.key_result else None,
        )
