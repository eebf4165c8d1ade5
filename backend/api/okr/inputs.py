"""What the OKR mutations take, converted to the actions' inputs (left out → KEEP)."""

from datetime import date

import strawberry
from strawberry import UNSET

from ...actions import cycles, key_results, objectives
from ...domain.patch import KEEP
from ..enums import KRKind, ObjectiveLevel, ProgressSource, Visibility
from ..ids import decode


def patch(value: object, convert: object = None) -> object:
    """UNSET (left out) → KEEP; otherwise the value, converted when given."""
    if value is UNSET:
        return KEEP
    return convert(value) if callable(convert) and value is not None else value


@strawberry.input
class CycleInput:
    name: str | None = UNSET
    starts_on: date | None = UNSET
    ends_on: date | None = UNSET


def cycle_input(data: CycleInput) -> cycles.CycleInput:
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
    align_source_key_result: bool = strawberry.field(
        default=False,
        description="Converting a parent's key result: make it follow the objectives converted "
        "from it (progressSource ALIGNED). Needs the right to edit that key result.",
    )


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
    align_source_key_result: bool = strawberry.field(
        default=False,
        description="Converting a parent's key result: make it follow the objectives converted "
        "from it (progressSource ALIGNED). Needs the right to edit that key result.",
    )


def objective_input(
    data: CreateObjectiveInput | UpdateObjectiveInput, cycle_id: int | None = None
) -> objectives.ObjectiveInput:
    def ref(value: object, type_name: str, field: str) -> object:
        return patch(value, lambda v: decode(v, type_name, field))

    return objectives.ObjectiveInput(
        cycle_id=cycle_id,
        title=patch(data.title),  # type: ignore[arg-type]
        description=patch(data.description),  # type: ignore[arg-type]
        level=KEEP if data.level in (UNSET, None) else data.level,
        visibility=KEEP if data.visibility in (UNSET, None) else data.visibility,
        owner_id=ref(data.owner_id, "User", "ownerId"),  # type: ignore[arg-type]
        team_id=ref(data.team_id, "Team", "teamId"),  # type: ignore[arg-type]
        parent_id=ref(data.parent_id, "Objective", "parentId"),  # type: ignore[arg-type]
        source_key_result_id=ref(  # type: ignore[arg-type]
            data.source_key_result_id, "KeyResult", "sourceKeyResultId"
        ),
        align_source=data.align_source_key_result,
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
    position: int | None = UNSET


@strawberry.input
class CreateKeyResultInput(KeyResultFields):
    objective_id: strawberry.ID = strawberry.field(default="")


UpdateKeyResultInput = strawberry.input(type("UpdateKeyResultInput", (KeyResultFields,), {}))


def kr_input(data: KeyResultFields, objective_id: int | None) -> key_results.KeyResultInput:
    def keep_or(value: object) -> object:
        # null on a field that cannot be cleared means "leave it"
        return KEEP if value in (UNSET, None) else value

    return key_results.KeyResultInput(
        objective_id=objective_id,
        title=patch(data.title),  # type: ignore[arg-type]
        kind=keep_or(data.kind),  # type: ignore[arg-type]
        unit=patch(data.unit),  # type: ignore[arg-type]
        start_value=patch(data.start_value),  # type: ignore[arg-type]
        target_value=patch(data.target_value),  # type: ignore[arg-type]
        range_min=patch(data.range_min),  # type: ignore[arg-type]
        range_max=patch(data.range_max),  # type: ignore[arg-type]
        due_date=patch(data.due_date),  # type: ignore[arg-type]
        weight=keep_or(data.weight),  # type: ignore[arg-type]
        owner_id=patch(  # type: ignore[arg-type]
            data.owner_id, lambda v: decode(v, "User", "ownerId")
        ),
        progress_source=keep_or(data.progress_source),  # type: ignore[arg-type]
        position=keep_or(data.position),  # type: ignore[arg-type]
    )


@strawberry.input
class WeightInput:
    key_result_id: strawberry.ID
    weight: float


@strawberry.input
class CorrectCheckInInput:
    value: float | None = None
    confidence: int | None = None
    note: str | None = None


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
