"""One meeting, and a cycle's meetings."""

import strawberry

from ...domain.errors import InvalidInput, NotFound
from ...read import meetings as reads
from ...read.cycles import get_cycle
from ...read.seq import org_seq
from ..context import Info
from ..ids import decode, decode_optional
from .types import Meeting


@strawberry.type
class MeetingQuery:
    @strawberry.field(description="Null when it does not exist or you may not see it.")
    async def meeting(self, info: Info, id: strawberry.ID) -> Meeting | None:
        ctx = info.context
        if ctx.actor is None:
            return None
        try:
            seq = await org_seq(ctx.actor.org_id)
            scope = await reads.meeting(ctx.actor, decode(id, "Meeting", "id"), ctx.directory)
        except (NotFound, InvalidInput):
            return None
        return Meeting.of(scope, seq)

    @strawberry.field(
        description="The cycle's meetings you may see, by time: of a team and the "
        "teams below it, or (no team) all of them."
    )
    async def meetings(
        self, info: Info, cycle_id: strawberry.ID, team_id: strawberry.ID | None = None
    ) -> list[Meeting]:
        ctx = info.context
        if ctx.actor is None:
            return []
        cycle = await get_cycle(ctx.actor.org_id, decode(cycle_id, "Cycle", "cycleId"))
        team = decode_optional(team_id, "Team", "teamId")
        seq = await org_seq(ctx.actor.org_id)
        found = await reads.list_meetings(ctx.actor, cycle.id, team, ctx.directory)
        return [Meeting.of(scope, seq) for scope in found]
