"""Progress as the check-ins left it (domain/history.py): the rule H(t) on small cycles worked
by hand, and the timeline's linear shortcut against the plain bottom-up computation."""

import random
from datetime import date, datetime, timedelta

import pytest

from backend.domain.clock import day_end, day_start
from backend.domain.enums import CyclePhase, KRKind, ProgressSource
from backend.domain.evaluate import CycleFacts
from backend.domain.history import (
    CycleHistory,
    HistoryKR,
    HistoryObjective,
    Reading,
    boundaries,
    held_at_start,
    shares,
    timeline_instants,
)

K, P = KRKind, ProgressSource
CYCLE = CycleFacts(date(2025, 1, 1), date(2025, 3, 31), CyclePhase.TRACKING)
START = day_start(CYCLE.starts_on)
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("kind", "start", "target", "lo", "hi", "held"),
    [
        (K.DECREASE, 3, 5, None, None, True),  # keep ≤ 5 while at 3: a ceiling
        (K.DECREASE, 5, 5, None, None, True),
        (K.DECREASE, 20, 10, None, None, False),  # a distance to travel
        (K.RANGE, 70, None, 60, 90, True),
        (K.RANGE, 60, None, 60, 90, True),  # the bounds are in the band
        (K.RANGE, 30, None, 60, 90, False),
        (K.RANGE, None, None, 60, 90, False),
        (K.INCREASE, 0, 10, None, None, False),
        (K.MILESTONE, None, None, None, None, False),
    ],
)
def test_held_at_start(
    kind: KRKind,
    start: float | None,
    target: float | None,
    lo: float | None,
    hi: float | None,
    held: bool,
) -> None:
    assert held_at_start(kind, start, target, lo, hi) is held


def test_timeline_instants() -> None:
    mid = START + 20 * DAY + timedelta(hours=5)
    instants = timeline_instants(CYCLE, mid)
    weekly = [START + 7 * i * DAY for i in range(13)]  # 1 Jan … 26 Mar
    assert instants == sorted([*weekly, mid, day_end(CYCLE.ends_on)])
    # now on a weekly instant is not repeated; before the start or after the end it is left out
    assert timeline_instants(CYCLE, weekly[2]) == [*weekly, day_end(CYCLE.ends_on)]
    assert timeline_instants(CYCLE, START - DAY) == [*weekly, day_end(CYCLE.ends_on)]
    closed = CycleFacts(CYCLE.starts_on, CYCLE.ends_on, CyclePhase.CLOSED)
    assert timeline_instants(closed, day_end(CYCLE.ends_on))[-1] == day_end(CYCLE.ends_on)


def test_boundaries_take_the_past_instants_since_and_now() -> None:
    now = START + 10 * DAY
    since = now - 7 * DAY
    assert boundaries(timeline_instants(CYCLE, now), now, since) == [
        START,
        since,
        START + 7 * DAY,
        now,
    ]


@pytest.mark.parametrize(
    ("weights", "want"),
    [([60, 40], [0.6, 0.4]), ([0, 0], [0.5, 0.5]), ([100, 0], [1.0, 0.0])],
)
def test_shares(weights: list[float], want: list[float]) -> None:
    krs = [HistoryKR(i, 1, w, K.INCREASE, P.MANUAL, None, False) for i, w in enumerate(weights)]
    assert shares(krs) == pytest.approx(want)


def kr(
    id: int,
    objective: int,
    weight: float = 100,
    source: ProgressSource = P.MANUAL,
    kind: KRKind = K.INCREASE,
    held: bool = False,
    archived: bool = False,
) -> HistoryKR:
    return HistoryKR(id, objective, weight, kind, source, None, held, archived)


def at(days: float) -> datetime:
    return START + days * DAY


# Company 1: KR 11 (60, growth), KR 12 (40, ALIGNED) ← objectives 2 and 3 converted from it;
# objective 2: KR 21 (held limit) and KR 22; objective 3: KR 31; objective 4 archived, also
# converted from KR 12 (it must not count); objective 5 has no key results.
OBJECTIVES = [
    HistoryObjective(1, None),
    HistoryObjective(2, 12),
    HistoryObjective(3, 12),
    HistoryObjective(4, 12, archived=True),
    HistoryObjective(5, None),
]
KRS = [
    kr(11, 1, 60),
    kr(12, 1, 40, P.ALIGNED),
    kr(21, 2, 0, kind=K.DECREASE, held=True),
    kr(22, 2, 0),
    kr(31, 3),
    kr(41, 4),
    kr(32, 3, 50, archived=True),
]
BOUNDS = [at(0), at(7), at(14), at(20)]
READINGS = [
    Reading(11, 1, 0.2, at(5)),
    Reading(11, 3, 0.5, at(18)),
    Reading(22, 2, 0.4, at(12)),
    Reading(31, 3, 1.0, at(19)),
    Reading(41, 1, 0.9, at(2)),
    Reading(12, 2, 0.99, at(13)),  # an ALIGNED key result's own check-in is not its progress
]


def history() -> CycleHistory:
    return CycleHistory(CYCLE, OBJECTIVES, KRS, BOUNDS, READINGS)


def held_expected(t: datetime) -> float:
    return (t - START) / (day_start(CYCLE.ends_on) - START)


def test_progress_at_each_boundary() -> None:
    h = history()
    e = held_expected
    for index, (p11, p21, p22, p31) in enumerate(
        [
            (0.0, e(BOUNDS[0]), 0.0, 0.0),
            (0.2, e(BOUNDS[1]), 0.0, 0.0),
            (0.2, e(BOUNDS[2]), 0.4, 0.0),
            (0.5, e(BOUNDS[3]), 0.4, 1.0),
        ]
    ):
        o2 = (p21 + p22) / 2  # weights 0 and 0: the plain mean
        o3 = p31  # its archived key result does not count
        o1 = 0.6 * p11 + 0.4 * (o2 + o3) / 2  # objective 4 is archived: not in the mean
        got = h.progress_at(index)
        assert got[2] == pytest.approx(o2) and got[3] == pytest.approx(o3)
        assert got[1] == pytest.approx(o1), index
        assert got[5] == 0.0


def test_mean_series_is_the_mean_of_progress_at_every_boundary() -> None:
    h = history()
    for scope in ([1], [2, 3], [1, 2, 3, 5], [5], []):
        want = [
            sum(h.progress_at(i)[o] for o in scope) / len(scope) if scope else 0.0
            for i in range(len(BOUNDS))
        ]
        assert h.mean_series(scope) == pytest.approx(want), scope


def test_last_check_ins() -> None:
    assert history().last_check_ins() == {
        11: at(18),
        22: at(12),
        31: at(19),
        41: at(2),
        12: at(13),
    }


def test_expected_series_weighs_key_results_as_progress_does() -> None:
    h = history()
    instants = [at(0), at(45), day_start(CYCLE.ends_on)]
    # every key result here ends with the cycle, so each objective expects e(t); objective 5
    # (no key results) expects 0
    e = [held_expected(t) for t in instants]
    assert h.expected_series([1, 2], instants) == pytest.approx(e)
    assert h.expected_series([1, 5], instants) == pytest.approx([x / 2 for x in e])
    assert h.expected_series([], instants) == [0, 0, 0]


def test_moves_compare_two_boundaries() -> None:
    h = history()
    before, after = h.progress_at(1), h.progress_at(3)
    moves = h.moves([1, 2, 3, 5], BOUNDS[1], BOUNDS[3])
    assert [(m.objective_id, m.before, m.after) for m in moves] == sorted(
        ((o, before[o], after[o]) for o in (1, 2, 3)), key=lambda m: -abs(m[2] - m[1])
    )
    assert moves[0].objective_id == 3 and (moves[0].before, moves[0].after) == (0.0, 1.0)


def test_a_conversion_loop_in_corrupt_data_ends() -> None:
    """Objective 1's ALIGNED key result is converted into 2, whose ALIGNED one into 1."""
    objectives = [HistoryObjective(1, 21), HistoryObjective(2, 11)]
    krs = [kr(11, 1, source=P.ALIGNED), kr(21, 2, source=P.ALIGNED)]
    h = CycleHistory(CYCLE, objectives, krs, [at(1)], [])
    assert h.progress_at(0) == {1: 0.0, 2: 0.0}
    assert h.mean_series([1, 2]) == [0.0]


def test_the_linear_series_equals_the_bottom_up_one_on_random_cycles() -> None:
    """Alignment forests of random shapes, weights, sources and readings."""
    rng = random.Random(14)
    for _ in range(30):
        n = rng.randint(1, 25)
        objectives: list[HistoryObjective] = []
        krs: list[HistoryKR] = []
        next_kr = 1
        for oid in range(1, n + 1):
            parents = [k for k in krs if k.source is P.ALIGNED and k.objective_id < oid]
            source = rng.choice(parents).id if parents and rng.random() < 0.6 else None
            objectives.append(HistoryObjective(oid, source, archived=rng.random() < 0.1))
            for _ in range(rng.randint(0, 3)):
                krs.append(
                    kr(
                        next_kr,
                        oid,
                        rng.choice([0, 10, 25, 40]),
                        rng.choice([P.MANUAL, P.MANUAL, P.TASKS, P.ALIGNED]),
                        held=rng.random() < 0.15,
                        archived=rng.random() < 0.1,
                    )
                )
                next_kr += 1
        bounds = sorted({at(rng.uniform(0, 80)) for _ in range(rng.randint(1, 6))})
        readings = [
            Reading(k.id, i, rng.random(), bounds[i])
            for k in krs
            for i in range(len(bounds))
            if rng.random() < 0.4
        ]
        h = CycleHistory(CYCLE, objectives, krs, bounds, readings)
        scope = rng.sample(range(1, n + 1), rng.randint(1, n))
        live = [o for o in scope if not objectives[o - 1].archived]
        want = [
            sum(h.progress_at(i)[o] for o in live) / len(live) if live else 0.0
            for i in range(len(bounds))
        ]
        assert h.mean_series(live) == pytest.approx(want)
