"""A cycle's archived objectives, for restoring them: admins see all, others their own."""

from ..domain.enums import ObjectiveState
from ..domain.policy import Actor, can_manage_org
from ..models import Cycle, Objective
from .lookup import get_in_org, require_actor


async def archived_objectives(actor: Actor | None, cycle_id: int) -> list[Objective]:
    actor = require_actor(actor)
    cycle = await get_in_org(Cycle, cycle_id, actor.org_id)
    rows = Objective.filter(
        organization_id=actor.org_id, cycle_id=cycle.id, state=ObjectiveState.ARCHIVED
    )
    if not can_manage_org(actor, actor.org_id):
        rows = rows.filter(owner_id=actor.user_id)
    return await rows.select_related("owner").order_by("title", "id")
