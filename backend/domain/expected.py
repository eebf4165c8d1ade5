"""Expected progress: where a key result should stand at a given time (DESIGN §4)."""

from datetime import UTC, date, datetime, tzinfo

from .clock import as_utc, day_start
from .enums import KRKind, ProgressSource
from .progress import BINARY_KINDS, clamp

__all__ = ["as_utc", "day_start", "expected_progress"]  # day_start, as_utc: older imports


def expected_progress(
    at: datetime,
    starts_on: date,
    ends_on: date,
    due: date | None,
    kind: KRKind,
    source: ProgressSource,
    tz: tzinfo = UTC,
) -> float:
    """`tz`: the organization's zone, in which the dates begin."""
    at = as_utc(at)
    start = day_start(starts_on, tz)
    end = day_start(due if due is not None else ends_on, tz)
    # A done/not-done result has no "halfway": it is expected only once its date arrives.
    if kind in BINARY_KINDS and source is not ProgressSource.TASKS:
        return 1.0 if at >= end else 0.0
    span = end - start
    if span.total_seconds() <= 0:
        return 1.0 if at >= end else 0.0
    return clamp((at - start) / span)
