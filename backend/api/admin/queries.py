"""The open invitations, what an e-mailed link opens, the organization's activity log."""

from datetime import datetime

import strawberry

from ...actions import invitations
from ...domain.errors import InvalidInput
from ...models import Organization
from ...read import accounts, activity, archived
from ..context import Info
from ..ids import decode, decode_any
from .types import AccountLinkInfo, ArchivedObjective, Invitation, LogEntry

_TARGETS = ("Objective", "KeyResult", "Cycle", "Team", "User")


@strawberry.type
class AdminQuery:
    @strawberry.field(description="Invitations not yet accepted, revoked or expired (admins).")
    async def invitations(self, info: Info) -> list[Invitation]:
        return [Invitation.of(r) for r in await accounts.open_invitations(info.context.actor)]

    @strawberry.field(
        description="A cycle's archived objectives: all of them for admins, else one's own."
    )
    async def archived_objectives(
        self, info: Info, cycle_id: strawberry.ID
    ) -> list[ArchivedObjective]:
        rows = await archived.archived_objectives(
            info.context.actor, decode(cycle_id, "Cycle", "cycleId")
        )
        return [ArchivedObjective.of(r) for r in rows]

    @strawberry.field(
        description="What an invitation (purpose INVITE) or reset (RESET) link opens; "
        "BAD_USER_INPUT when it is used, revoked or expired."
    )
    async def account_link(
        self, info: Info, token: str, purpose: str = "INVITE"
    ) -> AccountLinkInfo:
        link = await invitations.open_link(
            info.context.settings, token, "RESET" if purpose == "RESET" else "INVITE"
        )
        org = await Organization.get(id=link.organization_id)
        return AccountLinkInfo(
            email=link.email, display_name=link.display_name, organization_name=org.name
        )

    @strawberry.field(
        description="The organization's activity log, newest first (admins): by person "
        "(actorId), object (targetId: an objective, key result, cycle, team or person) and "
        "time; `before` a seq for the next page; `first` ≤ 100."
    )
    async def activity_log(
        self,
        info: Info,
        actor_id: strawberry.ID | None = None,
        target_id: strawberry.ID | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        before: int | None = None,
        first: int | None = 30,
    ) -> list[LogEntry]:
        target = decode_any(target_id, "targetId") if target_id is not None else None
        if target is not None and target[0] not in _TARGETS:
            raise InvalidInput("targetId", "input.invalid_id")
        where = activity.LogFilter(
            actor_id=decode(actor_id, "User", "actorId") if actor_id is not None else None,
            target=target,
            since=since,
            until=until,
            before_seq=before,
        )
        rows = await activity.organization_log(info.context.actor, where, first)
        return [LogEntry.of(row, entry) for row, entry in rows]
