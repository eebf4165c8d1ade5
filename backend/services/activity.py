"""An objective's activity feed — who changed what, when — read from the activity log."""

from ..domain.errors import InvalidInput, NotFound
from ..domain.policy import Actor, can_view_objective
from ..models import ActivityEvent, Objective
from .directory import load_directory
from .lookup import get_in_org, require_actor

DEFAULT_PAGE = 30
MAX_PAGE = 100


async def objective_activity(
    actor: Actor | None, objective_id: int, first: int | None = None
) -> list[ActivityEvent]:
    """The latest `first` events about an objective the actor can see, newest first
    (its own changes, its key results', check-ins, tasks and comments)."""
    actor = require_actor(actor)
    limit = DEFAULT_PAGE if first is None else first
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput("first", "input.out_of_range", min=1, max=MAX_PAGE)
    objective = await get_in_org(Objective, objective_id, actor.org_id)
    if not can_view_objective(actor, (await load_directory(actor.org_id)).access(objective)):
        raise NotFound()
    return (
        await ActivityEvent.filter(organization_id=actor.org_id, objective_id=objective.id)
        .order_by("-seq")
        .limit(limit)
    )
