"""What the work mutations take, converted to the actions' inputs."""

from datetime import date

import strawberry
from strawberry import UNSET

from ...actions import tasks
from ...domain.enums import TaskStatus
from ...domain.errors import InvalidInput
from ...domain.patch import KEEP, Patch
from ..ids import decode, decode_any, decode_optional


@strawberry.input
class CreateTaskInput:
    title: str
    key_result_id: strawberry.ID | None = None
    objective_id: strawberry.ID | None = None
    description: str | None = None
    assignee_id: strawberry.ID | None = None
    due_date: date | None = None
    collaborator_ids: list[strawberry.ID] | None = None
    client_id: str | None = strawberry.field(
        default=None,
        description="An id the client picks for this task: sending it again (a retry) writes "
        "nothing new and answers with the task written the first time.",
    )


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
    client_id: str | None = strawberry.field(
        default=None,
        description="An id the client picks for this comment: sending it again (a retry) writes "
        "nothing new and answers with the comment written the first time.",
    )


def user_ids(values: list[strawberry.ID] | None, field: str) -> list[int]:
    return [decode(v, "User", field) for v in values or []]


def task_patch(data: UpdateTaskInput) -> tasks.TaskPatch:
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
            user_ids(data.collaborator_ids, "collaboratorIds")
            if given(data.collaborator_ids)
            else KEEP
        ),
        position=data.position if given(data.position) and data.position is not None else KEEP,
    )


def decode_target(value: strawberry.ID, allowed: tuple[str, ...]) -> tuple[str, int]:
    type_name, pk = decode_any(value, "targetId")
    if type_name not in allowed:
        raise InvalidInput("targetId", "input.invalid_id")
    return type_name, pk
