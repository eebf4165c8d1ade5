"""Redis pub/sub broker for several server processes.

One pub/sub connection per process carries every channel this process listens to. When the
connection drops, it is re-established with exponential backoff, every channel is subscribed
again, and `on_reconnect` callbacks run: the hub then reads what it may have missed from the
activity log, so a lost connection loses no event.

Publishing never makes a request wait for Redis: `publish` queues the message (bounded) and
one task sends what is queued, in order, every command bounded by the broker timeout. When
Redis hangs or is down, or the queue is full, the event is left to the activity log, which
every process reads when it notices a gap and every few seconds when idle.

Pub/sub channels belong to the whole Redis server, not to one of its numbered databases, so
channel names on the wire carry the database number: two deployments on different databases
of one Redis server never hear each other's events.
"""

import asyncio
import contextlib
import logging
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import redis.asyncio as redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from ..observability import metrics
from .broker import Listener

log = logging.getLogger("lodestar.live")
BACKOFF_START, BACKOFF_MAX = 0.05, 2.0
T = TypeVar("T")


async def cancellable(call: Awaitable[T]) -> T:
    """Await one Redis call so that cancelling the caller really cancels the caller.

    redis-py (8.1) can swallow a CancelledError that arrives while a command is in flight:
    the task carries on as if never cancelled (a closed socket's presence subscription then
    stayed, and kept its watcher listed). The call runs to completion in its own task (the
    connection stays consistent); the caller gets the CancelledError at once."""
    task = asyncio.ensure_future(call)
    task.add_done_callback(_retrieve)
    return await asyncio.shield(task)


def _retrieve(task: "asyncio.Future[Any]") -> None:
    if not task.cancelled():
        task.exception()  # an error nobody awaits any more is not "never retrieved"


class RedisBroker:
    def __init__(self, url: str, *, timeout: float = 1.0, queue_size: int = 10_000) -> None:
        # every command (a publish, a presence write, a health check) fails after `timeout`
        # instead of waiting for a Redis that accepts connections but never answers
        self._client = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout
        )
        self._timeout = timeout
        self._outbox: list[tuple[str, bytes]] = []
        self._outbox_size = queue_size
        self._ready = asyncio.Event()  # something is queued
        self._sender: asyncio.Task[None] | None = None
        db = self._client.connection_pool.connection_kwargs.get("db") or 0
        self._prefix = f"db{db}:"  # channel name on the wire = prefix + our channel name
        self._wake = f"{self._prefix}lodestar:wake:{uuid.uuid4().hex}"  # this process's alone
        self._listeners: dict[str, list[Listener]] = defaultdict(list)
        self._task: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        self.on_reconnect: list[Callable[[], None]] = []
        self.connected = asyncio.Event()
        self._closing = False
        self._confirmed: set[str] = set()  # channels Redis confirmed subscribing (wire names)
        self._confirm = asyncio.Event()  # set, then replaced, whenever `_confirmed` changes

    @property
    def client(self) -> redis.Redis:
        return self._client

    @property
    def queued(self) -> int:
        return len(self._outbox)

    async def publish(self, channel: str, message: bytes) -> None:
        """Queue the message; it is sent in order by the sender task. Never waits for Redis.
        A message not sent is not lost: the event is committed in the activity log."""
        self._queue(self._prefix + channel, message)

    def _queue(self, wire: str, message: bytes) -> None:
        if len(self._outbox) >= self._outbox_size:
            metrics.PUBLISH_DROPPED.inc()
            return
        self._outbox.append((wire, message))
        self._ready.set()
        if self._sender is None:
            self._sender = asyncio.create_task(self._send(), name="redis-publisher")

    async def _send(self) -> None:
        while True:
            await self._ready.wait()
            self._ready.clear()
            while self._outbox:
                batch, self._outbox = self._outbox, []
                await self._send_batch(batch)

    async def _send_batch(self, batch: list[tuple[str, bytes]]) -> None:
        try:
            async with self._client.pipeline(transaction=False) as pipe:
                for channel, message in batch:
                    pipe.publish(channel, message)
                await cancellable(pipe.execute())
        except (RedisConnectionError, RedisTimeoutError, OSError) as exc:
            metrics.PUBLISH_FAILED.inc(len(batch))
            log.warning("publish of %d event(s) failed (%s); left to the log", len(batch), exc)

    async def ping(self) -> bool:
        """Whether Redis answers within the broker timeout."""
        try:
            return bool(await asyncio.wait_for(cancellable(self._client.ping()), self._timeout))
        except (RedisConnectionError, RedisTimeoutError, OSError, TimeoutError):
            return False

    def listen(self, channel: str, listener: Listener) -> Callable[[], None]:
        new = channel not in self._listeners
        self._listeners[channel].append(listener)
        self._changed.set()
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="redis-broker")
        elif new:
            # the reader may be waiting for a message on the channels it has: one on its own
            # wake channel makes it subscribe to the new one now, not after its read timeout
            self._queue(self._wake, b"")

        def stop() -> None:
            listeners = self._listeners.get(channel)
            if listeners and listener in listeners:
                listeners.remove(listener)
            if not listeners:
                self._listeners.pop(channel, None)
            self._changed.set()

        return stop

    async def listening(self, channel: str, within: float = 2.0) -> bool:
        """Wait until Redis has confirmed the subscription to `channel`: from then on every
        message published to it reaches this process. False after `within` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while self._prefix + channel not in self._confirmed:
            confirm = self._confirm
            left = deadline - loop.time()
            if left <= 0:
                return False
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(confirm.wait(), left)
        return True

    def _set_confirmed(self, channels: set[str]) -> None:
        self._confirmed = channels
        self._confirm.set()
        self._confirm = asyncio.Event()

    async def _sync_channels(self, pubsub: redis.client.PubSub, subscribed: set[str]) -> None:
        wanted = {self._prefix + channel for channel in self._listeners}
        if wanted:
            wanted.add(self._wake)
        if add := wanted - subscribed:
            await pubsub.subscribe(*add)
        if remove := subscribed - wanted:
            await pubsub.unsubscribe(*remove)
            self._set_confirmed(self._confirmed - remove)
        subscribed.clear()
        subscribed.update(wanted)

    async def _run(self) -> None:
        backoff = BACKOFF_START
        first = True
        while not self._closing:
            pubsub = self._client.pubsub()
            subscribed: set[str] = set()
            self._set_confirmed(set())
            try:
                await self._sync_channels(pubsub, subscribed)
                self.connected.set()
                if not first:
                    log.info("redis pub/sub reconnected")
                    for callback in list(self.on_reconnect):
                        callback()
                first = False
                backoff = BACKOFF_START
                while not self._closing:
                    if self._changed.is_set():
                        self._changed.clear()
                        await self._sync_channels(pubsub, subscribed)
                    if not subscribed:
                        await self._changed.wait()
                        continue
                    message = await pubsub.get_message(timeout=0.5)
                    kind = message.get("type") if message else None
                    if kind == "message":
                        channel = message["channel"].decode().removeprefix(self._prefix)
                        for listener in list(self._listeners.get(channel, ())):
                            listener(channel, message["data"])
                    elif kind in ("subscribe", "unsubscribe"):
                        wire = message["channel"].decode()
                        now_on = kind == "subscribe" and wire in subscribed
                        self._set_confirmed(
                            self._confirmed | {wire} if now_on else self._confirmed - {wire}
                        )
            except asyncio.CancelledError:
                raise
            except (RedisConnectionError, RedisTimeoutError, OSError) as exc:
                self.connected.clear()
                self._set_confirmed(set())
                log.warning("redis pub/sub lost (%s); retrying in %.2fs", exc, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, BACKOFF_MAX)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()

    async def close(self) -> None:
        self._closing = True  # ends the loop even when redis-py swallows the cancel
        if self._sender is not None:
            if self._outbox:  # what is queued goes out first, within the broker timeout
                await self._send_batch(self._outbox)
                self._outbox = []
            self._sender.cancel()
            await asyncio.wait({self._sender}, timeout=2.0)
        if self._task is not None:
            self._task.cancel()
            self._changed.set()
            await asyncio.wait({self._task}, timeout=2.0)
        await self._client.aclose()
