import math

import pytest

from backend.domain.enums import KRKind, ProgressSource
from backend.domain.progress import KRFacts, objective_progress, progress, raw_progress

K = KRKind
M, T, A = ProgressSource.MANUAL, ProgressSource.TASKS, ProgressSource.ALIGNED


def rng(current: float | None, start: float | None = 40, lo: float = 60, hi: float = 90) -> KRFacts:
    return KRFacts(K.RANGE, M, start=start, current=current, range_min=lo, range_max=hi)


CASES = [
    # INCREASE / MISSION / COUNT: (current - start) / (target - start)
    ("increase-no-checkin", KRFacts(K.INCREASE, M, start=100, target=120), 0.0, 0.0),
    ("increase-half", KRFacts(K.INCREASE, M, start=100, target=120, current=110), 0.5, 0.5),
    ("increase-exact", KRFacts(K.INCREASE, M, start=100, target=120, current=120), 1.0, 1.0),
    ("increase-over", KRFacts(K.INCREASE, M, start=100, target=120, current=130), 1.5, 1.0),
    ("increase-under", KRFacts(K.INCREASE, M, start=100, target=120, current=90), -0.5, 0.0),
    ("mission-quarter", KRFacts(K.MISSION, M, start=0, target=80, current=20), 0.25, 0.25),
    ("count-manual", KRFacts(K.COUNT, M, start=0, target=30, current=12), 0.4, 0.4),
    ("count-manual-no-checkin", KRFacts(K.COUNT, M, start=5, target=30), 0.0, 0.0),
    # DECREASE: (start - current) / (start - target)
    ("decrease-no-checkin", KRFacts(K.DECREASE, M, start=10, target=5), 0.0, 0.0),
    ("decrease-half", KRFacts(K.DECREASE, M, start=10, target=5, current=7.5), 0.5, 0.5),
    ("decrease-over", KRFacts(K.DECREASE, M, start=10, target=5, current=0), 2.0, 1.0),
    ("decrease-worse", KRFacts(K.DECREASE, M, start=10, target=5, current=12), -0.4, 0.0),
    # RANGE: 1 inside; outside, distance from the nearer bound relative to the start's
    ("range-inside", rng(75), 1.0, 1.0),
    ("range-on-min", rng(60), 1.0, 1.0),
    ("range-on-max", rng(90), 1.0, 1.0),
    ("range-below-partial", rng(50), 0.5, 0.5),
    ("range-below-no-checkin", rng(None), 0.0, 0.0),
    ("range-below-further-than-start", rng(20), -1.0, 0.0),
    ("range-above-start-above", rng(100, start=110), 0.5, 0.5),
    ("range-above-but-start-below", rng(100, start=40), 0.0, 0.0),
    ("range-below-but-start-above", rng(50, start=110), 0.0, 0.0),
    ("range-start-inside-left", rng(50, start=70), 0.0, 0.0),
    ("range-start-inside-no-checkin", rng(None, start=70), 1.0, 1.0),
    ("range-start-on-bound-left", rng(50, start=60), 0.0, 0.0),
    ("range-start-on-upper-bound-left", rng(95, start=90), 0.0, 0.0),
    ("range-point", rng(55, start=50, lo=60, hi=60), 0.5, 0.5),
    # BASELINE / MILESTONE: done when current >= 1
    ("baseline-no-checkin", KRFacts(K.BASELINE, M), 0.0, 0.0),
    ("baseline-not-done", KRFacts(K.BASELINE, M, current=0), 0.0, 0.0),
    ("baseline-done", KRFacts(K.BASELINE, M, current=1), 1.0, 1.0),
    ("milestone-done", KRFacts(K.MILESTONE, M, current=1), 1.0, 1.0),
    ("milestone-half-is-not-done", KRFacts(K.MILESTONE, M, current=0.5), 0.0, 0.0),
    # TASKS
    ("baseline-tasks", KRFacts(K.BASELINE, T, tasks_done=1, tasks_total=4), 0.25, 0.25),
    ("milestone-tasks-all", KRFacts(K.MILESTONE, T, tasks_done=3, tasks_total=3), 1.0, 1.0),
    ("milestone-tasks-none", KRFacts(K.MILESTONE, T), 0.0, 0.0),
    ("baseline-tasks-ignore-current", KRFacts(K.BASELINE, T, current=1, tasks_total=2), 0.0, 0.0),
    ("count-tasks-target", KRFacts(K.COUNT, T, target=30, tasks_done=6, tasks_total=40), 0.2, 0.2),
    ("count-tasks-start", KRFacts(K.COUNT, T, start=10, target=30, tasks_done=20), 0.5, 0.5),
    ("count-tasks-over", KRFacts(K.COUNT, T, target=4, tasks_done=6, tasks_total=6), 1.5, 1.0),
    ("count-tasks-no-target", KRFacts(K.COUNT, T, tasks_done=3, tasks_total=4), 0.75, 0.75),
    ("count-tasks-none", KRFacts(K.COUNT, T), 0.0, 0.0),
    ("increase-tasks-falls-back", KRFacts(K.INCREASE, T, start=0, target=10, current=5), 0.5, 0.5),
    # ALIGNED: plain mean of the converted objectives' progress
    ("aligned-none", KRFacts(K.INCREASE, A, start=0, target=10, current=10), 0.0, 0.0),
    ("aligned-mean", KRFacts(K.INCREASE, A, aligned=(0.2, 0.6, 1.0)), 0.6, 0.6),
    ("aligned-milestone", KRFacts(K.MILESTONE, A, aligned=(0.5,)), 0.5, 0.5),
    # Degenerate numbers never divide by zero
    ("increase-target-eq-start", KRFacts(K.INCREASE, M, start=5, target=5, current=9), 0.0, 0.0),
    ("increase-target-below", KRFacts(K.INCREASE, M, start=5, target=1, current=9), 0.0, 0.0),
    ("increase-missing-target", KRFacts(K.INCREASE, M, start=5, current=9), 0.0, 0.0),
    ("increase-missing-start", KRFacts(K.INCREASE, M, target=5, current=9), 0.0, 0.0),
    ("decrease-target-above", KRFacts(K.DECREASE, M, start=5, target=9, current=1), 0.0, 0.0),
    ("range-inverted", rng(70, lo=90, hi=60), 0.0, 0.0),
    ("range-missing-bound", KRFacts(K.RANGE, M, start=1, current=2, range_min=3), 0.0, 0.0),
    ("range-no-start-no-checkin", KRFacts(K.RANGE, M, range_min=1, range_max=2), 0.0, 0.0),
    ("range-outside-no-start", KRFacts(K.RANGE, M, current=0, range_min=1, range_max=2), 0.0, 0.0),
    ("nan-current", KRFacts(K.INCREASE, M, start=0, target=1, current=math.nan), 0.0, 0.0),
]


@pytest.mark.parametrize(("facts", "raw", "p"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_kr_progress(facts: KRFacts, raw: float, p: float) -> None:
    assert raw_progress(facts) == pytest.approx(raw)
    assert progress(facts) == pytest.approx(p)
    assert 0.0 <= progress(facts) <= 1.0


OBJECTIVE_CASES = [
    ("empty", [], 0.0),
    ("weighted", [(70, 1.0), (30, 0.0)], 0.7),
    ("weighted-three", [(50, 0.5), (25, 1.0), (25, 0.0)], 0.5),
    ("zero-weights-mean", [(0, 1.0), (0, 0.0), (0, 0.5)], 0.5),
    ("zero-weight-ignored", [(100, 0.4), (0, 1.0)], 0.4),
    ("draft-not-100-normalizes", [(30, 1.0), (10, 0.0)], 0.75),
    ("single", [(100, 0.3)], 0.3),
]


@pytest.mark.parametrize(
    ("weighted", "expected"),
    [c[1:] for c in OBJECTIVE_CASES],
    ids=[c[0] for c in OBJECTIVE_CASES],
)
def test_objective_progress(weighted: list[tuple[float, float]], expected: float) -> None:
    assert objective_progress(weighted) == pytest.approx(expected)
