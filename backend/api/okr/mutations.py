"""Cycles, objectives, key results, weights and check-ins: each calls one action and
answers from a fresh read."""

import strawberry

from ...actions import check_in_corrections, checkins, cycles, key_results, objectives
from ...domain.errors import InvalidInput
from ..context import Info
from ..ids import decode
from .inputs import (
    CheckInInput,
    CorrectCheckInInput,
    CreateKeyResultInput,
    CreateObjectiveInput,
    CycleInput,
    KeyResultFields,
    UpdateKeyResultInput,
    UpdateObjectiveInput,
    WeightInput,
    cycle_input,
    kr_input,
    objective_input,
)
from .loaders import checked_in_view, key_result_view, objective_view
from .types import Cycle, KeyResult, Objective


@strawberry.type
class OkrMutation:
    @strawberry.mutation
    async def create_cycle(self, info: Info, input: CycleInput) -> Cycle:
        return Cycle.of(await cycles.create_cycle(info.context.actor, cycle_input(input)))

    @strawberry.mutation
    async def update_cycle(self, info: Info, id: strawberry.ID, input: CycleInput) -> Cycle:
        pk = decode(id, "Cycle", "id")
        return Cycle.of(await cycles.update_cycle(info.context.actor, pk, cycle_input(input)))

    @strawberry.mutation
    async def create_objective(self, info: Info, input: CreateObjectiveInput) -> Objective:
        data = objective_input(input, decode(input.cycle_id, "Cycle", "cycleId"))
        row = await objectives.create_objective(info.context.actor, data)
        return await objective_view(info, row.id, fresh=True)

    @strawberry.mutation
    async def update_objective(
        self, info: Info, id: strawberry.ID, input: UpdateObjectiveInput, version: int | None = None
    ) -> Objective:
        pk = decode(id, "Objective", "id")
        await objectives.update_objective(info.context.actor, pk, objective_input(input), version)
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
        data = kr_input(input, decode(input.objective_id, "Objective", "objectiveId"))
        row = await key_results.create_key_result(info.context.actor, data)
        return await key_result_view(info, row.id, fresh=True)

    @strawberry.mutation
    async def update_key_result(
        self,
        info: Info,
        id: strawberry.ID,
        input: UpdateKeyResultInput,  # type: ignore[valid-type]
        version: int | None = None,
    ) -> KeyResult:
        pk = decode(id, "KeyResult", "id")
        data = kr_input(input, None)
        await key_results.update_key_result(info.context.actor, pk, data, version=version)
        return await key_result_view(info, pk, fresh=True)

    @strawberry.mutation
    async def archive_key_result(
        self, info: Info, id: strawberry.ID, restore: bool = False
    ) -> KeyResult:
        pk = decode(id, "KeyResult", "id")
        empty = kr_input(KeyResultFields(), None)
        await key_results.update_key_result(info.context.actor, pk, empty, archived=not restore)
        return await key_result_view(info, pk, fresh=True)

    @strawberry.mutation
    async def check_in(self, info: Info, input: CheckInInput) -> KeyResult:
        pk = decode(input.key_result_id, "KeyResult", "keyResultId")
        data = checkins.CheckInInput(pk, input.value, input.confidence, input.note, input.client_id)
        return await checked_in_view(info, await checkins.check_in(info.context.actor, data))

    @strawberry.mutation(
        description="Its author corrects a check-in: the correction takes its place in time, "
        "the original stays in the history, marked. Answers the key result as it now stands."
    )
    async def correct_check_in(
        self, info: Info, id: strawberry.ID, input: CorrectCheckInInput
    ) -> KeyResult:
        pk = decode(id, "CheckIn", "id")
        fix = check_in_corrections.Correction(input.value, input.confidence, input.note)
        row = await check_in_corrections.correct_check_in(info.context.actor, pk, fix)
        return await key_result_view(info, row.key_result_id, fresh=True)

    @strawberry.mutation(
        description="Its author withdraws a check-in (it stays in the history, marked with the "
        "reason); the key result stands at its newest check-in not withdrawn."
    )
    async def withdraw_check_in(self, info: Info, id: strawberry.ID, reason: str) -> KeyResult:
        pk = decode(id, "CheckIn", "id")
        row = await check_in_corrections.withdraw_check_in(info.context.actor, pk, reason)
        return await key_result_view(info, row.key_result_id, fresh=True)
