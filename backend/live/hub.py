"""Per-process fan-out of an organization's events, in `seq` order, to local subscribers.

One broker listener per organization channel per process. Events may arrive out of order
(several processes publish) or not at all (a process died between commit and publish, or the
broker connection dropped): the stream delivers strictly in `seq` order, and when a `seq` is
missing it waits briefly, then reads the gap from the activity log. Each subscriber has a
bounded queue; one that falls behind — its queue full, or its socket's reader more than a
window behind (`flow.py`) — is told to resync instead of holding up the others.

A subscription waiting for its next event may take it straight from the stream instead
(`Subscriber.sink`): the stream then sends the event's shared frame to its socket itself, one
subscriber after the other, without waking a task per subscriber. A sink that has no shared
frame for the event (the first of a view, a frame with errors) declines it, and the event
takes the queue.
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Protocol

from ..observability import metrics
from ..wakeups import OneWaiter
from .broker import Broker, org_channel
from .events import LiveEvent, Resync
from .flow import SendWindow, current_window

log = logging.getLogger("lodestar.live")

GAP_WAIT = 0.2  # seconds to wait for a missing seq before reading it from the log
POLL_EVERY = 3.0  # idle check of the log: catches a publish lost with no later event
QUEUE_SIZE = 512
SLOW_CONSUMER = "SLOW_CONSUMER"

_VIA_BROKER = metrics.RECEIVED.labels("broker")
_VIA_LOG = metrics.RECEIVED.labels("log")
_SLOW = metrics.RESYNCS.labels(SLOW_CONSUMER)


class EventSource(Protocol):
    async def last_seq(self, org_id: int) -> int: ...

    async def read(self, org_id: int, after: int, upto: int | None) -> list[LiveEvent]: ...

    async def enrich_many(self, events: list[LiveEvent]) -> None: ...


# takes an event for a waiting subscription (True), or declines it (False: it is queued)
Sink = Callable[[LiveEvent], Awaitable[bool]]


class Subscriber(OneWaiter):
    """One subscription's place in its organization's stream: a bounded backlog and the
    subscription's task waiting on it. Thousands of these sit idle: a list and a `OneWaiter`,
    not an asyncio.Queue."""

    __slots__ = ("backlog", "overflowed", "sink", "stream", "window")

    def __init__(self, stream: "OrgStream", window: SendWindow | None = None) -> None:
        super().__init__()
        self.stream = stream
        self.window = window  # its socket's, when it has one
        self.backlog: list[LiveEvent | Resync] = []
        self.overflowed = False
        self.sink: Sink | None = None  # set by a subscription that can take events directly

    def waiting(self) -> bool:
        """Whether its task waits in `get` with nothing queued (nothing it took is still being
        sent: an event given to its sink now cannot overtake one), and its socket keeps up."""
        window = self.window
        return (
            self.has_waiter()
            and not self.backlog
            and not self.overflowed
            and (window is None or not window.behind)
        )

    def offer(self, event: LiveEvent) -> None:
        if self.overflowed:
            return
        window = self.window
        if len(self.backlog) < QUEUE_SIZE and (window is None or not window.behind):
            self.backlog.append(event)
        else:
            # never block the stream for one slow client: drop its backlog, ask it to resync
            # from the last seq it actually took
            self.overflowed = True
            oldest = self.backlog[0] if self.backlog else event
            self.backlog = [Resync(SLOW_CONSUMER, oldest.seq - 1)]
            _SLOW.inc()
        self.wake()

    def empty(self) -> bool:
        return not self.backlog

    async def get(self) -> LiveEvent | Resync:
        while not self.backlog:
            await self.wait()
        return self.backlog.pop(0)

    def close(self) -> None:
        self.stream.remove(self)


class OrgStream:
    def __init__(self, hub: "Hub", org_id: int, next_seq: int) -> None:
        self.hub = hub
        self.org_id = org_id
        self.next_seq = next_seq
        self.subscribers: set[Subscriber] = set()
        self.inbox: asyncio.Queue[LiveEvent | None] = asyncio.Queue()
        self.pending: dict[int, LiveEvent] = {}
        self.stop_listening = hub.broker.listen(org_channel(org_id), self._on_message)
        self.task = asyncio.create_task(self._run(), name=f"org-stream-{org_id}")

    def _on_message(self, channel: str, data: bytes) -> None:
        try:
            self.inbox.put_nowait(LiveEvent.from_message(data))
            _VIA_BROKER.inc()
        except (ValueError, KeyError, TypeError):
            log.warning("dropping malformed event on %s", channel)

    def poke(self) -> None:
        """Check the log now (after a broker reconnect)."""
        self.inbox.put_nowait(None)

    def remove(self, subscriber: Subscriber) -> None:
        self.subscribers.discard(subscriber)
        if not self.subscribers:
            self.hub.drop(self)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        # when to read a missing seq from the log: GAP_WAIT after the gap appeared, however
        # many later events keep arriving meanwhile (a busy board never goes quiet)
        deadline: float | None = None
        while True:
            if not self.pending:
                deadline = None
            elif deadline is None:
                deadline = loop.time() + GAP_WAIT
            timeout = POLL_EVERY if deadline is None else deadline - loop.time()
            event: LiveEvent | None = None
            if timeout > 0:
                try:
                    event = await asyncio.wait_for(self.inbox.get(), timeout)
                except TimeoutError:
                    event = None
            try:
                before = self.next_seq
                read_log = event is None
                if event is not None and event.seq >= self.next_seq:
                    self.pending[event.seq] = event
                while not self.inbox.empty():  # whatever else arrived meanwhile: one flush
                    more = self.inbox.get_nowait()
                    if more is None:
                        read_log = True
                    elif more.seq >= self.next_seq:
                        self.pending[more.seq] = more
                if read_log:
                    deadline = None  # the log is read now; a gap still open waits again
                    await self._read_log()
                await self._flush()
                if self.next_seq != before:
                    deadline = None  # progress: a remaining gap is a new one
            except asyncio.CancelledError:
                raise
            except Exception:  # a failing read must not kill the stream; retry next round
                log.exception("org %s stream error", self.org_id)

    async def _read_log(self) -> None:
        upto = min(self.pending) - 1 if self.pending else None
        for event in await self.hub.source.read(self.org_id, self.next_seq - 1, upto):
            if event.seq not in self.pending:
                self.pending[event.seq] = event
                _VIA_LOG.inc()
        if self.pending and self.next_seq not in self.pending:
            # Pending events beyond the log's last seq did not come from this database (a
            # misconfigured broker shared by two deployments): drop them, never jump to them.
            last = await self.hub.source.last_seq(self.org_id)
            for seq in [s for s in self.pending if s > last]:
                log.error("org %s: dropping seq %s, not in the activity log", self.org_id, seq)
                del self.pending[seq]
        if self.pending and self.next_seq not in self.pending:
            # a seq inside the log yet unreadable (cannot happen while seqs come from the
            # counter row): skip it rather than stall every subscriber forever
            log.error("org %s: seq %s missing from the log", self.org_id, self.next_seq)
            self.next_seq = min(self.pending)

    async def _flush(self) -> None:
        ready: list[LiveEvent] = []
        while self.next_seq + len(ready) in self.pending:
            ready.append(self.pending[self.next_seq + len(ready)])
        if not ready:
            return
        # every event ready now is enriched in one go (one read however far behind); they
        # leave `pending` only once enriched, so a failed read is retried, not skipped
        await self.hub.source.enrich_many(ready)
        for i, event in enumerate(ready):
            if i:
                await asyncio.sleep(0)  # subscribers take each event before the next
            del self.pending[event.seq]
            self.next_seq = event.seq + 1
            subscribers = list(self.subscribers)
            for subscriber in subscribers:
                sink = subscriber.sink
                if sink is not None and subscriber.waiting():
                    try:
                        if await sink(event):
                            continue
                    except Exception:  # its socket is gone: its own task finds out
                        log.debug("org %s: a sink failed", self.org_id, exc_info=True)
                    subscriber.offer(event)
                    # its task makes (and shares) the frame the next subscribers of the same
                    # view will be sent directly
                    await asyncio.sleep(0)
                else:
                    subscriber.offer(event)
            metrics.LAG.observe((datetime.now(UTC) - event.at).total_seconds())
            metrics.DELIVERED.inc(len(subscribers))


class Hub:
    def __init__(self, broker: Broker, source: EventSource) -> None:
        self.broker = broker
        self.source = source
        self.streams: dict[int, OrgStream] = {}
        self._lock = asyncio.Lock()
        reconnect: list[Callable[[], None]] | None = getattr(broker, "on_reconnect", None)
        if reconnect is not None:
            reconnect.append(self._on_reconnect)

    def _on_reconnect(self) -> None:
        for stream in self.streams.values():
            stream.poke()

    async def subscribe(self, org_id: int) -> Subscriber:
        async with self._lock:
            stream = self.streams.get(org_id)
            if stream is None:
                start = await self.source.last_seq(org_id) + 1
                stream = self.streams[org_id] = OrgStream(self, org_id, start)
            subscriber = Subscriber(stream, current_window.get())
            stream.subscribers.add(subscriber)
            return subscriber

    def drop(self, stream: OrgStream) -> None:
        if self.streams.get(stream.org_id) is stream:
            del self.streams[stream.org_id]
        stream.stop_listening()
        stream.task.cancel()

    async def close(self) -> None:
        for stream in list(self.streams.values()):
            self.drop(stream)
            with contextlib.suppress(asyncio.CancelledError):
                await stream.task
