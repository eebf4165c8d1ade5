import random
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from backend.domain.enums import CyclePhase, KRKind, ProgressSource, StatusReason, TrackStatus
from backend.domain.evaluate import (
    CycleFacts,
    Evaluation,
    KRNode,
    KRResult,
    ObjectiveNode,
    ObjectiveResult,
    evaluate,
)
from backend.domain.progress import KRFacts
from backend.domain.status import Thresholds

CYCLE = CycleFacts(date(2025, 1, 1), date(2025, 1, 11), CyclePhase.TRACKING)
MID = datetime(2025, 1, 6, tzinfo=UTC)  # expected progress 0.5
FRESH = datetime(2025, 1, 5, tzinfo=UTC)


def inc(current: float | None) -> KRFacts:
    return KRFacts(KRKind.INCREASE, ProgressSource.MANUAL, start=0, target=100, current=current)


ALIGNED = KRFacts(KRKind.INCREASE, ProgressSource.ALIGNED)


def kr(id: int, obj: int, facts: KRFacts, weight: float = 50, **kw: Any) -> KRNode:
    """A KR with a recent check-in and good confidence unless `kw` says otherwise."""
    return replace(KRNode(id, obj, weight, facts, last_check_in_at=FRESH, confidence=7), **kw)


def run(objs: list[ObjectiveNode], krs: list[KRNode], at: datetime = MID) -> Evaluation:
    return evaluate(objs, krs, CYCLE, at)


def test_weighted_objective_and_kr_results() -> None:
    result = run([ObjectiveNode(1)], [kr(10, 1, inc(50), 60), kr(11, 1, inc(120), 40)])
    assert result.key_results[10] == KRResult(0.5, 0.5, 0.5, TrackStatus.ON_TRACK, ())
    assert result.key_results[11] == KRResult(1.0, 1.2, 0.5, TrackStatus.DONE, ())
    assert result.objectives[1].progress == pytest.approx(0.7)
    assert result.objectives[1].status is TrackStatus.ON_TRACK


def test_objective_status_is_worst_kr() -> None:
    result = run([ObjectiveNode(1)], [kr(10, 1, inc(10)), kr(11, 1, inc(100))])
    assert result.key_results[10].status is TrackStatus.BEHIND
    assert result.key_results[10].reasons == (StatusReason.BEHIND_SCHEDULE,)
    assert result.objectives[1].status is TrackStatus.BEHIND


def test_archived_kr_excluded_but_evaluated() -> None:
    result = run([ObjectiveNode(1)], [kr(10, 1, inc(60)), kr(11, 1, inc(0), archived=True)])
    assert result.key_results[11].progress == 0.0
    assert result.key_results[11].status is TrackStatus.BEHIND
    assert result.objectives[1] == ObjectiveResult(0.6, TrackStatus.ON_TRACK)


@pytest.mark.parametrize(
    "krs",
    [[], [kr(10, 1, inc(90), archived=True)]],
    ids=["no-krs", "all-archived"],
)
def test_objective_without_live_krs(krs: list[KRNode]) -> None:
    assert run([ObjectiveNode(1)], krs).objectives[1] == ObjectiveResult(
        0.0, TrackStatus.NOT_STARTED
    )


def test_kr_due_date_and_cycle_phase_reach_status() -> None:
    milestone = KRFacts(KRKind.MILESTONE, ProgressSource.MANUAL, current=0)
    krs = [
        kr(10, 1, milestone, due=date(2025, 1, 3)),
        kr(11, 1, inc(80), last_check_in_at=None, created_at=None),
    ]
    result = run([ObjectiveNode(1)], krs, at=datetime(2025, 1, 9, tzinfo=UTC))
    assert result.key_results[10].expected == 1.0
    assert result.key_results[11].expected == pytest.approx(0.8)
    assert result.key_results[10].reasons == (StatusReason.BEHIND_SCHEDULE, StatusReason.OVERDUE)
    assert result.key_results[11].reasons == (StatusReason.STALE,)
    before = run([ObjectiveNode(1)], krs, at=datetime(2024, 12, 1, tzinfo=UTC))
    assert before.objectives[1].status is TrackStatus.NOT_STARTED


def test_thresholds_are_passed_through() -> None:
    krs = [kr(10, 1, inc(40))]
    assert run([ObjectiveNode(1)], krs).key_results[10].status is TrackStatus.ON_TRACK
    strict = evaluate([ObjectiveNode(1)], krs, CYCLE, MID, Thresholds(at_risk_gap=0.05))
    assert strict.key_results[10].status is TrackStatus.AT_RISK


def chain(depth: int, leaf_current: float) -> tuple[list[ObjectiveNode], list[KRNode]]:
    """Objective i has one ALIGNED KR 100+i; objective i+1 is converted from it."""
    objs = [ObjectiveNode(1)] + [
        ObjectiveNode(i, source_kr_id=100 + i - 1) for i in range(2, depth)
    ]
    krs = [kr(100 + i, i, ALIGNED, 100) for i in range(1, depth)]
    objs.append(ObjectiveNode(depth, source_kr_id=100 + depth - 1))
    krs.append(kr(100 + depth, depth, inc(leaf_current), 100))
    return objs, krs


@pytest.mark.parametrize("order", ["top-down", "bottom-up", "shuffled"])
def test_deep_aligned_propagation_four_levels(order: str) -> None:
    objs, krs = chain(4, 80)
    if order == "bottom-up":
        objs, krs = objs[::-1], krs[::-1]
    elif order == "shuffled":
        random.Random(4).shuffle(objs)
        random.Random(5).shuffle(krs)
    result = run(objs, krs)
    for obj_id in (1, 2, 3, 4):
        assert result.objectives[obj_id].progress == pytest.approx(0.8)
    assert result.key_results[101].raw_progress == pytest.approx(0.8)
    # A check-in at the bottom moves the whole chain.
    objs2, krs2 = chain(4, 100)
    assert run(objs2, krs2).objectives[1] == ObjectiveResult(1.0, TrackStatus.DONE)


def test_aligned_mean_ignores_archived_objectives() -> None:
    objs = [
        ObjectiveNode(1),
        ObjectiveNode(2, source_kr_id=10),
        ObjectiveNode(3, source_kr_id=10),
        ObjectiveNode(4, source_kr_id=10, archived=True),
    ]
    krs = [
        kr(10, 1, ALIGNED, 100),
        kr(20, 2, inc(20), 100),
        kr(30, 3, inc(60), 100),
        kr(40, 4, inc(100), 100),
    ]
    result = run(objs, krs)
    assert result.key_results[10].progress == pytest.approx(0.4)
    assert result.objectives[4].progress == 1.0  # archived objectives still get a result


def test_aligned_without_converted_objectives_is_zero() -> None:
    result = run([ObjectiveNode(1)], [kr(10, 1, ALIGNED, 100)])
    assert result.key_results[10].progress == 0.0


def test_loop_in_alignment_terminates() -> None:
    # Corrupt data: 1 is converted from KR 20 of objective 2, which is converted from KR 10 of 1.
    objs = [ObjectiveNode(1, source_kr_id=20), ObjectiveNode(2, source_kr_id=10)]
    krs = [kr(10, 1, ALIGNED), kr(11, 1, inc(100)), kr(20, 2, ALIGNED)]
    result = run(objs, krs)
    assert set(result.objectives) == {1, 2}
    assert set(result.key_results) == {10, 11, 20}
    assert all(0.0 <= r.progress <= 1.0 for r in result.objectives.values())
    # The cycle contributes 0 where it is re-entered; the real KR 11 still counts.
    assert result.objectives[1].progress >= 0.5


def test_self_conversion_terminates() -> None:
    result = run([ObjectiveNode(1, source_kr_id=10)], [kr(10, 1, ALIGNED, 100)])
    assert result.objectives[1].progress == 0.0


def test_very_deep_chain_is_not_recursive() -> None:
    objs, krs = chain(10_000, 50)
    result = run(objs, krs)
    assert result.objectives[1].progress == pytest.approx(0.5)
    assert len(result.key_results) == 10_000
