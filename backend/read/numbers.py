"""The numbers a change moves, for the activity event that announces it.

After a write, the event carries absolute values for the changed key result and for every
objective and key result up the alignment chain — applying it twice changes nothing. Only the
chain and what its numbers depend on are read and evaluated (read/chain.py: a constant
number of statements), inside the writing transaction and after the organization's event
counter row is locked (`events.unit.lock_org`), so that the numbers include every change
committed before this event's seq and none committed after it.
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from ..domain.alignment import ancestors
from ..domain.evaluate import Evaluation
from ..models import Cycle, KeyResult, Objective, Organization
from .chain import evaluate_chain, load_chain_rows


async def evaluate_chains(
    cycle: Cycle, org: Organization, objective_ids: Iterable[int], at: datetime | None = None
) -> tuple[Evaluation, dict[int, Objective], list[KeyResult]]:
    """The numbers of `objective_ids`, of everything up their alignment chains and of what
    those depend on: what `chain_numbers` reads, as a whole-cycle evaluation gives them."""
    rows = await load_chain_rows(cycle.id, objective_ids)
    evaluation = evaluate_chain(cycle, org, rows, at or datetime.now(UTC))
    return evaluation, rows.objectives, rows.key_results


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
