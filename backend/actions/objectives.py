"""Objectives: create, edit (with optimistic concurrency), align, publish, archive, weights."""

from dataclasses import dataclass

from tortoise.expressions import F

from ..domain.alignment import check_level, would_form_loop
from ..domain.enums import CyclePhase, ObjectiveLevel, ObjectiveState, ProgressSource, Visibility
from ..domain.errors import Conflict, Forbidden, InvalidInput
from ..domain.patch import KEEP, Patch
from ..domain.phases import Activity, editing, require
from ..domain.policy import Actor, can_create_objective, can_edit_objective, can_view_objective
from ..domain.validation import (
    LIMITS,
    current_after_change,
    validate_text,
    validate_weight,
    validate_weights_sum,
)
from ..events.kinds import Access, EventKind
from ..events.payloads import access_of, kr_payload, objective_payload
from ..events.phase import guard
from ..events.unit import Unit, write
from ..models import Cycle, KeyResult, Objective, Team, User
from ..read.directory import Directory, load_directory
from ..read.lookup import get_in_org, require_actor
from ..read.reach import editable_objective


@dataclass
class ObjectiveInput:
    cycle_id: int | None = None
    title: Patch[str | None] = KEEP
    description: Patch[str | None] = KEEP
    level: Patch[ObjectiveLevel] = KEEP
    visibility: Patch[Visibility] = KEEP
    owner_id: Patch[int | None] = KEEP
    team_id: Patch[int | None] = KEEP
    parent_id: Patch[int | None] = KEEP
    source_key_result_id: Patch[int | None] = KEEP
    # converting a parent's KR: that KR follows its children from now on (progressSource
    # ALIGNED) instead of staying MANUAL and ignoring them
    align_source: bool = False


async def _resolve_alignment(
    actor: Actor,
    objective: Objective,
    parent_id: Patch[int | None],
    source_kr_id: Patch[int | None],
    directory: Directory,
) -> None:
    """Sets parent / source KR. Converting a parent's KR makes that KR's objective the parent.
    Alignment stays inside the organization, never forms a loop, and only targets what the
    actor can see."""
    if source_kr_id is not KEEP:
        if source_kr_id is None:
            objective.source_key_result_id = None
        else:
            kr = await KeyResult.get_or_none(id=source_kr_id, organization_id=actor.org_id)
            kr_objective = await Objective.get_or_none(id=kr.objective_id) if kr else None
            if (
                kr is None
                or kr.archived
                or kr_objective is None
                or not can_view_objective(actor, directory.access(kr_objective))
            ):
                raise InvalidInput("sourceKeyResultId", "okr.unknown_target")
            if kr_objective.cycle_id != objective.cycle_id:
                raise InvalidInput("sourceKeyResultId", "okr.convert_other_cycle")
            check_level(objective.level, kr_objective.level, "sourceKeyResultId")
            objective.source_key_result_id = kr.id
            parent_id = kr.objective_id
    if parent_id is KEEP:
        return
    if parent_id is None:
        objective.parent_id = None
        objective.source_key_result_id = None
        return
    parent = await Objective.get_or_none(id=parent_id, organization_id=actor.org_id)
    if parent is None or not can_view_objective(actor, directory.access(parent)):
        raise InvalidInput("parentId", "okr.unknown_target")
    if parent.state == ObjectiveState.ARCHIVED:
        raise InvalidInput("parentId", "okr.parent_archived")
    check_level(objective.level, parent.level)
    if objective.id is not None:
        parents = dict(
            await Objective.filter(organization_id=actor.org_id).values_list("id", "parent_id")
        )
        if would_form_loop(objective.id, parent.id, parents):
            raise InvalidInput("parentId", "okr.alignment_loop")
    if source_kr_id is KEEP and objective.source_key_result_id is not None:
        source = await KeyResult.get_or_none(id=objective.source_key_result_id)
        if source is None or source.objective_id != parent.id:
            objective.source_key_result_id = None  # re-aligned elsewhere: no longer converted
    objective.parent_id = parent.id


async def _apply_fields(
    actor: Actor, objective: Objective, data: ObjectiveInput, directory: Directory
) -> None:
    if data.title is not KEEP:
        objective.title = (
            validate_text(data.title, "title", max_len=LIMITS["title"], required=True) or ""
        )
    if data.description is not KEEP:
        objective.description = (
            validate_text(data.description, "description", max_len=LIMITS["description"]) or ""
        )
    if data.level is not KEEP:
        objective.level = data.level
    if data.visibility is not KEEP:
        objective.visibility = data.visibility
    if data.owner_id is not KEEP:
        if data.owner_id is None:
            raise InvalidInput("ownerId", "input.required")
        owner = await get_in_org(User, data.owner_id, actor.org_id)
        objective.owner_id = owner.id
    if data.team_id is not KEEP:
        if data.team_id is not None:
            await get_in_org(Team, data.team_id, actor.org_id)
        objective.team_id = data.team_id
    if objective.level == ObjectiveLevel.TEAM and objective.team_id is None:
        raise InvalidInput("teamId", "okr.team_required")
    await _resolve_alignment(actor, objective, data.parent_id, data.source_key_result_id, directory)
    if data.level is not KEEP and objective.id is not None:
        await _check_level_in_place(objective, data.parent_id)


async def _check_level_in_place(objective: Objective, parent_id: Patch[int | None]) -> None:
    """An objective that changes level still fits between the parent it keeps and its
    children (a new parent was checked as it was resolved)."""
    if parent_id is KEEP and objective.parent_id is not None:
        parent = await Objective.get_or_none(id=objective.parent_id).only("id", "level")
        if parent is not None:
            check_level(objective.level, parent.level, "level")
    children = Objective.filter(parent_id=objective.id).exclude(state=ObjectiveState.ARCHIVED)
    for child in await children.only("id", "level"):
        check_level(child.level, objective.level, "level")


async def _source_to_align(
    actor: Actor,
    objective: Objective,
    data: ObjectiveInput,
    directory: Directory,
    phase: CyclePhase,
) -> tuple[KeyResult, Objective] | None:
    """The source KR to make ALIGNED, with its objective, once allowed; None when not asked
    (or it already is). Changing a KR is its objective's editors' business (the parent's)."""
    if not data.align_source:
        return None
    if objective.source_key_result_id is None:
        raise InvalidInput("alignSourceKeyResult", "okr.align_without_source")
    kr = await KeyResult.get(id=objective.source_key_result_id)
    if kr.progress_source is ProgressSource.ALIGNED:
        return None
    parent = await Objective.get(id=kr.objective_id)
    if not can_edit_objective(actor, directory.access(parent)):
        raise Forbidden()
    require(phase, editing(parent.state))  # the same cycle: conversion never crosses one
    kr.progress_source = ProgressSource.ALIGNED
    # an aligned KR stores no reading: its children drive it
    kr.current_value = current_after_change(
        kind_before=kr.kind, kind_after=kr.kind, source_after=kr.progress_source, shown=None
    )
    return kr, parent


async def _record_aligned_source(unit: Unit, aligned: tuple[KeyResult, Objective] | None) -> None:
    if aligned is None:
        return
    kr, parent = aligned
    await kr.save(update_fields=["progress_source", "current_value", "updated_at"])
    await unit.record(
        EventKind.KEY_RESULT_CHANGED,
        await kr_payload(kr, parent),
        cycle_id=parent.cycle_id,
        objective_id=parent.id,
        key_result_id=kr.id,
    )


async def _record(
    unit: Unit,
    kind: EventKind,
    objective: Objective,
    before: Access | None = None,
    old_parent: int | None = None,
    weights: dict[int, float] | None = None,
) -> None:
    payload = await objective_payload(objective, before, also=old_parent)
    if weights is not None:
        payload["weights"] = {str(k): w for k, w in weights.items()}
    await unit.record(kind, payload, cycle_id=objective.cycle_id, objective_id=objective.id)


def _may_hold(actor: Actor, objective: Objective, directory: Directory) -> bool:
    """May the actor put an objective at this level, for this owner, in this team?"""
    return can_create_objective(
        actor,
        org_id=actor.org_id,
        level=objective.level,
        owner_id=objective.owner_id,
        team_id=objective.team_id,
        owner_team_ids=directory.member_of.get(objective.owner_id, frozenset()),
    )


async def create_objective(actor: Actor | None, data: ObjectiveInput) -> Objective:
    actor = require_actor(actor)
    if data.cycle_id is None:
        raise InvalidInput("cycleId", "input.required")
    cycle = await Cycle.get_or_none(id=data.cycle_id, organization_id=actor.org_id)
    if cycle is None:
        raise InvalidInput("cycleId", "okr.unknown_target")
    phase = await guard(cycle.id, Activity.WRITE_DRAFT)
    if data.title is KEEP:
        raise InvalidInput("title", "input.required")
    directory = await load_directory(actor.org_id)
    objective = Objective(
        organization_id=actor.org_id,
        cycle_id=cycle.id,
        level=ObjectiveLevel.PERSONAL,
        owner_id=actor.user_id,
        state=ObjectiveState.DRAFT,
        visibility=Visibility.PUBLIC,
    )
    await _apply_fields(actor, objective, data, directory)
    if not _may_hold(actor, objective, directory):
        raise Forbidden()
    aligned = await _source_to_align(actor, objective, data, directory, phase.phase)
    async with write(actor.org_id, actor.user_id, phase) as unit:
        await _record_aligned_source(unit, aligned)  # first: the objective's numbers see it
        await objective.save()
        await _record(unit, EventKind.OBJECTIVE_CREATED, objective)
    return objective


async def update_objective(
    actor: Actor | None, objective_id: int, data: ObjectiveInput, version: int | None
) -> Objective:
    reach = await editable_objective(actor, objective_id)
    actor, objective, directory = reach.actor, reach.objective, reach.directory
    phase = await guard(objective.cycle_id, editing(objective.state))
    old_parent = objective.parent_id
    before = access_of(objective)
    # the level, owner and team say who may hold the objective: changing them needs the
    # same right as creating it there (e.g. only admins write COMPANY ones)
    moves = any(v is not KEEP for v in (data.level, data.team_id, data.owner_id))
    await _apply_fields(actor, objective, data, directory)
    if moves and not _may_hold(actor, objective, directory):
        raise Forbidden()
    aligned = await _source_to_align(actor, objective, data, directory, phase.phase)
    async with write(actor.org_id, actor.user_id, phase) as unit:
        await _record_aligned_source(unit, aligned)  # first: the objective's numbers see it
        await _save_versioned(objective, version)
        realigned = objective.parent_id != old_parent
        kind = EventKind.OBJECTIVE_ALIGNED if realigned else EventKind.OBJECTIVE_CHANGED
        moved_from = old_parent if realigned else None
        await _record(unit, kind, objective, before, old_parent=moved_from)
    return objective


async def _save_versioned(objective: Objective, version: int | None) -> None:
    """Saves only if nobody else saved since `version` (atomic compare-and-set, which also
    works on SQLite where SELECT … FOR UPDATE is ignored)."""
    expected = objective.version if version is None else version
    fields = {
        "title": objective.title,
        "description": objective.description,
        "level": objective.level,
        "visibility": objective.visibility,
        "owner_id": objective.owner_id,
        "team_id": objective.team_id,
        "parent_id": objective.parent_id,
        "source_key_result_id": objective.source_key_result_id,
        "state": objective.state,
        "score": objective.score,
    }
    updated = await Objective.filter(id=objective.id, version=expected).update(
        version=expected + 1, **fields
    )
    if not updated:
        current = await Objective.filter(id=objective.id).values_list("version", flat=True)
        raise Conflict("conflict.version", "version", current=current[0] if current else "?")
    objective.version = expected + 1


async def _live_weights(objective_id: int) -> list[float]:
    rows = await KeyResult.filter(objective_id=objective_id, archived=False).only("weight")
    return [kr.weight for kr in rows]


async def publish_objective(
    actor: Actor | None, objective_id: int, version: int | None
) -> Objective:
    reach = await editable_objective(actor, objective_id)
    actor, objective = reach.actor, reach.objective
    phase = await guard(objective.cycle_id, Activity.PUBLISH)
    if objective.state == ObjectiveState.ARCHIVED:
        raise InvalidInput("state", "okr.archived")
    validate_weights_sum(await _live_weights(objective.id))
    objective.state = ObjectiveState.PUBLISHED
    async with write(actor.org_id, actor.user_id, phase) as unit:
        await _save_versioned(objective, version)
        await _record(unit, EventKind.OBJECTIVE_PUBLISHED, objective)
    return objective


async def archive_objective(
    actor: Actor | None, objective_id: int, version: int | None, archived: bool = True
) -> Objective:
    """Archive (or restore to draft). Archived objectives leave the board and stop counting
    toward the key result they were converted from."""
    reach = await editable_objective(actor, objective_id)
    actor, objective = reach.actor, reach.objective
    phase = await guard(objective.cycle_id, Activity.ARCHIVE)
    objective.state = ObjectiveState.ARCHIVED if archived else ObjectiveState.DRAFT
    async with write(actor.org_id, actor.user_id, phase) as unit:
        await _save_versioned(objective, version)
        kind = EventKind.OBJECTIVE_ARCHIVED if archived else EventKind.OBJECTIVE_RESTORED
        await _record(unit, kind, objective)
    return objective


async def set_weights(
    actor: Actor | None, objective_id: int, weights: dict[int, float]
) -> Objective:
    """Sets several key results' weights at once, so a published objective can move from one
    split summing to 100 to another without passing through an invalid state."""
    reach = await editable_objective(actor, objective_id)
    actor, objective = reach.actor, reach.objective
    phase = await guard(objective.cycle_id, editing(objective.state))
    krs = {kr.id: kr for kr in await KeyResult.filter(objective_id=objective.id, archived=False)}
    for kr_id, weight in weights.items():
        if kr_id not in krs:
            raise InvalidInput("weights", "okr.unknown_target")
        validate_weight(weight)
    if objective.state == ObjectiveState.PUBLISHED:
        validate_weights_sum([weights.get(k, kr.weight) for k, kr in krs.items()])
    async with write(actor.org_id, actor.user_id, phase) as unit:
        for kr_id, weight in weights.items():
            # an edit of the key result: an editor who read the old weight gets CONFLICT
            await KeyResult.filter(id=kr_id).update(weight=weight, version=F("version") + 1)
        await _record(
            unit,
            EventKind.OBJECTIVE_WEIGHTS_CHANGED,
            objective,
            weights=weights,
        )
    return objective
