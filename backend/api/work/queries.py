"""Notifications, tasks, an objective's activity feed and comment threads."""

import strawberry

from ...domain.errors import InvalidInput, NotFound
from ...domain.validation import LIMITS
from ...read import activity
from ...read import comments as comment_reads
from ...read import notifications as notification_reads
from ...read import people as people_reads
from ...read import tasks as task_reads
from ...read.cycles import get_cycle
from ..context import Info
from ..ids import decode
from .inputs import decode_target
from .types import ActivityEntry, Comment, Notification, Task, TypedMention


@strawberry.type
class WorkQuery:
    @strawberry.field
    async def notifications(
        self, info: Info, unread_only: bool | None = False, first: int | None = None
    ) -> list[Notification]:
        """The viewer's notifications, newest first (`first` ≤ 100, default 50)."""
        rows = await notification_reads.list_notifications(
            info.context.actor, bool(unread_only), first
        )
        return [Notification.of(r) for r in rows]

    @strawberry.field(
        description="The @mentions of a comment being written, as sending it "
        "would resolve them: one naming nobody or several people can be marked before sending."
    )
    async def mentions_in(self, info: Info, text: str) -> list[TypedMention]:
        if info.context.actor is None:
            return []
        if len(text) > LIMITS["comment"]:
            raise InvalidInput("text", "input.too_long", max=LIMITS["comment"])
        found = await people_reads.mentions_in(info.context.actor, text)
        return [TypedMention(text=text[m.start : m.end], row=m) for m in found]

    @strawberry.field
    async def task(self, info: Info, id: strawberry.ID) -> Task | None:
        if info.context.actor is None:
            return None
        try:
            return Task.of(await task_reads.get_task(info.context.actor, decode(id, "Task", "id")))
        except (NotFound, InvalidInput):
            return None

    @strawberry.field
    async def tasks(
        self, info: Info, target_id: strawberry.ID, include_deleted: bool | None = False
    ) -> list[Task]:
        """A key result's tasks, or all of an objective's (its own and its key results'), in
        their manual order. `includeDeleted` adds the deleted ones the viewer may restore."""
        type_name, pk = decode_target(target_id, ("KeyResult", "Objective"))
        kr_id = pk if type_name == "KeyResult" else None
        objective_id = pk if type_name == "Objective" else None
        rows = await task_reads.list_tasks(
            info.context.actor, kr_id, objective_id, bool(include_deleted)
        )
        return [Task.of(r) for r in rows]

    @strawberry.field
    async def assigned_tasks(self, info: Info, cycle_id: strawberry.ID) -> list[Task]:
        """The viewer's open and done tasks in the cycle ("My OKRs"), under objectives they
        can see, by due date."""
        if info.context.actor is None:
            return []
        cycle = await get_cycle(info.context.org_id, decode(cycle_id, "Cycle", "cycleId"))
        snap = await info.context.snapshot(cycle)
        rows = await task_reads.assigned_tasks(snap, info.context.actor.user_id)
        return [Task.of(r) for r in rows]

    @strawberry.field
    async def activity(
        self, info: Info, objective_id: strawberry.ID, first: int | None = 30
    ) -> list[ActivityEntry]:
        """An objective's activity feed, newest first (`first` ≤ 100, default 30)."""
        pk = decode(objective_id, "Objective", "objectiveId")
        entries = await activity.objective_activity(info.context.actor, pk, first)
        return [ActivityEntry.of(row, entry) for row, entry in entries]

    @strawberry.field
    async def comments(
        self, info: Info, target_id: strawberry.ID, first: int | None = None
    ) -> list[Comment]:
        """The target's latest comments (`first` ≤ 500, default 100), oldest first."""
        type_name, pk = decode_target(target_id, comment_reads.TARGET_TYPES)
        rows = await comment_reads.list_comments(info.context.actor, type_name, pk, first)
        return [Comment.of(r) for r in rows]
