"""Live work: an open comment thread (`comments(targetId)`) and the viewer's own
`notifications`, both fed by the organization's event stream (backend/live/hub.py).

Like `boardEvents`, each subscription holds one hub subscriber for its lifetime and closes
it in `finally`; whatever it resolves per event uses fresh loaders (a socket's context
caches nothing), and every event is cut to what the subscriber may see (`visible_view`,
made once per event per view and shared by whoever has that view).
Both take an optional `since` (an event seq, e.g. `boardSeq`): what happened after it is
replayed from the activity log first, so a client that loaded the thread or the inbox at
that seq — or reconnects — misses nothing. A subscriber that falls behind catches up from
the log by itself; neither stream ever asks the client to resync."""

from collections.abc import AsyncGenerator
from typing import Annotated, Any

import strawberry

from ...domain.errors import DomainError, InvalidInput
from ...domain.policy import Actor
from ...events.feed import MAX_REPLAY
from ...events.kinds import Topic
from ...live.events import LiveEvent, Resync
from ...live.hub import Subscriber
from ...live.runtime import get_feed, get_hub
from ...read import comments as comment_reads
from ...read import notifications as notification_reads
from ...read.lookup import require_actor
from ..context import Info
from ..errors import as_graphql_error
from ..live.events import shared_typed
from ..live.types import CommentAdded, CommentChanged
from .inputs import decode_target
from .types import Notification

CommentEvent = Annotated[CommentAdded | CommentChanged, strawberry.union("CommentEvent")]


def _refreshed(actor: Actor, item: LiveEvent, info: Info) -> Actor:
    """Teams or people changed: the subscriber's memberships may have too."""
    user = info.context.user
    if item.kind.moves_people and item.audience is not None and user:
        fresh: Actor = item.audience.directory.actor(user)
        return fresh
    return actor


def _since(value: int | None, info: Info) -> None:
    if value is not None and value < 0:
        error = InvalidInput("since", "input.out_of_range", min=0, max="∞")
        raise as_graphql_error(error, info.context.locale)


async def _every_event(org_id: int, since: int | None) -> AsyncGenerator[LiveEvent, None]:
    """The organization's events after `since` (else from now on), once each and in order.
    Subscribe first, then read the log: nothing committed in between is lost. A subscriber
    that fell behind takes a fresh place in the stream and reads what it missed the same
    way."""
    hub, feed = get_hub(), get_feed()
    subscriber: Subscriber = await hub.subscribe(org_id)
    last = -1
    try:
        if since is not None:
            last = min(since, await feed.last_seq(org_id))
            async for event in _from_log(org_id, last):
                last = event.seq
                yield event
        while True:
            item = await subscriber.get()
            if isinstance(item, Resync):
                subscriber.close()
                subscriber = await hub.subscribe(org_id)
                last = max(last, item.seq)
                async for event in _from_log(org_id, last):
                    last = event.seq
                    yield event
                continue
            if item.seq <= last:
                continue  # already read from the log
            last = item.seq
            yield item
    finally:
        subscriber.close()


async def _from_log(org_id: int, after: int) -> AsyncGenerator[LiveEvent, None]:
    feed = get_feed()
    while True:
        missed = await feed.read(org_id, after, None)
        await feed.enrich_many(missed)
        for event in missed:
            after = event.seq
            yield event
        if len(missed) < MAX_REPLAY:
            return


def _on(item: LiveEvent, target: tuple[str, int]) -> bool:
    """A comment event about this thread."""
    comment: dict[str, Any] | None = item.payload.get("comment")
    if item.kind.topic != Topic.COMMENT or not comment:
        return False
    return (comment["targetType"], comment["targetId"]) == target


@strawberry.type
class WorkSubscription:
    @strawberry.subscription
    async def comments(
        self, info: Info, target_id: strawberry.ID, since: int | None = None
    ) -> AsyncGenerator[CommentEvent, None]:
        """An open thread (a task's, key result's or objective's own comments) as people
        add, edit and delete comments; after `since` when given."""
        ctx = info.context
        _since(since, info)
        try:
            type_name, pk = decode_target(target_id, comment_reads.TARGET_TYPES)
            actor = (await comment_reads.thread(ctx.actor, type_name, pk)).actor
        except DomainError as error:
            raise as_graphql_error(error, ctx.locale) from None
        events = _every_event(actor.org_id, since)
        try:
            async for item in events:
                actor = _refreshed(actor, item, info)
                if not _on(item, (type_name, pk)):
                    continue
                # the same object for everyone with this view of the event (results shared);
                # a removal or bare numbers (the thread's objective hidden) is no comment event
                typed = shared_typed(item, actor)
                if isinstance(typed, CommentAdded | CommentChanged):
                    yield typed
        finally:
            await events.aclose()

    @strawberry.subscription
    async def notifications(
        self, info: Info, since: int | None = None
    ) -> AsyncGenerator[Notification, None]:
        """The viewer's new notifications as they arrive (after `since` when given) — and a
        grouped one again, with its new count, each time the burst it stands for grows."""
        ctx = info.context
        _since(since, info)
        try:
            actor = require_actor(ctx.actor)
        except DomainError as error:
            raise as_graphql_error(error, ctx.locale) from None
        events = _every_event(actor.org_id, since)
        try:
            async for item in events:
                mine = [
                    int(n["notificationId"])
                    for n in item.payload.get("notified") or ()
                    if n.get("userId") == actor.user_id
                ]
                for notification_id in dict.fromkeys(mine):
                    row = await notification_reads.own_notification(actor, notification_id)
                    if row is not None:
                        yield Notification.of(row)
        finally:
            await events.aclose()
