"""Evaluate a whole cycle in one pass: every key result's and objective's numbers and status.

The board and the live events both use this, so it runs in time linear in the size of the
cycle and without recursion (alignment chains can be deep).
"""

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from .clock import as_utc, day_end
from .enums import CyclePhase, KRKind, ProgressSource, StatusReason, TrackStatus
from .expected import expected_progress
from .progress import KRFacts, Measure, aligned_measure, clamp, measure, objective_progress
from .status import DEFAULT_THRESHOLDS, Thresholds, kr_status, objective_status


# Nodes are built once per row of a cycle on every board load: plain slots classes (a frozen
# dataclass's __init__ costs about twice as much).
@dataclass(slots=True)
class KRNode:
    id: int
    objective_id: int
    weight: float
    facts: KRFacts  # `aligned` is left empty: evaluate() fills it in
    archived: bool = False
    due: date | None = None
    confidence: int | None = None
    last_check_in_at: datetime | None = None
    created_at: datetime | None = None
    # the latest change to one of its tasks: work on the tasks is not silence (staleness)
    last_task_change_at: datetime | None = None


@dataclass(slots=True)
class ObjectiveNode:
    id: int
    source_kr_id: int | None = None  # the parent's KR this objective was converted from
    archived: bool = False


@dataclass(frozen=True, slots=True)
class KRResult:
    progress: float
    raw_progress: float
    expected: float
    status: TrackStatus
    reasons: tuple[StatusReason, ...]
    # what the KR reports as its value (progress.Measure.current), not the stored reading
    current_value: float | None


@dataclass(frozen=True, slots=True)
class ObjectiveResult:
    progress: float
    status: TrackStatus


@dataclass(frozen=True, slots=True)
class CycleFacts:
    starts_on: date
    ends_on: date
    phase: CyclePhase
    # the organization's zone: the dates above and every due date begin and end in it
    tz: tzinfo = UTC


def evaluation_instant(cycle: CycleFacts, now: datetime) -> datetime:
    """The time a cycle's numbers are read at: now — except that a CLOSED cycle's numbers are
    frozen at the last moment of its `endsOn` (DESIGN §3), whenever they are read."""
    if cycle.phase is CyclePhase.CLOSED:
        return day_end(cycle.ends_on, cycle.tz)
    return as_utc(now)


def completion_instant(cycle: CycleFacts, now: datetime) -> datetime:
    """The time a key result's completion (for its suggested score) is read at: the cycle's
    end once it is over, now while it runs (DESIGN §4: progress at the cycle end)."""
    return min(evaluation_instant(cycle, now), day_end(cycle.ends_on, cycle.tz))


@dataclass(slots=True)
class Evaluation:
    key_results: dict[int, KRResult]
    objectives: dict[int, ObjectiveResult]


class _Alignment:
    """Progress of objectives and measures of KRs, resolved bottom-up and memoized.

    An objective depends on the objectives converted from its ALIGNED key results, and so on
    down the alignment chain; the walk is iterative and visits each objective once. An
    objective met again while it is still being resolved (a loop in corrupt data) counts 0.
    """

    def __init__(
        self,
        objectives: Sequence[ObjectiveNode],
        key_results: Sequence[KRNode],
        expected: dict[int, float],
    ):
        self.live_krs_of: defaultdict[int, list[KRNode]] = defaultdict(list)
        for kr in key_results:
            if not kr.archived:
                self.live_krs_of[kr.objective_id].append(kr)
        self.converted_from: defaultdict[int, list[int]] = defaultdict(list)
        for obj in objectives:
            if not obj.archived and obj.source_kr_id is not None:
                self.converted_from[obj.source_kr_id].append(obj.id)
        self.measures: dict[int, Measure] = {
            kr.id: measure(kr.facts, expected[kr.id])
            for kr in key_results
            if kr.facts.source is not ProgressSource.ALIGNED
        }
        self.obj_progress: dict[int, float] = {}
        self._entered: set[int] = set()

    def aligned(self, kr: KRNode) -> Measure:
        converted = self.converted_from.get(kr.id, ())
        return aligned_measure(kr.facts, [self.obj_progress.get(o, 0.0) for o in converted])

    def _deps(self, obj_id: int) -> Iterator[int]:
        for kr in self.live_krs_of.get(obj_id, ()):
            if kr.facts.source is ProgressSource.ALIGNED:
                yield from self.converted_from.get(kr.id, ())

    def _compute(self, obj_id: int) -> None:
        weighted = []
        for kr in self.live_krs_of.get(obj_id, ()):
            if kr.facts.source is ProgressSource.ALIGNED:
                self.measures[kr.id] = self.aligned(kr)
            weighted.append((kr.weight, clamp(self.measures[kr.id].raw)))
        self.obj_progress[obj_id] = objective_progress(weighted)

    def resolve(self, root: int) -> None:
        """Iterative post-order walk from objective `root`."""
        if root in self._entered:
            return
        self._entered.add(root)
        stack = [(root, self._deps(root))]
        while stack:
            obj_id, pending = stack[-1]
            for dep in pending:
                if dep not in self._entered:
                    self._entered.add(dep)
                    stack.append((dep, self._deps(dep)))
                    break
            else:
                stack.pop()
                self._compute(obj_id)


def evaluate(
    objectives: Sequence[ObjectiveNode],
    key_results: Sequence[KRNode],
    cycle: CycleFacts,
    at: datetime,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Evaluation:
    """The numbers at `at` (now) — a CLOSED cycle's as of its end (`evaluation_instant`)."""
    at = evaluation_instant(cycle, at)
    # Expected progress depends only on these few inputs, shared by most KRs of a cycle; a
    # held limit's progress is its expected progress, so it comes first.
    expected_by: dict[tuple[date | None, KRKind, ProgressSource], float] = {}
    expected: dict[int, float] = {}
    for kr in key_results:
        key = (kr.due, kr.facts.kind, kr.facts.source)
        e = expected_by.get(key)
        if e is None:
            e = expected_by[key] = expected_progress(
                at, cycle.starts_on, cycle.ends_on, *key, tz=cycle.tz
            )
        expected[kr.id] = e

    graph = _Alignment(objectives, key_results, expected)
    for obj in objectives:
        graph.resolve(obj.id)

    kr_results: dict[int, KRResult] = {}
    for kr in key_results:
        m = graph.measures.get(kr.id)
        if m is None:  # ALIGNED but archived, or under an unknown objective
            m = graph.measures[kr.id] = graph.aligned(kr)
        p = clamp(m.raw)
        e = expected[kr.id]
        st = kr_status(
            progress=p,
            expected=e,
            at=at,
            starts_on=cycle.starts_on,
            ends_on=cycle.ends_on,
            due=kr.due,
            phase=cycle.phase,
            confidence=kr.confidence,
            last_check_in_at=kr.last_check_in_at,
            created_at=kr.created_at,
            thresholds=thresholds,
            last_task_change_at=kr.last_task_change_at,
            out_of_bounds=m.out_of_bounds,
            tz=cycle.tz,
        )
        kr_results[kr.id] = KRResult(p, m.raw, e, st.status, st.reasons, m.current)

    obj_results = {}
    for obj in objectives:
        live = graph.live_krs_of.get(obj.id, ())
        # No live KRs -> NOT_STARTED, as objective_status() answers for an empty list.
        status = objective_status(
            [kr_results[kr.id].status for kr in live], [kr.weight for kr in live]
        )
        obj_results[obj.id] = ObjectiveResult(graph.obj_progress[obj.id], status)
    return Evaluation(kr_results, obj_results)
