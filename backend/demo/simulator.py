"""The demo's history, simulated: weekly check-ins along each key result's pace, tasks done
on schedule, and the scores of the past quarters. Pure — every date follows from `now`, so the
board looks alive whenever the demo is loaded, and evaluated at `now` it shows every status."""

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..domain.enums import (
    ProgressSource,
)
from ..domain.evaluate import (
    Evaluation,
    KRNode,
    KRResult,
    ObjectiveNode,
    evaluate,
)
from ..domain.expected import day_start, expected_progress
from ..domain.progress import BINARY_KINDS, KRFacts, clamp
from ..domain.scoring import objective_score_or_suggested, suggested_score
from .data import (
    CycleSpec,
    Due,
    K,
    KRSpec,
    ObjSpec,
    TaskSpec,
)


def _due_date(due: Due | None, cycle: CycleSpec, today: date) -> date | None:
    if due is None:
        return None
    if isinstance(due, int):
        return min(cycle.ends_on, cycle.starts_on + timedelta(days=due))
    return max(cycle.starts_on, min(cycle.ends_on, today - timedelta(days=6)))


def _created_at(obj: ObjSpec, cycle: CycleSpec, now: datetime) -> datetime:
    """Drafts are being written now; the rest were agreed at the 圆桌会 before the cycle."""
    if obj.draft:
        return max(day_start(cycle.starts_on), now - timedelta(days=2))
    return day_start(cycle.starts_on) - timedelta(days=3)


# --- the simulated history ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckInPlan:
    at: datetime
    value: float
    confidence: int
    note: str
    progress: float
    raw_progress: float


@dataclass(slots=True)
class KRPlan:
    """A key result placed in its cycle, with the check-ins it will have had by `now`."""

    key: str
    node_id: int
    spec: KRSpec
    objective: ObjSpec
    source: ProgressSource
    due: date | None
    schedule: dict[int, datetime]  # week -> time of that week's check-in
    check_ins: list[CheckInPlan] = field(default_factory=list)

    @property
    def owner(self) -> str:
        return self.spec.owner or self.objective.owner

    @property
    def last_week(self) -> int:
        return max(self.schedule, default=-1)


@dataclass(slots=True)
class CyclePlan:
    spec: CycleSpec
    krs: list[KRPlan]
    objective_ids: dict[str, int]
    kr_ids: dict[str, int]
    final: Evaluation | None = None  # the last simulated week, i.e. the state at `now`


def _task_done_at(task: TaskSpec, cycle_start: datetime) -> datetime | None:
    # Work is finished early in the week, before that week's check-ins (09:00 and later).
    if task.done_week is None:
        return None
    return cycle_start + timedelta(weeks=task.done_week, hours=8)


def _tasks_done(spec: KRSpec, week: int, cycle_start: datetime, now: datetime) -> int:
    """How many of the KR's tasks were done by the end of that week (and by now)."""
    cutoff = min(now, cycle_start + timedelta(weeks=week + 1))
    done_at = [_task_done_at(task, cycle_start) for task in spec.tasks]
    return sum(at is not None and at <= cutoff for at in done_at)


def _schedule(index: int, cycle_start: datetime, until: datetime) -> dict[int, datetime]:
    # Owners check in on the day of the weekly progress meeting or the day after.
    offset = timedelta(days=index % 2, hours=9 + index % 8, minutes=7 * index % 60)
    weeks: dict[int, datetime] = {}
    week = 0
    while (at := cycle_start + timedelta(weeks=week) + offset) <= until:
        weeks[week] = at
        week += 1
    return weeks


def _place(cycle: CycleSpec, now: datetime) -> CyclePlan:
    converted = {o.source for o in cycle.objectives if o.source}
    cycle_start = day_start(cycle.starts_on)
    until = min(now, day_start(cycle.ends_on + timedelta(days=1)))
    plans: list[KRPlan] = []
    for obj in cycle.objectives:
        for i, spec in enumerate(obj.krs):
            key = obj.kr_key(i)
            source = (
                ProgressSource.ALIGNED
                if key in converted
                else ProgressSource.TASKS
                if spec.tasks_drive
                else ProgressSource.MANUAL
            )
            quiet = until - timedelta(days=spec.pace.quiet_days)
            schedule = {} if obj.draft else _schedule(len(plans), cycle_start, quiet)
            due = _due_date(spec.due, cycle, now.date())
            plans.append(KRPlan(key, len(plans), spec, obj, source, due, schedule))
    ids = {o.key: i for i, o in enumerate(cycle.objectives)}
    return CyclePlan(cycle, plans, ids, {kr.key: kr.node_id for kr in plans})


def _tidy(value: float, spec: KRSpec) -> float:
    """Round a value the way a person would report it (integers for counts)."""
    if spec.kind is K.COUNT:
        return float(round(value))
    ends = [v for v in (spec.start, spec.target, spec.lo, spec.hi) if v is not None]
    span = (max(ends) - min(ends)) or 1.0
    # about 1/50 of the way from start to target: 4.87 %, 0.62 %, 2,276 sign-ups
    return round(value, max(0, -math.floor(math.log10(span / 50))))


def _value_for(spec: KRSpec, p: float) -> float:
    """The reading that puts a numeric KR at progress p."""
    start = spec.start or 0.0
    if spec.kind is K.RANGE:
        lo, hi = spec.lo or 0.0, spec.hi or 0.0
        if p >= 1:
            return (lo + hi) / 2
        return _tidy(start + p * ((lo if start < lo else hi) - start), spec)
    target = spec.target if spec.target is not None else start
    return _tidy(start + p * (target - start), spec)


def _paced_value(plan: KRPlan, cycle: CycleSpec, week: int, at: datetime, wobble: float) -> float:
    spec = plan.spec
    if spec.kind in BINARY_KINDS:
        return 1.0 if spec.done_week is not None and week >= spec.done_week else 0.0
    e = expected_progress(at, cycle.starts_on, cycle.ends_on, plan.due, spec.kind, plan.source)
    return _value_for(spec, clamp(spec.pace.rate * e - spec.pace.gap + wobble))


def _tasks_value(spec: KRSpec, done: int) -> float:
    # A task-driven count reports done tasks; a done/not-done KR reports done once all are.
    if spec.kind is K.COUNT:
        return float(done)
    return 1.0 if done == len(spec.tasks) else 0.0


def _facts(plan: KRPlan, current: float | None, tasks_done: int) -> KRFacts:
    spec = plan.spec
    return KRFacts(
        kind=spec.kind,
        source=plan.source,
        start=spec.start,
        target=spec.target,
        current=current,
        range_min=spec.lo,
        range_max=spec.hi,
        tasks_done=tasks_done,
        tasks_total=len(spec.tasks),
    )


def _kr_node(
    plan: CyclePlan, kr: KRPlan, current: float | None, week: int, now: datetime
) -> KRNode:
    cycle_start = day_start(plan.spec.starts_on)
    latest = kr.check_ins[-1] if kr.check_ins else None
    return KRNode(
        id=kr.node_id,
        objective_id=plan.objective_ids[kr.objective.key],
        weight=kr.spec.weight,
        facts=_facts(kr, current, _tasks_done(kr.spec, week, cycle_start, now)),
        due=kr.due,
        confidence=latest.confidence if latest else None,
        last_check_in_at=latest.at if latest else None,
        created_at=_created_at(kr.objective, plan.spec, now),
    )


def _evaluate_week(
    plan: CyclePlan, values: dict[int, float], week: int, now: datetime
) -> Evaluation:
    nodes = [_kr_node(plan, kr, values.get(kr.node_id), week, now) for kr in plan.krs]
    objectives = [
        ObjectiveNode(
            id=plan.objective_ids[o.key],
            source_kr_id=plan.kr_ids[o.source] if o.source else None,
        )
        for o in plan.spec.objectives
    ]
    return evaluate(objectives, nodes, plan.spec.facts, now)


def _reading(kr: KRPlan, cycle: CycleSpec, week: int, now: datetime, rng: random.Random) -> float:
    """What the owner of a manual or task-driven KR reports that week."""
    if kr.source is ProgressSource.TASKS:
        return _tasks_value(kr.spec, _tasks_done(kr.spec, week, day_start(cycle.starts_on), now))
    # A little noise, except in the latest reading: that one must keep the pace's status.
    wobble = 0.0 if week == kr.last_week else rng.uniform(-0.03, 0.03)
    return _paced_value(kr, cycle, week, kr.schedule[week], wobble)


def _check_in(
    kr: KRPlan, week: int, value: float, result: KRResult, rng: random.Random
) -> CheckInPlan:
    pace = kr.spec.pace
    # Confidence sags towards the pace's level as the quarter reveals how things go.
    confidence = pace.confidence
    if week != kr.last_week:
        confidence = min(10, confidence + rng.choice((0, 1, 1, 2)))
    note = rng.choice(pace.notes)
    return CheckInPlan(
        kr.schedule[week], value, confidence, note, result.progress, result.raw_progress
    )


def simulate(cycle: CycleSpec, now: datetime) -> CyclePlan:
    """Every KR's check-ins from the cycle start until now (or the cycle's end), week by week.

    Each week the manual and task-driven readings are taken from the paces, then the whole
    cycle is evaluated so that aligned KRs report the progress of the objectives converted
    from them, and every check-in stores the progress it produced.
    """
    plan = _place(cycle, now)
    weeks = max((kr.last_week for kr in plan.krs), default=-1) + 1
    values: dict[int, float] = {}
    for week in range(weeks):
        reporting = [kr for kr in plan.krs if week in kr.schedule]
        rngs = {kr.node_id: random.Random(f"{kr.key}:{week}") for kr in reporting}
        for kr in reporting:
            if kr.source is not ProgressSource.ALIGNED:
                values[kr.node_id] = _reading(kr, cycle, week, now, rngs[kr.node_id])
        evaluation = _evaluate_week(plan, values, week, now)
        for kr in reporting:
            result = evaluation.key_results[kr.node_id]
            if kr.source is ProgressSource.ALIGNED:
                values[kr.node_id] = _value_for(kr.spec, result.progress)
            kr.check_ins.append(_check_in(kr, week, values[kr.node_id], result, rngs[kr.node_id]))
    plan.final = _evaluate_week(plan, values, weeks, now)
    return plan


def review_scores(plan: CyclePlan) -> dict[str, float]:
    """The 复盘 of a past cycle (its `retro`): the final scores of the key results scored so
    far, by KR key — the suggestion unless the retro gives another — and every objective's
    score by objective key, the suggestion standing in for a key result not scored yet."""
    assert plan.final is not None, "simulate() first"
    retro = plan.spec.retro
    if retro is None:
        return {}
    finals = {key: score for key, score, _ in retro.finals}
    suggested = {
        kr.key: suggested_score(
            plan.final.key_results[kr.node_id].progress, kr.spec.difficulty, kr.spec.effort
        )
        for kr in plan.krs
    }
    scores = {
        key: finals.get(key, s)
        for key, s in suggested.items()
        if retro.scored is None or key in retro.scored
    }
    for obj in plan.spec.objectives:
        weighted = [
            (kr.spec.weight, scores.get(kr.key), suggested[kr.key])
            for kr in plan.krs
            if kr.objective.key == obj.key
        ]
        if (score := objective_score_or_suggested(weighted)) is not None:
            scores[obj.key] = score
    return scores
