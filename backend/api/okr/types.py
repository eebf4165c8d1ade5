"""Cycles, objectives, key results and check-ins. Hot scalar fields are plain attributes
filled at construction; relations resolve from the per-request cycle snapshot (no query per row)."""

from collections.abc import Awaitable
from dataclasses import replace
from datetime import date, datetime
from typing import Any, Optional, TypeVar

import strawberry
from strawberry import Private

from ...domain import enums
from ...domain.policy import ViewerCan as ViewerCanFlags
from ...domain.scoring import gap_flagged, mean_score, score_band
from ...domain.scoring import suggested_score as _suggested_score
from ...models import CheckIn as CheckInRow
from ...models import Cycle as CycleRow
from ...models import KeyResult as KeyResultRow
from ...models import Objective as ObjectiveRow
from ...read import can, retro
from ...read.asks import asks_of
from ...read.hints import key_result_hints, objective_hints
from ...read.snapshot import Snapshot
from ..context import Info
from ..cycle.loaders import (
    cycle_loaders,
    like_count,
    liked_by_viewer,
    snapshot_like_count,
    snapshot_liked_by_viewer,
)
from ..cycle.types import Lessons, PeerReview, PhaseChange, ViewerAsk
from ..enums import (
    CyclePhase,
    KRKind,
    ObjectiveLevel,
    ObjectiveState,
    ProgressSource,
    ScoreBand,
    StatusReason,
    TrackStatus,
    Visibility,
)
from ..hints.types import WritingHint, hints_of
from ..ids import encode
from ..org.types import Team, User

T = TypeVar("T")


def filled(cls: type[T], fields: dict[str, Any]) -> T:
    """An instance of the strawberry type `cls` holding `fields`, which must be every field its
    dataclass `__init__` takes (tests/api/test_board_cache.py checks): built without calling
    that `__init__`, whose keyword binding costs more than the rest of building an object the
    board builds once per key result and objective (13,000 at 3,000 objectives)."""
    made = object.__new__(cls)
    made.__dict__ = fields
    return made


@strawberry.type(
    description="What the viewer may do with the item now: each flag is what the mutation "
    "will accept (their role, the item's state and the cycle's phase), so a client offers only "
    "what works."
)
class ViewerCan:
    edit: bool
    check_in: bool
    comment: bool
    score: bool
    archive: bool
    manage_tasks: bool

    @classmethod
    def of(cls, flags: ViewerCanFlags) -> "ViewerCan":
        return cls(
            edit=flags.edit,
            check_in=flags.check_in,
            comment=flags.comment,
            score=flags.score,
            archive=flags.archive,
            manage_tasks=flags.manage_tasks,
        )


@strawberry.type
class Cycle:
    id: strawberry.ID
    name: str
    starts_on: date
    ends_on: date
    phase: CyclePhase  # type: ignore[valid-type]
    row: Private[CycleRow]

    @classmethod
    def of(cls, row: CycleRow) -> "Cycle":
        return cls(
            id=strawberry.ID(encode("Cycle", row.id)),
            name=row.name,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            phase=row.phase,
            row=row,
        )

    @strawberry.field(
        description='What the phase asks of the viewer that is still to do: "2 of your '
        'objectives are still drafts", "score 3 key results".'
    )
    async def viewer_asks(self, info: Info) -> list[ViewerAsk]:
        if info.context.actor is None:
            return []
        snap = await info.context.snapshot(self.row)
        asks = await asks_of(snap, info.context.actor.user_id)
        return [ViewerAsk(kind=kind, count=count) for kind, count in asks]

    @strawberry.field(description="Its phase moves, newest first, each with the reason.")
    async def phase_changes(self) -> list[PhaseChange]:
        moves = await retro.phase_moves(self.row.organization_id, self.row.id)
        return [PhaseChange.of(m) for m in moves]


@strawberry.type
class CheckIn:
    id: strawberry.ID
    value: float
    confidence: int | None
    note: str
    progress: float
    raw_progress: float
    created_at: datetime
    retracted_at: datetime | None = strawberry.field(
        description="When its author corrected or withdrew it (null while it stands)."
    )
    retract_reason: str = strawberry.field(description="Why it was withdrawn.")
    corrected_by: strawberry.ID | None = strawberry.field(
        description="The check-in that corrected this one (null unless corrected)."
    )
    author_id: Private[int]
    retracted_by_id: Private[int | None]
    pk: Private[int]

    @classmethod
    def of(cls, row: CheckInRow) -> "CheckIn":
        return cls(
            id=strawberry.ID(encode("CheckIn", row.id)),
            value=row.value,
            confidence=row.confidence,
            note=row.note,
            progress=row.progress,
            raw_progress=row.raw_progress,
            created_at=row.created_at,
            retracted_at=row.retracted_at,
            retract_reason=row.retract_reason,
            corrected_by=(
                strawberry.ID(encode("CheckIn", row.replaced_by_id)) if row.replaced_by_id else None
            ),
            author_id=row.author_id,
            retracted_by_id=row.retracted_by_id,
            pk=row.id,
        )

    @strawberry.field
    async def author(self, info: Info) -> User | None:
        row = await info.context.users.load(self.author_id)
        return User.of(row) if row else None

    @strawberry.field
    async def retracted_by(self, info: Info) -> User | None:
        if self.retracted_by_id is None:
            return None
        row = await info.context.users.load(self.retracted_by_id)
        return User.of(row) if row else None

    @strawberry.field
    async def like_count(self, info: Info) -> int:
        return await like_count(info, "CheckIn", self.pk)

    @strawberry.field
    async def liked_by_viewer(self, info: Info) -> bool:
        return await liked_by_viewer(info, "CheckIn", self.pk)


def _kr_suggested_score(self: "KeyResult") -> float:
    # resolved when asked for: the board does not ask, and rounding it costs (Decimal)
    return _suggested_score(self.progress, self.difficulty, self.effort)


@strawberry.type
class KeyResult:
    id: strawberry.ID
    title: str
    kind: KRKind  # type: ignore[valid-type]
    unit: str
    start_value: float | None
    target_value: float | None
    current_value: float | None = strawberry.field(
        description="What it reports: the latest reading, its start before any check-in, the "
        "done tasks of a task-driven count, the value an ALIGNED key result's progress "
        "stands for."
    )
    range_min: float | None
    range_max: float | None
    due_date: date | None
    weight: float
    confidence: int | None
    progress_source: ProgressSource  # type: ignore[valid-type]
    progress: float
    raw_progress: float
    expected_progress: float
    status: TrackStatus  # type: ignore[valid-type]
    status_reasons: list[StatusReason]  # type: ignore[valid-type]
    score: float | None = strawberry.field(description="The final score; null until scored.")
    suggested_score: float = strawberry.field(resolver=_kr_suggested_score)
    difficulty: float
    effort: float
    score_reason: str = strawberry.field(
        description="Why the final score differs from the suggestion (empty when it does not)."
    )
    scored_at: datetime | None
    archived: bool
    last_check_in_at: datetime | None
    version: int = strawberry.field(
        description="Counts edits (not check-ins): pass it to updateKeyResult to be told "
        "(CONFLICT) when someone edited since."
    )
    row: Private[KeyResultRow]
    snap: Private[Snapshot]

    @classmethod
    def of(cls, row: KeyResultRow, snap: Snapshot) -> "KeyResult":
        result = snap.evaluation.key_results[row.id]
        return filled(
            cls,
            {
                "id": encode("KeyResult", row.id),
                "title": row.title,
                "kind": row.kind,
                "unit": row.unit,
                "start_value": row.start_value,
                "target_value": row.target_value,
                "current_value": result.current_value,
                "range_min": row.range_min,
                "range_max": row.range_max,
                "due_date": row.due_date,
                "weight": row.weight,
                "confidence": row.confidence,
                "progress_source": row.progress_source,
                "progress": result.progress,
                "raw_progress": result.raw_progress,
                "expected_progress": result.expected,
                "status": result.status,
                "status_reasons": list(result.reasons),
                "score": row.score,
                "difficulty": row.difficulty,
                "effort": row.effort,
                "score_reason": row.score_reason,
                "scored_at": row.scored_at,
                "archived": row.archived,
                "last_check_in_at": row.last_check_in_at,
                "version": row.version,
                "row": row,
                "snap": snap,
            },
        )

    def as_checked_in(self, check_in: CheckInRow, confidence: int | None) -> "KeyResult":
        """This key result with the state `check_in` left it in (`confidence`: the one it
        had then): a check-in sent again is answered as the first time, not with a later one."""
        manual = self.row.progress_source == enums.ProgressSource.MANUAL
        return replace(
            self,
            current_value=check_in.value if manual else self.current_value,
            confidence=confidence,
            progress=check_in.progress,
            raw_progress=check_in.raw_progress,
            last_check_in_at=check_in.created_at,
        )

    @strawberry.field
    def owner(self) -> User | None:
        user = self.snap.users.get(self.row.owner_id) if self.row.owner_id else None
        return User.of(user) if user else None

    @strawberry.field(
        description="Progress at the cycle's end (now while it runs; frozen once closed): "
        "what the suggested score is read from."
    )
    def completion(self) -> float:
        return self.progress

    @strawberry.field(
        description="The band of the final score, or of the suggestion; from the "
        "retrospective on (null before)."
    )
    def score_band(self) -> ScoreBand | None:  # type: ignore[valid-type]
        return retro.score_band_of(self.snap, self.row)

    @strawberry.field(
        description="edit, archive, score: updateKeyResult, archiveKeyResult, scoreKeyResult; "
        "checkIn; comment; manageTasks: createTask under it."
    )
    def viewer_can(self, info: Info) -> ViewerCan:
        return ViewerCan.of(can.key_result_can(info.context.actor, self.snap, self.row))

    @strawberry.field(description="The chosen reviewers' scores and comments (互评).")
    async def peer_reviews(self, info: Info) -> list[PeerReview]:
        own = retro.own_score(self.snap, self.row)
        rows = await cycle_loaders(info).reviews.load(self.row.id)
        return [PeerReview.of(r, own) for r in rows]

    @strawberry.field(description="The mean of the peer reviews' scores; null without any.")
    async def peer_score(self, info: Info) -> float | None:
        rows = await cycle_loaders(info).reviews.load(self.row.id)
        return mean_score([r.score for r in rows])

    @strawberry.field(description="The owner's and the peers' scores differ by 0.3 or more.")
    async def peer_gap_flagged(self, info: Info) -> bool:
        return gap_flagged(retro.own_score(self.snap, self.row), await self.peer_score(info))

    @strawberry.field(graphql_type=int)
    def like_count(self, info: Info) -> int | Awaitable[int]:
        return snapshot_like_count(info, self.snap, "KeyResult", self.row.id)

    @strawberry.field(graphql_type=bool)
    def liked_by_viewer(self, info: Info) -> bool | Awaitable[bool]:
        return snapshot_liked_by_viewer(info, self.snap, "KeyResult", self.row.id)

    @strawberry.field
    def objective(self) -> "Objective":
        return Objective.of(self.snap.objectives[self.row.objective_id], self.snap)

    @strawberry.field
    def aligned_objectives(self) -> list["Objective"]:
        """The visible objectives converted from this key result."""
        return [
            Objective.of(o, self.snap)
            for o in self.snap.objectives.values()
            if o.source_key_result_id == self.row.id
        ]

    @strawberry.field(description="Writing hints on its title, read with its kind and numbers.")
    def hints(self, info: Info) -> list[WritingHint]:
        return hints_of(key_result_hints(self.row, info.context.locale))

    @strawberry.field(description="Comments on the key result itself (not on its tasks).")
    async def comment_count(self, info: Info) -> int:
        return await info.context.comment_counts("KeyResult").load(self.row.id)

    @strawberry.field
    async def check_ins(self, info: Info, first: int | None = 20) -> list[CheckIn]:
        rows = await info.context.check_ins.load(self.row.id)
        limit = min(max(first or 20, 1), 500)
        return [CheckIn.of(r) for r in rows[:limit]]


@strawberry.type
class Objective:
    id: strawberry.ID
    title: str
    description: str
    level: ObjectiveLevel  # type: ignore[valid-type]
    state: ObjectiveState  # type: ignore[valid-type]
    visibility: Visibility  # type: ignore[valid-type]
    progress: float
    status: TrackStatus  # type: ignore[valid-type]
    version: int
    created_at: datetime
    committed: bool = strawberry.field(
        description="Its owner committed to it (共识会) and still owns it."
    )
    committed_at: datetime | None
    row: Private[ObjectiveRow]
    snap: Private[Snapshot]

    @classmethod
    def of(cls, row: ObjectiveRow, snap: Snapshot) -> "Objective":
        result = snap.evaluation.objectives[row.id]
        committed = retro.is_committed(row)
        return filled(
            cls,
            {
                "id": encode("Objective", row.id),
                "title": row.title,
                "description": row.description,
                "level": row.level,
                "state": row.state,
                "visibility": row.visibility,
                "progress": result.progress,
                "status": result.status,
                "version": row.version,
                "created_at": row.created_at,
                "committed": committed,
                "committed_at": row.committed_at if committed else None,
                "row": row,
                "snap": snap,
            },
        )

    @strawberry.field
    def status_reasons(self) -> list[StatusReason]:  # type: ignore[valid-type]
        """Every reason any of its key results carries, once each."""
        results = self.snap.evaluation.key_results
        reasons: dict[enums.StatusReason, None] = {}
        for kr in self.snap.krs_of.get(self.row.id, ()):
            if found := results[kr.id].reasons:
                reasons.update(dict.fromkeys(found))
        return list(reasons)

    @strawberry.field
    def score(self) -> float | None:
        """Weight-averaged key result scores, the suggestion standing in for a key result not
        scored yet (DESIGN §4); null before the retrospective (REVIEWING) and without key
        results."""
        return retro.objective_score(self.snap, self.row.id)

    @strawberry.field
    def score_band(self) -> ScoreBand | None:  # type: ignore[valid-type]
        score = retro.objective_score(self.snap, self.row.id)
        return score_band(score) if score is not None else None

    @strawberry.field(
        description="edit: updateObjective, its key results and weights; archive; score: its "
        "key results; checkIn: on at least one of its key results; comment; manageTasks: "
        "createTask under it."
    )
    def viewer_can(self, info: Info) -> ViewerCan:
        return ViewerCan.of(can.objective_can(info.context.actor, self.snap, self.row))

    @strawberry.field(description="The people chosen to review its key results (互评).")
    async def reviewers(self, info: Info) -> list[User]:
        ids = await cycle_loaders(info).reviewers.load(self.row.id)
        rows = await info.context.users.load_many(ids)
        return [User.of(u) for u in rows if u is not None]

    @strawberry.field(description="What went well, what to improve, what to carry on.")
    async def lessons(self, info: Info) -> Lessons:
        return Lessons.of(await cycle_loaders(info).lessons.load(self.row.id))

    @strawberry.field(graphql_type=int)
    def like_count(self, info: Info) -> int | Awaitable[int]:
        return snapshot_like_count(info, self.snap, "Objective", self.row.id)

    @strawberry.field(graphql_type=bool)
    def liked_by_viewer(self, info: Info) -> bool | Awaitable[bool]:
        return snapshot_liked_by_viewer(info, self.snap, "Objective", self.row.id)

    @strawberry.field
    def weight_total(self) -> float:
        return round(sum(kr.weight for kr in self.snap.krs_of.get(self.row.id, [])), 2)

    @strawberry.field(
        description="Writing hints on its title and on its key results as a set (missing, "
        "weights not summing to 100, too many); each key result has its own."
    )
    def hints(self, info: Info) -> list[WritingHint]:
        krs = self.snap.krs_of.get(self.row.id, [])
        return hints_of(objective_hints(self.row, krs, info.context.locale))

    @strawberry.field
    def owner(self) -> User:
        return User.of(self.snap.users[self.row.owner_id])

    @strawberry.field(description="Comments on the objective itself (not on its key results).")
    async def comment_count(self, info: Info) -> int:
        return await info.context.comment_counts("Objective").load(self.row.id)

    @strawberry.field
    def team(self) -> Team | None:
        team = self.snap.directory.teams.get(self.row.team_id) if self.row.team_id else None
        return Team.of(team) if team else None

    @strawberry.field
    def cycle(self) -> Cycle:
        return Cycle.of(self.snap.cycle)

    @strawberry.field(graphql_type=Optional["Objective"])
    def parent(self, info: Info) -> "Objective | Awaitable[Objective | None] | None":
        # sync while the answer is in the snapshot (the board asks it of every objective)
        parent_id = self.row.parent_id
        if parent_id is None:
            return None
        if parent_id in self.snap.objectives:
            return Objective.of(self.snap.objectives[parent_id], self.snap)
        if parent_id in self.snap.loaded:
            return None  # in this cycle, but hidden from the viewer or archived
        return _parent_elsewhere(info, parent_id)

    @strawberry.field
    def source_key_result(self) -> KeyResult | None:
        kr = self.snap.key_results.get(self.row.source_key_result_id or 0)
        return KeyResult.of(kr, self.snap) if kr else None

    @strawberry.field
    def children(self) -> list["Objective"]:
        return [Objective.of(c, self.snap) for c in self.snap.children(self.row.id)]

    @strawberry.field
    def key_results(self, include_archived: bool = False) -> list[KeyResult]:
        if include_archived:
            rows = [kr for kr in self.snap.key_results.values() if kr.objective_id == self.row.id]
        else:
            rows = self.snap.krs_of.get(self.row.id, [])
        return [KeyResult.of(kr, self.snap) for kr in rows]


async def _parent_elsewhere(info: Info, parent_id: int) -> Objective | None:
    """A parent in another cycle (e.g. the annual objective): batched per request."""
    row = await info.context.objectives.load(parent_id)
    if row is None:
        return None
    snap = await info.context.snapshot(row.cycle_id)
    return Objective.of(snap.objectives[parent_id], snap) if parent_id in snap.objectives else None
