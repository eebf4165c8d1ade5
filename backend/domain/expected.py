"""Expected progress: where a key result should stand at a given time (DESIGN §4)."""

from datetime import UTC, date, datetime, time
from functools import lru_cache

from .enums import KRKind, ProgressSource
from .progress import BINARY_KINDS, clamp


@lru_cache(maxsize=4096)  # a cycle has few distinct dates; evaluate() asks for them per KR
def day_start(day: date) -> datetime:
    """Dates are whole days in UTC; a date as an instant is its first moment."""
    return datetime.combine(day, time.min, tzinfo=UTC)


def as_utc(at: datetime) -> datetime:
    # Some database drivers hand back naive datetimes; they are stored as UTC.
    if at.tzinfo is UTC:
        return at
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def expected_progress(
    at: datetime,
    starts_on: date,
    ends_on: date,
    due: date | None,
    kind: KRKind,
    source: ProgressSource,
) -> float:
    at = as_utc(at)
    start = day_start(starts_on)
    end = day_start(due if due is not None else ends_on)
    # A done/not-done result has no "halfway": it is expected only once its date arrives.
    if kind in BINARY_KINDS and source is not ProgressSource.TASKS:
        return 1.0 if at >= end else 0.0
    span = end - start
    if span.total_seconds() <= 0:
        return 1.0 if at >= end else 0.0
    return clamp((at - start) / span)
