"""The dashboard's figures from evaluated numbers: pure aggregation, no I/O.

Every figure is a list of buckets, and every bucket keeps the ids it counts (objectives, key
results or people, in the order given), so each bar of a chart drills down to its list and
its count is that list's length. A bucket's `key` names it in an export URL (`bucket=`).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from .clock import as_utc
from .enums import ObjectiveLevel, TrackStatus
from .scoring import round1

# worst first, as the board summarises an objective's key results
STATUS_ORDER = (
    TrackStatus.BEHIND,
    TrackStatus.AT_RISK,
    TrackStatus.ON_TRACK,
    TrackStatus.NOT_STARTED,
    TrackStatus.DONE,
)
PROGRESS_BUCKETS = 10  # 0–10 %, 10–20 %, … 90–100 % (100 % falls in the last)
# people whose most silent key result has had no check-in for at least this many days
FRESHNESS_DAYS = (7, 14)
SCORE_STEPS = tuple(i / 10 for i in range(11))  # scores have one decimal
# alignment is counted for the levels that align to something
ALIGNING_LEVELS = (ObjectiveLevel.TEAM, ObjectiveLevel.PERSONAL)
_EPS = 1e-9


class Figure(StrEnum):
    """What a drill-down or an export names: `figure=` (and `bucket=` within it)."""

    OBJECTIVES = "OBJECTIVES"  # every objective counted (objectiveCount)
    PROGRESS = "PROGRESS"
    STATUS = "STATUS"
    FRESHNESS = "FRESHNESS"
    ALIGNMENT = "ALIGNMENT"
    UNALIGNED_KEY_RESULTS = "UNALIGNED_KEY_RESULTS"
    SCORES = "SCORES"
    TIMELINE = "TIMELINE"
    MOVERS = "MOVERS"


class Counts(Protocol):
    """A bar, slice or row of a figure: its key and what it counts."""

    @property
    def key(self) -> str: ...

    @property
    def ids(self) -> tuple[int, ...]: ...

    @property
    def count(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Bucket:
    key: str
    ids: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.ids)


def mean(values: Iterable[float]) -> float:
    """The plain mean; 0 for nothing (an empty scope has no progress to show)."""
    total, n = 0.0, 0
    for v in values:
        total += v
        n += 1
    return total / n if n else 0.0


# --- progress and status -------------------------------------------------------------------


def progress_bucket(progress: float) -> int:
    """The histogram bar of a progress in [0, 1]: 0.1 opens the second bar, 1.0 is in the last."""
    return min(max(int(progress * PROGRESS_BUCKETS + _EPS), 0), PROGRESS_BUCKETS - 1)


def bucket_bounds(index: int) -> tuple[float, float]:
    return index / PROGRESS_BUCKETS, (index + 1) / PROGRESS_BUCKETS


def progress_distribution(progress: Mapping[int, float]) -> list[Bucket]:
    """Objectives per tenth of progress; keys are the lower bound in percent ("0" … "90")."""
    bars: list[list[int]] = [[] for _ in range(PROGRESS_BUCKETS)]
    for oid, p in progress.items():
        bars[progress_bucket(p)].append(oid)
    step = 100 // PROGRESS_BUCKETS
    return [Bucket(str(i * step), tuple(ids)) for i, ids in enumerate(bars)]


def status_counts(statuses: Mapping[int, TrackStatus]) -> list[Bucket]:
    """Objectives per status, every status present (zero included), worst first."""
    by: dict[TrackStatus, list[int]] = {s: [] for s in STATUS_ORDER}
    for oid, status in statuses.items():
        by[status].append(oid)
    return [Bucket(s.value, tuple(by[s])) for s in STATUS_ORDER]


# --- check-in freshness ---------------------------------------------------------------------


@dataclass(slots=True)
class Awaiting:
    """A key result that awaits check-ins, and the person answering for it."""

    kr_id: int
    person_id: int
    last_check_in_at: datetime | None
    # when its silence began to count: its last check-in, else its creation or the cycle's
    # start, whichever is later (the rule of the STALE status)
    since: datetime


@dataclass(frozen=True, slots=True)
class Silent:
    kr_id: int
    days: int
    last_check_in_at: datetime | None


@dataclass(frozen=True, slots=True)
class PersonSilence:
    person_id: int
    days: int  # of their most silent key result
    last_check_in_at: datetime | None  # their latest check-in on any of these key results
    key_results: tuple[Silent, ...]  # those silent at least the bucket's days, most silent first


@dataclass(frozen=True, slots=True)
class FreshnessBucket:
    key: str  # the bucket's least days: "0", "7", "14"
    min_days: int
    max_days: int | None  # None: no upper bound
    people: tuple[PersonSilence, ...]

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(p.person_id for p in self.people)

    @property
    def count(self) -> int:
        return len(self.people)


def silent_days(as_of: datetime, since: datetime) -> int:
    """Whole days without a check-in at `as_of` (0 before the silence began)."""
    return max((as_utc(as_of) - as_utc(since)) // timedelta(days=1), 0)


def freshness(
    awaiting: Sequence[Awaiting], as_of: datetime, days: Sequence[int] = FRESHNESS_DAYS
) -> list[FreshnessBucket]:
    """People by their most silent key result: checked in within the first threshold, silent
    for at least it, at least the next… Each person once; people in the order met."""
    bounds = (0, *days)
    silent_of: dict[int, list[Silent]] = {}
    for a in awaiting:
        silent = Silent(a.kr_id, silent_days(as_of, a.since), a.last_check_in_at)
        silent_of.setdefault(a.person_id, []).append(silent)
    people: list[list[PersonSilence]] = [[] for _ in bounds]
    for person, krs in silent_of.items():
        krs.sort(key=lambda s: -s.days)
        worst = krs[0].days
        index = max(i for i, b in enumerate(bounds) if worst >= b)
        checked = [s.last_check_in_at for s in krs if s.last_check_in_at is not None]
        people[index].append(
            PersonSilence(
                person,
                worst,
                max(checked, key=as_utc) if checked else None,
                tuple(s for s in krs if s.days >= bounds[index]),
            )
        )
    return [
        FreshnessBucket(
            str(low),
            low,
            bounds[i + 1] - 1 if i + 1 < len(bounds) else None,
            tuple(people[i]),
        )
        for i, low in enumerate(bounds)
    ]


# --- alignment ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Coverage:
    level: ObjectiveLevel
    aligned: Bucket
    unaligned: Bucket

    @property
    def count(self) -> int:
        return self.aligned.count + self.unaligned.count

    @property
    def share(self) -> float:
        """Aligned ÷ all of the level; 0 when the level has none."""
        return self.aligned.count / self.count if self.count else 0.0


def alignment_coverage(levels: Mapping[int, ObjectiveLevel], aligned: set[int]) -> list[Coverage]:
    """Per aligning level (TEAM, PERSONAL): which objectives align to a parent and which not.
    Bucket keys: TEAM_ALIGNED, TEAM_UNALIGNED, PERSONAL_ALIGNED, PERSONAL_UNALIGNED."""
    out = []
    for level in ALIGNING_LEVELS:
        ids = [oid for oid, lv in levels.items() if lv is level]
        out.append(
            Coverage(
                level,
                Bucket(f"{level.value}_ALIGNED", tuple(i for i in ids if i in aligned)),
                Bucket(f"{level.value}_UNALIGNED", tuple(i for i in ids if i not in aligned)),
            )
        )
    return out


# --- scores ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Scored:
    kr_id: int
    score: float | None  # the final score, None until scored
    suggested: float  # one decimal (scoring.suggested_score)


@dataclass(frozen=True, slots=True)
class ScoreBucket:
    score: float
    final: tuple[int, ...]  # key results scored this
    suggested: tuple[int, ...]  # key results this is suggested for

    @property
    def key(self) -> str:
        return f"{self.score:.1f}"

    @property
    def ids(self) -> tuple[int, ...]:
        """Either: the drill-down shows both numbers, so a gap between them is visible."""
        return tuple(dict.fromkeys((*self.final, *self.suggested)))

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, slots=True)
class ScoreDistribution:
    buckets: tuple[ScoreBucket, ...]  # one per step 0.0 … 1.0
    unscored: Bucket  # key UNSCORED: no final score yet
    average: float | None  # the final score, the suggestion standing in; None without KRs


def score_distribution(krs: Sequence[Scored]) -> ScoreDistribution:
    final: dict[float, list[int]] = {s: [] for s in SCORE_STEPS}
    suggested: dict[float, list[int]] = {s: [] for s in SCORE_STEPS}
    for kr in krs:
        suggested[round(kr.suggested, 1)].append(kr.kr_id)  # already one decimal: cheap
        if kr.score is not None:
            final[round1(kr.score)].append(kr.kr_id)
    return ScoreDistribution(
        tuple(ScoreBucket(s, tuple(final[s]), tuple(suggested[s])) for s in SCORE_STEPS),
        Bucket("UNSCORED", tuple(kr.kr_id for kr in krs if kr.score is None)),
        round1(mean(kr.suggested if kr.score is None else kr.score for kr in krs)) if krs else None,
    )


# --- top movers -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Move:
    objective_id: int
    before: float
    after: float

    @property
    def delta(self) -> float:
        return self.after - self.before


def movers(
    ids: Sequence[int], before: Mapping[int, float], after: Mapping[int, float]
) -> list[Move]:
    """The objectives whose progress changed, biggest change (up or down) first; ties keep
    the order of `ids`."""
    moves = [Move(i, before.get(i, 0.0), after.get(i, 0.0)) for i in ids]
    return sorted((m for m in moves if abs(m.delta) > _EPS), key=lambda m: -abs(m.delta))
