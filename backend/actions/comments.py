"""Comments on a task, key result or objective, with @mentions resolved at write time.

Whoever can see the objective may read and write its comments; the author edits (the
comment is then marked edited) and deletes, an admin deletes too. A mention notifies only
people who can see the objective: someone mentioned on a PRIVATE objective they cannot
open is silently left out — not notified, not listed in the comment's mentions — so the
author learns nothing about who can see what beyond the returned `mentions`. An edit
resolves the mentions again and notifies only the people newly mentioned.

Every comment event carries the comment's summary (`comment`), so an open thread and the
board update without a refetch.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, get_args

from tortoise.functions import Count

from ..domain.enums import NotificationKind
from ..domain.errors import Forbidden, InvalidInput, NotFound
from ..domain.mentions import parse_mentions
from ..domain.notify import newly_mentioned
from ..domain.policy import (
    Actor,
    ObjectiveAccess,
    can_comment,
    can_delete_comment,
    can_edit_comment,
    can_view_objective,
)
from ..domain.validation import LIMITS, validate_text
from ..events.unit import Unit, write
from ..models import Comment, KeyResult, Objective, Task, User
from ..read.directory import Directory, load_directory
from ..read.lookup import get_in_org, require_actor
from .notifications import notify

TargetType = Literal["Task", "KeyResult", "Objective"]
TARGET_TYPES: tuple[str, ...] = get_args(TargetType)
# a target's own comments: its column, and none of the items under it
_OWN: dict[str, tuple[str, dict[str, None]]] = {
    "Task": ("task_id", {}),
    "KeyResult": ("key_result_id", {"task_id": None}),
    "Objective": ("objective_id", {"key_result_id": None, "task_id": None}),
}
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

    @property
    def target(self) -> tuple[str, int]:
        """The commented item as (type name, id)."""
        if self.task is not None:
            return "Task", self.task.id
        if self.key_result is not None:
            return "KeyResult", self.key_result.id
        return "Objective", self.objective.id

    def filters(self) -> dict[str, Any]:
        """The comments of exactly this target (not those of the items under it)."""
        target_type, target_id = self.target
        column, none_under = _OWN[target_type]
        return {column: target_id, **none_under}


def target_of(comment: Comment) -> tuple[str, int]:
    """The item a comment is on, as (type name, id)."""
    if comment.task_id is not None:
        return "Task", comment.task_id
    if comment.key_result_id is not None:
        return "KeyResult", comment.key_result_id
    return "Objective", comment.objective_id


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
    """Who hears of a comment on something they own or work on: the objective's owner, the
    key result's owner for a comment on it, and for a comment on a task its assignee,
    creator and collaborators."""
    candidates = [thread.objective.owner_id]
    if thread.on_key_result and thread.key_result and thread.key_result.owner_id is not None:
        candidates.append(thread.key_result.owner_id)
    if thread.task is not None:
        if thread.task.assignee_id is not None:
            candidates.append(thread.task.assignee_id)
        candidates.append(thread.task.creator_id)
        candidates.extend(sorted(u.id for u in await thread.task.collaborators.all()))
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


def _body(body: str | None) -> tuple[str, list[str]]:
    """The text to store — as typed, outer whitespace trimmed; rendered as text by clients,
    never as HTML — and the handles it mentions."""
    text = validate_text(body, "body", max_len=LIMITS["comment"], required=True) or ""
    handles = parse_mentions(text)
    if len(handles) > MAX_MENTIONS:
        raise InvalidInput("body", "comment.too_many_mentions", max=MAX_MENTIONS)
    return text, handles


def _person(user: User) -> dict[str, Any]:
    return {"id": user.id, "displayName": user.display_name, "handle": user.handle}


async def comment_summary(comment: Comment, mentions: list[User]) -> dict[str, Any]:
    """Everything a thread shows of a comment, for live clients (a deleted one keeps only
    who wrote it and when)."""
    author = await User.get(id=comment.author_id)
    deleted = comment.deleted_at is not None
    target_type, target_id = target_of(comment)
    return {
        "id": comment.id,
        "targetType": target_type,
        "targetId": target_id,
        "objectiveId": comment.objective_id,
        "keyResultId": comment.key_result_id,
        "taskId": comment.task_id,
        "author": _person(author),
        "body": "" if deleted else comment.body,
        "mentions": [] if deleted else [_person(u) for u in mentions],
        "createdAt": comment.created_at.isoformat(),
        "editedAt": comment.edited_at.isoformat() if comment.edited_at else None,
        "deleted": deleted,
    }


async def _record(
    unit: Unit, kind: str, thread: Thread, comment: Comment, mentions: list[User], **extra: Any
) -> None:
    await unit.record(
        kind,
        cycle_id=thread.objective.cycle_id,
        objective_id=thread.objective.id,
        key_result_id=thread.key_result.id if thread.key_result else None,
        commentId=comment.id,
        taskId=thread.task.id if thread.task else None,
        targetType=thread.target[0],
        comment=await comment_summary(comment, mentions),
        **extra,
    )


async def add_comment(
    actor: Actor | None, target_type: str, target_id: int, body: str | None
) -> Comment:
    actor, thread = await load_thread(actor, target_type, target_id)
    text, handles = _body(body)
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
        await _record(
            unit,
            "comment.added",
            thread,
            comment,
            mentioned,
            mentionIds=[u.id for u in mentioned],
            notified=notified,
        )
    return comment


async def load_comment(actor: Actor | None, comment_id: int) -> tuple[Actor, Comment, Thread]:
    """A live comment on something the actor can see (else NotFound, like a missing id)."""
    actor = require_actor(actor)
    comment = await Comment.get_or_none(
        id=comment_id, organization_id=actor.org_id, deleted_at=None
    )
    if comment is None:
        raise NotFound()
    actor, thread = await load_thread(actor, *target_of(comment))
    return actor, comment, thread


async def edit_comment(actor: Actor | None, comment_id: int, body: str | None) -> Comment:
    """The author rewrites a comment: it is marked edited, its mentions are resolved again,
    and only the people newly mentioned are notified."""
    actor, comment, thread = await load_comment(actor, comment_id)
    if not can_edit_comment(actor, thread.access, comment.author_id):
        raise Forbidden()
    text, handles = _body(body)
    if text == comment.body:
        return comment  # nothing changed: no "edited" mark, no event
    mentioned = await _mentioned(actor, thread, handles)
    before = [u.id for u in await comment.mentions.all()]
    fresh = set(newly_mentioned(before, [u.id for u in mentioned]))
    async with write(actor.org_id, actor.user_id) as unit:
        comment.body = text
        comment.edited_at = datetime.now(UTC)
        await comment.save(update_fields=["body", "edited_at"])
        await comment.mentions.clear()
        if mentioned:
            await comment.mentions.add(*mentioned)
        notified = await notify(
            actor.org_id,
            [u.id for u in mentioned if u.id in fresh],
            NotificationKind.MENTION,
            actor_id=actor.user_id,
            objective_id=thread.objective.id,
            task_id=thread.task.id if thread.task else None,
            comment_id=comment.id,
        )
        await _record(
            unit,
            "comment.edited",
            thread,
            comment,
            mentioned,
            mentionIds=[u.id for u in mentioned],
            notified=notified,
        )
    return comment


async def delete_comment(actor: Actor | None, comment_id: int) -> Comment:
    """Soft delete by the author or an admin; the thread shows it no more."""
    actor, comment, thread = await load_comment(actor, comment_id)
    if not can_delete_comment(actor, thread.access, comment.author_id):
        raise Forbidden()
    async with write(actor.org_id, actor.user_id) as unit:
        comment.deleted_at = datetime.now(UTC)
        await comment.save(update_fields=["deleted_at"])
        await _record(unit, "comment.deleted", thread, comment, [])
    return comment
