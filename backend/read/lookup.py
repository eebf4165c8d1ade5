"""Loading rows for an action: scoped to the actor's organization, missing → NotFound."""

from typing import TypeVar

from tortoise.models import Model

from ..domain.errors import Forbidden, NotFound, Unauthenticated
from ..domain.policy import Actor, can_manage_org

M = TypeVar("M", bound=Model)


def require_actor(actor: Actor | None) -> Actor:
    if actor is None:
        raise Unauthenticated()
    return actor


def require_admin(actor: Actor | None) -> Actor:
    actor = require_actor(actor)
    if not can_manage_org(actor, actor.org_id):
        raise Forbidden()
    return actor


async def get_in_org(model: type[M], pk: int, org_id: int) -> M:
    row = await model.get_or_none(id=pk, organization_id=org_id)
    if row is None:
        raise NotFound()
    return row
