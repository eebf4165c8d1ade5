"""Tasks, comments and the viewer's notifications: each calls one action."""

import strawberry

from ...actions import comments, notifications, tasks
from ...domain.enums import NotificationKind
from ...read import comments as comment_reads
from ..context import Info
from ..ids import decode, decode_optional, encode
from ..org.types import User
from .inputs import (
    AddCommentInput,
    CreateTaskInput,
    UpdateTaskInput,
    decode_target,
    task_patch,
    user_ids,
)
from .loaders import after_write
from .types import Comment, Task


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
            collaborator_ids=user_ids(input.collaborator_ids, "collaboratorIds"),
            client_id=input.client_id,
        )
        row = await tasks.create_task(info.context.actor, data)
        after_write(info)
        return Task.of(row)

    @strawberry.mutation
    async def update_task(self, info: Info, id: strawberry.ID, input: UpdateTaskInput) -> Task:
        pk = decode(id, "Task", "id")
        row = await tasks.update_task(info.context.actor, pk, task_patch(input))
        after_write(info)
        return Task.of(row)

    @strawberry.mutation
    async def move_task(self, info: Info, id: strawberry.ID, position: int) -> Task:
        """Reorders a task among its siblings: 0-based, past the end puts it last."""
        pk = decode(id, "Task", "id")
        row = await tasks.move_task(info.context.actor, pk, position)
        after_write(info)
        return Task.of(row)

    @strawberry.mutation
    async def delete_task(self, info: Info, id: strawberry.ID) -> Task:
        """Soft delete (by anyone who may edit it); its author or an admin may restore it."""
        row = await tasks.delete_task(info.context.actor, decode(id, "Task", "id"))
        after_write(info)
        return Task.of(row)

    @strawberry.mutation
    async def restore_task(self, info: Info, id: strawberry.ID) -> Task:
        row = await tasks.restore_task(info.context.actor, decode(id, "Task", "id"))
        after_write(info)
        return Task.of(row)

    @strawberry.mutation
    async def add_comment(self, info: Info, input: AddCommentInput) -> Comment:
        type_name, pk = decode_target(input.target_id, comment_reads.TARGET_TYPES)
        actor = info.context.actor
        row = await comments.add_comment(actor, type_name, pk, input.body, input.client_id)
        after_write(info)
        return Comment.of(row)

    @strawberry.mutation
    async def edit_comment(self, info: Info, id: strawberry.ID, body: str) -> Comment:
        """The author rewrites a comment (marked edited; new mentions are notified)."""
        pk = decode(id, "Comment", "id")
        row = await comments.edit_comment(info.context.actor, pk, body)
        after_write(info)
        return Comment.of(row)

    @strawberry.mutation
    async def delete_comment(self, info: Info, id: strawberry.ID) -> strawberry.ID:
        """By its author or an admin; returns the deleted comment's id."""
        row = await comments.delete_comment(info.context.actor, decode(id, "Comment", "id"))
        after_write(info)
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
