"""boardEvents (replay after `since`, then live, in seq order) and presence."""

from collections.abc import AsyncGenerator
from functools import partial

import strawberry

from ...domain.errors import DomainError, InvalidInput
from ...domain.policy import Actor
from ...live.events import Resync
from ...live.presence import board_room
from ...live.runtime import get_feed, get_hub, get_presence
from ...read.cycles import get_cycle
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
        await get_cycle(actor.org_id, pk)
        return actor, pk
    except DomainError as error:
        raise as_graphql_error(error, info.context.locale) from None


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
        try:
            last = -1 if since is None else since
            if since is not None:
                missed = await feed.replay(actor.org_id, since)
                if isinstance(missed, Resync):
                    yield ResyncRequired(reason=missed.reason, seq=missed.seq)
                    return
                for event in missed:
                    last = event.seq
                    if event.cycle_id == pk and (typed := shared_typed(event, actor)) is not None:
                        yield typed
            # live events whose result others share go straight to the socket (in order:
            # a yield returns once its result was sent)
            direct = DirectFrames.for_current(info)
            while True:
                item = await subscriber.get()
                if isinstance(item, Resync):
                    yield ResyncRequired(reason=item.reason, seq=max(last, 0))
                    return
                if item.seq <= last:
                    continue  # already replayed from the log
                last = item.seq
                if item.kind.moves_people and item.audience is not None:
                    actor = item.audience.directory.actor(ctx.user)  # memberships changed
                if item.cycle_id != pk or (typed := shared_typed(item, actor)) is None:
                    continue
                if direct is None or not await direct.send(typed):
                    yield typed
        finally:
            subscriber.close()

    @strawberry.subscription
    async def presence(
        self, info: Info, cycle_id: strawberry.ID
    ) -> AsyncGenerator[PresenceUpdate, None]:
        """Who is watching this board now; a new list when someone comes or goes (at most
        one a second: a morning's rush is one list a second, not one per arrival)."""
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
                for u in users
            ],
        )
    )
