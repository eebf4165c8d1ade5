"""Progress as the check-ins left it at past instants: the dashboard's progress over time and
its top movers. Pure; the readings come from one SQL aggregate (read/dashboard.py).

The rule, H(t):
- a key result stands where its latest check-in at or before t put it (`CheckIn.progress`,
  recorded when it was made); before its first one, at its start — progress 0, or, for a limit
  held from the start (a ceiling DECREASE, a RANGE starting inside its band), on schedule:
  its expected progress at t;
- an ALIGNED key result stands at the mean of the objectives converted from it, by the same
  rule down the chain (hidden objectives count, as they do on the board);
- an objective at the weighted mean of its live key results (DESIGN §4, today's weights).
Nothing else is replayed: task changes and edits show from the next check-in on.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .clock import day_end, day_start
from .dashboard import Move, movers
from .enums import KRKind, ProgressSource
from .evaluate import CycleFacts
from .expected import expected_progress
from .progress import aligned_progress, is_ceiling, objective_progress

WEEK = timedelta(days=7)


# built per key result and per reading of a cycle: plain slots classes (frozen ones cost twice)
@dataclass(slots=True)
class HistoryKR:
    id: int
    objective_id: int
    weight: float
    kind: KRKind
    source: ProgressSource
    due: date | None
    held_at_start: bool
    archived: bool = False


@dataclass(slots=True)
class HistoryObjective:
    id: int
    source_kr_id: int | None
    archived: bool = False


@dataclass(slots=True)
class Reading:
    """A key result's last check-in up to boundary `index` (and after the one before)."""

    kr_id: int
    index: int
    progress: float
    at: datetime


def held_at_start(
    kind: KRKind,
    start: float | None,
    target: float | None,
    range_min: float | None,
    range_max: float | None,
) -> bool:
    """A limit to keep that holds before any check-in (DESIGN §4's holds, at `current = start`)."""
    if kind is KRKind.RANGE:
        if start is None or range_min is None or range_max is None:
            return False
        return range_min <= start <= range_max
    return is_ceiling(kind, start, target)


def shares(krs: Sequence[HistoryKR]) -> list[float]:
    """Each key result's part of its objective's progress (weights normalised; all 0: equal)."""
    total = sum(kr.weight for kr in krs)
    if total > 0:
        return [kr.weight / total for kr in krs]
    return [1 / len(krs)] * len(krs)


@dataclass(frozen=True, slots=True)
class Point:
    at: datetime
    expected: float
    actual: float | None  # None after `as_of`: not yet


def boundaries(instants: Sequence[datetime], as_of: datetime, since: datetime) -> list[datetime]:
    """The instants H is needed at: the timeline's up to `as_of`, `since` and `as_of`."""
    return sorted({*(t for t in instants if t <= as_of), since, as_of})


def timeline_instants(cycle: CycleFacts, as_of: datetime) -> list[datetime]:
    """Weekly from the cycle's first day to its last moment, and `as_of` when it falls between."""
    start, end = day_start(cycle.starts_on, cycle.tz), day_end(cycle.ends_on, cycle.tz)
    instants = []
    t = start
    while t < end:
        instants.append(t)
        t += WEEK
    instants.append(end)
    if start < as_of < end and as_of not in instants:
        instants.append(as_of)
        instants.sort()
    return instants


class CycleHistory:
    """A cycle's objectives and key results, and their check-in readings at `boundaries`."""

    def __init__(
        self,
        cycle: CycleFacts,
        objectives: Sequence[HistoryObjective],
        key_results: Sequence[HistoryKR],
        boundaries: Sequence[datetime],
        readings: Sequence[Reading],
    ):
        self.cycle = cycle
        self.boundaries = list(boundaries)
        archived = {o.id for o in objectives if o.archived}
        self.live_krs_of: defaultdict[int, list[HistoryKR]] = defaultdict(list)
        for kr in key_results:
            if not kr.archived and kr.objective_id not in archived:
                self.live_krs_of[kr.objective_id].append(kr)
        holder = {kr.id: kr.objective_id for kr in key_results}
        # objective -> the objective holding the key result it was converted from
        converted_under = {
            o.id: (o.source_kr_id, holder[o.source_kr_id])
            for o in objectives
            if o.source_kr_id is not None and o.source_kr_id in holder
        }
        self.converted_from: defaultdict[int, list[int]] = defaultdict(list)
        for o in objectives:
            if not o.archived and o.id in converted_under:
                self.converted_from[converted_under[o.id][0]].append(o.id)
        self.top_down = _top_down(
            [o.id for o in objectives], {o: h for o, (_, h) in converted_under.items()}
        )
        self.readings_at: defaultdict[int, list[Reading]] = defaultdict(list)
        for r in readings:
            self.readings_at[r.index].append(r)
        self._held = {kr.id: kr for kr in key_results if kr.held_at_start}

    def _expected(self, kr: HistoryKR, at: datetime) -> float:
        c = self.cycle
        return expected_progress(at, c.starts_on, c.ends_on, kr.due, kr.kind, kr.source, tz=c.tz)

    def last_check_ins(self) -> dict[int, datetime]:
        """Each key result's latest check-in up to the last boundary."""
        last: dict[int, Reading] = {}
        for index in sorted(self.readings_at):
            for r in self.readings_at[index]:
                last[r.kr_id] = r
        return {k: r.at for k, r in last.items()}

    def _readings_until(self, index: int) -> dict[int, float]:
        state: dict[int, float] = {}
        for i in sorted(k for k in self.readings_at if k <= index):
            for r in self.readings_at[i]:
                state[r.kr_id] = r.progress
        return state

    def progress_at(self, index: int) -> dict[int, float]:
        """H(boundaries[index]) of every objective, bottom-up along the conversions."""
        read = self._readings_until(index)
        at = self.boundaries[index]
        progress: dict[int, float] = {}
        for oid in reversed(self.top_down):
            weighted = []
            for kr in self.live_krs_of.get(oid, ()):
                if kr.source is ProgressSource.ALIGNED:
                    converted = self.converted_from.get(kr.id, ())
                    p = aligned_progress([progress.get(c, 0.0) for c in converted])
                elif kr.id in read:
                    p = read[kr.id]
                else:
                    p = self._expected(kr, at) if kr.held_at_start else 0.0
                weighted.append((kr.weight, p))
            progress[oid] = objective_progress(weighted)
        return progress

    def leaf_coefficients(self, scope: Sequence[int]) -> dict[int, float]:
        """The mean H of the scope's objectives is Σ c·p over the key results that are not
        ALIGNED: these are the c. (Objectives weight their key results and ALIGNED key results
        average their converted objectives: both linear, so the mean is too.)"""
        if not scope:
            return {}
        weight: defaultdict[int, float] = defaultdict(float)
        for oid in scope:
            weight[oid] += 1 / len(scope)
        leaf: defaultdict[int, float] = defaultdict(float)
        for oid in self.top_down:
            a = weight.get(oid, 0.0)
            krs = self.live_krs_of.get(oid, ())
            if not a or not krs:
                continue
            for kr, share in zip(krs, shares(krs), strict=True):
                if kr.source is not ProgressSource.ALIGNED:
                    leaf[kr.id] += a * share
                elif converted := self.converted_from.get(kr.id):
                    for c in converted:
                        weight[c] += a * share / len(converted)
        return dict(leaf)

    def mean_series(self, scope: Sequence[int]) -> list[float]:
        """The mean H of the scope's objectives at every boundary, in time linear in the
        readings (not the boundaries × the cycle)."""
        coef = self.leaf_coefficients(scope)
        held = {k: c for k, c in coef.items() if k in self._held}
        current: dict[int, float] = {}
        total = 0.0
        series = []
        for index, at in enumerate(self.boundaries):
            for r in self.readings_at.get(index, ()):
                c = coef.get(r.kr_id, 0.0)
                total += c * (r.progress - current.get(r.kr_id, 0.0))
                current[r.kr_id] = r.progress
            on_schedule = sum(
                c * self._expected(self._held[k], at) for k, c in held.items() if k not in current
            )
            series.append(total + on_schedule)
        return series

    def timeline(self, scope: Sequence[int], instants: Sequence[datetime]) -> list[Point]:
        """Mean expected progress at every instant, mean H at those among the boundaries."""
        actual = self.mean_series(scope)
        index = {t: i for i, t in enumerate(self.boundaries)}
        return [
            Point(t, e, actual[index[t]] if t in index else None)
            for t, e in zip(instants, self.expected_series(scope, instants), strict=True)
        ]

    def moves(self, scope: Sequence[int], since: datetime, as_of: datetime) -> list[Move]:
        """The scope's objectives whose H changed between two boundaries."""
        index = {t: i for i, t in enumerate(self.boundaries)}
        return movers(scope, self.progress_at(index[since]), self.progress_at(index[as_of]))

    def expected_series(self, scope: Sequence[int], instants: Sequence[datetime]) -> list[float]:
        """The mean expected progress of the scope's objectives at each instant (an objective's:
        the weighted mean of its key results' expected progress, as its bar's marker)."""
        by_key: defaultdict[tuple[date | None, KRKind, ProgressSource], float] = defaultdict(float)
        for oid in scope:
            krs = self.live_krs_of.get(oid, ())
            for kr, share in zip(krs, shares(krs) if krs else [], strict=True):
                by_key[(kr.due, kr.kind, kr.source)] += share / len(scope)
        c = self.cycle
        return [
            sum(
                w * expected_progress(t, c.starts_on, c.ends_on, *key, tz=c.tz)
                for key, w in by_key.items()
            )
            for t in instants
        ]


def _top_down(ids: Sequence[int], source_holder: Mapping[int, int]) -> list[int]:
    """The objectives ordered so that the holder of a key result comes before every objective
    converted from it: by depth in the conversion forest (a loop in corrupt data is cut)."""
    depth: dict[int, int] = {}
    for start in ids:
        chain: list[int] = []
        node: int | None = start
        while node is not None and node not in depth and node not in chain:
            chain.append(node)
            node = source_holder.get(node)
        base = depth.get(node, -1) if node is not None else -1
        for i, oid in enumerate(reversed(chain)):
            depth[oid] = base + 1 + i
    return sorted(ids, key=depth.__getitem__)
