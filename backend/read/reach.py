"""What an actor reaches: an objective, a key result or a task, loaded with the objective that
decides who may see it. Every action and read that starts from an id goes through here, so the
rule is written once: an item of another organization, or under an objective the actor may not
see, is NOT_FOUND (an id probe learns nothing); one they may see but not edit is FORBIDDEN."""

from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.enums import ObjectiveState
from ..domain.errors import Forbidden, InvalidInput, NotFound
from ..domain.policy import Actor, ObjectiveAccess, can_edit_objective, can_view_objective
from ..models import KeyResult, Objective, Task, User
from .directory import Directory, load_directory
from .lookup import get_in_org, require_actor


@dataclass(frozen=True)
class Reach:
    """An item as one actor reaches it: the objective that decides who sees it, the key result
    and task under it when the item is one of those, and the organization's directory."""

    actor: Actor
    objective: Objective
    key_result: KeyResult | None
    task: Task | None
    directory: Directory
    access: ObjectiveAccess

    @property
    def target(self) -> tuple[str, int]:
        """The item itself as (type name, id)."""
        if self.task is not None:
            return "Task", self.task.id
        if self.key_result is not None:
            return "KeyResult", self.key_result.id
        return "Objective", self.objective.id

    @property
    def kr_owner_id(self) -> int | None:
        return self.key_result.owner_id if self.key_result is not None else None

    @property
    def archived(self) -> bool:
        """The objective or the key result the item hangs under is archived."""
        return self.objective.state == ObjectiveState.ARCHIVED or (
            self.key_result is not None and self.key_result.archived
        )

    def sees(self, user: User) -> bool:
        return can_view_objective(self.directory.actor(user), self.access)

    async def people_who_see(self, ids: Iterable[int]) -> list[User]:
        """Of these people, the active ones of the organization who can see the objective,
        in the order given, each once."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return []
        users = {
            u.id: u
            for u in await User.filter(
                id__in=wanted, organization_id=self.actor.org_id, is_active=True
            )
        }
        return [users[u] for u in wanted if u in users and self.sees(users[u])]

    async def people_named(self, ids: Iterable[int], field: str) -> list[User]:
        """`people_who_see`, all of them or refused: someone named who is not an active
        person of the organization, or who cannot see the objective, is bad input of `field`."""
        wanted = list(dict.fromkeys(ids))
        found = await self.people_who_see(wanted)
        if len(found) < len(wanted):
            seen = {u.id for u in found}
            missing = next(u for u in wanted if u not in seen)
            known = await User.exists(id=missing, organization_id=self.actor.org_id, is_active=True)
            raise InvalidInput(field, "work.cannot_view" if known else "work.unknown_person")
        return found


async def _reach(
    actor: Actor, objective: Objective, kr: KeyResult | None = None, task: Task | None = None
) -> Reach:
    directory = await load_directory(actor.org_id)
    access = directory.access(objective)
    if not can_view_objective(actor, access):
        raise NotFound()
    return Reach(actor, objective, kr, task, directory, access)


async def objective(actor: Actor | None, objective_id: int) -> Reach:
    """An objective the actor may see."""
    actor = require_actor(actor)
    return await _reach(actor, await get_in_org(Objective, objective_id, actor.org_id))


async def editable_objective(actor: Actor | None, objective_id: int) -> Reach:
    """An objective the actor may edit."""
    reach = await objective(actor, objective_id)
    if not can_edit_objective(reach.actor, reach.access):
        raise Forbidden()
    return reach


async def key_result(actor: Actor | None, kr_id: int) -> Reach:
    """A key result (archived ones too) under an objective the actor may see."""
    actor = require_actor(actor)
    kr = await get_in_org(KeyResult, kr_id, actor.org_id)
    return await _reach(actor, await Objective.get(id=kr.objective_id), kr)


async def task(actor: Actor | None, task_id: int, *, deleted: bool = False) -> Reach:
    """A task under an objective the actor may see; a deleted one only when `deleted` (for
    restoring)."""
    actor = require_actor(actor)
    query = Task.filter(id=task_id, organization_id=actor.org_id)
    if not deleted:
        query = query.filter(deleted_at=None)
    row = await query.first()
    if row is None:
        raise NotFound()
    kr = await KeyResult.get(id=row.key_result_id) if row.key_result_id is not None else None
    return await _reach(actor, await Objective.get(id=row.objective_id), kr, row)


async def item(actor: Actor | None, type_name: str, pk: int) -> Reach:
    """A task, key result or objective by its type name (a comment's target, a like's)."""
    if type_name == "Task":
        return await task(actor, pk)
    if type_name == "KeyResult":
        return await key_result(actor, pk)
    if type_name == "Objective":
        return await objective(actor, pk)
    raise InvalidInput("targetId", "input.invalid_id")
