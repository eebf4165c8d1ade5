"""Carrying unfinished objectives forward into another cycle (复盘 → the next 圆桌会), pure.

The copy is a draft that starts where the original stopped: each unfinished key result starts
from its last value (a key result already done stays behind), due dates move with the cycle,
and alignment follows the copies — to a parent carried along, to a parent in a third cycle
(the year's objective) as it was, to nothing when the parent stays behind in the old cycle.
Check-ins, tasks and scores are the old cycle's history: never copied.
"""

from collections.abc import Collection, Mapping, Sequence
from datetime import date

from .enums import KRKind, ProgressSource
from .progress import BINARY_KINDS

_EPS = 1e-9


def unfinished(progress: float) -> bool:
    return progress < 1 - _EPS


def carried_start(
    kind: KRKind, source: ProgressSource, start: float | None, reported: float | None
) -> float | None:
    """Where the copy of a key result starts: the value it last reported — unless tasks or
    aligned objectives drive it (the copy has none of those yet) or it is done-or-not."""
    if source is not ProgressSource.MANUAL or kind in BINARY_KINDS or reported is None:
        return start
    return reported


def shifted_due(due: date | None, old_start: date, new_start: date, new_end: date) -> date | None:
    """A due date moves by as much as the cycle's start, and stays inside the new cycle."""
    if due is None:
        return None
    return min(max(due + (new_start - old_start), new_start), new_end)


def repointed(
    parent_id: int | None,
    parent_cycle_id: int | None,
    old_cycle_id: int,
    copies: Mapping[int, int],
) -> int | None:
    """The copy's parent: the parent's copy when it was carried too, the parent itself when it
    lives in another cycle (e.g. the annual one), else none."""
    if parent_id is None:
        return None
    if parent_id in copies:
        return copies[parent_id]
    return parent_id if parent_cycle_id not in (None, old_cycle_id) else None


def carry_order(chosen: Collection[int], parent_of: Mapping[int, int | None]) -> list[int]:
    """The chosen objectives, each after the chosen ancestors it aligns under (so that its
    parent's copy exists when it is made); otherwise in the order given. Loop-safe."""
    picked = set(chosen)
    depth: dict[int, int] = {}
    for oid in chosen:
        seen = {oid}
        level, parent = 0, parent_of.get(oid)
        while parent is not None and parent not in seen:
            seen.add(parent)
            level += parent in picked
            parent = parent_of.get(parent)
        depth[oid] = level
    order: Sequence[int] = list(dict.fromkeys(chosen))
    return sorted(order, key=lambda oid: depth[oid])
