"""`dashboard(cycleId, teamId, ownerId, since)`."""

from datetime import date

import strawberry

from ...read.dashboard import load_dashboard
from ..context import Info
from ..ids import decode, decode_optional
from .types import Dashboard


@strawberry.type
class DashboardQuery:
    @strawberry.field(
        description="The cycle's figures for the company, a team (with its sub-teams: teamId) "
        "or a person (ownerId); `since` starts the top movers' window (default: 7 days ago)."
    )
    async def dashboard(
        self,
        info: Info,
        cycle_id: strawberry.ID,
        team_id: strawberry.ID | None = None,
        owner_id: strawberry.ID | None = None,
        since: date | None = None,
    ) -> Dashboard:
        data = await load_dashboard(
            info.context.actor,
            decode(cycle_id, "Cycle", "cycleId"),
            decode_optional(team_id, "Team", "teamId"),
            decode_optional(owner_id, "User", "ownerId"),
            since,
            directory=info.context.directory,
        )
        return Dashboard.of(data)
