"""Tasks under a key result (or directly under an objective): create, edit, assign.

A task is seen by whoever can see its objective. It is created by those who can edit the
objective or own the key result, and edited by its creator, assignee and collaborators and
by the objective's editors. A task-driven key result (progressSource TASKS) moves with its
tasks, so those events carry the new numbers.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..domain.enums import NotificationKind, ObjectiveState, ProgressSource, TaskStatus
from ..domain.errors import Forbidden, InvalidInput, NotFound
from ..domain.policy import Actor, ObjectiveAccess, can_edit_objective, can_view_objective
from ..domain.validation import LIMITS, validate_text
from ..models import KeyResult, Objective, Task, User
from .directory import Directory, load_directory
from .lookup import get_in_org, require_actor
from .notifications import notify
from .numbers import numbers_after_change
from .patch import KEEP, Patch
from .unit import Unit, write

MAX_COLLABORATORS = 20
MAX_LISTED = 500
# model attribute -> the input field's name, for the "changed" list of task.changed events
_FIELD_NAMES = {
    "title": "title",
    "description": "description",
    "status": "status",
    "due_date": "dueDate",
    "assignee_id": "assigneeId",
}


@dataclass
class TaskInput:
    key_result_id: int | None = None
    objective_id: int | None = None
    title: str | None = None
    description: str | None = None
    assignee_id: int | None = None
    due_date: date | None = None
    collaborator_ids: list[int] = field(default_factory=list)


@dataclass
class TaskPatch:
    title: Patch[str | None] = KEEP
    description: Patch[str | None] = KEEP
    status: Patch[TaskStatus] = KEEP
    assignee_id: Patch[int | None] = KEEP
    due_date: Patch[date | None] = KEEP
    collaborator_ids: Patch[list[int] | None] = KEEP


@dataclass(frozen=True)
class Scope:
    """What a task hangs under, and who may see it."""

    objective: Objective
    key_result: KeyResult | None
    directory: Directory
    access: ObjectiveAccess


# --- policy (pure; composed from the objective rules) -------------------------------------


def may_create_task(actor: Actor, access: ObjectiveAccess, kr_owner_id: int | None) -> bool:
    if not can_view_objective(actor, access):
        return False
    return can_edit_objective(actor, access) or (
        kr_owner_id is not None and actor.user_id == kr_owner_id
    )


def may_edit_task(
    actor: Actor, access: ObjectiveAccess, task: Task, collaborator_ids: set[int]
) -> bool:
    if not can_view_objective(actor, access):
        return False
    involved = {task.creator_id, task.assignee_id, *collaborator_ids}
    return actor.user_id in involved or can_edit_objective(actor, access)


# --- loading ------------------------------------------------------------------------------


async def _scope(actor: Actor, objective: Objective, kr: KeyResult | None) -> Scope:
    directory = await load_directory(actor.org_id)
    access = directory.access(objective)
    if not can_view_objective(actor, access):
        raise NotFound()  # an id probe learns nothing about objectives it cannot see
    return Scope(objective, kr, directory, access)


async def load_target(actor: Actor, key_result_id: int | None, objective_id: int | None) -> Scope:
    """The key result or objective tasks are listed or created under."""
    if key_result_id is not None:
        kr = await get_in_org(KeyResult, key_result_id, actor.org_id)
        return await _scope(actor, await Objective.get(id=kr.objective_id), kr)
    if objective_id is not None:
        return await _scope(actor, await get_in_org(Objective, objective_id, actor.org_id), None)
    raise InvalidInput("keyResultId", "task.one_target")


async def load_task(actor: Actor | None, task_id: int) -> tuple[Actor, Task, Scope]:
    actor = require_actor(actor)
    task = await Task.get_or_none(id=task_id, organization_id=actor.org_id, deleted_at=None)
    if task is None:
        raise NotFound()
    objective = await Objective.get(id=task.objective_id)
    kr = await KeyResult.get(id=task.key_result_id) if task.key_result_id is not None else None
    return actor, task, await _scope(actor, objective, kr)


async def get_task(actor: Actor | None, task_id: int) -> Task:
    return (await load_task(actor, task_id))[1]


async def list_tasks(
    actor: Actor | None, key_result_id: int | None, objective_id: int | None
) -> list[Task]:
    """A key result's tasks, or all of an objective's (its own and its key results')."""
    actor = require_actor(actor)
    scope = await load_target(actor, key_result_id, objective_id)
    query = Task.filter(objective_id=scope.objective.id, deleted_at=None)
    if scope.key_result is not None:
        query = query.filter(key_result_id=scope.key_result.id)
    return await query.order_by("position", "id").limit(MAX_LISTED)


# --- people on a task ---------------------------------------------------------------------


async def _people(actor: Actor, scope: Scope, ids: list[int], field: str) -> list[User]:
    """Active people of the organization who can see the objective, in the order given."""
    unique = list(dict.fromkeys(ids))
    users = {
        u.id: u
        for u in await User.filter(id__in=unique, organization_id=actor.org_id, is_active=True)
    }
    for user_id in unique:
        user = users.get(user_id)
        if user is None:
            raise InvalidInput(field, "work.unknown_person")
        if not can_view_objective(scope.directory.actor(user), scope.access):
            raise InvalidInput(field, "work.cannot_view")
    return [users[u] for u in unique]


async def _assignee(actor: Actor, scope: Scope, assignee_id: int | None) -> int | None:
    if assignee_id is None:
        return None
    return (await _people(actor, scope, [assignee_id], "assigneeId"))[0].id


async def _collaborators(actor: Actor, scope: Scope, ids: list[int]) -> list[User]:
    unique = list(dict.fromkeys(ids))
    if len(unique) > MAX_COLLABORATORS:
        raise InvalidInput("collaboratorIds", "work.too_many", max=MAX_COLLABORATORS)
    return await _people(actor, scope, unique, "collaboratorIds")


def _title(value: str | None) -> str:
    return validate_text(value, "title", max_len=LIMITS["title"], required=True) or ""


def _description(value: str | None) -> str:
    return validate_text(value, "description", max_len=LIMITS["description"]) or ""


# --- writing ------------------------------------------------------------------------------


async def _notify_assignee(actor: Actor, task: Task) -> list[dict[str, int]]:
    if task.assignee_id is None or task.assignee_id == actor.user_id:
        return []
    return await notify(
        actor.org_id,
        [task.assignee_id],
        NotificationKind.ASSIGNMENT,
        actor_id=actor.user_id,
        objective_id=task.objective_id,
        task_id=task.id,
    )


async def _record(unit: Unit, kind: str, task: Task, scope: Scope, **extra: Any) -> None:
    if scope.key_result is not None and scope.key_result.progress_source == ProgressSource.TASKS:
        # the key result's progress follows its tasks: announce the moved numbers with it
        extra["numbers"] = await numbers_after_change(scope.objective)
    await unit.record(
        kind,
        cycle_id=scope.objective.cycle_id,
        objective_id=scope.objective.id,
        key_result_id=task.key_result_id,
        taskId=task.id,
        status=task.status.value,
        assigneeId=task.assignee_id,
        **extra,
    )


async def create_task(actor: Actor | None, data: TaskInput) -> Task:
    actor = require_actor(actor)
    if (data.key_result_id is None) == (data.objective_id is None):
        raise InvalidInput("keyResultId", "task.one_target")
    scope = await load_target(actor, data.key_result_id, data.objective_id)
    kr = scope.key_result
    if not may_create_task(actor, scope.access, kr.owner_id if kr else None):
        raise Forbidden()
    if scope.objective.state == ObjectiveState.ARCHIVED or (kr is not None and kr.archived):
        target_field = "keyResultId" if kr is not None else "objectiveId"
        raise InvalidInput(target_field, "task.archived_target")
    task = Task(
        organization_id=actor.org_id,
        objective_id=scope.objective.id,
        key_result_id=kr.id if kr else None,
        title=_title(data.title),
        description=_description(data.description),
        status=TaskStatus.TODO,
        creator_id=actor.user_id,
        assignee_id=await _assignee(actor, scope, data.assignee_id),
        due_date=data.due_date,
    )
    collaborators = await _collaborators(actor, scope, data.collaborator_ids)
    siblings = Task.filter(objective_id=scope.objective.id, key_result_id=task.key_result_id)
    async with write(actor.org_id, actor.user_id) as unit:
        task.position = await siblings.count()
        await task.save()
        if collaborators:
            await task.collaborators.add(*collaborators)
        notified = await _notify_assignee(actor, task)
        await _record(
            unit,
            "task.created",
            task,
            scope,
            collaboratorIds=[u.id for u in collaborators],
            notified=notified,
        )
    return task


async def update_task(actor: Actor | None, task_id: int, data: TaskPatch) -> Task:
    actor, task, scope = await load_task(actor, task_id)
    current = {u.id for u in await task.collaborators.all()}
    if not may_edit_task(actor, scope.access, task, current):
        raise Forbidden()
    changed: list[str] = []  # model attributes

    def assign(attr: str, value: object) -> None:
        if getattr(task, attr) != value:
            setattr(task, attr, value)
            changed.append(attr)

    if data.title is not KEEP:
        assign("title", _title(data.title))
    if data.description is not KEEP:
        assign("description", _description(data.description))
    if data.status is not KEEP:
        assign("status", TaskStatus(data.status))
    if data.due_date is not KEEP:
        assign("due_date", data.due_date)
    if data.assignee_id is not KEEP:
        assign("assignee_id", await _assignee(actor, scope, data.assignee_id))
    collaborators: list[User] | None = None
    if data.collaborator_ids is not KEEP:
        collaborators = await _collaborators(actor, scope, data.collaborator_ids or [])
        if {u.id for u in collaborators} == current:
            collaborators = None
    if not changed and collaborators is None:
        return task  # nothing to write, nothing to announce
    async with write(actor.org_id, actor.user_id) as unit:
        if changed:
            await task.save(update_fields=[*changed, "updated_at"])
        if collaborators is not None:
            await task.collaborators.clear()
            await task.collaborators.add(*collaborators)
        notified = await _notify_assignee(actor, task) if "assignee_id" in changed else []
        names = [_FIELD_NAMES[attr] for attr in changed]
        if collaborators is not None:
            names.append("collaboratorIds")
        await _record(unit, "task.changed", task, scope, changed=names, notified=notified)
    return task
