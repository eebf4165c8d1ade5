"""The cycle area's own types, leaves of the OKR types (which show them): what the phase asks
of the viewer, phase moves, likes, peer reviews and lessons."""

from datetime import datetime

import strawberry
from strawberry import Private

from ...domain.asks import Ask
from ...domain.scoring import gap_flagged
from ...models import Lessons as LessonsRow
from ...models import PeerReview as PeerReviewRow
from ...read import likes as like_reads
from ...read.retro import PhaseMove
from ..context import Info
from ..enums import CyclePhase
from ..ids import encode
from ..org.types import User
from ..work.loaders import user_of

AskKind = strawberry.enum(Ask, name="AskKind")


@strawberry.type(description="Something the cycle's phase asks of the viewer, and how many.")
class ViewerAsk:
    kind: AskKind  # type: ignore[valid-type]
    count: int


@strawberry.type
class PhaseChange:
    phase: CyclePhase  # type: ignore[valid-type]
    previous: CyclePhase | None = strawberry.field(  # type: ignore[valid-type]
        description="The phase it left (null for moves recorded before this was kept)."
    )
    reason: str | None
    at: datetime
    actor_id: Private[int | None]

    @classmethod
    def of(cls, move: PhaseMove) -> "PhaseChange":
        return cls(
            phase=move.phase,
            previous=move.previous,
            reason=move.reason,
            at=move.at,
            actor_id=move.actor_id,
        )

    @strawberry.field
    async def actor(self, info: Info) -> User | None:
        return await user_of(info, self.actor_id)


@strawberry.type
class LikeSummary:
    count: int
    liked_by_viewer: bool
    target: Private[tuple[str, int]]

    @strawberry.field(description="Who likes it, first likes first (at most 200).")
    async def likers(self) -> list[User]:
        return [User.of(u) for u in await like_reads.likers(*self.target)]


@strawberry.type
class Lessons:
    """An objective's lessons; version 0 (empty texts) until someone writes them."""

    went_well: str
    to_improve: str
    to_carry_on: str
    version: int
    updated_at: datetime | None
    updated_by_id: Private[int | None]

    @classmethod
    def of(cls, row: LessonsRow | None) -> "Lessons":
        if row is None:
            return cls(
                went_well="",
                to_improve="",
                to_carry_on="",
                version=0,
                updated_at=None,
                updated_by_id=None,
            )
        return cls(
            went_well=row.went_well,
            to_improve=row.to_improve,
            to_carry_on=row.to_carry_on,
            version=row.version,
            updated_at=row.updated_at,
            updated_by_id=row.updated_by_id,
        )

    @strawberry.field
    async def updated_by(self, info: Info) -> User | None:
        return await user_of(info, self.updated_by_id)


@strawberry.type(description="A chosen reviewer's score and comment on a key result (互评).")
class PeerReview:
    id: strawberry.ID
    key_result_id: strawberry.ID
    score: float
    comment: str
    created_at: datetime
    updated_at: datetime
    own_score: float = strawberry.field(
        description="The owner's score of the key result: the final one, or the suggestion."
    )
    gap_flagged: bool = strawberry.field(
        description="The owner's score and this one differ by 0.3 or more."
    )
    reviewer_id: Private[int]

    @classmethod
    def of(cls, row: PeerReviewRow, own: float) -> "PeerReview":
        return cls(
            id=strawberry.ID(encode("PeerReview", row.id)),
            key_result_id=strawberry.ID(encode("KeyResult", row.key_result_id)),
            score=row.score,
            comment=row.comment,
            created_at=row.created_at,
            updated_at=row.updated_at,
            own_score=own,
            gap_flagged=gap_flagged(own, row.score),
            reviewer_id=row.reviewer_id,
        )

    @strawberry.field
    async def reviewer(self, info: Info) -> User | None:
        return await user_of(info, self.reviewer_id)
