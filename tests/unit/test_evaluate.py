import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from backend.domain.enums import CyclePhase, KRKind, ProgressSource, StatusReason, TrackStatus
from backend.domain.evaluate import (
    CycleFacts,
    Evaluation,
    KRNode,
    KRResult,
    ObjectiveNode,
    ObjectiveResult,
    completion_instant,
    evaluate,
    evaluation_instant,
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
    assert result.key_results[10] == KRResult(0.5, 0.5, 0.5, TrackStatus.ON_TRACK, (), 50)
    assert result.key_results[11] == KRResult(1.0, 1.2, 0.5, TrackStatus.DONE, (), 120)
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


def ceiling(current: float | None) -> KRFacts:
    """反向控制 "keep churn <= 5%" while it is 4%."""
    return KRFacts(KRKind.DECREASE, ProgressSource.MANUAL, start=4, target=5, current=current)


def band(current: float | None) -> KRFacts:
    """数量区间 "stay within 60-90 minutes", starting inside at 70."""
    return KRFacts(
        KRKind.RANGE, ProgressSource.MANUAL, start=70, current=current, range_min=60, range_max=90
    )


HOLD_CASES = [
    # (name, facts, at, progress, status, reasons)
    ("ceiling-held-is-on-schedule", ceiling(4.2), MID, 0.5, TrackStatus.ON_TRACK, ()),
    ("ceiling-no-checkin-held", ceiling(None), MID, 0.5, TrackStatus.ON_TRACK, ()),
    (
        "band-held-is-not-done-on-day-one",
        band(75),
        datetime(2025, 1, 1, 12, tzinfo=UTC),
        0.05,
        TrackStatus.ON_TRACK,
        (),
    ),
    (
        "ceiling-held-to-the-end-is-done",
        ceiling(4.9),
        datetime(2025, 1, 11, tzinfo=UTC),
        1.0,
        TrackStatus.DONE,
        (),
    ),
    (
        "band-held-to-the-end-is-done",
        band(90),
        datetime(2025, 1, 11, tzinfo=UTC),
        1.0,
        TrackStatus.DONE,
        (),
    ),
    (
        "ceiling-breached-early-at-risk",
        ceiling(6),
        datetime(2025, 1, 2, tzinfo=UTC),
        0.0,
        TrackStatus.AT_RISK,
        (StatusReason.OUT_OF_BOUNDS,),
    ),
    (
        "ceiling-breached-mid-behind",
        ceiling(6),
        MID,
        0.0,
        TrackStatus.BEHIND,
        (StatusReason.BEHIND_SCHEDULE, StatusReason.OUT_OF_BOUNDS),
    ),
    (
        "band-left-mid-behind",
        band(50),
        MID,
        0.0,
        TrackStatus.BEHIND,
        (StatusReason.BEHIND_SCHEDULE, StatusReason.OUT_OF_BOUNDS),
    ),
]


@pytest.mark.parametrize(
    ("facts", "at", "progress", "status", "reasons"),
    [c[1:] for c in HOLD_CASES],
    ids=[c[0] for c in HOLD_CASES],
)
def test_a_limit_to_hold(
    facts: KRFacts,
    at: datetime,
    progress: float,
    status: TrackStatus,
    reasons: tuple[StatusReason, ...],
) -> None:
    result = run([ObjectiveNode(1)], [kr(10, 1, facts, 100, last_check_in_at=at)], at)
    assert result.key_results[10].progress == pytest.approx(progress)
    assert (result.key_results[10].status, result.key_results[10].reasons) == (status, reasons)
    # a held limit moves its objective along the schedule too
    assert result.objectives[1].progress == pytest.approx(progress)


def test_aligned_kr_reports_the_value_its_progress_stands_for() -> None:
    objs = [ObjectiveNode(1), ObjectiveNode(2, source_kr_id=10)]
    parent = KRFacts(KRKind.INCREASE, ProgressSource.ALIGNED, start=0, target=200, current=3)
    result = run(objs, [kr(10, 1, parent, 100), kr(20, 2, inc(40), 100)])
    assert result.key_results[10].progress == pytest.approx(0.4)
    assert result.key_results[10].current_value == pytest.approx(80)  # not the stale 3


def test_task_driven_count_reports_done_tasks() -> None:
    facts = KRFacts(KRKind.COUNT, ProgressSource.TASKS, target=6, current=4, tasks_done=5)
    result = run([ObjectiveNode(1)], [kr(10, 1, facts, 100)])
    assert result.key_results[10].current_value == 5  # "5 of 6", not the stored 4
    assert result.key_results[10].progress == pytest.approx(5 / 6)


def test_no_checkin_reports_the_start() -> None:
    facts = KRFacts(KRKind.INCREASE, ProgressSource.MANUAL, start=30, target=40)
    assert run([ObjectiveNode(1)], [kr(10, 1, facts)]).key_results[10].current_value == 30


def test_objective_status_ignores_zero_weight_krs() -> None:
    krs = [kr(10, 1, inc(50), 100), kr(11, 1, inc(0), 0)]
    result = run([ObjectiveNode(1)], krs)
    assert result.key_results[11].status is TrackStatus.BEHIND
    assert result.objectives[1] == ObjectiveResult(0.5, TrackStatus.ON_TRACK)
    all_zero = run([ObjectiveNode(1)], [replace(k, weight=0) for k in krs])
    assert all_zero.objectives[1] == ObjectiveResult(0.25, TrackStatus.BEHIND)


def test_objective_done_only_when_every_counted_kr_is() -> None:
    result = run([ObjectiveNode(1)], [kr(10, 1, inc(100), 60), kr(11, 1, inc(90), 40)])
    assert result.objectives[1].status is TrackStatus.ON_TRACK
    result = run([ObjectiveNode(1)], [kr(10, 1, inc(100), 60), kr(11, 1, inc(100), 40)])
    assert result.objectives[1].status is TrackStatus.DONE


def test_work_on_tasks_keeps_a_kr_from_going_stale() -> None:
    at = datetime(2025, 1, 9, tzinfo=UTC)  # 8 days in, no check-in
    quiet = kr(10, 1, inc(80), 100, last_check_in_at=None)
    assert run([ObjectiveNode(1)], [quiet], at).key_results[10].reasons == (StatusReason.STALE,)
    busy = replace(quiet, last_task_change_at=datetime(2025, 1, 4, tzinfo=UTC))
    assert run([ObjectiveNode(1)], [busy], at).key_results[10].reasons == ()


SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_the_organization_zone_reaches_expected_progress_and_overdue() -> None:
    # 6 Jan 00:00 in Beijing is 5 Jan 16:00 UTC: half-way through a 10-day cycle there
    at = datetime(2025, 1, 5, 16, tzinfo=UTC)
    shanghai = replace(CYCLE, tz=SHANGHAI)
    krs = [kr(10, 1, inc(90), 100, last_check_in_at=at, due=date(2025, 1, 5))]
    assert evaluate([ObjectiveNode(1)], krs, shanghai, at).key_results[10].reasons == (
        StatusReason.OVERDUE,
    )
    assert evaluate([ObjectiveNode(1)], krs, CYCLE, at).key_results[10].reasons == ()
    plain = [kr(10, 1, inc(50), 100, last_check_in_at=at)]
    assert evaluate([ObjectiveNode(1)], plain, shanghai, at).key_results[10].expected == 0.5
    assert evaluate([ObjectiveNode(1)], plain, CYCLE, at).key_results[10].expected < 0.5


CLOSED = replace(CYCLE, phase=CyclePhase.CLOSED)
LAST_MOMENT = datetime(2025, 1, 12, tzinfo=UTC) - timedelta(microseconds=1)

INSTANT_CASES = [
    # (name, cycle, now, evaluation instant, completion instant)
    ("tracking-now", CYCLE, MID, MID, MID),
    (
        "tracking-after-end",
        CYCLE,
        datetime(2025, 2, 1, tzinfo=UTC),
        datetime(2025, 2, 1, tzinfo=UTC),
        LAST_MOMENT,
    ),
    ("closed-later", CLOSED, datetime(2025, 6, 1, tzinfo=UTC), LAST_MOMENT, LAST_MOMENT),
    ("closed-early-still-its-end", CLOSED, MID, LAST_MOMENT, LAST_MOMENT),
    (
        "closed-in-shanghai",
        replace(CLOSED, tz=SHANGHAI),
        datetime(2025, 6, 1, tzinfo=UTC),
        datetime(2025, 1, 11, 16, tzinfo=UTC) - timedelta(microseconds=1),
        datetime(2025, 1, 11, 16, tzinfo=UTC) - timedelta(microseconds=1),
    ),
    ("naive-now-is-utc", CYCLE, datetime(2025, 1, 6), MID, MID),
]


@pytest.mark.parametrize(
    ("cycle", "now", "evaluated", "completed"),
    [c[1:] for c in INSTANT_CASES],
    ids=[c[0] for c in INSTANT_CASES],
)
def test_evaluation_and_completion_instants(
    cycle: CycleFacts, now: datetime, evaluated: datetime, completed: datetime
) -> None:
    assert evaluation_instant(cycle, now) == evaluated
    assert completion_instant(cycle, now) == completed


def test_a_closed_cycle_is_frozen_at_its_end() -> None:
    krs = [
        kr(10, 1, inc(50), 50, last_check_in_at=None),
        kr(11, 1, ceiling(4.5), 50),
    ]
    at_end = run([ObjectiveNode(1)], krs, LAST_MOMENT)
    later = [datetime(2025, 1, 20, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)]
    for now in later:
        frozen = evaluate([ObjectiveNode(1)], krs, CLOSED, now)
        assert frozen.key_results[11].status is TrackStatus.DONE  # held to the end
        # not overdue: the cycle's last day had not ended at its last moment
        assert StatusReason.OVERDUE not in frozen.key_results[10].reasons
        assert frozen.objectives == evaluate([ObjectiveNode(1)], krs, CLOSED, later[0]).objectives
    assert at_end.key_results[11].progress == 1.0
    # while it was still tracking, the day after the end it was overdue
    assert StatusReason.OVERDUE in run([ObjectiveNode(1)], krs, later[0]).key_results[10].reasons
