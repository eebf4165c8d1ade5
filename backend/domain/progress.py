"""Progress of key results and objectives (DESIGN §4)."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .enums import KRKind, ProgressSource

# Kinds measured as a ratio between a start and a target value.
GROWTH_KINDS = frozenset({KRKind.INCREASE, KRKind.MISSION, KRKind.COUNT})
# Kinds that are simply done or not done.
BINARY_KINDS = frozenset({KRKind.BASELINE, KRKind.MILESTONE})
# Kinds whose progress may come from their tasks.
TASK_KINDS = BINARY_KINDS | {KRKind.COUNT}


@dataclass(frozen=True, slots=True)
class KRFacts:
    """Everything needed to compute one key result's progress."""

    kind: KRKind
    source: ProgressSource
    start: float | None = None
    target: float | None = None
    # None = no check-in yet: the KR stands at its start (BASELINE/MILESTONE: not done).
    current: float | None = None
    range_min: float | None = None
    range_max: float | None = None
    tasks_done: int = 0
    tasks_total: int = 0
    # Progress of the non-archived objectives converted from this KR.
    aligned: tuple[float, ...] = ()


class Measure(NamedTuple):  # built for every KR on every board load: a tuple is cheapest
    """Where a key result stands."""

    # The unclamped ratio: below 0 when moving away, above 1 when over-achieving; the
    # progress is clamp(raw).
    raw: float
    # The value the KR reports: its start before any check-in, the done tasks of a task-driven
    # count, the value an ALIGNED KR's derived progress stands for (None when nothing does).
    current: float | None
    # A limit to hold (a ceiling, a band once inside it) is breached.
    out_of_bounds: bool = False


def clamp(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return min(max(x, lo), hi)


def _ratio(num: float, den: float) -> float:
    # Stored numbers are validated on write; a degenerate denominator still must not crash.
    return num / den if den > 0 else 0.0


def _finite(x: float | None) -> bool:
    return x is None or math.isfinite(x)


def is_ceiling(kind: KRKind, start: float | None, target: float | None) -> bool:
    """A DECREASE that starts at or below its target: a limit to keep, not a distance to go."""
    return kind is KRKind.DECREASE and start is not None and target is not None and start <= target


def _held(expected: float, current: float | None) -> Measure:
    # While a limit holds the KR is exactly on schedule; done once its period is over.
    return Measure(expected, current)


def _breached(current: float | None) -> Measure:
    return Measure(0.0, current, out_of_bounds=True)


def _range(kr: KRFacts, expected: float) -> Measure:
    lo, hi, start = kr.range_min, kr.range_max, kr.start
    value = start if kr.current is None else kr.current
    if lo is None or hi is None or value is None or lo > hi:
        return Measure(0.0, value)
    if lo <= value <= hi:
        return _held(expected, value)
    if start is None:
        return Measure(0.0, value)
    below = value < lo
    # Started inside the band (its bounds included), or crossed it to the far side: the band
    # was there to be held and the value has left it.
    if lo <= start <= hi or (start > hi if below else start < lo):
        return _breached(value)
    # Not there yet: the share of the way from the start to the nearer bound covered so far.
    bound = lo if below else hi
    return Measure(1.0 - abs(value - bound) / abs(start - bound), value)


def _manual(kr: KRFacts, expected: float) -> Measure:
    if kr.kind in BINARY_KINDS:
        done = kr.current is not None and kr.current >= 1
        return Measure(1.0 if done else 0.0, 0.0 if kr.current is None else kr.current)
    if kr.kind is KRKind.RANGE:
        return _range(kr, expected)
    start, target = kr.start, kr.target
    value = start if kr.current is None else kr.current
    if start is None or target is None or value is None:
        return Measure(0.0, value)
    if kr.kind is KRKind.DECREASE:
        if is_ceiling(kr.kind, start, target):
            return _held(expected, value) if value <= target else _breached(value)
        return Measure(_ratio(start - value, start - target), value)
    return Measure(_ratio(value - start, target - start), value)


def _from_tasks(kr: KRFacts) -> Measure:
    done = float(kr.tasks_done)
    if kr.kind is KRKind.COUNT:
        # Each done task counts one; without an explicit target, all tasks are the target.
        start = 0.0 if kr.start is None else kr.start
        target = float(kr.tasks_total) if kr.target is None else kr.target
        return Measure(_ratio(done - start, target - start), done)
    raw = _ratio(done, kr.tasks_total)
    return Measure(raw, 1.0 if raw >= 1 else 0.0)


def aligned_progress(converted: Sequence[float]) -> float:
    """ALIGNED source: plain mean of the converted objectives' progress, 0 when there are none."""
    return sum(converted) / len(converted) if converted else 0.0


def aligned_measure(kr: KRFacts, converted: Sequence[float]) -> Measure:
    """An ALIGNED key result: its progress is derived, and so is the value it reports."""
    raw = aligned_progress(converted)
    if kr.kind in BINARY_KINDS:
        return Measure(raw, 1.0 if raw >= 1 else 0.0)
    start, target = kr.start, kr.target
    if (
        kr.kind is KRKind.RANGE
        or start is None
        or target is None
        or start == target
        or is_ceiling(kr.kind, start, target)
    ):
        return Measure(raw, None)  # no scale on which that progress stands for a value
    # The reading that stands for that progress on the KR's own scale (start → target).
    return Measure(raw, start + raw * (target - start))


def measure(kr: KRFacts, expected: float) -> Measure:
    """`expected`: where the KR should stand now (DESIGN §4) — a held limit is exactly there."""
    if kr.source is ProgressSource.ALIGNED:
        m = aligned_measure(kr, kr.aligned)
    elif kr.source is ProgressSource.TASKS and kr.kind in TASK_KINDS:
        m = _from_tasks(kr)
    else:
        # TASKS on other kinds is rejected on write; if present anyway, fall back to the numbers.
        m = _manual(kr, expected)
    if _finite(m.raw) and _finite(m.current):
        return m
    # Stored numbers are validated finite on write; still, never hand a NaN to a client.
    return Measure(
        m.raw if _finite(m.raw) else 0.0,
        m.current if _finite(m.current) else None,
        m.out_of_bounds,
    )


def objective_progress(weighted: Sequence[tuple[float, float]]) -> float:
    """Weighted mean of (weight, progress) pairs; drafts may have all weights 0 -> plain mean."""
    if not weighted:
        return 0.0
    total = sum(w for w, _ in weighted)
    if total > 0:
        return sum(w * p for w, p in weighted) / total
    return sum(p for _, p in weighted) / len(weighted)
