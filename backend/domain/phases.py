"""What each phase of a cycle allows — the method's four meetings as one table.

DRAFTING (圆桌会) → ALIGNING (共识会) → TRACKING (推进会) → REVIEWING (复盘会) → CLOSED. Drafts are
written and discussed in every phase but CLOSED (a team adds an objective mid-quarter); publishing
from ALIGNING on; check-ins in TRACKING and REVIEWING (a late check-in until the key result is
scored — that part is the key result's, see `check_in_open`); scoring, peer review and lessons in
REVIEWING; CLOSED is read-only, comments and likes aside, and its numbers are frozen.
"""

from enum import StrEnum

from .enums import CyclePhase, ObjectiveState
from .errors import Forbidden, InvalidInput
from .messages import Term, Terms
from .policy import Capability, PhaseRule
from .validation import LIMITS, validate_text

P = CyclePhase
ORDER = (P.DRAFTING, P.ALIGNING, P.TRACKING, P.REVIEWING, P.CLOSED)


class Activity(StrEnum):
    WRITE_DRAFT = "write_draft"  # create objectives and key results, edit drafts
    EDIT_PUBLISHED = "edit_published"  # change a published objective or key result
    PUBLISH = "publish"
    ARCHIVE = "archive"  # archive or restore objectives and key results
    COMMIT = "commit"  # the owner's "I commit" (共识会)
    CHECK_IN = "check_in"
    MANAGE_TASKS = "manage_tasks"
    HOLD_MEETING = "hold_meeting"  # create meetings, run them, edit notes
    SCORE = "score"
    PEER_REVIEW = "peer_review"
    WRITE_LESSONS = "write_lessons"
    COMMENT = "comment"
    LIKE = "like"
    CARRY_FROM = "carry_from"  # copy unfinished objectives out of this cycle
    CARRY_INTO = "carry_into"  # …into this one


A = Activity
_OPEN = {A.WRITE_DRAFT, A.ARCHIVE, A.MANAGE_TASKS, A.HOLD_MEETING, A.COMMENT, A.LIKE}

ALLOWED: dict[CyclePhase, frozenset[Activity]] = {
    P.DRAFTING: frozenset(_OPEN | {A.EDIT_PUBLISHED, A.CARRY_INTO}),
    P.ALIGNING: frozenset(_OPEN | {A.EDIT_PUBLISHED, A.PUBLISH, A.COMMIT, A.CARRY_INTO}),
    P.TRACKING: frozenset(
        _OPEN | {A.EDIT_PUBLISHED, A.PUBLISH, A.COMMIT, A.CHECK_IN, A.CARRY_INTO}
    ),
    # the numbers are being scored: published key results keep their targets
    P.REVIEWING: frozenset(
        _OPEN | {A.PUBLISH, A.CHECK_IN, A.SCORE, A.PEER_REVIEW, A.WRITE_LESSONS, A.CARRY_FROM}
    ),
    P.CLOSED: frozenset({A.COMMENT, A.LIKE, A.CARRY_FROM}),
}


def allows(phase: CyclePhase, activity: Activity) -> bool:
    return activity in ALLOWED[phase]


def phases_allowing(activity: Activity) -> tuple[CyclePhase, ...]:
    return tuple(p for p in ORDER if activity in ALLOWED[p])


def require(phase: CyclePhase, activity: Activity) -> None:
    """Refuses (FORBIDDEN) what the phase does not allow, saying which phases do."""
    if allows(phase, activity):
        return
    action = Term(f"activity.{activity.value}")
    if phase is P.CLOSED:
        raise Forbidden("phase.closed", action=action)
    allowed = Terms(tuple(f"phase.{p.value}" for p in phases_allowing(activity)))
    raise Forbidden(
        "phase.refused", action=action, phase=Term(f"phase.{phase.value}"), allowed=allowed
    )


def has_scores(phase: CyclePhase) -> bool:
    """Scores are the retrospective's: from REVIEWING on an objective has one (its key results'
    final scores, suggestions standing in); before, a suggestion is only a preview."""
    return ORDER.index(phase) >= ORDER.index(P.REVIEWING)


def check_in_open(phase: CyclePhase, *, scored: bool) -> bool:
    """Check-ins land in TRACKING, and late ones in REVIEWING until the key result is scored."""
    return allows(phase, A.CHECK_IN) and not (phase is P.REVIEWING and scored)


def require_check_in(phase: CyclePhase, *, scored: bool) -> None:
    """`check_in_open`, refused with the reason: the phase, or the key result's final score."""
    require(phase, A.CHECK_IN)
    if not check_in_open(phase, scored=scored):
        raise Forbidden("phase.scored")


def editing(state: ObjectiveState) -> Activity:
    """What changing an objective or one of its key results is: writing while it is a draft,
    changing a published OKR afterwards (an archived one is restored first, then a draft)."""
    return A.WRITE_DRAFT if state is ObjectiveState.DRAFT else A.EDIT_PUBLISHED


# a capability of an objective or key result -> the activity of the mutation it stands for
# (EDIT and CHECK_IN depend on the item, below)
_ACTIVITY_OF = {
    Capability.COMMENT: A.COMMENT,
    Capability.SCORE: A.SCORE,
    Capability.ARCHIVE: A.ARCHIVE,
    Capability.MANAGE_TASKS: A.MANAGE_TASKS,
}
# what a task offers besides comments: editing and deleting it are work on tasks
_TASK_WORK = frozenset({Capability.EDIT, Capability.ARCHIVE, Capability.MANAGE_TASKS})


def capability_allowed(
    phase: CyclePhase,
    capability: Capability,
    *,
    state: ObjectiveState,
    scored: bool = False,
    task: bool = False,
) -> bool:
    """The phase's say in `viewerCan` (domain.policy). `state`: the objective's; `scored`: the
    key result is (for an objective: every one of its key results is); `task`: the item is a
    task."""
    if task and capability is not Capability.COMMENT:
        return capability in _TASK_WORK and allows(phase, A.MANAGE_TASKS)
    if capability is Capability.CHECK_IN:
        return check_in_open(phase, scored=scored)
    if capability is Capability.EDIT:
        return allows(phase, editing(state))
    return allows(phase, _ACTIVITY_OF[capability])


def phase_rule(
    phase: CyclePhase, *, state: ObjectiveState, scored: bool = False, task: bool = False
) -> PhaseRule:
    """`capability_allowed` for one item, as the `phase_allows` hook of the viewerCan
    functions."""
    return lambda c: capability_allowed(phase, c, state=state, scored=scored, task=task)


def checked_move(current: CyclePhase, target: CyclePhase, reason: str | None) -> str | None:
    """A phase moves one step forward, or one step back with a reason (returned cleaned). A
    closed cycle stays closed: its numbers are frozen."""
    step = ORDER.index(target) - ORDER.index(current)
    if step == 1:
        return validate_text(reason, "reason", max_len=LIMITS["reason"]) or None
    if step == -1 and current is not P.CLOSED:
        return validate_text(reason, "reason", max_len=LIMITS["reason"], required=True)
    if current is P.CLOSED:
        raise InvalidInput("phase", "phase.closed_for_good")
    raise InvalidInput("phase", "phase.one_step", phase=Term(f"phase.{current.value}"))
