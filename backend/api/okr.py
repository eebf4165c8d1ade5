"""Cycles, the board, objectives, key results and check-ins."""

from collections.abc import Sequence
from datetime import date

import strawberry
from strawberry import UNSET
from strawberry.types.nodes import SelectedField, Selection

from ..actions import checkins, cycles, key_results, objectives
from ..domain.enums import ObjectiveState as ObjectiveStateEnum
from ..domain.errors import InvalidInput, NotFound
from ..domain.patch import KEEP
from ..models import Cycle as CycleRow
from ..models import KeyResult as KeyResultRow
from ..models import Objective as ObjectiveRow
from ..read import cycles as cycle_reads
from ..read.chain import load_chain_snapshot
from ..read.snapshot import Snapshot, load_snapshot
from .ids import decode, decode_optional
from .types import (
    CheckIn,
    Cycle,
    CyclePhase,
    Info,
    KeyResult,
    KRKind,
    Objective,
    ObjectiveLevel,
    ProgressSource,
    Visibility,
)


def _patch(value: object, convert: object = None) -> object:
    """UNSET (left out) → KEEP; otherwise the value, converted when given."""
    if value is UNSET:
        return KEEP
    return convert(value) if callable(convert) and value is not None else value


@strawberry.input
class CycleInput:
    name: str | None = UNSET
    starts_on: date | None = UNSET
    ends_on: date | None = UNSET


def _cycle_input(data: CycleInput) -> cycles.CycleInput:
    return cycles.CycleInput(
        name=data.name or None, starts_on=data.starts_on or None, ends_on=data.ends_on or None
    )


@strawberry.input
class CreateObjectiveInput:
    cycle_id: strawberry.ID
    title: str
    description: str | None = UNSET
    level: ObjectiveLevel = ObjectiveLevel.PERSONAL  # type: ignore[valid-type]
    visibility: Visibility = Visibility.PUBLIC  # type: ignore[valid-type]
    owner_id: strawberry.ID | None = UNSET
    team_id: strawberry.ID | None = UNSET
    parent_id: strawberry.ID | None = UNSET
    source_key_result_id: strawberry.ID | None = UNSET


@strawberry.input
class UpdateObjectiveInput:
    title: str | None = UNSET
    description: str | None = UNSET
    level: ObjectiveLevel | None = UNSET  # type: ignore[valid-type]
    visibility: Visibility | None = UNSET  # type: ignore[valid-type]
    owner_id: strawberry.ID | None = UNSET
    team_id: strawberry.ID | None = UNSET
    parent_id: strawberry.ID | None = UNSET
    source_key_result_id: strawberry.ID | None = UNSET


def _objective_input(
    data: CreateObjectiveInput | UpdateObjectiveInput, cycle_id: int | None = None
) -> objectives.ObjectiveInput:
    def ref(value: object, type_name: str, field: str) -> object:
        return _patch(value, lambda v: decode(v, type_name, field))

    return objectives.ObjectiveInput(
        cycle_id=cycle_id,
        title=_patch(data.title),  # type: ignore[arg-type]
        description=_patch(data.description),  # type: ignore[arg-type]
        level=KEEP if data.level in (UNSET, None) else data.level,
        visibility=KEEP if data.visibility in (UNSET, None) else data.visibility,
        owner_id=ref(data.owner_id, "User", "ownerId"),  # type: ignore[arg-type]
        team_id=ref(data.team_id, "Team", "teamId"),  # type: ignore[arg-type]
        parent_id=ref(data.parent_id, "Objective", "parentId"),  # type: ignore[arg-type]
        source_key_result_id=ref(  # type: ignore[arg-type]
            data.source_key_result_id, "KeyResult", "sourceKeyResultId"
        ),
    )


@strawberry.input
class KeyResultFields:
    title: str | None = UNSET
    kind: KRKind | None = UNSET  # type: ignore[valid-type]
    unit: str | None = UNSET
    start_value: float | None = UNSET
    target_value: float | None = UNSET
    range_min: float | None = UNSET
    range_max: float | None = UNSET
    due_date: date | None = UNSET
    weight: float | None = UNSET
    owner_id: strawberry.ID | None = UNSET
    progress_source: ProgressSource | None = UNSET  # type: ignore[valid-type]
    difficulty: float | None = UNSET
    effort: float | None = UNSET
    score: float | None = UNSET
    position: int | None = UNSET


@strawberry.input
class CreateKeyResultInput(KeyResultFields):
    objective_id: strawberry.ID = strawberry.field(default="")


UpdateKeyResultInput = strawberry.input(type("UpdateKeyResultInput", (KeyResultFields,), {}))


def _kr_input(data: KeyResultFields, objective_id: int | None) -> key_results.KeyResultInput:
    def keep_or(value: object) -> object:
        # null on a field that cannot be cleared means "leave it"
        return KEEP if value in (UNSET, None) else value

    return key_results.KeyResultInput(
        objective_id=objective_id,
        title=_patch(data.title),  # type: ignore[arg-type]
        kind=keep_or(data.kind),  # type: ignore[arg-type]
        unit=_patch(data.unit),  # type: ignore[arg-type]
        start_value=_patch(data.start_value),  # type: ignore[arg-type]
        target_value=_patch(data.target_value),  # type: ignore[arg-type]
        range_min=_patch(data.range_min),  # type: ignore[arg-type]
        range_max=_patch(data.range_max),  # type: ignore[arg-type]
        due_date=_patch(data.due_date),  # type: ignore[arg-type]
        weight=keep_or(data.weight),  # type: ignore[arg-type]
        owner_id=_patch(  # type: ignore[arg-type]
            data.owner_id, lambda v: decode(v, "User", "ownerId")
        ),
        progress_source=keep_or(data.progress_source),  # type: ignore[arg-type]
        difficulty=keep_or(data.difficulty),  # type: ignore[arg-type]
        effort=keep_or(data.effort),  # type: ignore[arg-type]
        score=_patch(data.score),  # type: ignore[arg-type]
        position=keep_or(data.position),  # type: ignore[arg-type]
    )


@strawberry.input
class WeightInput:
    key_result_id: strawberry.ID
    weight: float


@strawberry.input
class CheckInInput:
    key_result_id: strawberry.ID
    value: float | None = None
    confidence: int | None = None
    note: str | None = None
    client_id: str | None = strawberry.field(
        default=None,
        description="An id the client picks for this check-in (e.g. its offline outbox's): "
        "sending it again records nothing new and answers as the first time did.",
    )


async def _cycle_for(info: Info, cycle_id: strawberry.ID) -> CycleRow:
    pk = decode(cycle_id, "Cycle", "cycleId")
    actor = info.context.actor
    row = await CycleRow.get_or_none(id=pk, organization_id=actor.org_id) if actor else None
    if row is None:
        raise NotFound()
    return row


async def _filtered(
    info: Info,
    cycle_id: strawberry.ID,
    team_id: strawberry.ID | None,
    owner_id: strawberry.ID | None,
) -> tuple[Snapshot, list[int]]:
    snap = await info.context.snapshot(await _cycle_for(info, cycle_id))
    ids = list(snap.objectives)
    if team_id is not None:
        teams = snap.directory.descendants(frozenset({decode(team_id, "Team", "teamId")}))
        members = {u for u, ts in snap.directory.member_of.items() if ts & teams}
        ids = [
            i
            for i in ids
            if snap.objectives[i].team_id in teams
            or (snap.objectives[i].team_id is None and snap.objectives[i].owner_id in members)
        ]
    if owner_id is not None:
        owner = decode(owner_id, "User", "ownerId")
        ids = [i for i in ids if snap.objectives[i].owner_id == owner]
    return snap, ids


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
    archived = row.state == ObjectiveStateEnum.ARCHIVED
    if fresh and not _asks_for(info.selected_fields, _WHOLE_CYCLE_FIELDS):
        snap = await load_chain_snapshot(
            await CycleRow.get(id=row.cycle_id),
            info.context.actor,
            [pk],
            include_archived=archived,
            directory=info.context.directory,
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
    row = await KeyResultRow.get_or_none(id=pk)
    if row is None:
        raise NotFound()
    objective = await objective_view(info, row.objective_id, fresh=fresh)
    return KeyResult.of(objective.snap.key_results[pk], objective.snap)


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
        snap, ids = await _filtered(info, cycle_id, team_id, owner_id)
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
        snap, ids = await _filtered(info, cycle_id, team_id, owner_id)
        return [Objective.of(snap.objectives[i], snap) for i in ids]

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


@strawberry.type
class OkrMutation:
    @strawberry.mutation
    async def create_cycle(self, info: Info, input: CycleInput) -> Cycle:
        return Cycle.of(await cycles.create_cycle(info.context.actor, _cycle_input(input)))

    @strawberry.mutation
    async def update_cycle(self, info: Info, id: strawberry.ID, input: CycleInput) -> Cycle:
        pk = decode(id, "Cycle", "id")
        return Cycle.of(await cycles.update_cycle(info.context.actor, pk, _cycle_input(input)))

    @strawberry.mutation
    async def set_cycle_phase(
        self,
        info: Info,
        id: strawberry.ID,
        phase: CyclePhase,  # type: ignore[valid-type]
    ) -> Cycle:
        pk = decode(id, "Cycle", "id")
        return Cycle.of(await cycles.set_phase(info.context.actor, pk, phase))

    @strawberry.mutation
    async def create_objective(self, info: Info, input: CreateObjectiveInput) -> Objective:
        data = _objective_input(input, decode(input.cycle_id, "Cycle", "cycleId"))
        row = await objectives.create_objective(info.context.actor, data)
        return await objective_view(info, row.id, fresh=True)

    @strawberry.mutation
    async def update_objective(
        self, info: Info, id: strawberry.ID, input: UpdateObjectiveInput, version: int | None = None
    ) -> Objective:
        pk = decode(id, "Objective", "id")
        await objectives.update_objective(info.context.actor, pk, _objective_input(input), version)
        return await objective_view(info, pk, fresh=True)

    @strawberry.mutation
    async def publish_objective(
        self, info: Info, id: strawberry.ID, version: int | None = None
    ) -> Objective:
        pk = decode(id, "Objective", "id")
        await objectives.publish_objective(info.context.actor, pk, version)
        return await objective_view(info, pk, fresh=True)

    @strawberry.mutation
    async def archive_objective(
        self, info: Info, id: strawberry.ID, version: int | None = None, restore: bool = False
    ) -> Objective:
        pk = decode(id, "Objective", "id")
        await objectives.archive_objective(info.context.actor, pk, version, archived=not restore)
        return await objective_view(info, pk, fresh=True)

    @strawberry.mutation
    async def set_weights(
        self, info: Info, objective_id: strawberry.ID, weights: list[WeightInput]
    ) -> Objective:
        pk = decode(objective_id, "Objective", "objectiveId")
        if len(weights) > 25:
            raise InvalidInput("weights", "okr.too_many_krs", max=25)
        mapping = {decode(w.key_result_id, "KeyResult", "weights"): w.weight for w in weights}
        await objectives.set_weights(info.context.actor, pk, mapping)
        return await objective_view(info, pk, fresh=True)

    @strawberry.mutation
    async def create_key_result(self, info: Info, input: CreateKeyResultInput) -> KeyResult:
        data = _kr_input(input, decode(input.objective_id, "Objective", "objectiveId"))
        row = await key_results.create_key_result(info.context.actor, data)
        return await key_result_view(info, row.id, fresh=True)

    @strawberry.mutation
    async def update_key_result(
        self,
        info: Info,
        id: strawberry.ID,
        input: UpdateKeyResultInput,  # type: ignore[valid-type]
    ) -> KeyResult:
        pk = decode(id, "KeyResult", "id")
        await key_results.update_key_result(info.context.actor, pk, _kr_input(input, None))
        return await key_result_view(info, pk, fresh=True)

    @strawberry.mutation
    async def archive_key_result(
        self, info: Info, id: strawberry.ID, restore: bool = False
    ) -> KeyResult:
        pk = decode(id, "KeyResult", "id")
        empty = _kr_input(KeyResultFields(), None)
        await key_results.update_key_result(info.context.actor, pk, empty, archived=not restore)
        row = await KeyResultRow.get(id=pk)
        objective = await objective_view(info, row.objective_id, fresh=True)
        return KeyResult.of(row, objective.snap)

    @strawberry.mutation
    async def check_in(self, info: Info, input: CheckInInput) -> KeyResult:
        pk = decode(input.key_result_id, "KeyResult", "keyResultId")
        data = checkins.CheckInInput(pk, input.value, input.confidence, input.note, input.client_id)
        await checkins.check_in(info.context.actor, data)
        return await key_result_view(info, pk, fresh=True)


__all__ = ["CheckIn", "OkrMutation", "OkrQuery", "decode_optional"]
