"""The tasks under a key result or an objective, as one actor may list them."""

from datetime import date

from tortoise.expressions import Q

from ..domain.errors import InvalidInput
from ..domain.policy import Actor, is_admin
from ..models import Task
from . import reach
from .lookup import require_actor
from .reach import Reach
from .snapshot import Snapshot

MAX_LISTED = 500


async def task_target(
    actor: Actor | None, key_result_id: int | None, objective_id: int | None
) -> Reach:
    """The key result or objective tasks are listed or created under."""
    if key_result_id is not None:
        return await reach.key_result(actor, key_result_id)
    if objective_id is not None:
        return await reach.objective(actor, objective_id)
    raise InvalidInput("keyResultId", "task.one_target")


async def assigned_tasks(snap: Snapshot, assignee_id: int) -> list[Task]:
    """The live tasks of the snapshot's cycle assigned to `assignee_id`, under objectives the
    snapshot's viewer sees (not archived), by due date (undated last)."""
    rows = await Task.filter(
        assignee_id=assignee_id, deleted_at=None, objective__cycle_id=snap.cycle.id
    ).order_by("id")
    seen = [t for t in rows if t.objective_id in snap.objectives][:MAX_LISTED]
    return sorted(seen, key=lambda t: (t.due_date or date.max, t.id))


async def get_task(actor: Actor | None, task_id: int) -> Task:
    found = (await reach.task(actor, task_id)).task
    assert found is not None
    return found


async def list_tasks(
    actor: Actor | None,
    key_result_id: int | None,
    objective_id: int | None,
    include_deleted: bool = False,
) -> list[Task]:
    """A key result's tasks, or all of an objective's (its own and its key results'), in
    their manual order. `include_deleted` adds the deleted ones the actor may restore."""
    actor = require_actor(actor)
    scope = await task_target(actor, key_result_id, objective_id)
    query = Task.filter(objective_id=scope.objective.id)
    if scope.key_result is not None:
        query = query.filter(key_result_id=scope.key_result.id)
    if not include_deleted:
        query = query.filter(deleted_at=None)
    elif not is_admin(actor):
        # can_restore_task, as a filter: the objective is visible (checked above), so the
        # deleted tasks the actor may restore are those they created
        query = query.filter(Q(deleted_at=None) | Q(creator_id=actor.user_id))
    return await query.order_by("position", "id").limit(MAX_LISTED)
