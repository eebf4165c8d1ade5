"""Tasks under a key result (or directly under an objective): create, edit, assign, reorder,
delete (soft) and restore.

A task is seen by whoever can see its objective. Who may create, edit and restore one is
decided in domain.policy (`can_create_task`, `can_edit_task`, `can_restore_task`). A
task-driven key result (progressSource TASKS) moves with its tasks — a status change, a
deletion or a restore — so those events carry the new numbers, computed in the same
transaction. Every task event carries the task's summary (`task`), so a live client
updates without a refetch.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from ..domain.enums import NotificationKind, ProgressSource, TaskStatus
from ..domain.errors import Forbidden, InvalidInput
from ..domain.patch import KEEP, Patch
from ..domain.phases import Activity
from ..domain.policy import (
    Actor,
    can_create_task,
    can_edit_task,
    can_restore_task,
)
from ..domain.validation import LIMITS, validate_client_id, validate_text
from ..events.kinds import EventKind, Notified, TaskPayload
from ..events.payloads import numbers_after_change, task_summary
from ..events.phase import PhaseGuard, guard
from ..events.unit import Unit, write
from ..models import Task, User
from ..read import reach
from ..read.lookup import require_actor
from ..read.reach import Reach
from ..read.tasks import task_target
from .notifications import notify
from .resent import once, sent_before

MAX_COLLABORATORS = 20
MAX_LISTED = 500
MAX_POSITION = 100_000
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
    client_id: str | None = None  # a retry of the same task (same creator) writes nothing new


@dataclass
class TaskPatch:
    title: Patch[str | None] = KEEP
    description: Patch[str | None] = KEEP
    status: Patch[TaskStatus] = KEEP
    assignee_id: Patch[int | None] = KEEP
    due_date: Patch[date | None] = KEEP
    collaborator_ids: Patch[list[int] | None] = KEEP
    position: Patch[int | None] = KEEP  # 0-based among its siblings; past the end = last


def _may_edit(actor: Actor, scope: Reach, task: Task, collaborator_ids: set[int]) -> bool:
    return can_edit_task(
        actor,
        scope.access,
        creator_id=task.creator_id,
        assignee_id=task.assignee_id,
        collaborator_ids=frozenset(collaborator_ids),
        kr_owner_id=scope.kr_owner_id,
    )


async def _work(scope: Reach) -> PhaseGuard:
    """Tasks change in every phase but CLOSED (the phase table's MANAGE_TASKS)."""
    return await guard(scope.objective.cycle_id, Activity.MANAGE_TASKS)


def _task_of(scope: Reach) -> Task:
    assert scope.task is not None
    return scope.task


# --- people on a task ---------------------------------------------------------------------


async def _assignee(scope: Reach, assignee_id: int | None) -> int | None:
    if assignee_id is None:
        return None
    return (await scope.people_named([assignee_id], "assigneeId"))[0].id


async def _collaborators(scope: Reach, ids: list[int]) -> list[User]:
    unique = list(dict.fromkeys(ids))
    if len(unique) > MAX_COLLABORATORS:
        raise InvalidInput("collaboratorIds", "work.too_many", max=MAX_COLLABORATORS)
    return await scope.people_named(unique, "collaboratorIds")


def _title(value: str | None) -> str:
    return validate_text(value, "title", max_len=LIMITS["title"], required=True) or ""


def _description(value: str | None) -> str:
    return validate_text(value, "description", max_len=LIMITS["description"]) or ""


def _position(value: int | None) -> int | None:
    if value is None:
        return None
    if not 0 <= value <= MAX_POSITION:
        raise InvalidInput("position", "input.out_of_range", min=0, max=MAX_POSITION)
    return value


async def _record(
    unit: Unit,
    kind: EventKind,
    task: Task,
    scope: Reach,
    collaborator_ids: list[int],
    *,
    notified: list[Notified] | None = None,
    changed: list[str] | None = None,
    order: list[int] | None = None,
) -> None:
    payload: TaskPayload = {
        "taskId": task.id,
        "status": TaskStatus(task.status).value,
        "assigneeId": task.assignee_id,
        "task": await task_summary(task, collaborator_ids),
    }
    if scope.key_result is not None and scope.key_result.progress_source == ProgressSource.TASKS:
        # the key result's progress follows its tasks: announce the moved numbers with it,
        # read inside this transaction (the write above is already visible to it)
        payload["numbers"] = await numbers_after_change(scope.objective)
    if kind == EventKind.TASK_CREATED:
        payload["collaboratorIds"] = collaborator_ids
    if changed is not None:
        payload["changed"] = changed
    if notified is not None:
        payload["notified"] = notified
    if order is not None:
        payload["order"] = order
    await unit.record(
        kind,
        payload,
        cycle_id=scope.objective.cycle_id,
        objective_id=scope.objective.id,
        key_result_id=task.key_result_id,
    )


# --- notifications ------------------------------------------------------------------------


async def _notify(
    actor: Actor, task: Task, kind: NotificationKind, user_ids: list[int]
) -> list[Notified]:
    return await notify(
        actor.org_id,
        user_ids,
        kind,
        actor_id=actor.user_id,
        objective_id=task.objective_id,
        task_id=task.id,
    )


async def _notify_changes(
    actor: Actor,
    task: Task,
    scope: Reach,
    *,
    assigned: bool,
    added_collaborators: list[int],
    status_changed: bool,
    collaborator_ids: list[int],
) -> list[Notified]:
    """Assignment to the new assignee, an invitation to new collaborators, a status change
    to everyone else on the task (creator, assignee, collaborators) who can see it."""
    notified: list[Notified] = []
    told: set[int] = set()
    if assigned and task.assignee_id is not None:
        notified += await _notify(actor, task, NotificationKind.ASSIGNMENT, [task.assignee_id])
        told.add(task.assignee_id)
    if added_collaborators:
        notified += await _notify(actor, task, NotificationKind.COLLABORATOR, added_collaborators)
        told.update(added_collaborators)
    if status_changed:
        on_task = [task.creator_id, task.assignee_id, *collaborator_ids]
        others = [u for u in on_task if u is not None and u not in told and u != actor.user_id]
        people = [u.id for u in await scope.people_who_see(others)]
        notified += await _notify(actor, task, NotificationKind.STATUS, people)
    return notified


# --- ordering -----------------------------------------------------------------------------


async def _reorder(task: Task, position: int) -> list[int] | None:
    """Puts the task at `position` among its live siblings (same key result, or the
    objective's own tasks) and renumbers them 0…n-1. Returns the new order of ids, or None
    when nothing moved. Call inside the transaction."""
    siblings = await Task.filter(
        objective_id=task.objective_id, key_result_id=task.key_result_id, deleted_at=None
    ).order_by("position", "id")
    before = [s.id for s in siblings]
    order = [i for i in before if i != task.id]
    order.insert(min(position, len(order)), task.id)
    renumber = {task_id: i for i, task_id in enumerate(order)}
    moved = [s for s in siblings if s.position != renumber[s.id]]
    if order == before and not moved:
        return None
    for sibling in moved:
        await Task.filter(id=sibling.id).update(position=renumber[sibling.id])
    task.position = renumber[task.id]
    return order


# --- writing ------------------------------------------------------------------------------


async def create_task(actor: Actor | None, data: TaskInput) -> Task:
    require_actor(actor)
    if (data.key_result_id is None) == (data.objective_id is None):
        raise InvalidInput("keyResultId", "task.one_target")
    scope = await task_target(actor, data.key_result_id, data.objective_id)
    if not can_create_task(scope.actor, scope.access, scope.kr_owner_id):
        raise Forbidden()
    return await add_task(scope, data)


async def add_task(scope: Reach, data: TaskInput, meeting_id: int | None = None) -> Task:
    """Writes a task under the key result or objective `scope` reaches, for an actor the caller
    has authorised: `create_task` by the task rules, a meeting's action item (`meeting_id`) by
    the meeting's. Sent again with its clientId: the task written the first time."""
    validate_client_id(data.client_id)
    kr = scope.key_result
    target = {"objective_id": scope.objective.id, "key_result_id": kr.id if kr else None}
    author = {"creator_id": scope.actor.user_id}
    return await once(
        lambda: sent_before(Task, author, data.client_id, target, "work.client_id_reused"),
        lambda: _write_task(scope, data, meeting_id),
    )


async def _write_task(scope: Reach, data: TaskInput, meeting_id: int | None) -> Task:
    actor = scope.actor
    kr = scope.key_result
    phase = await _work(scope)
    if scope.archived:
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
        assignee_id=await _assignee(scope, data.assignee_id),
        due_date=data.due_date,
        meeting_id=meeting_id,
        client_id=data.client_id,
    )
    collaborators = await _collaborators(scope, data.collaborator_ids)
    collaborator_ids = [u.id for u in collaborators]
    siblings = Task.filter(
        objective_id=scope.objective.id, key_result_id=task.key_result_id, deleted_at=None
    )
    async with write(actor.org_id, actor.user_id, phase) as unit:
        task.position = await siblings.count()  # new tasks go last
        await task.save()
        if collaborators:
            await task.collaborators.add(*collaborators)
        notified = await _notify_changes(
            actor,
            task,
            scope,
            assigned=True,
            added_collaborators=collaborator_ids,
            status_changed=False,
            collaborator_ids=collaborator_ids,
        )
        await _record(
            unit,
            EventKind.TASK_CREATED,
            task,
            scope,
            collaborator_ids,
            notified=notified,
        )
    return task


async def update_task(actor: Actor | None, task_id: int, data: TaskPatch) -> Task:
    scope = await reach.task(actor, task_id)
    actor, task = scope.actor, _task_of(scope)
    current = sorted(u.id for u in await task.collaborators.all())
    if not _may_edit(actor, scope, task, set(current)):
        raise Forbidden()
    phase = await _work(scope)
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
        assign("assignee_id", await _assignee(scope, data.assignee_id))
    collaborators: list[User] | None = None
    if data.collaborator_ids is not KEEP:
        collaborators = await _collaborators(scope, data.collaborator_ids or [])
        if {u.id for u in collaborators} == set(current):
            collaborators = None
    position = _position(data.position) if data.position is not KEEP else None
    if not changed and collaborators is None and position is None:
        return task  # nothing to write, nothing to announce
    collaborator_ids = current if collaborators is None else [u.id for u in collaborators]
    async with write(actor.org_id, actor.user_id, phase) as unit:
        if changed:
            await task.save(update_fields=[*changed, "updated_at"])
            # the task as committed (another editor's fields too): the answer and the event
            # must not show this editor's stale read of them
            await task.refresh_from_db()
        if collaborators is not None:
            await task.collaborators.clear()
            await task.collaborators.add(*collaborators)
        order = await _reorder(task, position) if position is not None else None
        names = [_FIELD_NAMES[attr] for attr in changed]
        if collaborators is not None:
            names.append("collaboratorIds")
        if order is not None:
            names.append("position")
        if not names:
            return task  # the position asked for is where it already is
        notified = await _notify_changes(
            actor,
            task,
            scope,
            assigned="assignee_id" in changed,
            added_collaborators=[c for c in collaborator_ids if c not in current],
            status_changed="status" in changed,
            collaborator_ids=collaborator_ids,
        )
        await _record(
            unit,
            EventKind.TASK_CHANGED,
            task,
            scope,
            collaborator_ids,
            changed=names,
            notified=notified,
            order=order,
        )
    return task


async def move_task(actor: Actor | None, task_id: int, position: int) -> Task:
    """Reorders a task among its siblings (0-based; past the end puts it last)."""
    return await update_task(actor, task_id, TaskPatch(position=position))


async def delete_task(actor: Actor | None, task_id: int) -> Task:
    """Soft delete by anyone who may edit the task; its author or an admin can restore it.
    A deleted task no longer counts toward a task-driven key result."""
    scope = await reach.task(actor, task_id)
    actor, task = scope.actor, _task_of(scope)
    current = sorted(u.id for u in await task.collaborators.all())
    if not _may_edit(actor, scope, task, set(current)):
        raise Forbidden()
    phase = await _work(scope)
    async with write(actor.org_id, actor.user_id, phase) as unit:
        task.deleted_at = datetime.now(UTC)
        await task.save(update_fields=["deleted_at", "updated_at"])
        await _record(unit, EventKind.TASK_DELETED, task, scope, current)
    return task


async def restore_task(actor: Actor | None, task_id: int) -> Task:
    """Brings a deleted task back where it was (its author or an admin). Restoring a task
    that is not deleted changes nothing."""
    scope = await reach.task(actor, task_id, deleted=True)
    actor, task = scope.actor, _task_of(scope)
    if task.deleted_at is None:
        return task
    if not can_restore_task(actor, scope.access, task.creator_id):
        raise Forbidden()
    if scope.archived:
        raise InvalidInput("id", "task.restore_archived")
    phase = await _work(scope)
    current = sorted(u.id for u in await task.collaborators.all())
    async with write(actor.org_id, actor.user_id, phase) as unit:
        task.deleted_at = None
        await task.save(update_fields=["deleted_at", "updated_at"])
        await _record(unit, EventKind.TASK_RESTORED, task, scope, current)
    return task
