"""The robots the viewer may manage, and the reminder schedule."""

import strawberry

from ...read import people as people_reads
from ...read.webhooks import list_webhooks, webhook_teams
from ..context import Info
from ..ids import decode_optional
from ..org.types import Team
from .types import ReminderSchedule, Webhook


@strawberry.type
class ReachQuery:
    @strawberry.field(
        description="Robots the viewer may manage (admins: all; leads: their teams')."
    )
    async def webhooks(self, info: Info, team_id: strawberry.ID | None = None) -> list[Webhook]:
        if info.context.actor is None:
            return []
        team = decode_optional(team_id, "Team", "teamId")
        return [Webhook.of(w) for w in await list_webhooks(info.context.actor, team)]

    @strawberry.field(
        description="Teams whose robots the viewer may set up (admins: all; leads: theirs)."
    )
    async def webhook_teams(self, info: Info) -> list[Team]:
        if info.context.actor is None:
            return []
        return [Team.of(t) for t in await webhook_teams(info.context.actor)]

    @strawberry.field(description="When reminders and digests go out (null when signed out).")
    async def reminder_schedule(self, info: Info) -> ReminderSchedule | None:
        if info.context.actor is None:
            return None
        org = await people_reads.organization_of(info.context.actor)
        return ReminderSchedule.of(org, info.context.settings.time_zone)
