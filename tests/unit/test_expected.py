from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from backend.domain.enums import KRKind, ProgressSource
from backend.domain.expected import expected_progress

K = KRKind
M, T, A = ProgressSource.MANUAL, ProgressSource.TASKS, ProgressSource.ALIGNED
START, END = date(2025, 1, 1), date(2025, 1, 11)  # a 10-day cycle


def at(day: int, hour: int = 0) -> datetime:
    return datetime(2025, 1, day, hour, tzinfo=UTC)


CASES = [
    ("before-cycle", datetime(2024, 12, 20, tzinfo=UTC), None, K.INCREASE, M, 0.0),
    ("cycle-start", at(1), None, K.INCREASE, M, 0.0),
    ("midday-counts", at(1, 12), None, K.INCREASE, M, 0.05),
    ("middle", at(6), None, K.COUNT, M, 0.5),
    ("cycle-end", at(11), None, K.DECREASE, M, 1.0),
    ("after-cycle", datetime(2025, 3, 1, tzinfo=UTC), None, K.RANGE, M, 1.0),
    ("due-date-is-the-end", at(4), date(2025, 1, 6), K.INCREASE, M, 0.6),
    ("after-due-date", at(8), date(2025, 1, 6), K.INCREASE, M, 1.0),
    ("due-after-cycle-end", at(11), date(2025, 1, 21), K.INCREASE, M, 0.5),
    ("mission-linear", at(3), None, K.MISSION, M, 0.2),
    ("aligned-increase-linear", at(3), None, K.INCREASE, A, 0.2),
    ("milestone-before-due", at(5, 23), date(2025, 1, 6), K.MILESTONE, M, 0.0),
    ("milestone-on-due", at(6), date(2025, 1, 6), K.MILESTONE, M, 1.0),
    ("milestone-after-due", at(9), date(2025, 1, 6), K.MILESTONE, M, 1.0),
    ("milestone-no-due-uses-end", at(10), None, K.MILESTONE, M, 0.0),
    ("milestone-no-due-at-end", at(11), None, K.MILESTONE, M, 1.0),
    ("baseline-before-due", at(10), None, K.BASELINE, M, 0.0),
    ("baseline-aligned-is-step", at(6), None, K.BASELINE, A, 0.0),
    ("milestone-tasks-linear", at(6), None, K.MILESTONE, T, 0.5),
    ("baseline-tasks-linear-due", at(3), date(2025, 1, 5), K.BASELINE, T, 0.5),
    ("zero-span-before", at(1) - timedelta(hours=1), date(2025, 1, 1), K.INCREASE, M, 0.0),
    ("zero-span-at", at(1), date(2025, 1, 1), K.INCREASE, M, 1.0),
    ("due-before-start", at(1), date(2024, 12, 25), K.INCREASE, M, 1.0),
    (
        "other-timezone",
        datetime(2025, 1, 6, 8, tzinfo=timezone(timedelta(hours=8))),
        None,
        K.INCREASE,
        M,
        0.5,
    ),
    ("naive-is-utc", datetime(2025, 1, 6), None, K.INCREASE, M, 0.5),
]


@pytest.mark.parametrize(
    ("now", "due", "kind", "source", "expected"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_expected_progress(
    now: datetime, due: date | None, kind: KRKind, source: ProgressSource, expected: float
) -> None:
    assert expected_progress(now, START, END, due, kind, source) == pytest.approx(expected)


SHANGHAI = ZoneInfo("Asia/Shanghai")

# The organization's zone decides when its days begin: in Beijing, 1 Jan begins at 16:00 UTC on
# 31 Dec and 6 Jan (half-way through the 10-day cycle) at 16:00 UTC on 5 Jan.
ZONE_CASES = [
    ("beijing-start", datetime(2024, 12, 31, 16, tzinfo=UTC), None, K.INCREASE, 0.0),
    ("beijing-middle", datetime(2025, 1, 5, 16, tzinfo=UTC), None, K.INCREASE, 0.5),
    ("beijing-end", datetime(2025, 1, 10, 16, tzinfo=UTC), None, K.INCREASE, 1.0),
    (
        "beijing-milestone-before-due",
        datetime(2025, 1, 5, 15, 59, tzinfo=UTC),
        date(2025, 1, 6),
        K.MILESTONE,
        0.0,
    ),
    (
        "beijing-milestone-on-due",
        datetime(2025, 1, 5, 16, tzinfo=UTC),
        date(2025, 1, 6),
        K.MILESTONE,
        1.0,
    ),
]


@pytest.mark.parametrize(
    ("now", "due", "kind", "expected"),
    [c[1:] for c in ZONE_CASES],
    ids=[c[0] for c in ZONE_CASES],
)
def test_expected_progress_in_the_organization_zone(
    now: datetime, due: date | None, kind: KRKind, expected: float
) -> None:
    assert expected_progress(now, START, END, due, kind, M, SHANGHAI) == pytest.approx(expected)
