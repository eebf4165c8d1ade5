"""meetingEvents: a meeting followed live — the facilitator's focus, notes, decisions, action
items (their task events), the meeting's own changes, and who has it open.

As `boardEvents`: what happened after `since` is replayed from the activity log first (a
`since` too far back answers ResyncRequired: refetch `meeting` and subscribe from its `seq`),
then live events in seq order, each cut to what the subscriber may see. Having the stream open
is being present (live/presence.py, shared by every process); someone who opens a running
meeting is kept as one of its attendees. A subscriber who may no longer see the meeting (moved
team, taken off it) is ended."""

import asyncio
import contextlib
from collections.abc import AsyncGenerator, Iterable
from datetime import UTC, datetime
from typing import Any

import strawberry

from ...actions import meetings
from ...domain.errors import DomainError, InvalidInput
from ...domain.meetings import MeetingAccess, can_view_meeting
from ...domain.policy import Actor
from ...events.kinds import EventKind, Topic
from ...live.events import LiveEvent, Resync
from ...live.hub import Subscriber
from ...live.presence import Snapshot, Watch, meeting_room
from ...live.runtime import get_feed, get_hub, get_presence
from ...models import Meeting
from ...read import meetings as reads
from ...read.lookup import require_actor
from ...read.meetings import access_of
from ...read.people import people_by_id
from ..context import Info
from ..errors import as_graphql_error
from ..ids import decode, encode
from ..live.types import PersonSummary, ResyncRequired
from .events import MeetingEvent, MeetingPresenceChanged, meeting_typed


class _Follow:
    """The next event of the organization's stream or a change of who is present, whichever
    comes first. The wait that lost is kept for the next call (an event is only taken off the
    stream when it is returned)."""

    def __init__(self, subscriber: Subscriber, watch: Watch) -> None:
        self.subscriber = subscriber
        self.watch = watch
        self.event: asyncio.Future[LiveEvent | Resync] | None = None
        self.presence: asyncio.Future[None] | None = None

    async def next(self) -> LiveEvent | Resync | None:
        """An event, or None: who is present may have changed."""
        if self.event is None:
            self.event = asyncio.ensure_future(self.subscriber.get())
        if self.presence is None:
            self.presence = asyncio.ensure_future(self.watch.changed())
        waits: set[asyncio.Future[Any]] = {self.event, self.presence}
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        if self.event.done():
            event, self.event = self.event, None
            return event.result()
        self.presence = None
        return None

    def close(self) -> None:
        for waiting in (self.event, self.presence):
            if waiting is not None:
                waiting.cancel()


def _access_after(access: MeetingAccess, meeting: Meeting, item: LiveEvent) -> MeetingAccess:
    """Who may see the meeting after this event: its team's members (the directory may have
    changed), its facilitator and attendees (the meeting may have). `meeting`: the
    subscription's own copy of the row, kept up to date here."""
    summary: dict[str, Any] | None = None
    if item.kind.topic is Topic.MEETING and item.payload.get("meetingId") == meeting.id:
        summary = item.payload.get("meeting")
    if summary is None and not item.kind.moves_people:
        return access
    attendees: Iterable[int] = access.attendee_ids
    if summary is not None:
        meeting.facilitator_id = summary["facilitator"]["id"]
        attendees = [p["id"] for p in summary["attendees"]]
    return access_of(meeting, item.audience.directory, attendees)


async def _attend(actor: Actor, meeting_id: int) -> None:
    """Opening a running meeting is attending it (kept once; never ends the stream)."""
    with contextlib.suppress(DomainError):
        await meetings.attend(actor, meeting_id)


@strawberry.type
class MeetingSubscription:
    @strawberry.subscription(
        description="The meeting live: focus, notes, decisions, action items "
        "(TaskChanged), its changes and who is present; after `since` when given (`meeting.seq`)."
    )
    async def meeting_events(
        self, info: Info, meeting_id: strawberry.ID, since: int | None = None
    ) -> AsyncGenerator[MeetingEvent, None]:
        ctx = info.context
        try:
            actor = require_actor(ctx.actor)
            pk = decode(meeting_id, "Meeting", "meetingId")
            if since is not None and since < 0:
                raise InvalidInput("since", "input.out_of_range", min=0, max="∞")
            scope = await reads.meeting(actor, pk)
        except DomainError as error:
            raise as_graphql_error(error, ctx.locale) from None
        assert ctx.user is not None
        org_id, room = actor.org_id, meeting_room(pk)
        access = scope.access
        feed, hub, presence = get_feed(), get_hub(), get_presence()
        subscriber = await hub.subscribe(org_id)
        watch: Watch | None = None
        follow: _Follow | None = None
        try:
            watch = await presence.join(org_id, room, actor.user_id)
            follow = _Follow(subscriber, watch)
            last = -1 if since is None else since
            if since is not None:
                missed = await feed.replay(org_id, since)
                if isinstance(missed, Resync):
                    yield ResyncRequired(reason=missed.reason, seq=missed.seq)
                    return
                for event in missed:
                    last = event.seq
                    if (typed := meeting_typed(event, actor, pk)) is not None:
                        yield typed
            await _attend(actor, pk)
            item: LiveEvent | Resync | None = None
            while True:
                if item is None and (snapshot := watch.take()) is not None:
                    yield await _presence(org_id, pk, snapshot, max(last, 0))
                item = await follow.next()
                if item is None:
                    continue
                if isinstance(item, Resync):
                    yield ResyncRequired(reason=item.reason, seq=max(last, 0))
                    return
                if item.seq <= last:
                    continue  # already replayed from the log
                last = item.seq
                if item.kind.moves_people and item.audience is not None:
                    actor = item.audience.directory.actor(ctx.user)  # memberships changed
                access = _access_after(access, scope.meeting, item)
                if not can_view_meeting(actor, access):
                    return  # taken off the meeting, or out of its team
                if item.kind == EventKind.MEETING_STARTED and item.payload["meetingId"] == pk:
                    await _attend(actor, pk)
                if (typed := meeting_typed(item, actor, pk)) is not None:
                    yield typed
        finally:
            if follow is not None:
                follow.close()
            subscriber.close()
            if watch is not None:
                await presence.leave(org_id, room, actor.user_id, watch)


async def _presence(org_id: int, meeting_id: int, snapshot: Snapshot, seq: int) -> Any:
    # the people are read once for everyone in the room; the seq is each subscriber's own
    users = await snapshot.share("people", lambda: people_by_id(org_id, snapshot.ids))
    return MeetingPresenceChanged(
        seq=seq,
        meeting_id=strawberry.ID(encode("Meeting", meeting_id)),
        actor_id=None,
        at=datetime.now(UTC),
        present=[
            PersonSummary(
                id=strawberry.ID(encode("User", u.id)), display_name=u.display_name, handle=u.handle
            )
            for u in users
        ],
    )
