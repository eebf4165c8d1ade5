"""Track status of key results and objectives (DESIGN §4)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from .clock import as_utc, day_start
from .enums import CyclePhase, StatusReason, TrackStatus

# Gaps are compared with a tolerance so that e.g. 0.5 - 0.35 (= 0.15000000000000002 in binary)
# counts as exactly on the threshold, not over it.
_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Organization settings that tune the status rules."""

    behind_gap: float = 0.30
    at_risk_gap: float = 0.15
    stale_days: int = 7
    low_confidence: int = 3


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True)
class KRStatus:
    status: TrackStatus
    reasons: tuple[StatusReason, ...]


def _latest(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None or b is None:
        return a if b is None else b
    return max(as_utc(a), as_utc(b))


def _is_stale(
    at: datetime,  # UTC
    cycle_start: datetime,  # UTC
    phase: CyclePhase,
    last_activity: datetime | None,
    created_at: datetime | None,
    stale_days: int,
) -> bool:
    # Staleness is only meaningful while the cycle is being tracked.
    if phase is not CyclePhase.TRACKING:
        return False
    # Silence counts from the latest sign of life — a check-in or a change to one of its tasks
    # — and never from before the cycle began. A KR never touched counts from its creation
    # when that was mid-cycle: it gets a grace period instead of being born stale.
    since = last_activity if last_activity is not None else created_at
    since = cycle_start if since is None else max(cycle_start, as_utc(since))
    return at - since >= timedelta(days=stale_days)


def kr_status(
    *,
    progress: float,
    expected: float,
    at: datetime,
    starts_on: date,
    ends_on: date,
    due: date | None,
    phase: CyclePhase,
    confidence: int | None,
    last_check_in_at: datetime | None,
    created_at: datetime | None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    last_task_change_at: datetime | None = None,
    out_of_bounds: bool = False,
    tz: tzinfo = UTC,
) -> KRStatus:
    """`tz`: the organization's zone, in which the cycle's and the KR's dates begin and end.
    `out_of_bounds`: a limit the KR holds is breached (progress.Measure)."""
    if progress >= 1:
        return KRStatus(TrackStatus.DONE, ())
    at = as_utc(at)
    cycle_start = day_start(starts_on, tz)
    if at < cycle_start:
        return KRStatus(TrackStatus.NOT_STARTED, ())

    gap = expected - progress
    low_confidence = confidence is not None and confidence <= thresholds.low_confidence
    last_activity = _latest(last_check_in_at, last_task_change_at)
    stale = _is_stale(at, cycle_start, phase, last_activity, created_at, thresholds.stale_days)
    # The due day itself still counts as on time; it has passed once the next day begins.
    overdue = at >= day_start((due if due is not None else ends_on) + timedelta(days=1), tz)

    reasons: list[StatusReason] = []
    if gap > thresholds.at_risk_gap + _EPS:
        reasons.append(StatusReason.BEHIND_SCHEDULE)
    if low_confidence:
        reasons.append(StatusReason.LOW_CONFIDENCE)
    if stale:
        reasons.append(StatusReason.STALE)
    if overdue:
        reasons.append(StatusReason.OVERDUE)
    if out_of_bounds:
        reasons.append(StatusReason.OUT_OF_BOUNDS)

    if gap > thresholds.behind_gap + _EPS:
        status = TrackStatus.BEHIND
    elif reasons:
        # Every reason is a warning: past its date, or outside its limit, is never on track.
        status = TrackStatus.AT_RISK
    else:
        status = TrackStatus.ON_TRACK
    return KRStatus(status, tuple(reasons))


# Worst first: an objective shows the most alarming status among its key results.
_SEVERITY = {
    TrackStatus.BEHIND: 0,
    TrackStatus.AT_RISK: 1,
    TrackStatus.ON_TRACK: 2,
    TrackStatus.NOT_STARTED: 3,
    TrackStatus.DONE: 4,
}


def objective_status(
    statuses: Sequence[TrackStatus], weights: Sequence[float] | None = None
) -> TrackStatus:
    """The worst of its key results' statuses (DONE only when all are done). With `weights`
    (one per status), KRs of weight 0 do not count as long as any KR carries weight."""
    if weights is not None and any(w > 0 for w in weights):
        statuses = [s for s, w in zip(statuses, weights, strict=True) if w > 0]
    if not statuses:
        return TrackStatus.NOT_STARTED
    return min(statuses, key=_SEVERITY.__getitem__)
