"""The organization's cycles."""

from ..domain.errors import NotFound
from ..domain.policy import Actor
from ..models import Cycle
from .lookup import get_in_org, require_actor
from .rows import fetch_rows


async def list_cycles(actor: Actor | None) -> list[Cycle]:
    actor = require_actor(actor)
    return await Cycle.filter(organization_id=actor.org_id).order_by("-starts_on", "id")


async def get_cycle(org_id: int, cycle_id: int) -> Cycle:
    """One of the organization's cycles (NotFound otherwise)."""
    return await get_in_org(Cycle, cycle_id, org_id)


async def require_cycle(org_id: int, cycle_id: int) -> None:
    """NotFound unless the organization has this cycle. Raw: each socket's subscriptions to
    a board check it (the model's query builder cost ~0.5 ms of CPU per subscription)."""
    sql = f"SELECT 1 FROM {Cycle._meta.db_table} WHERE id = ? AND organization_id = ?"
    if not await fetch_rows(sql, [cycle_id, org_id]):
        raise NotFound()
