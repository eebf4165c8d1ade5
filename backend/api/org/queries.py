"""The viewer, people, teams, the organization and one's API tokens."""

import strawberry

from ...read import accounts
from ...read import people as people_reads
from ..context import Info
from .types import ApiToken, Organization, Team, TeamMembership, User


@strawberry.type
class OrgQuery:
    @strawberry.field
    def viewer(self, info: Info) -> User | None:
        return User.of(info.context.user) if info.context.user else None

    @strawberry.field
    async def organization(self, info: Info) -> Organization | None:
        if info.context.actor is None:
            return None
        return Organization.of(await people_reads.organization_of(info.context.actor))

    @strawberry.field
    async def people(self, info: Info, search: str | None = None) -> list[User]:
        if info.context.actor is None:
            return []
        return [User.of(u) for u in await people_reads.search_people(info.context.actor, search)]

    @strawberry.field
    async def teams(self, info: Info) -> list[Team]:
        if info.context.actor is None:
            return []
        return [Team.of(t) for t in await people_reads.list_teams(info.context.actor)]

    @strawberry.field(
        description="Everyone in the organization, deactivated people too unless "
        "`includeInactive` is false (admins)."
    )
    async def members(
        self, info: Info, search: str | None = None, include_inactive: bool = True
    ) -> list[User]:
        rows = await people_reads.list_members(info.context.actor, search, include_inactive)
        return [User.of(u) for u in rows]

    @strawberry.field(description="Who is in which team, leads first.")
    async def team_memberships(self, info: Info) -> list[TeamMembership]:
        if info.context.actor is None:
            return []
        rows = await people_reads.memberships(info.context.actor.org_id)
        return [TeamMembership.of(m) for m in rows]

    @strawberry.field
    async def api_tokens(self, info: Info) -> list[ApiToken]:
        if info.context.user is None:
            return []
        return [ApiToken.of(t) for t in await accounts.list_api_tokens(info.context.user.id)]
