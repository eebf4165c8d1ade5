"""Comments on a task, key result or objective, with @mentions resolved at write time.

Whoever can see the objective may read and write its comments. A mention notifies only
people who can see the objective: someone mentioned on a PRIVATE objective they cannot
open is silently left out — not notified, not listed in the comment's mentions — so the
author learns nothing about who can see what beyond the returned `mentions`.
"""

from dataclasses import dataclass
from typing import Any, Literal, get_args

from ..domain.enums import NotificationKind
from ..domain.errors import InvalidInput, NotFound
from ..domain.mentions import parse_mentions
from ..domain.policy import Actor, ObjectiveAccess, can_comment, can_view_objective
from ..domain.validation import LIMITS, validate_text
from ..models import Comment, KeyResult, Objective, Task, User
from .directory import Directory, load_directory
from .lookup import get_in_org, require_actor
from .notifications import notify
from .unit import write

TargetType = Literal["Task", "KeyResult", "Objective"]
TARGET_TYPES: tuple[str, ...] = get_args(TargetType)
MAX_MENTIONS = 50
DEFAULT_PAGE = 100
MAX_PAGE = 500


@dataclass(frozen=True)
class Thread:
    """The comments' target and the objective that decides who sees them."""

    objective: Objective
    key_result: KeyResult | None
    task: Task | None
    directory: Directory
    access: ObjectiveAccess

    @property
    def on_key_result(self) -> bool:
        return self.task is None and self.key_result is not None

    def filters(self) -> dict[str, Any]:
        """The comments of exactly this target (not those of the items under it)."""
        if self.task is not None:
            return {"task_id": self.task.id}
        if self.key_result is not None:
            return {"key_result_id": self.key_result.id, "task_id": None}
        return {"objective_id": self.objective.id, "key_result_id": None, "task_id": None}


async def load_thread(
    actor: Actor | None, target_type: str, target_id: int
) -> tuple[Actor, Thread]:
    actor = require_actor(actor)
    task: Task | None = None
    kr: KeyResult | None = None
    if target_type == "Task":
        task = await Task.get_or_none(id=target_id, organization_id=actor.org_id, deleted_at=None)
        if task is None:
            raise NotFound()
        if task.key_result_id is not None:
            kr = await KeyResult.get(id=task.key_result_id)
        objective = await Objective.get(id=task.objective_id)
    elif target_type == "KeyResult":
        kr = await get_in_org(KeyResult, target_id, actor.org_id)
        objective = await Objective.get(id=kr.objective_id)
    elif target_type == "Objective":
        objective = await get_in_org(Objective, target_id, actor.org_id)
    else:
        raise InvalidInput("targetId", "input.invalid_id")
    directory = await load_directory(actor.org_id)
    access = directory.access(objective)
    if not can_comment(actor, access):
        raise NotFound()  # whoever may see it may comment: the rest may not know it exists
    return actor, Thread(objective, kr, task, directory, access)


async def list_comments(
    actor: Actor | None, target_type: str, target_id: int, first: int | None = None
) -> list[Comment]:
    """The latest `first` comments of the target, oldest first."""
    actor, thread = await load_thread(actor, target_type, target_id)
    limit = DEFAULT_PAGE if first is None else first
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput("first", "input.out_of_range", min=1, max=MAX_PAGE)
    rows = (
        await Comment.filter(deleted_at=None, **thread.filters())
        .order_by("-created_at", "-id")
        .limit(limit)
    )
    return rows[::-1]


def _sees(directory: Directory, user: User, access: ObjectiveAccess) -> bool:
    return can_view_objective(directory.actor(user), access)


async def _mentioned(actor: Actor, thread: Thread, handles: list[str]) -> list[User]:
    """The mentioned people to notify, in order: active, same organization, able to see the
    objective, and not the author."""
    if not handles:
        return []
    users = await User.filter(organization_id=actor.org_id, is_active=True, handle__in=handles)
    by_handle = {u.handle.lower(): u for u in users}
    found = (by_handle.get(h) for h in handles)
    return [
        u
        for u in found
        if u is not None and u.id != actor.user_id and _sees(thread.directory, u, thread.access)
    ]


async def _watchers(actor: Actor, thread: Thread, skip: set[int]) -> list[int]:
    """Who hears of a comment on their OKR or task: the objective's owner, the key result's
    owner for a comment on it, the assignee for a comment on a task."""
    candidates = [thread.objective.owner_id]
    if thread.on_key_result and thread.key_result and thread.key_result.owner_id is not None:
        candidates.append(thread.key_result.owner_id)
    if thread.task is not None and thread.task.assignee_id is not None:
        candidates.append(thread.task.assignee_id)
    wanted = [c for c in dict.fromkeys(candidates) if c != actor.user_id and c not in skip]
    if not wanted:
        return []
    users = {
        u.id: u
        for u in await User.filter(id__in=wanted, organization_id=actor.org_id, is_active=True)
    }
    return [
        uid for uid in wanted if uid in users and _sees(thread.directory, users[uid], thread.access)
    ]


async def add_comment(
    actor: Actor | None, target_type: str, target_id: int, body: str | None
) -> Comment:
    actor, thread = await load_thread(actor, target_type, target_id)
    # kept as typed (outer whitespace trimmed); rendered as text by clients, never as HTML
    text = validate_text(body, "body", max_len=LIMITS["comment"], required=True) or ""
    handles = parse_mentions(text)
    if len(handles) > MAX_MENTIONS:
        raise InvalidInput("body", "comment.too_many_mentions", max=MAX_MENTIONS)
    mentioned = await _mentioned(actor, thread, handles)
    watchers = await _watchers(actor, thread, {u.id for u in mentioned})
    key_result_id = thread.key_result.id if thread.key_result else None
    task_id = thread.task.id if thread.task else None
    async with write(actor.org_id, actor.user_id) as unit:
        comment = await Comment.create(
            organization_id=actor.org_id,
            objective_id=thread.objective.id,
            key_result_id=key_result_id,
            task_id=task_id,
            author_id=actor.user_id,
            body=text,
        )
        if mentioned:
            await comment.mentions.add(*mentioned)
        common: dict[str, Any] = {
            "actor_id": actor.user_id,
            "objective_id": thread.objective.id,
            "task_id": task_id,
            "comment_id": comment.id,
        }
        notified = await notify(
            actor.org_id, [u.id for u in mentioned], NotificationKind.MENTION, **common
        )
        notified += await notify(actor.org_id, watchers, NotificationKind.COMMENT, **common)
        await unit.record(
            "comment.added",
            cycle_id=thread.objective.cycle_id,
            objective_id=thread.objective.id,
            key_result_id=key_result_id,
            commentId=comment.id,
            taskId=task_id,
            targetType=target_type,
            mentionIds=[u.id for u in mentioned],
            notified=notified,
        )
    return comment
