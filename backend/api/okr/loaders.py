"""Objectives and key results as the viewer may see them, from the cycle snapshot or,
after a write, from the alignment chain."""

from collections.abc import Sequence

import strawberry
from strawberry.types.nodes import SelectedField, Selection

from ...domain.enums import ObjectiveState as ObjectiveStateEnum
from ...domain.errors import NotFound
from ...models import CheckIn as CheckInRow
from ...models import Cycle as CycleRow
from ...models import KeyResult as KeyResultRow
from ...models import Objective as ObjectiveRow
from ...read.board import board_ids
from ...read.chain import WrittenKeyResult, load_chain_snapshot, written_key_result
from ...read.cycles import get_cycle
from ...read.snapshot import Snapshot, load_snapshot
from ..context import Info
from ..ids import decode, decode_optional
from .types import KeyResult, Objective


async def board_objectives(
    info: Info,
    cycle_id: strawberry.ID,
    team_id: strawberry.ID | None,
    owner_id: strawberry.ID | None,
) -> tuple[Snapshot, list[int]]:
    """The cycle as the viewer sees it and the ids of the objectives a filtered board shows."""
    cycle = await get_cycle(info.context.org_id, decode(cycle_id, "Cycle", "cycleId"))
    snap = await info.context.snapshot(cycle)
    team = decode_optional(team_id, "Team", "teamId")
    owner = decode_optional(owner_id, "User", "ownerId")
    return snap, board_ids(snap, team, owner)


# fields whose answer needs every objective of the cycle, not only the alignment chain
_WHOLE_CYCLE_FIELDS = frozenset({"children", "alignedObjectives"})


def _asks_for(selections: Sequence[Selection], names: frozenset[str]) -> bool:
    return any(
        (isinstance(s, SelectedField) and s.name in names) or _asks_for(s.selections, names)
        for s in selections
    )


async def objective_view(info: Info, pk: int, *, fresh: bool = False) -> Objective:
    """`fresh`: after a write — the response is built from the objective's alignment chain
    (a few statements at any size: a check-in must not reload the whole cycle) unless it
    asks for a field only the whole cycle can answer."""
    row = await ObjectiveRow.get_or_none(id=pk)
    if row is None:
        raise NotFound()
    return await _objective_of_row(info, row, fresh)


async def _objective_of_row(
    info: Info, row: ObjectiveRow, fresh: bool, written: WrittenKeyResult | None = None
) -> Objective:
    """`written`: the write's own rows, still current (`row` is its objective)."""
    pk = row.id
    archived = row.state == ObjectiveStateEnum.ARCHIVED
    if fresh and not _asks_for(info.selected_fields, _WHOLE_CYCLE_FIELDS):
        snap = await load_chain_snapshot(
            written.cycle if written else await CycleRow.get(id=row.cycle_id),
            info.context.actor,
            [pk],
            include_archived=archived,
            directory=info.context.directory,
            org=written.org if written else None,
        )
    else:
        snap = await info.context.snapshot(row.cycle_id, fresh=fresh)
        if pk not in snap.objectives and archived:
            # archived objectives leave the board but stay reachable by id
            snap = await load_snapshot(snap.cycle, info.context.actor, include_archived=True)
    if pk not in snap.objectives:
        raise NotFound()
    return Objective.of(snap.objectives[pk], snap)


async def key_result_view(info: Info, pk: int, *, fresh: bool = False) -> KeyResult:
    # right after this request's write: the rows it left, unless an event landed since
    written = await written_key_result(pk) if fresh else None
    if written is not None:
        row = written.key_result
        objective = await _objective_of_row(info, written.objective, fresh, written)
    else:
        found = await KeyResultRow.get_or_none(id=pk)
        if found is None:
            raise NotFound()
        row = found
        objective = await objective_view(info, row.objective_id, fresh=fresh)
    # an archived key result is not in every snapshot, but stays reachable by id
    return KeyResult.of(objective.snap.key_results.get(pk, row), objective.snap)


async def checked_in_view(info: Info, check_in: CheckInRow) -> KeyResult:
    """The answer to a check-in: its key result as that check-in left it — the same when the
    check-in is sent again after later ones."""
    view = await key_result_view(info, check_in.key_result_id, fresh=True)
    if check_in.confidence is not None:
        return view.as_checked_in(check_in, check_in.confidence)
    # the confidence then: the latest given up to this check-in (ids follow the order applied)
    given = (
        await CheckInRow.filter(
            key_result_id=check_in.key_result_id, id__lte=check_in.id, confidence__isnull=False
        )
        .order_by("-id")
        .only("id", "confidence")
        .first()
    )
    return view.as_checked_in(check_in, view.confidence if given is None else given.confidence)
