"""People, teams, the organization and API tokens as GraphQL types."""

from datetime import datetime

import strawberry
from strawberry import Private

from ...domain.policy import can_manage_org
from ...models import AuthToken as AuthTokenRow
from ...models import Organization as OrganizationRow
from ...models import Team as TeamRow
from ...models import TeamMember as TeamMemberRow
from ...models import User as UserRow
from ...read.notifications import muted_kinds, unread_count
from ...read.preferences import preferences_of
from ...read.snapshot import org_zone_name
from ..context import Info
from ..enums import NotificationKind, Role
from ..ids import encode
from ..reach.types import ReachPreferences


@strawberry.type
class User:
    id: strawberry.ID
    email: str
    display_name: str
    handle: str
    locale: str
    role: Role  # type: ignore[valid-type]
    is_active: bool
    manager_id: strawberry.ID | None
    row: Private[UserRow]

    @classmethod
    def of(cls, row: UserRow) -> "User":
        return cls(
            id=strawberry.ID(encode("User", row.id)),
            email=row.email,
            display_name=row.display_name,
            handle=row.handle,
            locale=str(row.locale),
            role=row.role,
            is_active=row.is_active,
            manager_id=strawberry.ID(encode("User", row.manager_id)) if row.manager_id else None,
            row=row,
        )

    @strawberry.field
    async def unread_notification_count(self, info: Info) -> int:
        if info.context.user is None or info.context.user.id != self.row.id:
            return 0  # only one's own count is anyone's business
        return await unread_count(self.row.id)

    @strawberry.field(description="What reaches this person where (only one's own; else null).")
    async def reach_preferences(self, info: Info) -> ReachPreferences | None:
        if info.context.user is None or info.context.user.id != self.row.id:
            return None
        row = await preferences_of(info.context.actor)
        return ReachPreferences.of(row, bool(info.context.settings.smtp_url))

    @strawberry.field(description="Notification kinds this person muted (only one's own).")
    def muted_notification_kinds(self, info: Info) -> list[NotificationKind]:  # type: ignore[valid-type]
        if info.context.user is None or info.context.user.id != self.row.id:
            return []
        return muted_kinds(self.row)


@strawberry.type
class Organization:
    id: strawberry.ID
    name: str
    behind_gap: float
    at_risk_gap: float
    stale_days: int
    time_zone: str = strawberry.field(
        description='The IANA zone its dates, "today" and midnight are in (its own, else the '
        "server's)."
    )
    week_start: int = strawberry.field(description="1 Monday … 7 Sunday.")
    join_domain: str | None
    row: Private[OrganizationRow]

    @classmethod
    def of(cls, row: OrganizationRow) -> "Organization":
        return cls(
            id=strawberry.ID(f"org_{row.id}"),
            name=row.name,
            behind_gap=row.behind_gap,
            at_risk_gap=row.at_risk_gap,
            stale_days=row.stale_days,
            time_zone=org_zone_name(row),
            week_start=row.week_start,
            join_domain=row.join_domain,
            row=row,
        )

    @strawberry.field(description="The join link's key (admins only; null when closed).")
    def join_key(self, info: Info) -> str | None:
        return self.row.join_key if can_manage_org(info.context.actor, self.row.id) else None


@strawberry.type
class Team:
    id: strawberry.ID
    name: str
    parent_id: strawberry.ID | None

    @classmethod
    def of(cls, row: TeamRow) -> "Team":
        return cls(
            id=strawberry.ID(encode("Team", row.id)),
            name=row.name,
            parent_id=strawberry.ID(encode("Team", row.parent_id)) if row.parent_id else None,
        )


@strawberry.type(description="One person's membership of one team.")
class TeamMembership:
    team_id: strawberry.ID
    user_id: strawberry.ID
    is_lead: bool

    @classmethod
    def of(cls, row: TeamMemberRow) -> "TeamMembership":
        return cls(
            team_id=strawberry.ID(encode("Team", row.team_id)),
            user_id=strawberry.ID(encode("User", row.user_id)),
            is_lead=row.is_lead,
        )


@strawberry.type
class ApiToken:
    id: strawberry.ID
    name: str
    created_at: datetime
    last_used_at: datetime | None = strawberry.field(
        description="When it last authenticated a request (noted at most once a minute)."
    )
    expires_at: datetime | None = strawberry.field(description="null: never expires")

    @classmethod
    def of(cls, row: AuthTokenRow) -> "ApiToken":
        return cls(
            id=strawberry.ID(encode("ApiToken", row.id)),
            name=row.name,
            created_at=row.created_at,
            last_used_at=row.last_used_at,
            expires_at=row.expires_at,
        )


@strawberry.type
class NewApiToken:
    api_token: ApiToken
    token: str = strawberry.field(description="Shown once: send as `Authorization: Bearer`.")
