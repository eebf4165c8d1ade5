"""Cycles, the board (nested or flat), one objective, one key result."""

import strawberry

from ...domain.errors import InvalidInput, NotFound
from ...read import cycles as cycle_reads
from ...read.snapshot import Snapshot
from ..context import Info
from ..ids import decode
from .loaders import board_objectives, key_result_view, objective_view
from .types import Cycle, KeyResult, Objective


@strawberry.type
class OkrQuery:
    @strawberry.field
    async def cycles(self, info: Info) -> list[Cycle]:
        if info.context.actor is None:
            return []
        return [Cycle.of(c) for c in await cycle_reads.list_cycles(info.context.actor)]

    @strawberry.field
    async def board(
        self,
        info: Info,
        cycle_id: strawberry.ID,
        team_id: strawberry.ID | None = None,
        owner_id: strawberry.ID | None = None,
    ) -> list[Objective]:
        """Roots of the alignment tree (of the filtered objectives); nest `children`."""
        snap, ids = await board_objectives(info, cycle_id, team_id, owner_id)
        chosen = set(ids)
        sub = Snapshot(
            cycle=snap.cycle,
            directory=snap.directory,
            objectives={i: snap.objectives[i] for i in ids},
            key_results=snap.key_results,
            krs_of=snap.krs_of,
            evaluation=snap.evaluation,
            users=snap.users,
            children_of={p: [c for c in cs if c in chosen] for p, cs in snap.children_of.items()},
        )
        return [Objective.of(o, sub) for o in sub.roots()]

    @strawberry.field
    async def objectives(
        self,
        info: Info,
        cycle_id: strawberry.ID,
        team_id: strawberry.ID | None = None,
        owner_id: strawberry.ID | None = None,
    ) -> list[Objective]:
        """Every visible objective of the cycle, flat (each with `parent { id }`)."""
        snap, ids = await board_objectives(info, cycle_id, team_id, owner_id)
        return [Objective.of(snap.objectives[i], snap) for i in ids]

    @strawberry.field
    async def key_results(
        self, info: Info, cycle_id: strawberry.ID, owner_id: strawberry.ID
    ) -> list[KeyResult]:
        """The live key results of the cycle's visible objectives that `ownerId` owns, whoever
        owns the objective ("My OKRs": a KR of mine under someone else's objective too)."""
        snap, _ = await board_objectives(info, cycle_id, None, None)
        owner = decode(owner_id, "User", "ownerId")
        return [
            KeyResult.of(kr, snap)
            for krs in snap.krs_of.values()
            for kr in krs
            if kr.owner_id == owner
        ]

    @strawberry.field
    async def objective(self, info: Info, id: strawberry.ID) -> Objective | None:
        if info.context.actor is None:
            return None
        try:
            return await objective_view(info, decode(id, "Objective", "id"))
        except (NotFound, InvalidInput):
            return None

    @strawberry.field
    async def key_result(self, info: Info, id: strawberry.ID) -> KeyResult | None:
        if info.context.actor is None:
            return None
        try:
            return await key_result_view(info, decode(id, "KeyResult", "id"))
        except (NotFound, InvalidInput):
            return None
