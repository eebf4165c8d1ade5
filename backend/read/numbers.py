"""The numbers a change moves, for the activity event that announces it.

After a write, the event carries absolute values for the changed key result and for every
objective and key result up the alignment chain — applying it twice changes nothing. Only the
chain and what its numbers depend on are read and evaluated (services/chain.py: a constant
number of statements), inside the writing transaction and after the organization's event
counter row is locked (`lock_org`), so that the numbers include every change committed before
this event's seq and none committed after it.
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from ..domain.alignment import ancestors
from ..domain.evaluate import Evaluation
from ..models import Cycle, KeyResult, Objective, Organization, User
from .chain import evaluate_chain, load_chain_rows


async def lock_org(org_id: int) -> Organization:
    """The organization row, locked until the transaction ends — on PostgreSQL the lock that
    `unit.record`'s UPDATE of the event counter takes, taken before the numbers are read: a
    transaction that records a smaller seq has committed by then, one that records a larger
    seq reads after this one commits. FOR NO KEY UPDATE, as that UPDATE: rows inserted with a
    foreign key to the organization (key share) do not wait for it. SQLite sends no FOR
    UPDATE: a writing transaction already holds the database's single writer lock."""
    return await Organization.select_for_update(no_key=True).get(id=org_id)


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


async def numbers_after_change(objective: Objective, also: int | None = None) -> dict[str, Any]:
    """Inside the writing transaction. `also`: another objective whose chain moved too (the
    old parent after a re-alignment)."""
    org = await lock_org(objective.organization_id)
    cycle = await Cycle.get(id=objective.cycle_id)
    wanted = [objective.id] if also is None else [objective.id, also]
    evaluation, objectives, key_results = await evaluate_chains(cycle, org, wanted)
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
    krs = await KeyResult.filter(objective_id=objective.id, archived=False).order_by(
        "position", "id"
    )
    # its key results too: whoever can see it only after this change has never seen them
    summary = {**objective_summary(objective, owner), "keyResults": [kr_summary(k) for k in krs]}
    payload = {
        "objective": summary,
        "numbers": await numbers_after_change(objective, also),
    }
    if before is not None:
        payload["before"] = before
    return payload


async def kr_payload(kr: KeyResult, objective: Objective) -> dict[str, Any]:
    return {"keyResult": kr_summary(kr), "numbers": await numbers_after_change(objective)}
