"""The numbers a change moves, for the activity event that announces it.

After a write, the cycle is evaluated again (bulk, constant queries) and the event carries
absolute values for the changed key result and for every objective and ALIGNED key result
up the alignment chain — applying it twice changes nothing.
"""

from datetime import UTC, datetime
from typing import Any

from ..domain.alignment import ancestors
from ..domain.evaluate import Evaluation
from ..models import Cycle, KeyResult, Objective, Organization, User
from .snapshot import _task_counts, evaluate_cycle


async def evaluate_now(cycle_id: int) -> tuple[Evaluation, dict[int, Objective], list[KeyResult]]:
    cycle = await Cycle.get(id=cycle_id)
    org = await Organization.get(id=cycle.organization_id)
    objectives = await Objective.filter(cycle_id=cycle_id)
    key_results = await KeyResult.filter(objective__cycle_id=cycle_id)
    evaluation = evaluate_cycle(
        cycle, org, objectives, key_results, await _task_counts(cycle_id), datetime.now(UTC)
    )
    return evaluation, {o.id: o for o in objectives}, key_results


def chain_numbers(
    evaluation: Evaluation,
    objectives: dict[int, Objective],
    key_results: list[KeyResult],
    objective_id: int,
) -> dict[str, Any]:
    """Numbers of `objective_id`, its key results, and everything it rolls up into."""
    parent_of = {o.id: o.parent_id for o in objectives.values()}
    chain = [objective_id, *ancestors(objective_id, parent_of)]
    chain_set = set(chain)
    # each KR names its objective: a subscriber's view is cut per visible objective
    krs = {
        kr.id: {
            **_kr_numbers(evaluation, kr.id),
            "objectiveId": kr.objective_id,
            "weight": kr.weight,
        }
        for kr in key_results
        if kr.objective_id in chain_set
    }
    return {
        "objectives": {
            str(oid): {
                "progress": evaluation.objectives[oid].progress,
                "status": evaluation.objectives[oid].status.value,
            }
            for oid in chain
            if oid in evaluation.objectives
        },
        "keyResults": {str(k): v for k, v in krs.items()},
    }


def _kr_numbers(evaluation: Evaluation, kr_id: int) -> dict[str, Any]:
    result = evaluation.key_results[kr_id]
    return {
        "progress": result.progress,
        "rawProgress": result.raw_progress,
        "expectedProgress": result.expected,
        "status": result.status.value,
        "statusReasons": [r.value for r in result.reasons],
    }


async def numbers_after_change(objective: Objective, also: int | None = None) -> dict[str, Any]:
    """`also`: another objective whose chain moved too (the old parent after a re-alignment)."""
    evaluation, objectives, key_results = await evaluate_now(objective.cycle_id)
    numbers = chain_numbers(evaluation, objectives, key_results, objective.id)
    if also is not None and also in objectives:
        old = chain_numbers(evaluation, objectives, key_results, also)
        for part in ("objectives", "keyResults"):
            numbers[part] = {**old[part], **numbers[part]}
    return numbers


def objective_summary(objective: Objective, owner: User) -> dict[str, Any]:
    """Everything the board shows of an objective, so a client updates without a refetch."""
    return {
        "id": objective.id,
        "title": objective.title,
        "level": objective.level.value,
        "state": objective.state.value,
        "visibility": objective.visibility.value,
        "parentId": objective.parent_id,
        "sourceKeyResultId": objective.source_key_result_id,
        "teamId": objective.team_id,
        "version": objective.version,
        "owner": {"id": owner.id, "displayName": owner.display_name, "handle": owner.handle},
    }


def kr_summary(kr: KeyResult) -> dict[str, Any]:
    return {
        "id": kr.id,
        "objectiveId": kr.objective_id,
        "title": kr.title,
        "kind": kr.kind.value,
        "unit": kr.unit,
        "startValue": kr.start_value,
        "targetValue": kr.target_value,
        "currentValue": kr.current_value,
        "rangeMin": kr.range_min,
        "rangeMax": kr.range_max,
        "dueDate": kr.due_date.isoformat() if kr.due_date else None,
        "weight": kr.weight,
        "confidence": kr.confidence,
        "progressSource": kr.progress_source.value,
        "archived": kr.archived,
        "position": kr.position,
    }


def access_of(objective: Objective) -> dict[str, Any]:
    """Who could see an objective before a change (for events that may hide it)."""
    return {
        "ownerId": objective.owner_id,
        "teamId": objective.team_id,
        "visibility": objective.visibility.value,
    }


async def objective_payload(
    objective: Objective, before: dict[str, Any] | None = None, also: int | None = None
) -> dict[str, Any]:
    owner = await User.get(id=objective.owner_id)
    payload = {
        "objective": objective_summary(objective, owner),
        "numbers": await numbers_after_change(objective, also),
    }
    if before is not None:
        payload["before"] = before
    return payload


async def kr_payload(kr: KeyResult, objective: Objective) -> dict[str, Any]:
    return {"keyResult": kr_summary(kr), "numbers": await numbers_after_change(objective)}
