from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from backend.domain.enums import CyclePhase, StatusReason, TrackStatus
from backend.domain.status import KRStatus, Thresholds, kr_status, objective_status

S, R = TrackStatus, StatusReason
START, END = date(2025, 1, 1), date(2025, 1, 31)
NOW = datetime(2025, 1, 15, tzinfo=UTC)


US = timedelta(microseconds=1)


def day(d: int, month: int = 1) -> datetime:
    return datetime(2025, month, d, tzinfo=UTC)


def status(**overrides: Any) -> KRStatus:
    args: dict[str, Any] = {
        "progress": 0.5,
        "expected": 0.5,
        "at": NOW,
        "starts_on": START,
        "ends_on": END,
        "due": None,
        "phase": CyclePhase.TRACKING,
        "confidence": 7,
        "last_check_in_at": day(14),
        "created_at": day(1),
    }
    args.update(overrides)
    return kr_status(**args)


CASES: list[tuple[str, dict[str, Any], TrackStatus, tuple[StatusReason, ...]]] = [
    ("on-track", {}, S.ON_TRACK, ()),
    ("ahead", {"progress": 0.9}, S.ON_TRACK, ()),
    ("done", {"progress": 1.0}, S.DONE, ()),
    (
        "done-beats-everything",
        {
            "progress": 1.0,
            "confidence": 0,
            "last_check_in_at": None,
            "at": day(1, 3),
            "due": date(2025, 1, 2),
        },
        S.DONE,
        (),
    ),
    ("done-before-start", {"progress": 1.0, "at": datetime(2024, 12, 1, tzinfo=UTC)}, S.DONE, ()),
    (
        "not-started",
        {"progress": 0.0, "at": datetime(2024, 12, 31, 23, tzinfo=UTC)},
        S.NOT_STARTED,
        (),
    ),
    (
        "not-started-ignores-confidence",
        {"at": datetime(2024, 12, 1, tzinfo=UTC), "confidence": 1},
        S.NOT_STARTED,
        (),
    ),
    (
        "started-at-midnight",
        {"at": day(1), "progress": 0.0, "expected": 0.0, "last_check_in_at": None},
        S.ON_TRACK,
        (),
    ),
    ("gap-at-risk-boundary", {"expected": 0.5, "progress": 0.35}, S.ON_TRACK, ()),
    ("gap-at-risk", {"expected": 0.5, "progress": 0.34}, S.AT_RISK, (R.BEHIND_SCHEDULE,)),
    ("gap-behind-boundary", {"expected": 0.8, "progress": 0.5}, S.AT_RISK, (R.BEHIND_SCHEDULE,)),
    ("gap-behind", {"expected": 0.8, "progress": 0.49}, S.BEHIND, (R.BEHIND_SCHEDULE,)),
    ("confidence-3", {"confidence": 3}, S.AT_RISK, (R.LOW_CONFIDENCE,)),
    ("confidence-0", {"confidence": 0}, S.AT_RISK, (R.LOW_CONFIDENCE,)),
    ("confidence-4", {"confidence": 4}, S.ON_TRACK, ()),
    ("confidence-unknown", {"confidence": None}, S.ON_TRACK, ()),
    ("stale-7-days", {"last_check_in_at": day(8)}, S.AT_RISK, (R.STALE,)),
    ("fresh-6-days", {"last_check_in_at": day(9)}, S.ON_TRACK, ()),
    (
        "stale-only-in-tracking-drafting",
        {"last_check_in_at": day(1), "phase": CyclePhase.DRAFTING},
        S.ON_TRACK,
        (),
    ),
    (
        "stale-only-in-tracking-aligning",
        {"last_check_in_at": None, "phase": CyclePhase.ALIGNING},
        S.ON_TRACK,
        (),
    ),
    (
        "stale-only-in-tracking-reviewing",
        {"last_check_in_at": None, "phase": CyclePhase.REVIEWING},
        S.ON_TRACK,
        (),
    ),
    (
        "never-checked-in-since-start",
        {"last_check_in_at": None, "created_at": None},
        S.AT_RISK,
        (R.STALE,),
    ),
    (
        "never-checked-in-created-before-start",
        {"last_check_in_at": None, "created_at": datetime(2024, 12, 1, tzinfo=UTC)},
        S.AT_RISK,
        (R.STALE,),
    ),
    (
        "never-checked-in-created-recently",
        {"last_check_in_at": None, "created_at": day(10)},
        S.ON_TRACK,
        (),
    ),
    (
        "never-checked-in-created-a-week-ago",
        {"last_check_in_at": None, "created_at": day(8)},
        S.AT_RISK,
        (R.STALE,),
    ),
    (
        "due-day-not-overdue",
        {"due": date(2025, 1, 15), "expected": 1.0, "progress": 0.9},
        S.ON_TRACK,
        (),
    ),
    (
        "overdue-but-close-is-at-risk",
        {"due": date(2025, 1, 14), "expected": 1.0, "progress": 0.9},
        S.AT_RISK,
        (R.OVERDUE,),
    ),
    (
        "overdue-from-the-next-midnight",
        {"due": date(2025, 1, 14), "expected": 1.0, "progress": 0.9, "at": day(15)},
        S.AT_RISK,
        (R.OVERDUE,),
    ),
    (
        "due-day-last-moment-not-overdue",
        {"due": date(2025, 1, 14), "expected": 1.0, "progress": 0.9, "at": day(15) - US},
        S.ON_TRACK,
        (),
    ),
    (
        "overdue-done-is-done",
        {"due": date(2025, 1, 10), "expected": 1.0, "progress": 1.0},
        S.DONE,
        (),
    ),
    (
        "overdue-and-behind",
        {"due": date(2025, 1, 10), "expected": 1.0, "progress": 0.2},
        S.BEHIND,
        (R.BEHIND_SCHEDULE, R.OVERDUE),
    ),
    (
        "tasks-moved-this-week-not-stale",
        {"last_check_in_at": day(2), "last_task_change_at": day(12)},
        S.ON_TRACK,
        (),
    ),
    (
        "tasks-never-checked-in-not-stale",
        {"last_check_in_at": None, "created_at": None, "last_task_change_at": day(9)},
        S.ON_TRACK,
        (),
    ),
    (
        "tasks-moved-long-ago-stale",
        {"last_check_in_at": day(2), "last_task_change_at": day(8)},
        S.AT_RISK,
        (R.STALE,),
    ),
    (
        "activity-before-the-cycle-counts-from-its-start",
        {"last_check_in_at": datetime(2024, 12, 20, tzinfo=UTC), "at": day(7)},
        S.ON_TRACK,
        (),
    ),
    (
        "out-of-bounds-early-is-at-risk",
        {"progress": 0.0, "expected": 0.1, "out_of_bounds": True},
        S.AT_RISK,
        (R.OUT_OF_BOUNDS,),
    ),
    (
        "out-of-bounds-behind-once-expected-passes-the-gap",
        {"progress": 0.0, "expected": 0.31, "out_of_bounds": True},
        S.BEHIND,
        (R.BEHIND_SCHEDULE, R.OUT_OF_BOUNDS),
    ),
    (
        "out-of-bounds-on-the-behind-gap",
        {"progress": 0.0, "expected": 0.3, "out_of_bounds": True},
        S.AT_RISK,
        (R.BEHIND_SCHEDULE, R.OUT_OF_BOUNDS),
    ),
    (
        "cycle-over-uses-end",
        {"at": day(1, 2), "expected": 1.0, "progress": 0.8, "last_check_in_at": day(31)},
        S.AT_RISK,
        (R.BEHIND_SCHEDULE, R.OVERDUE),
    ),
    (
        "last-day-of-cycle",
        {"at": day(31), "expected": 1.0, "progress": 0.9, "last_check_in_at": day(31)},
        S.ON_TRACK,
        (),
    ),
    ("due-in-future-not-overdue", {"due": date(2025, 1, 20)}, S.ON_TRACK, ()),
    (
        "behind-lists-every-reason",
        {
            "expected": 0.9,
            "progress": 0.1,
            "confidence": 2,
            "last_check_in_at": None,
            "due": date(2025, 1, 5),
        },
        S.BEHIND,
        (R.BEHIND_SCHEDULE, R.LOW_CONFIDENCE, R.STALE, R.OVERDUE),
    ),
    (
        "at-risk-low-confidence-and-stale",
        {"confidence": 1, "last_check_in_at": day(2)},
        S.AT_RISK,
        (R.LOW_CONFIDENCE, R.STALE),
    ),
]


@pytest.mark.parametrize(
    ("overrides", "expected_status", "reasons"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_kr_status(
    overrides: dict[str, Any], expected_status: TrackStatus, reasons: tuple[StatusReason, ...]
) -> None:
    assert status(**overrides) == KRStatus(expected_status, reasons)


def test_thresholds_are_settings() -> None:
    strict = Thresholds(behind_gap=0.1, at_risk_gap=0.05, stale_days=2, low_confidence=5)
    assert status(expected=0.5, progress=0.38, thresholds=strict).status is S.BEHIND
    assert status(expected=0.5, progress=0.44, thresholds=strict).status is S.AT_RISK
    assert status(last_check_in_at=day(13), thresholds=strict).reasons == (R.STALE,)
    assert status(confidence=5, thresholds=strict).reasons == (R.LOW_CONFIDENCE,)
    assert status(confidence=6, thresholds=strict).status is S.ON_TRACK


SHANGHAI = ZoneInfo("Asia/Shanghai")
DUE = date(2025, 12, 12)


def shanghai(d: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 12, d, hour, minute, tzinfo=SHANGHAI)


# A KR due 12 December in Beijing is overdue from 13 December 00:00 Beijing time (16:00 UTC
# on the 12th) — not from 08:00 Beijing time, when the UTC day ends.
ZONE_CASES = [
    ("due-day-evening", shanghai(12, 23, 59), SHANGHAI, False),
    ("next-midnight", shanghai(13, 0), SHANGHAI, True),
    ("next-midnight-as-utc", datetime(2025, 12, 12, 16, tzinfo=UTC), SHANGHAI, True),
    ("just-before-as-utc", datetime(2025, 12, 12, 15, 59, tzinfo=UTC), SHANGHAI, False),
    ("utc-org-still-on-time-at-beijing-midnight", shanghai(13, 0), UTC, False),
    ("utc-org-overdue-at-beijing-8am", shanghai(13, 8), UTC, True),
    (
        "new-york-due-day-evening",
        datetime(2025, 12, 12, 23, tzinfo=ZoneInfo("America/New_York")),
        ZoneInfo("America/New_York"),
        False,
    ),
]


@pytest.mark.parametrize(
    ("at", "tz", "overdue"), [c[1:] for c in ZONE_CASES], ids=[c[0] for c in ZONE_CASES]
)
def test_overdue_follows_the_organization_time_zone(
    at: datetime, tz: ZoneInfo, overdue: bool
) -> None:
    got = status(
        at=at,
        starts_on=date(2025, 10, 1),
        ends_on=date(2025, 12, 31),
        due=DUE,
        expected=1.0,
        progress=0.9,
        last_check_in_at=at,
        tz=tz,
    )
    assert (StatusReason.OVERDUE in got.reasons) is overdue
    assert got.status is (S.AT_RISK if overdue else S.ON_TRACK)


@pytest.mark.parametrize(
    ("at", "status_"),
    [
        (datetime(2025, 9, 30, 15, 59, tzinfo=UTC), S.NOT_STARTED),
        (datetime(2025, 9, 30, 16, 0, tzinfo=UTC), S.ON_TRACK),  # 1 Oct 00:00 in Beijing
    ],
    ids=["before-beijing-midnight", "beijing-midnight"],
)
def test_the_cycle_starts_at_midnight_in_the_organization_zone(
    at: datetime, status_: TrackStatus
) -> None:
    got = status(
        at=at,
        starts_on=date(2025, 10, 1),
        ends_on=date(2025, 12, 31),
        expected=0.0,
        progress=0.0,
        last_check_in_at=None,
        created_at=None,
        tz=SHANGHAI,
    )
    assert got.status is status_


OBJECTIVE_CASES = [
    ("no-krs", [], S.NOT_STARTED),
    ("all-done", [S.DONE, S.DONE], S.DONE),
    ("behind-wins", [S.DONE, S.ON_TRACK, S.AT_RISK, S.BEHIND, S.NOT_STARTED], S.BEHIND),
    ("at-risk-over-on-track", [S.ON_TRACK, S.AT_RISK, S.DONE], S.AT_RISK),
    ("on-track-over-not-started", [S.NOT_STARTED, S.ON_TRACK], S.ON_TRACK),
    ("not-started-over-done", [S.DONE, S.NOT_STARTED], S.NOT_STARTED),
    ("one-done-one-on-track", [S.DONE, S.ON_TRACK], S.ON_TRACK),
    ("single", [S.AT_RISK], S.AT_RISK),
]


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [c[1:] for c in OBJECTIVE_CASES],
    ids=[c[0] for c in OBJECTIVE_CASES],
)
def test_objective_status(statuses: list[TrackStatus], expected: TrackStatus) -> None:
    assert objective_status(statuses) is expected


WEIGHTED_CASES = [
    ("zero-weight-behind-ignored", [(S.BEHIND, 0), (S.ON_TRACK, 100)], S.ON_TRACK),
    ("zero-weight-not-done-ignored", [(S.NOT_STARTED, 0), (S.DONE, 100)], S.DONE),
    ("all-zero-weights-count-all", [(S.BEHIND, 0), (S.ON_TRACK, 0)], S.BEHIND),
    ("tiny-weight-counts", [(S.AT_RISK, 0.01), (S.ON_TRACK, 99.99)], S.AT_RISK),
    ("done-only-when-all-counted-done", [(S.DONE, 60), (S.ON_TRACK, 40)], S.ON_TRACK),
    ("all-counted-done", [(S.DONE, 60), (S.DONE, 40), (S.BEHIND, 0)], S.DONE),
    ("none", [], S.NOT_STARTED),
]


@pytest.mark.parametrize(
    ("pairs", "expected"), [c[1:] for c in WEIGHTED_CASES], ids=[c[0] for c in WEIGHTED_CASES]
)
def test_objective_status_counts_weighted_krs(
    pairs: list[tuple[TrackStatus, float]], expected: TrackStatus
) -> None:
    assert objective_status([s for s, _ in pairs], [w for _, w in pairs]) is expected
