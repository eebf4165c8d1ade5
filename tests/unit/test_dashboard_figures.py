"""The dashboard's pure aggregation (domain/dashboard.py), as tables of cases."""

from datetime import UTC, datetime, timedelta

import pytest

from backend.domain.dashboard import (
    Awaiting,
    Bucket,
    Scored,
    alignment_coverage,
    freshness,
    mean,
    movers,
    progress_bucket,
    progress_distribution,
    score_distribution,
    silent_days,
    status_counts,
)
from backend.domain.enums import ObjectiveLevel, TrackStatus

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("progress", "bar"),
    [
        (0.0, 0),
        (0.05, 0),
        (0.0999, 0),
        (0.1, 1),
        (0.1 + 0.2, 3),  # 0.30000000000000004
        (0.7, 7),  # 7.000000000000001 tenths
        (0.6, 6),
        (0.3 - 1e-12, 3),  # a binary artefact below a bound counts as the bound
        (0.29, 2),
        (0.99, 9),
        (1.0, 9),  # done is in the last bar, not an eleventh
        (1.4, 9),
        (-0.2, 0),
    ],
)
def test_progress_bucket(progress: float, bar: int) -> None:
    assert progress_bucket(progress) == bar


def test_progress_distribution_keeps_every_bar_and_the_order_given() -> None:
    bars = progress_distribution({7: 0.95, 3: 0.0, 5: 1.0, 1: 0.12, 2: 0.19})
    assert [b.key for b in bars] == ["0", "10", "20", "30", "40", "50", "60", "70", "80", "90"]
    assert {b.key: b.ids for b in bars if b.ids} == {"0": (3,), "10": (1, 2), "90": (7, 5)}
    assert sum(b.count for b in bars) == 5


def test_status_counts_worst_first_with_zeroes() -> None:
    S = TrackStatus
    counts = status_counts({1: S.DONE, 2: S.BEHIND, 3: S.DONE, 4: S.ON_TRACK})
    assert [(b.key, b.ids) for b in counts] == [
        ("BEHIND", (2,)),
        ("AT_RISK", ()),
        ("ON_TRACK", (4,)),
        ("NOT_STARTED", ()),
        ("DONE", (1, 3)),
    ]


@pytest.mark.parametrize(
    ("elapsed", "days"),
    [
        (timedelta(0), 0),
        (6 * DAY + timedelta(hours=23, minutes=59), 6),
        (7 * DAY, 7),
        (13 * DAY + timedelta(hours=23), 13),
        (14 * DAY, 14),
        (-DAY, 0),  # the silence has not begun (a key result created after as_of)
    ],
)
def test_silent_days(elapsed: timedelta, days: int) -> None:
    assert silent_days(T0 + elapsed, T0) == days


def awaiting(kr: int, person: int, days_ago: float, checked: bool = True) -> Awaiting:
    since = T0 - days_ago * DAY
    return Awaiting(kr, person, since if checked else None, since)


FRESHNESS_CASES = [
    ("nobody awaits anything", [], {"0": [], "7": [], "14": []}),
    (
        "one person per bucket, by their most silent key result",
        [awaiting(1, 10, 2), awaiting(2, 20, 8), awaiting(3, 30, 15)],
        {"0": [(10, 2, [1])], "7": [(20, 8, [2])], "14": [(30, 15, [3])]},
    ),
    (
        "a person with a fresh and a stale key result counts once, where the stale one puts "
        "them, listing only the key results silent that long",
        [awaiting(1, 10, 1), awaiting(2, 10, 20), awaiting(3, 10, 9)],
        {"0": [], "7": [], "14": [(10, 20, [2])]},
    ),
    (
        "in the 7 bucket, key results silent 7 days or more (the 14+ ones included)",
        [awaiting(1, 10, 7), awaiting(2, 10, 3), awaiting(3, 20, 13.9)],
        {"0": [], "7": [(10, 7, [1]), (20, 13, [3])], "14": []},
    ),
    (
        "the fresh bucket lists all of a person's key results",
        [awaiting(1, 10, 6.9), awaiting(2, 10, 0)],
        {"0": [(10, 6, [1, 2])], "7": [], "14": []},
    ),
    (
        "never checked in: silent since it began to count",
        [awaiting(1, 10, 30, checked=False)],
        {"0": [], "7": [], "14": [(10, 30, [1])]},
    ),
]


@pytest.mark.parametrize(
    ("case", "given", "want"), FRESHNESS_CASES, ids=[c[0] for c in FRESHNESS_CASES]
)
def test_freshness(case: str, given: list[Awaiting], want: dict[str, list[object]]) -> None:
    buckets = freshness(given, T0)
    assert [(b.key, b.min_days, b.max_days) for b in buckets] == [
        ("0", 0, 6),
        ("7", 7, 13),
        ("14", 14, None),
    ]
    got = {
        b.key: [(p.person_id, p.days, [k.kr_id for k in p.key_results]) for p in b.people]
        for b in buckets
    }
    assert got == want
    assert all(b.count == len(b.people) == len(b.ids) for b in buckets)


def test_freshness_reports_a_persons_latest_check_in() -> None:
    given = [awaiting(1, 10, 20), awaiting(2, 10, 3), awaiting(3, 10, 40, checked=False)]
    (person,) = freshness(given, T0)[2].people
    assert person.last_check_in_at == T0 - 3 * DAY
    assert [(k.kr_id, k.days, k.last_check_in_at) for k in person.key_results] == [
        (3, 40, None),
        (1, 20, T0 - 20 * DAY),
    ]


def test_alignment_coverage_per_aligning_level() -> None:
    L = ObjectiveLevel
    levels = {1: L.COMPANY, 2: L.TEAM, 3: L.TEAM, 4: L.PERSONAL, 5: L.PERSONAL, 6: L.PERSONAL}
    team, personal = alignment_coverage(levels, aligned={1, 2, 4, 5})
    assert (team.level, team.aligned, team.unaligned) == (
        L.TEAM,
        Bucket("TEAM_ALIGNED", (2,)),
        Bucket("TEAM_UNALIGNED", (3,)),
    )
    assert (team.count, team.share) == (2, 0.5)
    assert (personal.aligned.ids, personal.unaligned.ids) == ((4, 5), (6,))
    assert personal.share == pytest.approx(2 / 3)
    (empty, _) = alignment_coverage({1: L.COMPANY}, aligned=set())
    assert (empty.count, empty.share) == (0, 0.0)


def test_score_distribution() -> None:
    dist = score_distribution(
        [
            Scored(1, 0.7, 0.6),
            Scored(2, None, 0.6),
            Scored(3, 0.6 + 0.1, 0.7),  # 0.7 in binary: the 0.7 bar
            Scored(4, 0.0, 1.0),
        ]
    )
    assert [b.key for b in dist.buckets] == [f"{i / 10:.1f}" for i in range(11)]
    by = {b.key: b for b in dist.buckets}
    assert (by["0.7"].final, by["0.7"].suggested, by["0.7"].ids) == ((1, 3), (3,), (1, 3))
    assert (by["0.6"].final, by["0.6"].suggested, by["0.6"].count) == ((), (1, 2), 2)
    assert (by["0.0"].final, by["1.0"].suggested) == ((4,), (4,))
    assert dist.unscored == Bucket("UNSCORED", (2,))
    # final scores, the suggestion standing in for 2: (0.7 + 0.6 + 0.7 + 0.0) / 4
    assert dist.average == 0.5
    assert score_distribution([]).average is None


MOVER_CASES = [
    ("nothing moved", {1: 0.2}, {1: 0.2}, []),
    (
        "biggest change first, down as much as up",
        {1: 0.1, 2: 0.5, 3: 0.0},
        {1: 0.2, 2: 0.2, 3: 0.1},
        [2, 1, 3],
    ),
    ("a float artefact is no move", {1: 0.3}, {1: 0.1 + 0.2}, []),
    ("an objective without a reading counts from 0", {}, {1: 0.4}, [1]),
]


@pytest.mark.parametrize(
    ("case", "before", "after", "order"), MOVER_CASES, ids=[c[0] for c in MOVER_CASES]
)
def test_movers(
    case: str, before: dict[int, float], after: dict[int, float], order: list[int]
) -> None:
    moves = movers([1, 2, 3], before, after)
    assert [m.objective_id for m in moves] == order
    for m in moves:
        assert m.delta == pytest.approx(
            after.get(m.objective_id, 0) - before.get(m.objective_id, 0)
        )


def test_mean() -> None:
    assert (mean([]), mean([0.5]), mean(iter([0.2, 0.4]))) == (0.0, 0.5, pytest.approx(0.3))
