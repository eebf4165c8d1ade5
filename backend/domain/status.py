"""Track status of key results and objectives (DESIGN §4)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .enums import CyclePhase, StatusReason, TrackStatus
from .expected import as_utc, day_start

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


def _is_stale(
    at: datetime,  # UTC
    starts_on: date,
    phase: CyclePhase,
    last_check_in_at: datetime | None,
    created_at: datetime | None,
    stale_days: int,
) -> bool:
    # Staleness is only meaningful while the cycle is being tracked.
    if phase is not CyclePhase.TRACKING:
        return False
    if last_check_in_at is not None:
        since = as_utc(last_check_in_at)
    else:
        # A KR created mid-cycle gets a fresh grace period instead of being born stale.
        since = day_start(starts_on)
        if created_at is not None:
            since = max(since, as_utc(created_at))
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
) -> KRStatus:
    if progress >= 1:
        return KRStatus(TrackStatus.DONE, ())
    at = as_utc(at)
    if at < day_start(starts_on):
        return KRStatus(TrackStatus.NOT_STARTED, ())

    gap = expected - progress
    low_confidence = confidence is not None and confidence <= thresholds.low_confidence
    stale = _is_stale(at, starts_on, phase, last_check_in_at, created_at, thresholds.stale_days)
    # The due day itself still counts as on time; it has passed once the next day begins.
    overdue = at >= day_start((due if due is not None else ends_on) + timedelta(days=1))

    reasons: list[StatusReason] = []
    if gap > thresholds.at_risk_gap + _EPS:
        reasons.append(StatusReason.BEHIND_SCHEDULE)
    if low_confidence:
        reasons.append(StatusReason.LOW_CONFIDENCE)
    if stale:
        reasons.append(StatusReason.STALE)
    if overdue:
        reasons.append(StatusReason.OVERDUE)

    if gap > thresholds.behind_gap + _EPS:
        status = TrackStatus.BEHIND
    elif gap > thresholds.at_risk_gap + _EPS or low_confidence or stale:
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


def objective_status(statuses: Sequence[TrackStatus]) -> TrackStatus:
    if not statuses:
        return TrackStatus.NOT_STARTED
    return min(statuses, key=_SEVERITY.__getitem__)
