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

from datetime import UTC, datetime
from typing import Any

from ..domain.enums import NotificationKind
from ..domain.errors import Forbidden, InvalidInput
from ..domain.mentions import find_mentions, parse_mentions, stored_body
from ..domain.notify import newly_mentioned
from ..domain.policy import Actor, can_delete_comment, can_edit_comment
from ..domain.validation import LIMITS, validate_client_id, validate_text
from ..events.kinds import CommentPayload, EventKind, Notified
from ..events.payloads import comment_summary
from ..events.unit import Unit, write
from ..models import Comment, User
from ..read.comments import live_comment, thread
from ..read.people import mention_directory
from ..read.reach import Reach
from .notifications import notify
from .resent import once, sent_before

MAX_MENTIONS = 50


async def _mentioned(target: Reach, handles: list[str]) -> list[User]:
    """The mentioned people to notify, in order: active, same organization, able to see the
    objective, and not the author."""
    if not handles:
        return []
    users = await User.filter(organization_id=target.actor.org_id, handle__in=handles)
    by_handle = {u.handle.lower(): u.id for u in users}
    found = [by_handle[h] for h in handles if h in by_handle]
    return [u for u in await target.people_who_see(found) if u.id != target.actor.user_id]


async def _watchers(target: Reach, skip: set[int]) -> list[int]:
    """Who hears of a comment on something they own or work on: the objective's owner, the
    key result's owner for a comment on it, for a comment on a task its assignee, creator
    and collaborators — and whoever wrote in the thread before (the COMMENT kind, which
    each person may mute)."""
    task = target.task
    candidates = [target.objective.owner_id]
    candidates += await _earlier_participants(target)
    if task is None and target.kr_owner_id is not None:
        candidates.append(target.kr_owner_id)
    if task is not None:
        if task.assignee_id is not None:
            candidates.append(task.assignee_id)
        candidates.append(task.creator_id)
        candidates.extend(sorted(u.id for u in await task.collaborators.all()))
    wanted = [c for c in dict.fromkeys(candidates) if c != target.actor.user_id and c not in skip]
    return [u.id for u in await target.people_who_see(wanted)]


async def _earlier_participants(target: Reach) -> list[int]:
    """The authors of a thread's comments so far, first to speak first."""
    where: dict[str, Any] = {"objective_id": target.objective.id, "deleted_at__isnull": True}
    if target.task is not None:
        where["task_id"] = target.task.id
    else:
        where.update(
            task_id=None, key_result_id=target.key_result.id if target.key_result else None
        )
    rows = await Comment.filter(**where).order_by("id").values("author_id")
    return list(dict.fromkeys(int(r["author_id"]) for r in rows))


async def _body(org_id: int, body: str | None) -> tuple[str, list[str]]:
    """The text to store — as typed, outer whitespace trimmed, each mention of one person
    written "@handle" however it was typed (a name, a handle, the start of one); rendered as
    text by clients, never as HTML — and the handles it mentions."""
    text = validate_text(body, "body", max_len=LIMITS["comment"], required=True) or ""
    if "@" in text or "＠" in text:
        text = stored_body(text, find_mentions(text, await mention_directory(org_id)))
    handles = parse_mentions(text)
    if len(handles) > MAX_MENTIONS:
        raise InvalidInput("body", "comment.too_many_mentions", max=MAX_MENTIONS)
    return text, handles


async def _record(
    unit: Unit,
    kind: EventKind,
    target: Reach,
    comment: Comment,
    mentions: list[User],
    notified: list[Notified] | None = None,
) -> None:
    payload: CommentPayload = {
        "commentId": comment.id,
        "taskId": target.task.id if target.task else None,
        "targetType": target.target[0],
        "comment": await comment_summary(comment, mentions),
    }
    if notified is not None:
        payload["mentionIds"] = [u.id for u in mentions]
        payload["notified"] = notified
    await unit.record(
        kind,
        payload,
        cycle_id=target.objective.cycle_id,
        objective_id=target.objective.id,
        key_result_id=target.key_result.id if target.key_result else None,
    )


async def add_comment(
    actor: Actor | None,
    target_type: str,
    target_id: int,
    body: str | None,
    client_id: str | None = None,
) -> Comment:
    """`client_id`: sent again with it (a retry), the comment written the first time."""
    validate_client_id(client_id)
    target = await thread(actor, target_type, target_id)
    where = {
        "objective_id": target.objective.id,
        "key_result_id": target.key_result.id if target.key_result else None,
        "task_id": target.task.id if target.task else None,
    }
    author = {"author_id": target.actor.user_id}
    return await once(
        lambda: sent_before(Comment, author, client_id, where, "work.client_id_reused"),
        lambda: _write_comment(target, body, client_id),
    )


async def _write_comment(target: Reach, body: str | None, client_id: str | None) -> Comment:
    actor = target.actor
    text, handles = await _body(actor.org_id, body)
    mentioned = await _mentioned(target, handles)
    watchers = await _watchers(target, {u.id for u in mentioned})
    key_result_id = target.key_result.id if target.key_result else None
    task_id = target.task.id if target.task else None
    async with write(actor.org_id, actor.user_id) as unit:
        comment = await Comment.create(
            organization_id=actor.org_id,
            objective_id=target.objective.id,
            key_result_id=key_result_id,
            task_id=task_id,
            author_id=actor.user_id,
            body=text,
            client_id=client_id,
        )
        if mentioned:
            await comment.mentions.add(*mentioned)
        common: dict[str, Any] = {
            "actor_id": actor.user_id,
            "objective_id": target.objective.id,
            "task_id": task_id,
            "comment_id": comment.id,
        }
        notified = await notify(
            actor.org_id, [u.id for u in mentioned], NotificationKind.MENTION, **common
        )
        notified += await notify(actor.org_id, watchers, NotificationKind.COMMENT, **common)
        await _record(
            unit,
            EventKind.COMMENT_ADDED,
            target,
            comment,
            mentioned,
            notified,
        )
    return comment


async def edit_comment(actor: Actor | None, comment_id: int, body: str | None) -> Comment:
    """The author rewrites a comment: it is marked edited, its mentions are resolved again,
    and only the people newly mentioned are notified."""
    comment, target = await live_comment(actor, comment_id)
    actor = target.actor
    if not can_edit_comment(actor, target.access, comment.author_id):
        raise Forbidden()
    text, handles = await _body(actor.org_id, body)
    if text == comment.body:
        return comment  # nothing changed: no "edited" mark, no event
    mentioned = await _mentioned(target, handles)
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
            objective_id=target.objective.id,
            task_id=target.task.id if target.task else None,
            comment_id=comment.id,
        )
        await _record(
            unit,
            EventKind.COMMENT_EDITED,
            target,
            comment,
            mentioned,
            notified,
        )
    return comment


async def delete_comment(actor: Actor | None, comment_id: int) -> Comment:
    """Soft delete by the author or an admin; the thread shows it no more."""
    comment, target = await live_comment(actor, comment_id)
    actor = target.actor
    if not can_delete_comment(actor, target.access, comment.author_id):
        raise Forbidden()
    async with write(actor.org_id, actor.user_id) as unit:
        comment.deleted_at = datetime.now(UTC)
        await comment.save(update_fields=["deleted_at"])
        await _record(unit, EventKind.COMMENT_DELETED, target, comment, [])
    return comment
