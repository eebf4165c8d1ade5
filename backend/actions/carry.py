"""Carry forward (复盘 → the next cycle): chosen unfinished objectives of a cycle being reviewed
or closed are copied into another cycle as drafts — each unfinished key result starting from
its last value, due dates moved with the cycle, alignment re-pointed to the copies of parents
carried along (domain/carry.py) — never their check-ins, tasks or scores. Whoever may create an
objective for its owner in the new cycle may carry it there."""

from ..domain.carry import carried_start, carry_order, repointed, shifted_due, unfinished
from ..domain.enums import ObjectiveState
from ..domain.errors import Forbidden, InvalidInput
from ..domain.phases import Activity, require
from ..domain.policy import Actor, can_create_objective, can_view_objective
from ..events.kinds import EventKind
from ..events.payloads import objective_payload
from ..events.phase import guard
from ..events.unit import write
from ..models import Cycle, KeyResult, Objective, Organization
from ..read.chain import evaluate_chains
from ..read.directory import load_directory
from ..read.lookup import require_actor

MAX_CARRIED = 50
FIELD = "objectiveIds"


async def carry_forward(
    actor: Actor | None, objective_ids: list[int], to_cycle_id: int
) -> list[Objective]:
    """The copies, in the order of `objective_ids`."""
    actor = require_actor(actor)
    ids = list(dict.fromkeys(objective_ids))
    if not ids:
        raise InvalidInput(FIELD, "input.required")
    if len(ids) > MAX_CARRIED:
        raise InvalidInput(FIELD, "work.too_many", max=MAX_CARRIED)
    target = await Cycle.get_or_none(id=to_cycle_id, organization_id=actor.org_id)
    if target is None:
        raise InvalidInput("toCycleId", "okr.unknown_target")
    directory = await load_directory(actor.org_id)
    rows = {o.id: o for o in await Objective.filter(id__in=ids, organization_id=actor.org_id)}
    if len(rows) < len(ids) or not all(
        can_view_objective(actor, directory.access(o)) for o in rows.values()
    ):
        raise InvalidInput(FIELD, "okr.unknown_target")
    if len({o.cycle_id for o in rows.values()}) > 1:
        raise InvalidInput(FIELD, "carry.one_cycle")
    source = await Cycle.get(id=rows[ids[0]].cycle_id)
    if source.id == target.id:
        raise InvalidInput("toCycleId", "carry.same_cycle")
    require(source.phase, Activity.CARRY_FROM)
    phase = await guard(target.id, Activity.CARRY_INTO)
    for o in rows.values():
        may = can_create_objective(
            actor,
            org_id=actor.org_id,
            level=o.level,
            owner_id=o.owner_id,
            team_id=o.team_id,
            owner_team_ids=directory.member_of.get(o.owner_id, frozenset()),
        )
        if not may:
            raise Forbidden()
        if o.state == ObjectiveState.ARCHIVED:
            raise InvalidInput(FIELD, "okr.archived")
    org = await Organization.get(id=actor.org_id)
    evaluation, _, krs = await evaluate_chains(source, org, ids)
    for o in rows.values():
        if not unfinished(evaluation.objectives[o.id].progress):
            raise InvalidInput(FIELD, "carry.finished", title=o.title)
    parents = {
        p.id: p
        for p in await Objective.filter(id__in=[o.parent_id for o in rows.values() if o.parent_id])
        if p.state != ObjectiveState.ARCHIVED
    }
    copies: dict[int, Objective] = {}
    kr_copies: dict[int, int] = {}
    async with write(actor.org_id, actor.user_id, phase) as unit:
        for oid in carry_order(ids, {o.id: o.parent_id for o in rows.values()}):
            o = rows[oid]
            parent = parents.get(o.parent_id) if o.parent_id else None
            parent_id = repointed(
                parent.id if parent else None,
                parent.cycle_id if parent else None,
                source.id,
                {k: c.id for k, c in copies.items()},
            )
            copy = await Objective.create(
                organization_id=actor.org_id,
                cycle_id=target.id,
                title=o.title,
                description=o.description,
                level=o.level,
                visibility=o.visibility,
                owner_id=o.owner_id,
                team_id=o.team_id,
                state=ObjectiveState.DRAFT,
                parent_id=parent_id,
                source_key_result_id=kr_copies.get(o.source_key_result_id or 0),
            )
            left = [
                kr
                for kr in krs
                if kr.objective_id == o.id
                and not kr.archived
                and unfinished(evaluation.key_results[kr.id].progress)
            ]
            for kr in left:
                made = await KeyResult.create(
                    organization_id=actor.org_id,
                    objective_id=copy.id,
                    title=kr.title,
                    kind=kr.kind,
                    unit=kr.unit,
                    start_value=carried_start(
                        kr.kind,
                        kr.progress_source,
                        kr.start_value,
                        evaluation.key_results[kr.id].current_value,
                    ),
                    target_value=kr.target_value,
                    range_min=kr.range_min,
                    range_max=kr.range_max,
                    due_date=shifted_due(
                        kr.due_date, source.starts_on, target.starts_on, target.ends_on
                    ),
                    weight=kr.weight,
                    owner_id=kr.owner_id,
                    progress_source=kr.progress_source,
                    position=kr.position,
                )
                kr_copies[kr.id] = made.id
            copies[oid] = copy
            payload = await objective_payload(copy)
            payload["carriedFrom"] = {"objectiveId": o.id, "cycleId": source.id}
            await unit.record(
                EventKind.OBJECTIVE_CARRIED_FORWARD,
                payload,
                cycle_id=target.id,
                objective_id=copy.id,
            )
    return [copies[i] for i in ids]
