"""The numbers a change moves, for the activity event that announces it.

After a write, the cycle is evaluated again (bulk, constant queries) and the event carries
absolute values for the changed key result and for every objective and ALIGNED key result
up the alignment chain — applying it twice changes nothing.
"""

from datetime import UTC, datetime
from typing import Any

from ..domain.alignment import ancestors
from ..domain.evaluate import Evaluation
from ..models import Cycle, KeyResult, Objective, Organization
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
    krs = {
        kr.id: _kr_numbers(evaluation, kr.id) for kr in key_results if kr.objective_id in chain_set
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


async def numbers_after_change(objective: Objective) -> dict[str, Any]:
    evaluation, objectives, key_results = await evaluate_now(objective.cycle_id)
    return chain_numbers(evaluation, objectives, key_results, objective.id)
