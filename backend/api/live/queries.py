"""The seq a board read reflects, to subscribe from."""

import strawberry

from ..context import Info
from .subscriptions import cycle_of


@strawberry.type
class LiveQuery:
    @strawberry.field
    async def board_seq(self, info: Info, cycle_id: strawberry.ID) -> int:
        """The event seq the board of this request reflects: subscribe with `since` = it."""
        _, pk = await cycle_of(info, cycle_id)
        return (await info.context.snapshot(pk)).seq
