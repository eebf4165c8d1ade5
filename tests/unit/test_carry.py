"""Carrying unfinished objectives forward: where a copy starts, when it is due, what it aligns
to, in which order the copies are made."""

from datetime import date

import pytest

from backend.domain.carry import carried_start, carry_order, repointed, shifted_due, unfinished
from backend.domain.enums import KRKind, ProgressSource

K, S = KRKind, ProgressSource


@pytest.mark.parametrize(
    ("progress", "left"), [(0.0, True), (0.99, True), (1.0, False), (1 - 1e-12, False)]
)
def test_unfinished(progress: float, left: bool) -> None:
    assert unfinished(progress) is left


@pytest.mark.parametrize(
    ("kind", "source", "start", "reported", "new_start"),
    [
        (K.INCREASE, S.MANUAL, 0, 70, 70),  # starts where it stopped
        (K.DECREASE, S.MANUAL, 10, 6, 6),
        (K.RANGE, S.MANUAL, 2.6, 1.9, 1.9),
        (K.MISSION, S.MANUAL, 45, 45, 45),
        (K.COUNT, S.MANUAL, 0, None, 0),  # never checked in
        (K.COUNT, S.TASKS, 0, 5, 0),  # counts its own (new) tasks
        (K.INCREASE, S.ALIGNED, 0, 40, 0),  # follows its own (new) aligned objectives
        (K.MILESTONE, S.MANUAL, None, 0, None),  # done or not: no start
        (K.BASELINE, S.MANUAL, None, 0, None),
    ],
)
def test_a_copy_starts_from_the_last_value(
    kind: KRKind,
    source: ProgressSource,
    start: float | None,
    reported: float | None,
    new_start: float | None,
) -> None:
    assert carried_start(kind, source, start, reported) == new_start


OLD, NEW, NEW_END = date(2026, 4, 1), date(2026, 7, 1), date(2026, 9, 30)


@pytest.mark.parametrize(
    ("due", "moved"),
    [
        (None, None),
        (date(2026, 5, 10), date(2026, 8, 9)),  # 91 days later, like the cycle
        (date(2026, 6, 30), date(2026, 9, 29)),
        (date(2026, 3, 1), NEW),  # before the old cycle began: the new one's first day
        (date(2026, 12, 31), NEW_END),  # past the new cycle: its last day
    ],
)
def test_due_dates_move_with_the_cycle(due: date | None, moved: date | None) -> None:
    assert shifted_due(due, OLD, NEW, NEW_END) == moved


@pytest.mark.parametrize(
    ("parent", "parent_cycle", "copied"),
    [
        (None, None, None),
        (5, 1, 105),  # the parent was carried too: its copy
        (6, 1, None),  # the parent stays behind in the old cycle
        (7, 3, 7),  # the year's objective: kept
        (8, None, None),  # gone
    ],
)
def test_alignment_follows_the_copies(
    parent: int | None, parent_cycle: int | None, copied: int | None
) -> None:
    assert repointed(parent, parent_cycle, 1, {5: 105}) == copied


def test_parents_are_copied_before_their_children() -> None:
    parent_of = {1: None, 2: 1, 3: 2, 4: 99, 5: 3, 6: 7, 7: 6}  # 6 ⇄ 7 loop
    assert carry_order([5, 3, 1, 4, 6, 7], parent_of) == [1, 4, 3, 6, 7, 5]
    assert carry_order([5, 2], parent_of) == [2, 5]  # 5 is under 2 through 3, left behind
