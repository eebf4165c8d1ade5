"""Phases, commitments, scores, peer reviews, likes, lessons and carry-forward: each calls one
action and answers from a fresh read."""

import strawberry

from ...actions import carry, consensus, cycles, lessons, likes, reviews, scoring
from ...domain.errors import InvalidInput
from ...read.retro import own_score
from ..context import Info
from ..enums import CyclePhase
from ..ids import decode, decode_any
from ..okr.loaders import key_result_view, objective_view
from ..okr.types import Cycle, KeyResult, Objective
from ..work.loaders import after_write
from .inputs import LessonsInput, PeerReviewInput, ScoreInput, lessons_input
from .types import Lessons, LikeSummary, PeerReview

MAX_IDS = 50  # ids in one list argument


def _ids(values: list[strawberry.ID], type_name: str, field: str) -> list[int]:
    if len(values) > MAX_IDS:
        raise InvalidInput(field, "work.too_many", max=MAX_IDS)
    return [decode(v, type_name, field) for v in values]


@strawberry.type
class CycleMutation:
    @strawberry.mutation(
        description="Admins: one phase forward, or one step back with a reason; every member "
        "is notified."
    )
    async def set_cycle_phase(
        self,
        info: Info,
        id: strawberry.ID,
        phase: CyclePhase,  # type: ignore[valid-type]
        reason: str | None = None,
    ) -> Cycle:
        pk = decode(id, "Cycle", "id")
        return Cycle.of(await cycles.set_phase(info.context.actor, pk, phase, reason))

    @strawberry.mutation(
        description="The owner of a published team or personal objective commits to it (共识会), "
        "or takes it back."
    )
    async def commit_objective(
        self, info: Info, id: strawberry.ID, committed: bool = True
    ) -> Objective:
        pk = decode(id, "Objective", "id")
        await consensus.commit_objective(info.context.actor, pk, committed)
        return await objective_view(info, pk, fresh=True)

    @strawberry.mutation(description="Score a key result (复盘): whoever may edit its objective.")
    async def score_key_result(self, info: Info, id: strawberry.ID, input: ScoreInput) -> KeyResult:
        pk = decode(id, "KeyResult", "id")
        data = scoring.ScoreInput(input.difficulty, input.effort, input.score, input.reason)
        await scoring.score_key_result(info.context.actor, pk, data)
        return await key_result_view(info, pk, fresh=True)

    @strawberry.mutation(
        description="Choose who reviews an objective's key results (互评): its owner or lead; "
        "the list replaces the last one."
    )
    async def set_reviewers(
        self, info: Info, objective_id: strawberry.ID, reviewer_ids: list[strawberry.ID]
    ) -> Objective:
        pk = decode(objective_id, "Objective", "objectiveId")
        people = _ids(reviewer_ids, "User", "reviewerIds")
        await reviews.set_reviewers(info.context.actor, pk, people)
        return await objective_view(info, pk, fresh=True)

    @strawberry.mutation(description="A chosen reviewer's score and comment; again: revised.")
    async def review_key_result(
        self, info: Info, id: strawberry.ID, input: PeerReviewInput
    ) -> PeerReview:
        pk = decode(id, "KeyResult", "id")
        row = await reviews.review_key_result(info.context.actor, pk, input.score, input.comment)
        kr = await key_result_view(info, pk, fresh=True)
        return PeerReview.of(row, own_score(kr.snap, kr.row))

    @strawberry.mutation(description="Like an objective, key result, check-in or comment (or not).")
    async def like(self, info: Info, target_id: strawberry.ID, liked: bool = True) -> LikeSummary:
        type_name, pk = decode_any(target_id, "targetId")
        summary = await likes.like(info.context.actor, type_name, pk, liked)
        after_write(info)
        return LikeSummary(
            count=summary.count, liked_by_viewer=summary.liked_by_viewer, target=(type_name, pk)
        )

    @strawberry.mutation(
        description="Write an objective's lessons; `version` is the one read (0: none yet) — "
        "CONFLICT when someone wrote since."
    )
    async def set_lessons(
        self,
        info: Info,
        objective_id: strawberry.ID,
        input: LessonsInput,
        version: int | None = None,
    ) -> Lessons:
        pk = decode(objective_id, "Objective", "objectiveId")
        row = await lessons.set_lessons(info.context.actor, pk, lessons_input(input), version)
        return Lessons.of(row)

    @strawberry.mutation(
        description="Copy unfinished objectives of a cycle being reviewed or closed into another "
        "cycle, as drafts (key results from their last value, no check-ins)."
    )
    async def carry_forward(
        self, info: Info, objective_ids: list[strawberry.ID], to_cycle_id: strawberry.ID
    ) -> list[Objective]:
        ids = _ids(objective_ids, "Objective", "objectiveIds")
        target = decode(to_cycle_id, "Cycle", "toCycleId")
        copies = await carry.carry_forward(info.context.actor, ids, target)
        after_write(info)
        return [await objective_view(info, c.id) for c in copies]
