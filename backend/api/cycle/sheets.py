"""A cycle seen for its meetings: what the consensus meeting has to settle, and the
retrospective's scoring sheet — both made of the OKR types, cut from the viewer's snapshot."""

import strawberry

from ...domain.scoring import score_band
from ...read.consensus import Consensus as ConsensusIds
from ...read.retro import mean_of_scores, objective_score
from ...read.snapshot import Snapshot
from ..enums import ScoreBand
from ..okr.types import KeyResult, Objective
from ..org.types import User


@strawberry.type(description="What the consensus meeting (共识会) still has to settle.")
class Consensus:
    uncommitted: list[Objective] = strawberry.field(
        description="Published team and personal objectives their owner has not committed to."
    )
    uncommitted_owners: list[User] = strawberry.field(description="Their owners, once each.")
    unaligned: list[Objective] = strawberry.field(
        description="Team and personal objectives aligned to nothing."
    )
    uncovered_key_results: list[KeyResult] = strawberry.field(
        description="Key results of published company and team objectives that no objective "
        "was converted from."
    )
    weights_off: list[Objective] = strawberry.field(
        description="Drafts whose weights do not add up to 100 (or without key results)."
    )

    @classmethod
    def of(cls, snap: Snapshot, ids: ConsensusIds) -> "Consensus":
        def objectives(chosen: list[int]) -> list[Objective]:
            return [Objective.of(snap.objectives[i], snap) for i in chosen]

        owners = dict.fromkeys(snap.objectives[i].owner_id for i in ids.uncommitted)
        return cls(
            uncommitted=objectives(ids.uncommitted),
            uncommitted_owners=[User.of(snap.users[u]) for u in owners],
            unaligned=objectives(ids.unaligned),
            uncovered_key_results=[KeyResult.of(snap.key_results[k], snap) for k in ids.uncovered],
            weights_off=objectives(ids.weights_off),
        )


@strawberry.type(description="The retrospective's scoring sheet of a person or a team.")
class ScoringSheet:
    objectives: list[Objective] = strawberry.field(
        description="Published objectives, each with its key results' completion, difficulty, "
        "effort, suggested and final score, reason, band and peer reviews."
    )
    key_result_count: int
    scored_count: int = strawberry.field(description="Key results with a final score.")
    score: float | None = strawberry.field(
        description="The plain mean of the objectives' scores, one decimal."
    )
    score_band: ScoreBand | None  # type: ignore[valid-type]

    @classmethod
    def of(cls, snap: Snapshot, ids: list[int]) -> "ScoringSheet":
        krs = [kr for i in ids for kr in snap.krs_of.get(i, ())]
        score = mean_of_scores(objective_score(snap, i) for i in ids)
        return cls(
            objectives=[Objective.of(snap.objectives[i], snap) for i in ids],
            key_result_count=len(krs),
            scored_count=sum(kr.score is not None for kr in krs),
            score=score,
            score_band=score_band(score) if score is not None else None,
        )
