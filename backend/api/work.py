"""Tasks, comments with @mentions, and notifications.

Relations resolve through per-operation batch loaders (kept on the request's context), and
objectives / key results through the per-request cycle snapshot, so a list of notifications
costs a constant number of queries however long it is. Whatever hangs under an objective the
viewer can no longer see (its tasks, comments, the objective itself) resolves to null.
"""

from collections.abc import Awaitable, Callable
from datetime import date, datetime

import strawberry
from strawberry import UNSET, Private
from strawberry.dataloader import DataLoader
from tortoise.models import Model

from ..actions import comments, notifications, tasks
from ..domain.activity import Entry as ActivityItem
from ..domain.enums import NotificationKind, ObjectiveState, TaskStatus
from ..domain.errors import InvalidInput, NotFound
from ..domain.mentions import parse_mentions
from ..domain.patch import KEEP, Patch
from ..models import ActivityEvent as ActivityEventRow
from ..models import Comment as CommentRow
from ..models import Cycle as CycleRow
from ..models import Notification as NotificationRow
from ..models import Task as TaskRow
from ..read import activity
from ..read import comments as comment_reads
from ..read import notifications as notification_reads
from ..read import tasks as task_reads
from ..read.snapshot import Snapshot, load_snapshot
from .context import Context, rows_by_id
from .ids import decode, decode_any, decode_optional, encode
from .types import Info, KeyResult, Objective, User

strawberry.enum(TaskStatus)
strawberry.enum(NotificationKind)

_LOADERS = "_work_loaders"


# --- per-operation loaders ----------------------------------------------------------------


def _related_ids(
    model: type[Model], relation: str
) -> Callable[[list[int]], Awaitable[list[list[int]]]]:
    """For each key, the ids on the other side of a many-to-many relation (one query)."""

    async def load(keys: list[int]) -> list[list[int]]:
        pairs = await model.filter(id__in=keys).values_list("id", f"{relation}__id")
        found: dict[int, list[int]] = {k: [] for k in keys}
        for key, other in pairs:
            if other is not None:
                found[key].append(other)
        return [sorted(found[k]) for k in keys]

    return load


class WorkLoaders:
    def __init__(self, context: Context) -> None:
        self.context = context
        org_id = context.org_id
        self.objectives = context.objectives
        self.tasks = DataLoader(load_fn=rows_by_id(TaskRow, org_id, deleted_at=None))
        self.comments = DataLoader(load_fn=rows_by_id(CommentRow, org_id, deleted_at=None))
        self.collaborators = DataLoader(load_fn=_related_ids(TaskRow, "collaborators"))
        self.mentions = DataLoader(load_fn=_related_ids(CommentRow, "mentions"))
        # one snapshot per cycle, however many rows ask for it at once
        self.snapshots: DataLoader[int, Snapshot] = DataLoader(load_fn=self._snapshots)
        self.archived: DataLoader[int, Snapshot] = DataLoader(load_fn=self._archived)

    async def _snapshots(self, cycle_ids: list[int]) -> list[Snapshot]:
        return [await self.context.snapshot(c) for c in cycle_ids]

    async def _archived(self, cycle_ids: list[int]) -> list[Snapshot]:
        cycles = {c.id: c for c in await CycleRow.filter(id__in=cycle_ids)}
        return [
            await load_snapshot(cycles[c], self.context.actor, include_archived=True)
            for c in cycle_ids
        ]


def loaders(info: Info) -> WorkLoaders:
    state = info.context.per_operation
    if _LOADERS not in state:
        state[_LOADERS] = WorkLoaders(info.context)
    loaded: WorkLoaders = state[_LOADERS]
    return loaded


def _after_write(info: Info) -> None:
    """A mutation changed the data: later reads in this operation start afresh."""
    info.context.forget_snapshots()


async def visible_snapshot(info: Info, objective_id: int) -> Snapshot | None:
    """The snapshot holding the objective, if the viewer can see it (archived ones too)."""
    load = loaders(info)
    row = await load.objectives.load(objective_id)
    if row is None:
        return None
    snap = await load.snapshots.load(row.cycle_id)
    if objective_id not in snap.objectives and row.state == ObjectiveState.ARCHIVED:
        snap = await load.archived.load(row.cycle_id)
    return snap if objective_id in snap.objectives else None


async def _user(info: Info, user_id: int | None) -> User | None:
    if user_id is None:
        return None
    row = await info.context.users.load(user_id)
    return User.of(row) if row else None


async def _users(info: Info, ids: list[int]) -> list[User]:
    rows = await info.context.users.load_many(ids)
    return [User.of(r) for r in rows if r is not None]


# --- types --------------------------------------------------------------------------------


@strawberry.type
class Task:
    id: strawberry.ID
    title: str
    description: str
    status: TaskStatus
    due_date: date | None
    position: int = strawberry.field(description="Manual order among its siblings (0 first).")
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None = strawberry.field(
        description="Set on a deleted task (listed only to those who may restore it)."
    )
    row: Private[TaskRow]

    @classmethod
    def of(cls, row: TaskRow) -> "Task":
        return cls(
            id=strawberry.ID(encode("Task", row.id)),
            title=row.title,
            description=row.description,
            status=row.status,
            due_date=row.due_date,
            position=row.position,
            created_at=row.created_at,
            updated_at=row.updated_at,
            deleted_at=row.deleted_at,
            row=row,
        )

    @strawberry.field(description="Comments on the task.")
    async def comment_count(self, info: Info) -> int:
        return await info.context.comment_counts("Task").load(self.row.id)

    @strawberry.field
    async def assignee(self, info: Info) -> User | None:
        return await _user(info, self.row.assignee_id)

    @strawberry.field
    async def creator(self, info: Info) -> User | None:
        return await _user(info, self.row.creator_id)

    @strawberry.field
    async def collaborators(self, info: Info) -> list[User]:
        return await _users(info, await loaders(info).collaborators.load(self.row.id))

    @strawberry.field
    async def key_result(self, info: Info) -> KeyResult | None:
        if self.row.key_result_id is None:
            return None
        snap = await visible_snapshot(info, self.row.objective_id)
        kr = snap.key_results.get(self.row.key_result_id) if snap else None
        return KeyResult.of(kr, snap) if kr and snap else None

    @strawberry.field
    async def objective(self, info: Info) -> Objective:
        snap = await visible_snapshot(info, self.row.objective_id)
        if snap is None:
            raise NotFound()
        return Objective.of(snap.objectives[self.row.objective_id], snap)


@strawberry.type
class Comment:
    id: strawberry.ID
    target_id: strawberry.ID = strawberry.field(description="The task, key result or objective.")
    body: str = strawberry.field(description="Plain text as typed: render as text, not HTML.")
    created_at: datetime
    edited_at: datetime | None
    edited: bool = strawberry.field(description="Changed by its author after posting.")
    row: Private[CommentRow]

    @classmethod
    def of(cls, row: CommentRow) -> "Comment":
        return cls(
            id=strawberry.ID(encode("Comment", row.id)),
            target_id=strawberry.ID(encode(*comment_reads.target_of(row))),
            body=row.body,
            created_at=row.created_at,
            edited_at=row.edited_at,
            edited=row.edited_at is not None,
            row=row,
        )

    @strawberry.field
    async def author(self, info: Info) -> User:
        user = await _user(info, self.row.author_id)
        if user is None:
            raise NotFound()
        return user

    @strawberry.field(description="The people mentioned and notified, in order of mention.")
    async def mentions(self, info: Info) -> list[User]:
        users = await _users(info, await loaders(info).mentions.load(self.row.id))
        order = {handle: i for i, handle in enumerate(parse_mentions(self.row.body))}
        return sorted(users, key=lambda u: order.get(u.handle.lower(), len(order)))


@strawberry.type
class Notification:
    id: strawberry.ID
    kind: NotificationKind
    read: bool
    count: int = strawberry.field(
        description="How many events this one stands for: a burst about one item is grouped "
        "(createdAt and actor are the latest's)."
    )
    created_at: datetime
    row: Private[NotificationRow]

    @classmethod
    def of(cls, row: NotificationRow) -> "Notification":
        return cls(
            id=strawberry.ID(encode("Notification", row.id)),
            kind=row.kind,
            read=row.read_at is not None,
            count=row.count,
            created_at=row.created_at,
            row=row,
        )

    @strawberry.field
    async def actor(self, info: Info) -> User | None:
        return await _user(info, self.row.actor_id)

    @strawberry.field
    async def objective(self, info: Info) -> Objective | None:
        objective_id = self.row.objective_id
        snap = await visible_snapshot(info, objective_id) if objective_id else None
        return Objective.of(snap.objectives[objective_id], snap) if snap and objective_id else None

    @strawberry.field
    async def task(self, info: Info) -> Task | None:
        if self.row.task_id is None:
            return None
        row = await loaders(info).tasks.load(self.row.task_id)
        if row is None or await visible_snapshot(info, row.objective_id) is None:
            return None
        return Task.of(row)

    @strawberry.field
    async def comment(self, info: Info) -> Comment | None:
        if self.row.comment_id is None:
            return None
        row = await loaders(info).comments.load(self.row.comment_id)
        if row is None or await visible_snapshot(info, row.objective_id) is None:
            return None
        return Comment.of(row)


@strawberry.type
class ActivityEntry:
    """One change in an objective's activity feed: who changed what, when."""

    seq: int
    kind: str = strawberry.field(description="e.g. task.changed, comment.added, objective.changed")
    at: datetime
    subject: str | None = strawberry.field(description="The title of what changed.")
    changed: list[str] = strawberry.field(description="The fields changed, when recorded.")
    detail: str | None = strawberry.field(
        description="A task's status, a comment's excerpt or a check-in's note."
    )
    value: float | None = strawberry.field(description="A check-in's value.")
    task_id: strawberry.ID | None
    key_result_id: strawberry.ID | None
    comment_id: strawberry.ID | None
    progress: float | None = strawberry.field(
        description="The objective's progress right after the change, when it moved."
    )
    actor_id: Private[int | None]

    @classmethod
    def of(cls, row: ActivityEventRow, entry: ActivityItem) -> "ActivityEntry":
        def gid(type_name: str, pk: int | None) -> strawberry.ID | None:
            return strawberry.ID(encode(type_name, pk)) if pk is not None else None

        return cls(
            seq=row.seq,
            kind=row.kind,
            at=row.created_at,
            subject=entry.subject,
            changed=list(entry.changed),
            detail=entry.detail,
            value=entry.value,
            task_id=gid("Task", entry.task_id),
            key_result_id=gid("KeyResult", entry.key_result_id),
            comment_id=gid("Comment", entry.comment_id),
            progress=entry.progress,
            actor_id=row.actor_id,
        )

    @strawberry.field
    async def actor(self, info: Info) -> User | None:
        return await _user(info, self.actor_id)


# --- inputs -------------------------------------------------------------------------------


@strawberry.input
class CreateTaskInput:
    title: str
    key_result_id: strawberry.ID | None = None
    objective_id: strawberry.ID | None = None
    description: str | None = None
    assignee_id: strawberry.ID | None = None
    due_date: date | None = None
    collaborator_ids: list[strawberry.ID] | None = None


@strawberry.input
class UpdateTaskInput:
    """Fields left out stay as they are; null clears (a status or title cannot be cleared)."""

    status: TaskStatus | None = UNSET
    title: str | None = UNSET
    description: str | None = UNSET
    assignee_id: strawberry.ID | None = UNSET
    due_date: date | None = UNSET
    collaborator_ids: list[strawberry.ID] | None = UNSET
    position: int | None = strawberry.field(
        default=UNSET,
        description="Move among its siblings: 0-based, past the end = last (as moveTask).",
    )


@strawberry.input
class AddCommentInput:
    target_id: strawberry.ID = strawberry.field(description="A task, key result or objective.")
    body: str


def _user_ids(values: list[strawberry.ID] | None, field: str) -> list[int]:
    return [decode(v, "User", field) for v in values or []]


def _task_patch(data: UpdateTaskInput) -> tasks.TaskPatch:
    def given(value: object) -> bool:
        return value is not UNSET

    status: Patch[TaskStatus] = KEEP if data.status in (UNSET, None) else data.status
    assignee: Patch[int | None] = (
        decode_optional(data.assignee_id, "User", "assigneeId") if given(data.assignee_id) else KEEP
    )
    return tasks.TaskPatch(
        title=data.title if given(data.title) else KEEP,
        description=data.description if given(data.description) else KEEP,
        status=status,
        assignee_id=assignee,
        due_date=data.due_date if given(data.due_date) else KEEP,
        collaborator_ids=(
            _user_ids(data.collaborator_ids, "collaboratorIds")
            if given(data.collaborator_ids)
            else KEEP
        ),
        position=data.position if given(data.position) and data.position is not None else KEEP,
    )


def _target(value: strawberry.ID, allowed: tuple[str, ...]) -> tuple[str, int]:
    type_name, pk = decode_any(value, "targetId")
    if type_name not in allowed:
        raise InvalidInput("targetId", "input.invalid_id")
    return type_name, pk


# --- operations ---------------------------------------------------------------------------


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
        type_name, pk = _target(target_id, ("KeyResult", "Objective"))
        kr_id = pk if type_name == "KeyResult" else None
        objective_id = pk if type_name == "Objective" else None
        rows = await task_reads.list_tasks(
            info.context.actor, kr_id, objective_id, bool(include_deleted)
        )
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
        type_name, pk = _target(target_id, comment_reads.TARGET_TYPES)
        rows = await comment_reads.list_comments(info.context.actor, type_name, pk, first)
        return [Comment.of(r) for r in rows]


@strawberry.type
class WorkMutation:
    @strawberry.mutation
    async def create_task(self, info: Info, input: CreateTaskInput) -> Task:
        data = tasks.TaskInput(
            key_result_id=decode_optional(input.key_result_id, "KeyResult", "keyResultId"),
            objective_id=decode_optional(input.objective_id, "Objective", "objectiveId"),
            title=input.title,
            description=input.description,
            assignee_id=decode_optional(input.assignee_id, "User", "assigneeId"),
            due_date=input.due_date,
            collaborator_ids=_user_ids(input.collaborator_ids, "collaboratorIds"),
        )
        row = await tasks.create_task(info.context.actor, data)
        _after_write(info)
        return Task.of(row)

    @strawberry.mutation
    async def update_task(self, info: Info, id: strawberry.ID, input: UpdateTaskInput) -> Task:
        pk = decode(id, "Task", "id")
        row = await tasks.update_task(info.context.actor, pk, _task_patch(input))
        _after_write(info)
        return Task.of(row)

    @strawberry.mutation
    async def move_task(self, info: Info, id: strawberry.ID, position: int) -> Task:
        """Reorders a task among its siblings: 0-based, past the end puts it last."""
        pk = decode(id, "Task", "id")
        row = await tasks.move_task(info.context.actor, pk, position)
        _after_write(info)
        return Task.of(row)

    @strawberry.mutation
    async def delete_task(self, info: Info, id: strawberry.ID) -> Task:
        """Soft delete (by anyone who may edit it); its author or an admin may restore it."""
        row = await tasks.delete_task(info.context.actor, decode(id, "Task", "id"))
        _after_write(info)
        return Task.of(row)

    @strawberry.mutation
    async def restore_task(self, info: Info, id: strawberry.ID) -> Task:
        row = await tasks.restore_task(info.context.actor, decode(id, "Task", "id"))
        _after_write(info)
        return Task.of(row)

    @strawberry.mutation
    async def add_comment(self, info: Info, input: AddCommentInput) -> Comment:
        type_name, pk = _target(input.target_id, comment_reads.TARGET_TYPES)
        row = await comments.add_comment(info.context.actor, type_name, pk, input.body)
        _after_write(info)
        return Comment.of(row)

    @strawberry.mutation
    async def edit_comment(self, info: Info, id: strawberry.ID, body: str) -> Comment:
        """The author rewrites a comment (marked edited; new mentions are notified)."""
        pk = decode(id, "Comment", "id")
        row = await comments.edit_comment(info.context.actor, pk, body)
        _after_write(info)
        return Comment.of(row)

    @strawberry.mutation
    async def delete_comment(self, info: Info, id: strawberry.ID) -> strawberry.ID:
        """By its author or an admin; returns the deleted comment's id."""
        row = await comments.delete_comment(info.context.actor, decode(id, "Comment", "id"))
        _after_write(info)
        return strawberry.ID(encode("Comment", row.id))

    @strawberry.mutation
    async def update_notification_settings(self, info: Info, muted: list[NotificationKind]) -> User:
        """The kinds of notification the viewer does not want (replaces the list)."""
        row = await notifications.update_muted(info.context.actor, muted)
        return User.of(row)

    @strawberry.mutation
    async def mark_notifications_read(
        self, info: Info, ids: list[strawberry.ID] | None = None
    ) -> int:
        """Marks the viewer's notifications read (no ids = all); returns how many changed."""
        pks = None if ids is None else [decode(i, "Notification", "ids") for i in ids]
        return await notifications.mark_read(info.context.actor, pks)


__all__ = [
    "ActivityEntry",
    "AddCommentInput",
    "Comment",
    "CreateTaskInput",
    "Notification",
    "Task",
    "UpdateTaskInput",
    "WorkMutation",
    "WorkQuery",
]
