"""The phase's say in what the viewer may do (`viewerCan`), as the phase table has it: each
capability is the activity of the mutation it stands for."""

import pytest

from backend.domain.enums import CyclePhase, ObjectiveState, Role, Visibility
from backend.domain.errors import Forbidden
from backend.domain.phases import (
    ORDER,
    Activity,
    capability_allowed,
    editing,
    has_scores,
    phase_rule,
    require_check_in,
)
from backend.domain.policy import Actor, Capability, ObjectiveAccess, objective_viewer_can

D, A, T, R, C = ORDER
C_ = Capability
DRAFT, PUBLISHED, ARCHIVED = ObjectiveState.DRAFT, ObjectiveState.PUBLISHED, ObjectiveState.ARCHIVED

# (capability, objective state, scored, task): the phases that allow it
TABLE = [
    (C_.EDIT, DRAFT, False, False, {D, A, T, R}),
    (C_.EDIT, PUBLISHED, False, False, {D, A, T}),
    (C_.EDIT, ARCHIVED, False, False, {D, A, T}),
    (C_.CHECK_IN, PUBLISHED, False, False, {T, R}),
    (C_.CHECK_IN, PUBLISHED, True, False, {T}),  # late check-ins until scored
    (C_.COMMENT, PUBLISHED, False, False, {D, A, T, R, C}),
    (C_.SCORE, PUBLISHED, False, False, {R}),
    (C_.SCORE, PUBLISHED, True, False, {R}),  # a score may be revised while reviewing
    (C_.ARCHIVE, PUBLISHED, False, False, {D, A, T, R}),
    (C_.MANAGE_TASKS, PUBLISHED, False, False, {D, A, T, R}),
    # a task: edited and deleted as work on tasks, commented like anything else
    (C_.EDIT, PUBLISHED, False, True, {D, A, T, R}),
    (C_.ARCHIVE, PUBLISHED, False, True, {D, A, T, R}),
    (C_.COMMENT, PUBLISHED, False, True, {D, A, T, R, C}),
    (C_.CHECK_IN, PUBLISHED, False, True, set()),
    (C_.SCORE, PUBLISHED, False, True, set()),
]


@pytest.mark.parametrize(("capability", "state", "scored", "task", "phases"), TABLE)
def test_each_capability_follows_its_activity(
    capability: Capability,
    state: ObjectiveState,
    scored: bool,
    task: bool,
    phases: set[CyclePhase],
) -> None:
    for phase in ORDER:
        allowed = capability_allowed(phase, capability, state=state, scored=scored, task=task)
        assert allowed is (phase in phases), phase
        rule = phase_rule(phase, state=state, scored=scored, task=task)
        assert rule(capability) is allowed


@pytest.mark.parametrize(
    ("phase", "scored"), [(D, False), (A, False), (T, False), (R, True), (C, True)]
)
def test_scores_are_the_retrospectives(phase: CyclePhase, scored: bool) -> None:
    assert has_scores(phase) is scored


def test_every_capability_is_in_the_table() -> None:
    assert {row[0] for row in TABLE} == set(Capability)


@pytest.mark.parametrize(
    ("state", "activity"),
    [
        (DRAFT, Activity.WRITE_DRAFT),
        (PUBLISHED, Activity.EDIT_PUBLISHED),
        (ARCHIVED, Activity.EDIT_PUBLISHED),
    ],
)
def test_editing_a_draft_is_writing(state: ObjectiveState, activity: Activity) -> None:
    assert editing(state) is activity


@pytest.mark.parametrize(
    ("phase", "scored", "key"),
    [(D, False, "phase.refused"), (R, True, "phase.scored"), (C, True, "phase.closed")],
)
def test_a_refused_check_in_says_why(phase: CyclePhase, scored: bool, key: str) -> None:
    with pytest.raises(Forbidden) as refused:
        require_check_in(phase, scored=scored)
    assert refused.value.key == key


def test_the_hook_narrows_what_the_roles_grant() -> None:
    owner = Actor(user_id=1, org_id=1, role=Role.MEMBER)
    access = ObjectiveAccess(org_id=1, owner_id=1, visibility=Visibility.PUBLIC)
    reviewing = objective_viewer_can(
        owner,
        access,
        archived=False,
        kr_owner_ids=[1],
        phase_allows=phase_rule(R, state=PUBLISHED),
    )
    assert (reviewing.edit, reviewing.check_in, reviewing.score, reviewing.comment) == (
        False,
        True,
        True,
        True,
    )
    closed = objective_viewer_can(
        owner, access, archived=False, kr_owner_ids=[1], phase_allows=phase_rule(C, state=PUBLISHED)
    )
    assert closed.comment and not (closed.edit or closed.check_in or closed.score or closed.archive)
