"""Tasks, comments, notifications and activity entries. Whatever hangs under an objective
the viewer can no longer see (its tasks, comments, the objective itself) resolves to null."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Private

from ...domain.enums import NotificationKind, TaskStatus
from ...domain.errors import NotFound
from ...domain.mentions import Mention, parse_mentions
from ...domain.policy import ViewerCan as ViewerCanFlags
from ...events.summary import Entry as ActivityItem
from ...models import ActivityEvent as ActivityEventRow
from ...models import Comment as CommentRow
from ...models import Notification as NotificationRow
from ...models import Task as TaskRow
from ...read import comments as comment_reads
from ...read.can import task_can
from ..context import Info
from ..cycle.loaders import like_count, liked_by_viewer
from ..enums import CyclePhase
from ..ids import encode
from ..okr.types import Cycle, KeyResult, Objective, ViewerCan
from ..org.types import User
from ..reach.types import NoticeFields
from .loaders import loaders, user_of, users_of, visible_snapshot

if TYPE_CHECKING:
    from ..meeting.types import Meeting


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
        return await user_of(info, self.row.assignee_id)

    @strawberry.field
    async def creator(self, info: Info) -> User | None:
        return await user_of(info, self.row.creator_id)

    @strawberry.field
    async def collaborators(self, info: Info) -> list[User]:
        return await users_of(info, await loaders(info).collaborators.load(self.row.id))

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

    @strawberry.field(
        description="edit (updateTask, moveTask) and archive (deleteTask); comment. A task takes "
        "no check-in or score and holds no tasks."
    )
    async def viewer_can(self, info: Info) -> ViewerCan:
        snap = await visible_snapshot(info, self.row.objective_id)
        if snap is None:
            return ViewerCan.of(ViewerCanFlags())
        collaborators = frozenset(await loaders(info).collaborators.load(self.row.id))
        return ViewerCan.of(task_can(info.context.actor, snap, self.row, collaborators))

    @strawberry.field(
        description="An action item: the meeting that decided it (if you may see it)."
    )
    async def meeting(
        self, info: Info
    ) -> Annotated["Meeting", strawberry.lazy("..meeting.types")] | None:
        from ..meeting.types import meeting_of  # the meeting area builds on this one

        return await meeting_of(info, self.row.meeting_id)


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
        user = await user_of(info, self.row.author_id)
        if user is None:
            raise NotFound()
        return user

    @strawberry.field(description="The people mentioned and notified, in order of mention.")
    async def mentions(self, info: Info) -> list[User]:
        users = await users_of(info, await loaders(info).mentions.load(self.row.id))
        order = {handle: i for i, handle in enumerate(parse_mentions(self.row.body))}
        return sorted(users, key=lambda u: order.get(u.handle.lower(), len(order)))

    @strawberry.field
    async def like_count(self, info: Info) -> int:
        return await like_count(info, "Comment", self.row.id)

    @strawberry.field
    async def liked_by_viewer(self, info: Info) -> bool:
        return await liked_by_viewer(info, "Comment", self.row.id)


@strawberry.type(description="An @mention in a text being written, resolved as sending would.")
class TypedMention:
    text: str = strawberry.field(description='As typed, "@" included.')
    row: Private[Mention]

    @strawberry.field(description="Whom it names; null when it names nobody or several people.")
    async def person(self, info: Info) -> User | None:
        return await user_of(info, self.row.person.id) if self.row.person else None

    @strawberry.field(description="Whom it could mean when ambiguous (empty: nobody).")
    async def candidates(self, info: Info) -> list[User]:
        return await users_of(info, [p.id for p in self.row.candidates])


@strawberry.type
class Notification(NoticeFields):
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
        return await user_of(info, self.row.actor_id)

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

    @strawberry.field(description="The cycle a PHASE notification is about.")
    async def cycle(self, info: Info) -> Cycle | None:
        if self.row.cycle_id is None:
            return None
        row = await loaders(info).cycles.load(self.row.cycle_id)
        return Cycle.of(row) if row else None

    @strawberry.field(description="PHASE: the phase the cycle moved to.")
    def phase(self) -> CyclePhase | None:  # type: ignore[valid-type]
        return self._detail("phase")

    @strawberry.field(description="PHASE: the phase it left.")
    def previous_phase(self) -> CyclePhase | None:  # type: ignore[valid-type]
        return self._detail("previous")

    @strawberry.field(description="PHASE: why it moved (always given for a step back).")
    def reason(self) -> str | None:
        return self._detail("reason")

    def _detail(self, key: str) -> str | None:
        value = (self.row.detail or {}).get(key)
        return value if isinstance(value, str) and value else None


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
        return await user_of(info, self.actor_id)
