from datetime import UTC, date, datetime
from typing import Any

import pytest

from backend.domain.enums import CyclePhase, StatusReason, TrackStatus
from backend.domain.status import KRStatus, Thresholds, kr_status, objective_status

S, R = TrackStatus, StatusReason
START, END = date(2025, 1, 1), date(2025, 1, 31)
NOW = datetime(2025, 1, 15, tzinfo=UTC)


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
        "overdue-but-close",
        {"due": date(2025, 1, 14), "expected": 1.0, "progress": 0.9},
        S.ON_TRACK,
        (R.OVERDUE,),
    ),
    (
        "overdue-and-behind",
        {"due": date(2025, 1, 10), "expected": 1.0, "progress": 0.2},
        S.BEHIND,
        (R.BEHIND_SCHEDULE, R.OVERDUE),
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
