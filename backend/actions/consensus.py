"""The consensus meeting (共识会): the owner of a published team or personal objective commits
to it — "I commit" — or takes it back. A commitment is the owner's own word: nobody commits for
them, and it stops counting when the objective changes hands."""

from datetime import UTC, datetime

from ..domain.enums import ObjectiveLevel, ObjectiveState
from ..domain.errors import Forbidden, InvalidInput
from ..domain.phases import Activity
from ..domain.policy import Actor
from ..events.kinds import EventKind
from ..events.phase import guard
from ..events.unit import write
from ..models import Objective
from ..read import reach
from ..read.retro import is_committed


async def commit_objective(actor: Actor | None, objective_id: int, committed: bool) -> Objective:
    scope = await reach.objective(actor, objective_id)
    actor, objective = scope.actor, scope.objective
    if actor.user_id != objective.owner_id:
        raise Forbidden("okr.commit_owner_only")
    phase = await guard(objective.cycle_id, Activity.COMMIT)
    if objective.level == ObjectiveLevel.COMPANY:
        raise InvalidInput("id", "okr.commit_company")
    if objective.state != ObjectiveState.PUBLISHED:
        raise InvalidInput("id", "okr.not_published")
    if is_committed(objective) == committed:
        return objective  # said already: nothing to record
    at = datetime.now(UTC) if committed else None
    async with write(actor.org_id, actor.user_id, phase) as unit:
        await Objective.filter(id=objective.id).update(
            committed_at=at, committed_by_id=actor.user_id if committed else None
        )
        await unit.record(
            EventKind.OBJECTIVE_COMMITTED,
            {
                "objectiveId": objective.id,
                "ownerId": objective.owner_id,
                "committed": committed,
                "committedAt": at.isoformat() if at else None,
            },
            cycle_id=objective.cycle_id,
            objective_id=objective.id,
        )
    objective.committed_at = at
    objective.committed_by_id = actor.user_id if committed else None
    return objective
