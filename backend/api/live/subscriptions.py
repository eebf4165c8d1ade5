"""boardEvents (replay after `since`, then live, in seq order) and presence."""

from collections.abc import AsyncGenerator
from functools import partial
from typing import Any

import strawberry

from ...domain.errors import DomainError, InvalidInput
from ...domain.policy import Actor
from ...domain.presence import named_watchers
from ...live.events import LiveEvent, Resync
from ...live.presence import board_room
from ...live.runtime import get_feed, get_hub, get_presence
from ...read.cycles import require_cycle
from ...read.lookup import require_actor
from ...read.people import people_by_id
from ..context import Info
from ..engine.sharing import DirectFrames, shareable
from ..errors import as_graphql_error
from ..ids import decode, encode
from .events import shared_typed
from .types import BoardEvent, PresenceUpdate, ResyncRequired, Watcher


async def cycle_of(info: Info, cycle_id: strawberry.ID) -> tuple[Actor, int]:
    """The subscribing actor and the cycle's pk, as GraphQL errors in the viewer's language."""
    try:
        actor = require_actor(info.context.actor)
        pk = decode(cycle_id, "Cycle", "cycleId")
        await require_cycle(actor.org_id, pk)
        return actor, pk
    except DomainError as error:
        raise as_graphql_error(error, info.context.locale) from None


class BoardFeed:
    """One `boardEvents` subscription's place in the live stream: the last seq it took and
    whom it sees as. Its task takes events from the queue; while that task waits, the stream
    may hand events to `take_directly` instead (`Subscriber.sink`)."""

    __slots__ = ("actor", "direct", "last", "pk", "user")

    def __init__(self, actor: Actor, pk: int, user: Any, last: int) -> None:
        self.actor, self.pk, self.user, self.last = actor, pk, user, last
        self.direct: DirectFrames | None = None

    def view(self, item: LiveEvent) -> tuple[Actor, Any]:
        """(whom it sees as from this event on, the event as it sees it or None); changes
        nothing."""
        actor = self.actor
        if item.kind.moves_people and item.audience is not None:
            actor = item.audience.directory.actor(self.user)  # memberships changed
        if item.cycle_id != self.pk:
            return actor, None
        return actor, shared_typed(item, actor)

    async def take_directly(self, item: LiveEvent) -> bool:
        """Send `item`'s shared frame; False (nothing sent, nothing changed) when there is
        none yet: the subscription's task then takes the event the usual way."""
        if item.seq <= self.last:
            return True  # already replayed from the log
        actor, typed = self.view(item)
        if typed is not None and (self.direct is None or not await self.direct.send(typed)):
            return False
        self.actor, self.last = actor, item.seq
        return True


@strawberry.type
class LiveSubscription:
    @strawberry.subscription
    async def board_events(
        self, info: Info, cycle_id: strawberry.ID, since: int | None = None
    ) -> AsyncGenerator[BoardEvent, None]:
        ctx = info.context
        actor, pk = await cycle_of(info, cycle_id)
        if since is not None and since < 0:
            error = InvalidInput("since", "input.out_of_range", min=0, max="∞")
            raise as_graphql_error(error, ctx.locale)
        assert ctx.user is not None
        feed, hub = get_feed(), get_hub()
        subscriber = await hub.subscribe(actor.org_id)
        board = BoardFeed(actor, pk, ctx.user, -1 if since is None else since)
        try:
            if since is not None:
                missed = await feed.replay(actor.org_id, since)
                if isinstance(missed, Resync):
                    yield ResyncRequired(reason=missed.reason, seq=missed.seq)
                    return
                for event in missed:
                    board.last = event.seq
                    if event.cycle_id == pk and (typed := shared_typed(event, actor)) is not None:
                        yield typed
            # live events whose result others share go straight to the socket (in order:
            # a yield returns once its result was sent), sent by the stream itself while
            # this task waits
            direct = board.direct = DirectFrames.for_current(info)
            if direct is not None:
                subscriber.sink = board.take_directly
            while True:
                item = await subscriber.get()
                if isinstance(item, Resync):
                    yield ResyncRequired(reason=item.reason, seq=max(board.last, 0))
                    return
                if item.seq <= board.last:
                    continue  # already replayed from the log, or taken directly
                board.actor, typed = board.view(item)
                board.last = item.seq
                if typed is None:
                    continue
                if direct is None or not await direct.send(typed):
                    yield typed
        finally:
            subscriber.sink = None
            subscriber.close()

    @strawberry.subscription
    async def presence(
        self, info: Info, cycle_id: strawberry.ID
    ) -> AsyncGenerator[PresenceUpdate, None]:
        """Who is watching this board now: how many, and up to 50 of them by name; a new
        update when someone comes or goes (at most one a second: a morning's rush is one
        update a second, not one per arrival)."""
        actor, pk = await cycle_of(info, cycle_id)
        presence = get_presence()
        room = board_room(pk)
        watch = await presence.join(actor.org_id, room, actor.user_id)
        try:
            # every watcher of the board gets the same update, executed and encoded once
            direct = DirectFrames.for_current(info)
            while True:
                snapshot = await watch.next()
                make = partial(_presence_update, actor.org_id, cycle_id, snapshot.ids)
                update = await snapshot.share("update", make)
                if direct is None or not await direct.send(update):
                    yield update
        finally:
            await presence.leave(actor.org_id, room, actor.user_id, watch)


async def _presence_update(org_id: int, cycle_id: strawberry.ID, ids: list[int]) -> PresenceUpdate:
    users = await people_by_id(org_id, ids)
    return shareable(
        PresenceUpdate(
            cycle_id=cycle_id,
            count=len(users),
            watchers=[
                Watcher(
                    id=strawberry.ID(encode("User", u.id)),
                    display_name=u.display_name,
                    handle=u.handle,
                )
                for u in named_watchers(users)
            ],
        )
    )
