"""The organization's cycles."""

from ..domain.policy import Actor
from ..models import Cycle
from .lookup import get_in_org, require_actor


async def list_cycles(actor: Actor | None) -> list[Cycle]:
    actor = require_actor(actor)
    return await Cycle.filter(organization_id=actor.org_id).order_by("-starts_on", "id")


async def get_cycle(org_id: int, cycle_id: int) -> Cycle:
    """One of the organization's cycles (NotFound otherwise)."""
    return await get_in_org(Cycle, cycle_id, org_id)
