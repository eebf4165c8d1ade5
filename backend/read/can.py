"""What the viewer may do with an item of a snapshot (`viewerCan`, DESIGN §5b): the domain's
policy with the cycle's phase table, from rows the snapshot already holds (no statement)."""

from ..domain.enums import ObjectiveState
from ..domain.phases import phase_rule
from ..domain.policy import (
    Actor,
    Capability,
    PhaseRule,
    ViewerCan,
    key_result_viewer_can,
    objective_viewer_can,
    task_viewer_can,
)
from ..models import KeyResult, Objective, Task
from .snapshot import Snapshot


def _scorable(rule: PhaseRule, objective: Objective, kr: KeyResult | None = None) -> PhaseRule:
    # only a published objective's live key results are scored (actions/reviews.published)
    open_ = objective.state == ObjectiveState.PUBLISHED and (kr is None or not kr.archived)
    return lambda c: rule(c) and (open_ or c is not Capability.SCORE)


def objective_can(actor: Actor | None, snap: Snapshot, objective: Objective) -> ViewerCan:
    krs = snap.krs_of.get(objective.id, ())
    rule = phase_rule(
        snap.cycle.phase,
        state=objective.state,
        scored=bool(krs) and all(kr.score is not None for kr in krs),
    )
    return objective_viewer_can(
        actor,
        snap.directory.access(objective),
        archived=objective.state == ObjectiveState.ARCHIVED,
        kr_owner_ids=[kr.owner_id for kr in krs],
        phase_allows=_scorable(rule, objective),
    )


def key_result_can(actor: Actor | None, snap: Snapshot, kr: KeyResult) -> ViewerCan:
    objective = snap.objectives[kr.objective_id]
    rule = phase_rule(snap.cycle.phase, state=objective.state, scored=kr.score is not None)
    return key_result_viewer_can(
        actor,
        snap.directory.access(objective),
        kr_owner_id=kr.owner_id,
        archived=kr.archived or objective.state == ObjectiveState.ARCHIVED,
        phase_allows=_scorable(rule, objective, kr),
    )


def task_can(
    actor: Actor | None, snap: Snapshot, task: Task, collaborator_ids: frozenset[int]
) -> ViewerCan:
    objective = snap.objectives[task.objective_id]
    kr = snap.key_results.get(task.key_result_id) if task.key_result_id is not None else None
    return task_viewer_can(
        actor,
        snap.directory.access(objective),
        creator_id=task.creator_id,
        assignee_id=task.assignee_id,
        collaborator_ids=collaborator_ids,
        kr_owner_id=kr.owner_id if kr is not None else None,
        phase_allows=phase_rule(snap.cycle.phase, state=objective.state, task=True),
    )
