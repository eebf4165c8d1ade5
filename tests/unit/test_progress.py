import math

import pytest

from backend.domain.enums import KRKind, ProgressSource
from backend.domain.progress import (
    KRFacts,
    Measure,
    aligned_measure,
    clamp,
    measure,
    objective_progress,
)

K = KRKind
M, T, A = ProgressSource.MANUAL, ProgressSource.TASKS, ProgressSource.ALIGNED
N = None
E = 0.4  # expected progress now: a held limit stands exactly there
OOB = True  # out of bounds: a limit to hold is breached


def rng(current: float | None, start: float | None = 40, lo: float = 60, hi: float = 90) -> KRFacts:
    return KRFacts(K.RANGE, M, start=start, current=current, range_min=lo, range_max=hi)


def ceiling(current: float | None, start: float = 4, target: float = 5) -> KRFacts:
    """反向控制 "keep churn <= 5%" while it is 4%."""
    return KRFacts(K.DECREASE, M, start=start, target=target, current=current)


# (name, facts, raw progress, reported current value, out of bounds)
CASES: list[tuple[str, KRFacts, float, float | None, bool]] = [
    # INCREASE / MISSION / COUNT: (current - start) / (target - start); no check-in = start
    ("increase-no-checkin", KRFacts(K.INCREASE, M, start=100, target=120), 0.0, 100, False),
    ("increase-half", KRFacts(K.INCREASE, M, start=100, target=120, current=110), 0.5, 110, False),
    ("increase-exact", KRFacts(K.INCREASE, M, start=100, target=120, current=120), 1.0, 120, False),
    ("increase-over", KRFacts(K.INCREASE, M, start=100, target=120, current=130), 1.5, 130, False),
    ("increase-under", KRFacts(K.INCREASE, M, start=100, target=120, current=90), -0.5, 90, False),
    ("mission-quarter", KRFacts(K.MISSION, M, start=0, target=80, current=20), 0.25, 20, False),
    ("count-manual", KRFacts(K.COUNT, M, start=0, target=30, current=12), 0.4, 12, False),
    ("count-manual-no-checkin", KRFacts(K.COUNT, M, start=5, target=30), 0.0, 5, False),
    # DECREASE with start > target: (start - current) / (start - target)
    ("decrease-no-checkin", KRFacts(K.DECREASE, M, start=10, target=5), 0.0, 10, False),
    ("decrease-half", KRFacts(K.DECREASE, M, start=10, target=5, current=7.5), 0.5, 7.5, False),
    ("decrease-over", KRFacts(K.DECREASE, M, start=10, target=5, current=0), 2.0, 0, False),
    ("decrease-worse", KRFacts(K.DECREASE, M, start=10, target=5, current=12), -0.4, 12, False),
    # DECREASE with start <= target: a ceiling to hold — on schedule while held, else breached
    ("ceiling-held-no-checkin", ceiling(None), E, 4, False),
    ("ceiling-held", ceiling(4.5), E, 4.5, False),
    ("ceiling-on-the-limit", ceiling(5), E, 5, False),
    ("ceiling-breached", ceiling(5.1), 0.0, 5.1, OOB),
    ("ceiling-start-equals-target", ceiling(None, start=5, target=5), E, 5, False),
    ("ceiling-equal-breached", ceiling(6, start=5, target=5), 0.0, 6, OOB),
    # RANGE: inside the band it is held (bounds included)
    ("range-inside", rng(75), E, 75, False),
    ("range-on-min", rng(60), E, 60, False),
    ("range-on-max", rng(90), E, 90, False),
    ("range-start-inside-no-checkin", rng(None, start=70), E, 70, False),
    ("range-point-held", rng(60, start=50, lo=60, hi=60), E, 60, False),
    # ... started inside (or on a bound) and left it: breached
    ("range-start-inside-left-below", rng(50, start=70), 0.0, 50, OOB),
    ("range-start-inside-left-above", rng(95, start=70), 0.0, 95, OOB),
    ("range-start-on-bound-left", rng(50, start=60), 0.0, 50, OOB),
    ("range-start-on-upper-bound-left", rng(95, start=90), 0.0, 95, OOB),
    # ... crossed the band to the far side: breached
    ("range-above-but-start-below", rng(100, start=40), 0.0, 100, OOB),
    ("range-below-but-start-above", rng(50, start=110), 0.0, 50, OOB),
    # ... not reached yet: 1 - |current - b| / |start - b|, b the bound nearer to current
    ("range-below-partial", rng(50), 0.5, 50, False),
    ("range-below-no-checkin", rng(None), 0.0, 40, False),
    ("range-below-further-than-start", rng(20), -1.0, 20, False),
    ("range-above-start-above", rng(100, start=110), 0.5, 100, False),
    ("range-point", rng(55, start=50, lo=60, hi=60), 0.5, 55, False),
    # BASELINE / MILESTONE: done when current >= 1; not done until a check-in says so
    ("baseline-no-checkin", KRFacts(K.BASELINE, M), 0.0, 0, False),
    ("baseline-not-done", KRFacts(K.BASELINE, M, current=0), 0.0, 0, False),
    ("baseline-done", KRFacts(K.BASELINE, M, current=1), 1.0, 1, False),
    ("milestone-done", KRFacts(K.MILESTONE, M, current=1), 1.0, 1, False),
    ("milestone-half-is-not-done", KRFacts(K.MILESTONE, M, current=0.5), 0.0, 0.5, False),
    # TASKS: done / all for a done-or-not KR (done once all are); a COUNT reports done tasks
    ("baseline-tasks", KRFacts(K.BASELINE, T, tasks_done=1, tasks_total=4), 0.25, 0, False),
    ("milestone-tasks-all", KRFacts(K.MILESTONE, T, tasks_done=3, tasks_total=3), 1.0, 1, False),
    ("milestone-tasks-none", KRFacts(K.MILESTONE, T), 0.0, 0, False),
    (
        "baseline-tasks-ignore-current",
        KRFacts(K.BASELINE, T, current=1, tasks_total=2),
        0.0,
        0,
        False,
    ),
    (
        "count-tasks-target",
        KRFacts(K.COUNT, T, target=30, tasks_done=6, tasks_total=40),
        0.2,
        6,
        False,
    ),
    ("count-tasks-start", KRFacts(K.COUNT, T, start=10, target=30, tasks_done=20), 0.5, 20, False),
    ("count-tasks-over", KRFacts(K.COUNT, T, target=4, tasks_done=6, tasks_total=6), 1.5, 6, False),
    ("count-tasks-no-target", KRFacts(K.COUNT, T, tasks_done=3, tasks_total=4), 0.75, 3, False),
    ("count-tasks-none", KRFacts(K.COUNT, T), 0.0, 0, False),
    (
        "count-tasks-ignores-stored-value",
        KRFacts(K.COUNT, T, target=6, current=4, tasks_done=5, tasks_total=6),
        5 / 6,
        5,
        False,
    ),
    (
        "increase-tasks-falls-back",
        KRFacts(K.INCREASE, T, start=0, target=10, current=5),
        0.5,
        5,
        False,
    ),
    # ALIGNED: plain mean of the converted objectives' progress; the value it stands for
    ("aligned-none", KRFacts(K.INCREASE, A, start=0, target=10, current=10), 0.0, 0, False),
    ("aligned-mean", KRFacts(K.INCREASE, A, aligned=(0.2, 0.6, 1.0)), 0.6, N, False),
    (
        "aligned-increase-value",
        KRFacts(K.INCREASE, A, start=100, target=200, current=7, aligned=(0.25,)),
        0.25,
        125,
        False,
    ),
    (
        "aligned-decrease-value",
        KRFacts(K.DECREASE, A, start=10, target=5, aligned=(0.5, 0.3)),
        0.4,
        8,
        False,
    ),
    (
        "aligned-ceiling-no-value",
        KRFacts(K.DECREASE, A, start=4, target=5, aligned=(1,)),
        1,
        N,
        False,
    ),
    ("aligned-range-no-value", KRFacts(K.RANGE, A, start=0, range_min=1, range_max=2), 0, N, False),
    ("aligned-milestone", KRFacts(K.MILESTONE, A, aligned=(0.5,)), 0.5, 0, False),
    ("aligned-milestone-done", KRFacts(K.MILESTONE, A, aligned=(1.0, 1.0)), 1.0, 1, False),
    # Degenerate numbers never divide by zero
    ("increase-target-eq-start", KRFacts(K.INCREASE, M, start=5, target=5, current=9), 0, 9, False),
    ("increase-target-below", KRFacts(K.INCREASE, M, start=5, target=1, current=9), 0, 9, False),
    ("increase-missing-target", KRFacts(K.INCREASE, M, start=5, current=9), 0.0, 9, False),
    ("increase-missing-start", KRFacts(K.INCREASE, M, target=5, current=9), 0.0, 9, False),
    ("increase-nothing", KRFacts(K.INCREASE, M), 0.0, N, False),
    ("range-inverted", rng(70, lo=90, hi=60), 0.0, 70, False),
    ("range-missing-bound", KRFacts(K.RANGE, M, start=1, current=2, range_min=3), 0.0, 2, False),
    ("range-no-start-no-checkin", KRFacts(K.RANGE, M, range_min=1, range_max=2), 0.0, N, False),
    (
        "range-outside-no-start",
        KRFacts(K.RANGE, M, current=0, range_min=1, range_max=2),
        0,
        0,
        False,
    ),
    ("nan-current", KRFacts(K.INCREASE, M, start=0, target=1, current=math.nan), 0.0, N, False),
    ("inf-current", KRFacts(K.INCREASE, M, start=0, target=1, current=math.inf), 0.0, N, False),
]


@pytest.mark.parametrize(
    ("facts", "raw", "current", "out_of_bounds"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_kr_measure(facts: KRFacts, raw: float, current: float | None, out_of_bounds: bool) -> None:
    got = measure(facts, E)
    assert got.raw == pytest.approx(raw)
    assert got.current == (None if current is None else pytest.approx(current))
    assert got.out_of_bounds is bool(out_of_bounds)


@pytest.mark.parametrize(
    ("facts", "expected", "progress"),
    [
        (ceiling(4), 0.0, 0.0),  # before the cycle: held, nothing expected yet
        (ceiling(4), 0.75, 0.75),
        (ceiling(4), 1.0, 1.0),  # held to the end of its period: done
        (ceiling(6), 1.0, 0.0),  # breached at the end: nothing
        (rng(75), 1.0, 1.0),
        (rng(75, start=75), 0.5, 0.5),
        (rng(50), 1.0, 0.5),  # not in the band yet: the distance rule, whatever the time
    ],
    ids=["start", "three-quarters", "end-held", "end-breached", "band-end", "band-half", "way"],
)
def test_a_held_limit_follows_the_schedule(
    facts: KRFacts, expected: float, progress: float
) -> None:
    assert clamp(measure(facts, expected).raw) == pytest.approx(progress)


def test_aligned_measure_takes_the_converted_progress_given() -> None:
    # evaluate() leaves KRFacts.aligned empty and passes the objectives' progress instead
    facts = KRFacts(K.COUNT, A, start=0, target=30)
    assert aligned_measure(facts, [0.5, 1.0]) == Measure(0.75, 22.5)
    assert aligned_measure(facts, []) == Measure(0.0, 0.0)


OBJECTIVE_CASES = [
    ("empty", [], 0.0),
    ("weighted", [(70, 1.0), (30, 0.0)], 0.7),
    ("weighted-three", [(50, 0.5), (25, 1.0), (25, 0.0)], 0.5),
    ("zero-weights-mean", [(0, 1.0), (0, 0.0), (0, 0.5)], 0.5),
    ("zero-weight-ignored", [(100, 0.4), (0, 1.0)], 0.4),
    ("draft-not-100-normalizes", [(30, 1.0), (10, 0.0)], 0.75),
    ("sum-100.01", [(50.01, 1.0), (50, 0.0)], 50.01 / 100.01),
    ("sum-99.99", [(49.99, 1.0), (50, 0.0)], 49.99 / 99.99),
    ("single", [(100, 0.3)], 0.3),
]


@pytest.mark.parametrize(
    ("weighted", "expected"),
    [c[1:] for c in OBJECTIVE_CASES],
    ids=[c[0] for c in OBJECTIVE_CASES],
)
def test_objective_progress(weighted: list[tuple[float, float]], expected: float) -> None:
    assert objective_progress(weighted) == pytest.approx(expected)
