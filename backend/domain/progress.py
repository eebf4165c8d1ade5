"""Progress of key results and objectives (DESIGN §4)."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

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


def clamp(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return min(max(x, lo), hi)


def _ratio(num: float, den: float) -> float:
    # Stored numbers are validated on write; a degenerate denominator still must not crash.
    return num / den if den > 0 else 0.0


def _growth(start: float | None, target: float | None, current: float | None) -> float:
    if start is None or target is None:
        return 0.0
    value = start if current is None else current
    return _ratio(value - start, target - start)


def _decrease(start: float | None, target: float | None, current: float | None) -> float:
    if start is None or target is None:
        return 0.0
    value = start if current is None else current
    return _ratio(start - value, start - target)


def _range(kr: KRFacts) -> float:
    lo, hi = kr.range_min, kr.range_max
    value = kr.start if kr.current is None else kr.current
    if lo is None or hi is None or value is None or lo > hi:
        return 0.0
    if lo <= value <= hi:
        return 1.0
    below = value < lo
    bound = lo if below else hi
    start = kr.start
    # Partial credit only when the KR started outside the range on the same side (so strictly
    # away from the bound): the share of the way from start to the nearer bound covered so far.
    if start is None or not (start < lo if below else start > hi):
        return 0.0
    return 1.0 - abs(value - bound) / abs(start - bound)


def _manual(kr: KRFacts) -> float:
    if kr.kind in BINARY_KINDS:
        return 1.0 if kr.current is not None and kr.current >= 1 else 0.0
    if kr.kind is KRKind.DECREASE:
        return _decrease(kr.start, kr.target, kr.current)
    if kr.kind is KRKind.RANGE:
        return _range(kr)
    return _growth(kr.start, kr.target, kr.current)


def _from_tasks(kr: KRFacts) -> float:
    if kr.kind is KRKind.COUNT:
        # Each done task counts one; without an explicit target, all tasks are the target.
        start = 0.0 if kr.start is None else kr.start
        target = float(kr.tasks_total) if kr.target is None else kr.target
        return _growth(start, target, float(kr.tasks_done))
    return _ratio(kr.tasks_done, kr.tasks_total)


def aligned_progress(converted: Sequence[float]) -> float:
    """ALIGNED source: plain mean of the converted objectives' progress, 0 when there are none."""
    return sum(converted) / len(converted) if converted else 0.0


def raw_progress(kr: KRFacts) -> float:
    """The unclamped progress ratio: below 0 when moving away, above 1 when over-achieving."""
    if kr.source is ProgressSource.ALIGNED:
        raw = aligned_progress(kr.aligned)
    elif kr.source is ProgressSource.TASKS and kr.kind in TASK_KINDS:
        raw = _from_tasks(kr)
    else:
        # TASKS on other kinds is rejected on write; if present anyway, fall back to the numbers.
        raw = _manual(kr)
    return raw if math.isfinite(raw) else 0.0


def progress(kr: KRFacts) -> float:
    return clamp(raw_progress(kr))


def objective_progress(weighted: Sequence[tuple[float, float]]) -> float:
    """Weighted mean of (weight, progress) pairs; drafts may have all weights 0 -> plain mean."""
    if not weighted:
        return 0.0
    total = sum(w for w, _ in weighted)
    if total > 0:
        return sum(w * p for w, p in weighted) / total
    return sum(p for _, p in weighted) / len(weighted)
