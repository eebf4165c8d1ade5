"""Per-operation loaders of the work area. Relations resolve through batch loaders kept on
the request's context, objectives and key results through the per-request cycle snapshot,
so a list of notifications costs a constant number of queries however long it is."""

from collections.abc import Awaitable, Callable

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from ...domain.enums import ObjectiveState
from ...models import Comment as CommentRow
from ...models import Cycle as CycleRow
from ...models import Task as TaskRow
from ...read.snapshot import Snapshot, load_snapshot
from ..context import Context, Info, rows_by_id
from ..org.types import User

_LOADERS = "_work_loaders"


def _related_ids(
    model: type[Model], relation: str
) -> Callable[[list[int]], Awaitable[list[list[int]]]]:
    """For each key, the ids on the other side of a many-to-many relation (one query)."""

    async def load(keys: list[int]) -> list[list[int]]:
        pairs = await model.filter(id__in=keys).values_list("id", f"{relation}__id")
        found: dict[int, list[int]] = {k: [] for k in keys}
        for key, other in pairs:
            if other is not None:
                found[key].append(other)
        return [sorted(found[k]) for k in keys]

    return load


class WorkLoaders:
    def __init__(self, context: Context) -> None:
        self.context = context
        org_id = context.org_id
        self.objectives = context.objectives
        self.tasks = DataLoader(load_fn=rows_by_id(TaskRow, org_id, deleted_at=None))
        self.comments = DataLoader(load_fn=rows_by_id(CommentRow, org_id, deleted_at=None))
        self.cycles = DataLoader(load_fn=rows_by_id(CycleRow, org_id))
        self.collaborators = DataLoader(load_fn=_related_ids(TaskRow, "collaborators"))
        self.mentions = DataLoader(load_fn=_related_ids(CommentRow, "mentions"))
        # one snapshot per cycle, however many rows ask for it at once
        self.snapshots: DataLoader[int, Snapshot] = DataLoader(load_fn=self._snapshots)
        self.archived: DataLoader[int, Snapshot] = DataLoader(load_fn=self._archived)

    async def _snapshots(self, cycle_ids: list[int]) -> list[Snapshot]:
        return [await self.context.snapshot(c) for c in cycle_ids]

    async def _archived(self, cycle_ids: list[int]) -> list[Snapshot]:
        cycles = {c.id: c for c in await CycleRow.filter(id__in=cycle_ids)}
        return [
            await load_snapshot(cycles[c], self.context.actor, include_archived=True)
            for c in cycle_ids
        ]


def loaders(info: Info) -> WorkLoaders:
    state = info.context.per_operation
    if _LOADERS not in state:
        state[_LOADERS] = WorkLoaders(info.context)
    loaded: WorkLoaders = state[_LOADERS]
    return loaded


def after_write(info: Info) -> None:
    """A mutation changed the data: later reads in this operation start afresh."""
    info.context.forget_snapshots()


async def visible_snapshot(info: Info, objective_id: int) -> Snapshot | None:
    """The snapshot holding the objective, if the viewer can see it (archived ones too)."""
    load = loaders(info)
    row = await load.objectives.load(objective_id)
    if row is None:
        return None
    snap = await load.snapshots.load(row.cycle_id)
    if objective_id not in snap.objectives and row.state == ObjectiveState.ARCHIVED:
        snap = await load.archived.load(row.cycle_id)
    return snap if objective_id in snap.objectives else None


async def user_of(info: Info, user_id: int | None) -> User | None:
    if user_id is None:
        return None
    row = await info.context.users.load(user_id)
    return User.of(row) if row else None


async def users_of(info: Info, ids: list[int]) -> list[User]:
    rows = await info.context.users.load_many(ids)
    return [User.of(r) for r in rows if r is not None]
