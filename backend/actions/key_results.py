"""Key results: create, edit, archive (scoring is actions/scoring.py's). Every change keeps
the stored numbers valid (DESIGN §4) and a published objective's weights at 100."""

from dataclasses import dataclass, fields
from datetime import date

from tortoise.expressions import F

from ..domain.enums import KRKind, ObjectiveState, ProgressSource
from ..domain.errors import Conflict, Forbidden, InvalidInput
from ..domain.patch import KEEP, Patch
from ..domain.phases import Activity, editing
from ..domain.policy import Actor, can_edit_objective
from ..domain.validation import (
    LIMITS,
    current_after_change,
    validate_kr_due,
    validate_kr_numbers,
    validate_text,
    validate_weight,
    validate_weights_sum,
)
from ..events.kinds import EventKind
from ..events.payloads import kr_payload
from ..events.phase import guard
from ..events.unit import write
from ..models import KeyResult, Objective, User
from ..read.lookup import require_actor
from ..read.reach import editable_objective, key_result
from .changes import Edit


@dataclass
class KeyResultInput:
    objective_id: int | None = None
    title: Patch[str | None] = KEEP
    kind: Patch[KRKind] = KEEP
    unit: Patch[str | None] = KEEP
    start_value: Patch[float | None] = KEEP
    target_value: Patch[float | None] = KEEP
    range_min: Patch[float | None] = KEEP
    range_max: Patch[float | None] = KEEP
    due_date: Patch[date | None] = KEEP
    weight: Patch[float] = KEEP
    owner_id: Patch[int | None] = KEEP
    progress_source: Patch[ProgressSource] = KEEP
    position: Patch[int] = KEEP


# input field -> model attribute for the fields copied as they are (after validation)
_PLAIN = {
    "kind": "kind",
    "start_value": "start_value",
    "target_value": "target_value",
    "range_min": "range_min",
    "range_max": "range_max",
    "due_date": "due_date",
    "weight": "weight",
    "progress_source": "progress_source",
    "position": "position",
}


# what an edit may change; a check-in's state (current value, confidence, last check-in) and
# the score are written only by check-ins and scoring
_EDITABLE = ("title", "unit", "owner_id", "archived", *_PLAIN.values())


async def _apply(actor: Actor, kr: KeyResult, data: KeyResultInput) -> None:
    if data.title is not KEEP:
        kr.title = validate_text(data.title, "title", max_len=LIMITS["title"], required=True) or ""
    if data.unit is not KEEP:
        kr.unit = validate_text(data.unit, "unit", max_len=LIMITS["unit"]) or ""
    if data.weight is not KEEP:
        validate_weight(data.weight)
    if data.position is not KEEP and not 0 <= data.position <= 10_000:
        raise InvalidInput("position", "input.out_of_range", min=0, max=10_000)
    if data.owner_id is not KEEP:
        if data.owner_id is not None and not await User.exists(
            id=data.owner_id, organization_id=actor.org_id
        ):
            raise InvalidInput("ownerId", "okr.unknown_target")
        kr.owner_id = data.owner_id
    kind_before, source_before = kr.kind, kr.progress_source
    for field in fields(data):
        attr = _PLAIN.get(field.name)
        value = getattr(data, field.name)
        if attr and value is not KEEP:
            setattr(kr, attr, value)
    validate_kr_numbers(
        kr.kind, kr.progress_source, kr.start_value, kr.target_value, kr.range_min, kr.range_max
    )
    validate_kr_due(kr.kind, kr.due_date)
    if (kr.kind, kr.progress_source) != (kind_before, source_before):
        # only a MANUAL reading is stored; tasks or objectives drove the others
        kr.current_value = current_after_change(
            kind_before=kind_before,
            kind_after=kr.kind,
            source_after=kr.progress_source,
            shown=kr.current_value if source_before is ProgressSource.MANUAL else None,
        )


async def _check_published_weights(objective: Objective, kr: KeyResult) -> None:
    if objective.state != ObjectiveState.PUBLISHED:
        return
    others = await KeyResult.filter(objective_id=objective.id, archived=False).exclude(id=kr.id)
    weights = [o.weight for o in others] + ([] if kr.archived else [kr.weight])
    validate_weights_sum(weights)


async def create_key_result(actor: Actor | None, data: KeyResultInput) -> KeyResult:
    actor = require_actor(actor)
    if data.objective_id is None:
        raise InvalidInput("objectiveId", "input.required")
    reach = await editable_objective(actor, data.objective_id)
    actor, objective = reach.actor, reach.objective
    if objective.state == ObjectiveState.ARCHIVED:
        raise InvalidInput("objectiveId", "okr.archived")
    phase = await guard(objective.cycle_id, editing(objective.state))
    for required in ("title", "kind"):
        if getattr(data, required) is KEEP:
            raise InvalidInput(required, "input.required")
    count = await KeyResult.filter(objective_id=objective.id).count()
    if count >= 25:
        raise InvalidInput("objectiveId", "okr.too_many_krs", max=25)
    kr = KeyResult(
        organization_id=actor.org_id,
        objective_id=objective.id,
        owner_id=objective.owner_id,
        position=count,
    )
    await _apply(actor, kr, data)
    await _check_published_weights(objective, kr)
    async with write(actor.org_id, actor.user_id, phase) as unit:
        await kr.save()
        await unit.record(
            EventKind.KEY_RESULT_CREATED,
            await kr_payload(kr, objective),
            cycle_id=objective.cycle_id,
            objective_id=objective.id,
            key_result_id=kr.id,
        )
    return kr


async def update_key_result(
    actor: Actor | None,
    kr_id: int,
    data: KeyResultInput,
    archived: bool | None = None,
    version: int | None = None,
) -> KeyResult:
    """Writes only the fields the edit changes, to the key result as committed: a check-in
    or another editor's change of other fields meanwhile stays. `version`: the one the editor
    read; when someone edited since, nothing is written (CONFLICT)."""
    reach = await key_result(actor, kr_id)
    if not can_edit_objective(reach.actor, reach.access):
        raise Forbidden()
    actor, objective = reach.actor, reach.objective
    activity = Activity.ARCHIVE if archived is not None else editing(objective.state)
    phase = await guard(objective.cycle_id, activity)
    async with write(actor.org_id, actor.user_id, phase) as unit:
        # First statement: SQLite's writer lock / PostgreSQL's row lock on the key result, and
        # the compare-and-set of its version; then the edit applies to the row as committed.
        expected = {} if version is None else {"version": version}
        if not await KeyResult.filter(id=kr_id, **expected).update(version=F("version") + 1):
            current = await KeyResult.filter(id=kr_id).values_list("version", flat=True)
            raise Conflict("conflict.version", "version", current=current[0] if current else "?")
        kr = await KeyResult.get(id=kr_id)
        # the current value too, written only when a change of kind or source re-read it (the
        # row is locked: no check-in can land between this read and the write)
        edit = Edit(kr, (*_EDITABLE, "current_value"))
        await _apply(actor, kr, data)
        if archived is not None:
            kr.archived = archived
        await _check_published_weights(objective, kr)
        await edit.save()
        await unit.record(
            EventKind.KEY_RESULT_ARCHIVED if archived else EventKind.KEY_RESULT_CHANGED,
            await kr_payload(kr, objective),
            cycle_id=objective.cycle_id,
            objective_id=objective.id,
            key_result_id=kr.id,
        )
    return kr
