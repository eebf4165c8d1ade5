"""The consensus meeting's open points, the retrospective's scoring sheet, an item's likes."""

import strawberry

from ...domain.enums import ObjectiveState
from ...read import likes as like_reads
from ...read.consensus import consensus_of
from ..context import Info
from ..ids import decode_any, decode_optional
from ..okr.loaders import board_objectives
from .sheets import Consensus, ScoringSheet
from .types import LikeSummary


@strawberry.type
class CycleQuery:
    @strawberry.field(
        description="What the consensus meeting still has to settle in the cycle, for a team "
        "(with its sub-teams and members) or everything the viewer can see."
    )
    async def consensus(
        self, info: Info, cycle_id: strawberry.ID, team_id: strawberry.ID | None = None
    ) -> Consensus:
        snap, _ = await board_objectives(info, cycle_id, None, None)
        ids = await consensus_of(snap, decode_optional(team_id, "Team", "teamId"))
        return Consensus.of(snap, ids)

    @strawberry.field(description="The retrospective's scoring sheet of a team or a person.")
    async def scoring_sheet(
        self,
        info: Info,
        cycle_id: strawberry.ID,
        team_id: strawberry.ID | None = None,
        owner_id: strawberry.ID | None = None,
    ) -> ScoringSheet:
        snap, ids = await board_objectives(info, cycle_id, team_id, owner_id)
        published = [i for i in ids if snap.objectives[i].state == ObjectiveState.PUBLISHED]
        return ScoringSheet.of(snap, published)

    @strawberry.field(description="An objective's, key result's, check-in's or comment's likes.")
    async def likes(self, info: Info, target_id: strawberry.ID) -> LikeSummary:
        type_name, pk = decode_any(target_id, "targetId")
        item = await like_reads.likeable(info.context.actor, type_name, pk)
        summary = await like_reads.like_counts(item.target_type, [pk])
        mine = await like_reads.liked_by(item.scope.actor.user_id, item.target_type, [pk])
        return LikeSummary(
            count=summary.get(pk, 0), liked_by_viewer=pk in mine, target=(type_name, pk)
        )
