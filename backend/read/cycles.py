"""The organization's cycles."""

from ..domain.policy import Actor
from ..models import Cycle
from .lookup import require_actor


async def list_cycles(actor: Actor | None) -> list[Cycle]:
    actor = require_actor(actor)
    return await Cycle.filter(organization_id=actor.org_id).order_by("-starts_on", "id")
