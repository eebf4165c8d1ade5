"""What each phase of a cycle allows — the method's four meetings as one table.

DRAFTING (圆桌会) → ALIGNING (共识会) → TRACKING (推进会) → REVIEWING (复盘会) → CLOSED. Drafts are
written and discussed in every phase but CLOSED (a team adds an objective mid-quarter); publishing
from ALIGNING on; check-ins in TRACKING and REVIEWING (a late check-in until the key result is
scored — that part is the key result's, see `check_in_open`); scoring, peer review and lessons in
REVIEWING; CLOSED is read-only, comments and likes aside, and its numbers are frozen.
"""

from enum import StrEnum

from .enums import CyclePhase
from .errors import Forbidden, InvalidInput
from .messages import Term, Terms
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


def check_in_open(phase: CyclePhase, *, scored: bool) -> bool:
    """Check-ins land in TRACKING, and late ones in REVIEWING until the key result is scored."""
    return allows(phase, A.CHECK_IN) and not (phase is P.REVIEWING and scored)


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
