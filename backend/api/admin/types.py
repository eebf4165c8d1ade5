"""Invitations and the organization's activity log as GraphQL types."""

from datetime import datetime

import strawberry
from strawberry import Private

from ...events.summary import Entry
from ...models import AccountLink
from ...models import ActivityEvent as ActivityEventRow
from ...models import Objective as ObjectiveRow
from ..enums import Role
from ..ids import encode
from ..org.types import User


@strawberry.type(description="An invitation not yet accepted (it makes the account then).")
class Invitation:
    id: strawberry.ID
    email: str
    display_name: str
    role: Role  # type: ignore[valid-type]
    created_at: datetime
    expires_at: datetime
    joined: bool = strawberry.field(description="Asked for through the join link.")

    @classmethod
    def of(cls, row: AccountLink) -> "Invitation":
        return cls(
            id=strawberry.ID(encode("Invitation", row.id)),
            email=row.email,
            display_name=row.display_name,
            role=row.role,
            created_at=row.created_at,
            expires_at=row.expires_at,
            joined=row.invited_by_id is None,
        )


@strawberry.type(description="An archived objective, to restore (archiveObjective restore).")
class ArchivedObjective:
    id: strawberry.ID
    title: str
    version: int
    owner: User

    @classmethod
    def of(cls, row: ObjectiveRow) -> "ArchivedObjective":
        return cls(
            id=strawberry.ID(encode("Objective", row.id)),
            title=row.title,
            version=row.version,
            owner=User.of(row.owner),
        )


@strawberry.type(description="What an e-mailed link opens, for its page (no account needed).")
class AccountLinkInfo:
    email: str
    display_name: str
    organization_name: str


@strawberry.type(description="One change in the organization's activity log.")
class LogEntry:
    seq: int
    kind: str = strawberry.field(description="e.g. objective.archived, user.invited")
    at: datetime
    actor_id: strawberry.ID | None
    subject: str | None = strawberry.field(description="The title or name of what changed.")
    changed: list[str]
    cycle_id: strawberry.ID | None
    objective_id: strawberry.ID | None
    key_result_id: strawberry.ID | None
    row: Private[ActivityEventRow]

    @classmethod
    def of(cls, row: ActivityEventRow, entry: Entry) -> "LogEntry":
        def gid(type_name: str, pk: int | None) -> strawberry.ID | None:
            return strawberry.ID(encode(type_name, pk)) if pk is not None else None

        return cls(
            seq=row.seq,
            kind=row.kind,
            at=row.created_at,
            actor_id=gid("User", row.actor_id),
            subject=entry.subject,
            changed=list(entry.changed),
            cycle_id=gid("Cycle", row.cycle_id),
            objective_id=gid("Objective", row.objective_id),
            key_result_id=gid("KeyResult", row.key_result_id),
            row=row,
        )
