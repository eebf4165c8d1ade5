"""Evaluate a whole cycle in one pass: every key result's and objective's numbers and status.

The board and the live events both use this, so it runs in time linear in the size of the
cycle and without recursion (alignment chains can be deep).
"""

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .enums import CyclePhase, KRKind, ProgressSource, StatusReason, TrackStatus
from .expected import expected_progress
from .progress import KRFacts, aligned_progress, clamp, objective_progress, raw_progress
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


@dataclass(frozen=True, slots=True)
class ObjectiveResult:
    progress: float
    status: TrackStatus


@dataclass(frozen=True, slots=True)
class CycleFacts:
    starts_on: date
    ends_on: date
    phase: CyclePhase


@dataclass(slots=True)
class Evaluation:
    key_results: dict[int, KRResult]
    objectives: dict[int, ObjectiveResult]


class _Alignment:
    """Progress of objectives and raw progress of KRs, resolved bottom-up and memoized.

    An objective depends on the objectives converted from its ALIGNED key results, and so on
    down the alignment chain; the walk is iterative and visits each objective once. An
    objective met again while it is still being resolved (a loop in corrupt data) counts 0.
    """

    def __init__(self, objectives: Sequence[ObjectiveNode], key_results: Sequence[KRNode]):
        self.live_krs_of: defaultdict[int, list[KRNode]] = defaultdict(list)
        for kr in key_results:
            if not kr.archived:
                self.live_krs_of[kr.objective_id].append(kr)
        self.converted_from: defaultdict[int, list[int]] = defaultdict(list)
        for obj in objectives:
            if not obj.archived and obj.source_kr_id is not None:
                self.converted_from[obj.source_kr_id].append(obj.id)
        self.kr_raw = {
            kr.id: raw_progress(kr.facts)
            for kr in key_results
            if kr.facts.source is not ProgressSource.ALIGNED
        }
        self.obj_progress: dict[int, float] = {}
        self._entered: set[int] = set()

    def aligned_raw(self, kr_id: int) -> float:
        converted = self.converted_from.get(kr_id, ())
        return aligned_progress([self.obj_progress.get(obj_id, 0.0) for obj_id in converted])

    def _deps(self, obj_id: int) -> Iterator[int]:
        for kr in self.live_krs_of.get(obj_id, ()):
            if kr.facts.source is ProgressSource.ALIGNED:
                yield from self.converted_from.get(kr.id, ())

    def _compute(self, obj_id: int) -> None:
        weighted = []
        for kr in self.live_krs_of.get(obj_id, ()):
            if kr.facts.source is ProgressSource.ALIGNED:
                self.kr_raw[kr.id] = self.aligned_raw(kr.id)
            weighted.append((kr.weight, clamp(self.kr_raw[kr.id])))
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
    graph = _Alignment(objectives, key_results)
    for obj in objectives:
        graph.resolve(obj.id)

    # Expected progress depends only on these few inputs, shared by most KRs of a cycle.
    expected_by: dict[tuple[date | None, KRKind, ProgressSource], float] = {}
    kr_results: dict[int, KRResult] = {}
    for kr in key_results:
        if kr.id not in graph.kr_raw:  # ALIGNED but archived, or under an unknown objective
            graph.kr_raw[kr.id] = graph.aligned_raw(kr.id)
        raw = graph.kr_raw[kr.id]
        p = clamp(raw)
        key = (kr.due, kr.facts.kind, kr.facts.source)
        e = expected_by.get(key)
        if e is None:
            e = expected_by[key] = expected_progress(at, cycle.starts_on, cycle.ends_on, *key)
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
        )
        kr_results[kr.id] = KRResult(p, raw, e, st.status, st.reasons)

    obj_results = {
        obj.id: ObjectiveResult(
            graph.obj_progress[obj.id],
            # No live KRs -> NOT_STARTED, as objective_status() answers for an empty list.
            objective_status(
                [kr_results[kr.id].status for kr in graph.live_krs_of.get(obj.id, ())]
            ),
        )
        for obj in objectives
    }
    return Evaluation(kr_results, obj_results)
