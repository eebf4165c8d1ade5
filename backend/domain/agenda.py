"""A meeting's agenda, built from the data at meeting time (pure).

Each of the method's meetings asks its own questions of a team's objectives in a cycle:

- ROUNDTABLE (圆桌会): the drafts, each with its writing problems;
- CONSENSUS (共识会): what is not settled (domain/consensus.py) — objectives aligned to nothing,
  published ones whose owner has not committed, drafts whose weights do not add up to 100, and
  key results of the team's published company and team objectives nothing was converted from;
- PROGRESS (推进会): published objectives BEHIND, AT_RISK or silent (at risk only because nobody
  checked in), BLOCKED tasks, and the objectives that moved most since the team's previous
  progress meeting, with the change;
- RETROSPECTIVE (复盘会): every key result of the published objectives, to score.

The agenda is kept with the meeting: each item carries what it said then (title, owner, numbers),
so a past meeting reads as it was. Each item names one objective, and who may see that objective
decides who sees the item. An item's id says what it is about (`behind-o12`, `task-t40`): built
again, the same question keeps its id, and the focus and time spent stay with it.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from . import consensus as settled
from .consensus import consensus as open_points
from .enums import (
    AgendaItemKind,
    MeetingKind,
    ObjectiveLevel,
    ObjectiveState,
    StatusReason,
    TrackStatus,
)
from .progress import objective_progress

K = AgendaItemKind
MOVERS = 5  # the biggest movers listed
MIN_MOVE = 0.01  # progress changes smaller than this are no movement
MAX_ITEMS = 300  # a company-wide agenda is cut here (in its own order: the worst first)


# --- the facts an agenda is built from ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ObjectiveFacts:
    id: int
    title: str
    level: ObjectiveLevel
    state: ObjectiveState
    owner_id: int
    parent_id: int | None = None
    progress: float = 0.0
    status: TrackStatus = TrackStatus.NOT_STARTED
    reasons: tuple[StatusReason, ...] = ()  # of the key results its status counts
    weights: tuple[float, ...] = ()  # of its live key results
    committed: bool = False  # its owner's "I commit" (共识会)
    hints: tuple[str, ...] = ()  # writing problems of the objective and its key results (codes)


@dataclass(frozen=True, slots=True)
class KeyResultFacts:
    id: int
    objective_id: int
    title: str
    owner_id: int | None = None
    progress: float = 0.0
    score: float | None = None  # the final score, once given


@dataclass(frozen=True, slots=True)
class TaskFacts:
    id: int
    objective_id: int
    key_result_id: int | None
    title: str
    assignee_id: int | None = None


@dataclass(frozen=True, slots=True)
class AgendaFacts:
    """A team's objectives in a cycle (the company's: all of them), in display order, and what
    the kind of meeting asks about them. Archived ones are left out by the reader."""

    objectives: Sequence[ObjectiveFacts]
    key_results: Sequence[KeyResultFacts] = ()  # their live key results, in order
    converted_from: frozenset[int] = frozenset()  # KRs some live objective was converted from
    blocked: Sequence[TaskFacts] = ()  # BLOCKED tasks under them
    moved: Mapping[int, float] = field(default_factory=dict)  # objective id → progress change


# --- what an agenda is made of --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgendaItem:
    id: str
    kind: AgendaItemKind
    objective_id: int
    title: str  # the objective's, key result's or task's, as it was
    owner_id: int | None = None  # who answers for it (owner, KR owner, assignee)
    key_result_id: int | None = None
    task_id: int | None = None
    progress: float | None = None
    status: TrackStatus | None = None
    reasons: tuple[StatusReason, ...] = ()
    delta: float | None = None  # MOVER: the change in progress
    weight_sum: float | None = None  # WEIGHTS_OFF
    hints: tuple[str, ...] = ()  # DRAFT: writing problems (codes)
    score: float | None = None  # SCORE_KEY_RESULT: the final score when the agenda was built

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "kind": self.kind.value}
        data.update(
            (name, value)
            for name, value in (
                ("objectiveId", self.objective_id),
                ("title", self.title),
                ("ownerId", self.owner_id),
                ("keyResultId", self.key_result_id),
                ("taskId", self.task_id),
                ("progress", self.progress),
                ("status", self.status.value if self.status else None),
                ("reasons", [r.value for r in self.reasons]),
                ("delta", self.delta),
                ("weightSum", self.weight_sum),
                ("hints", list(self.hints)),
                ("score", self.score),
            )
            if value is not None and value != []
        )
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "AgendaItem":
        status = data.get("status")
        return cls(
            id=str(data["id"]),
            kind=AgendaItemKind(data["kind"]),
            objective_id=int(data["objectiveId"]),
            title=str(data.get("title", "")),
            owner_id=data.get("ownerId"),
            key_result_id=data.get("keyResultId"),
            task_id=data.get("taskId"),
            progress=data.get("progress"),
            status=TrackStatus(status) if status else None,
            reasons=tuple(StatusReason(r) for r in data.get("reasons", ())),
            delta=data.get("delta"),
            weight_sum=data.get("weightSum"),
            hints=tuple(data.get("hints", ())),
            score=data.get("score"),
        )


def _about(kind: AgendaItemKind, o: ObjectiveFacts, **more: Any) -> AgendaItem:
    """An item about an objective as a whole."""
    return AgendaItem(
        f"{kind.value.lower()}-o{o.id}",
        kind,
        o.id,
        o.title,
        o.owner_id,
        progress=o.progress,
        status=o.status,
        **more,
    )


def _on_key_result(
    kind: AgendaItemKind, prefix: str, kr: KeyResultFacts, objective: ObjectiveFacts, **more: Any
) -> AgendaItem:
    """An item about one key result: its owner answers for it, else the objective's."""
    return AgendaItem(
        f"{prefix}-k{kr.id}",
        kind,
        kr.objective_id,
        kr.title,
        kr.owner_id or objective.owner_id,
        key_result_id=kr.id,
        progress=kr.progress,
        **more,
    )


# --- the four meetings ----------------------------------------------------------------------


def roundtable(facts: AgendaFacts) -> list[AgendaItem]:
    return [
        _about(K.DRAFT, o, hints=o.hints)
        for o in facts.objectives
        if o.state is ObjectiveState.DRAFT
    ]


def consensus(facts: AgendaFacts) -> list[AgendaItem]:
    """What the consensus meeting still has to settle (domain/consensus.py): unaligned,
    uncommitted, weights off, uncovered — in that order."""
    points = open_points(
        [
            settled.ObjectiveFacts(o.id, o.level, o.state, o.parent_id, o.committed, o.weights)
            for o in facts.objectives
        ],
        [settled.KeyResultFacts(kr.id, kr.objective_id) for kr in facts.key_results],
        facts.converted_from,
    )
    objectives = {o.id: o for o in facts.objectives}
    key_results = {kr.id: kr for kr in facts.key_results}
    return [
        *(_about(K.UNALIGNED, objectives[i]) for i in points.unaligned),
        *(_about(K.UNCOMMITTED, objectives[i]) for i in points.uncommitted),
        *(
            _about(K.WEIGHTS_OFF, objectives[i], weight_sum=round(sum(objectives[i].weights), 2))
            for i in points.weights_off
        ),
        *(
            _on_key_result(
                K.UNCOVERED_KEY_RESULT,
                "uncovered",
                key_results[k],
                objectives[key_results[k].objective_id],
            )
            for k in points.uncovered
        ),
    ]


def watch_kind(o: ObjectiveFacts) -> AgendaItemKind | None:
    """Why a progress meeting looks at a published objective, if it does: BEHIND; AT_RISK; or
    STALE when silence (no check-in for staleDays) is its only risk."""
    if o.status is TrackStatus.BEHIND:
        return K.BEHIND
    if o.status is not TrackStatus.AT_RISK:
        return None
    return K.STALE if set(o.reasons) == {StatusReason.STALE} else K.AT_RISK


def progress(facts: AgendaFacts) -> list[AgendaItem]:
    """Behind, at risk, stale (each in display order), blocked tasks, then the movers."""
    published = [o for o in facts.objectives if o.state is ObjectiveState.PUBLISHED]
    watched: dict[AgendaItemKind, list[AgendaItem]] = {K.BEHIND: [], K.AT_RISK: [], K.STALE: []}
    for o in published:
        kind = watch_kind(o)
        if kind is not None:
            watched[kind].append(_about(kind, o, reasons=o.reasons))
    blocked = [
        AgendaItem(
            f"task-t{t.id}",
            K.BLOCKED_TASK,
            t.objective_id,
            t.title,
            t.assignee_id,
            key_result_id=t.key_result_id,
            task_id=t.id,
        )
        for t in facts.blocked
    ]
    moved = movers(published, facts.moved)
    return [*watched[K.BEHIND], *watched[K.AT_RISK], *watched[K.STALE], *blocked, *moved]


def movers(objectives: Sequence[ObjectiveFacts], moved: Mapping[int, float]) -> list[AgendaItem]:
    """The MOVERS objectives that moved most (either way; ties in display order)."""
    order = {o.id: i for i, o in enumerate(objectives)}
    ranked = sorted(
        (o for o in objectives if abs(moved.get(o.id, 0.0)) >= MIN_MOVE),
        key=lambda o: (-abs(moved[o.id]), order[o.id]),
    )
    return [_about(K.MOVER, o, delta=round(moved[o.id], 4)) for o in ranked[:MOVERS]]


def retrospective(facts: AgendaFacts) -> list[AgendaItem]:
    published = {o.id: o for o in facts.objectives if o.state is ObjectiveState.PUBLISHED}
    return [
        _on_key_result(K.SCORE_KEY_RESULT, "score", kr, published[kr.objective_id], score=kr.score)
        for kr in facts.key_results
        if kr.objective_id in published
    ]


BUILDERS = {
    MeetingKind.ROUNDTABLE: roundtable,
    MeetingKind.CONSENSUS: consensus,
    MeetingKind.PROGRESS: progress,
    MeetingKind.RETROSPECTIVE: retrospective,
}


def build(kind: MeetingKind, facts: AgendaFacts) -> list[AgendaItem]:
    return BUILDERS[kind](facts)[:MAX_ITEMS]


# --- movement since the previous progress meeting -------------------------------------------


def progress_then(check_ins: Sequence[tuple[datetime, float]], since: datetime) -> float | None:
    """A key result's progress at `since`, from its check-ins (time, progress after) in the
    order they were made: the latest one up to then; 0 when its first came later; None when it
    has none (nothing recorded moved it: it counts as unchanged)."""
    if not check_ins:
        return None
    then = 0.0
    for at, after in check_ins:
        if at <= since:
            then = after
    return then


def objective_moved(key_results: Sequence[tuple[float, float, float | None]]) -> float:
    """An objective's change in progress from its key results' (weight, progress now, progress
    then — None: unchanged), weighted as its progress is."""
    now = objective_progress([(w, p) for w, p, _ in key_results])
    then = objective_progress([(w, p if b is None else b) for w, p, b in key_results])
    return now - then


# --- the facilitator's focus ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Focus:
    """The open agenda item and the objective on every screen, and since when the item (or,
    with no item, the objective) has been open: every screen shows its timer."""

    item_id: str | None
    objective_id: int | None
    opened_at: datetime


def refocus(
    current: Focus | None,
    item_id: str | None,
    objective_id: int | None,
    now: datetime,
) -> tuple[Focus | None, tuple[str, int] | None]:
    """The focus after the facilitator moves it (both None: nothing open), and the item left
    with the whole seconds it was open this time, when an item was left. Another objective
    under the same item keeps the item's clock."""
    left = None
    if current is not None and current.item_id is not None and current.item_id != item_id:
        seconds = max(0, int((now - current.opened_at).total_seconds()))
        left = (current.item_id, seconds)
    if item_id is None and objective_id is None:
        return None, left
    same = current is not None and (
        current.item_id == item_id
        if item_id is not None
        else current.item_id is None and current.objective_id == objective_id
    )
    opened = current.opened_at if same and current is not None else now
    return Focus(item_id, objective_id, opened), left
