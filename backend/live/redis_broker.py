"""Redis pub/sub broker for several server processes.

One pub/sub connection per process carries every channel this process listens to. When the
connection drops, it is re-established with exponential backoff, every channel is subscribed
again, and `on_reconnect` callbacks run: the hub then reads what it may have missed from the
activity log, so a lost connection loses no event.

Pub/sub channels belong to the whole Redis server, not to one of its numbered databases, so
channel names on the wire carry the database number: two deployments on different databases
of one Redis server never hear each other's events.
"""

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import redis.asyncio as redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

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
    def __init__(self, url: str) -> None:
        self._client = redis.Redis.from_url(url)
        db = self._client.connection_pool.connection_kwargs.get("db") or 0
        self._prefix = f"db{db}:"  # channel name on the wire = prefix + our channel name
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

    async def publish(self, channel: str, message: bytes) -> None:
        # A publish that fails is not fatal: the event is committed in the activity log and
        # every listening process fills the gap from there when the next seq arrives.
        try:
            await self._client.publish(self._prefix + channel, message)
        except (RedisConnectionError, RedisTimeoutError, OSError) as exc:
            log.warning("publish to %s failed (%s); subscribers will read the log", channel, exc)

    def listen(self, channel: str, listener: Listener) -> Callable[[], None]:
        self._listeners[channel].append(listener)
        self._changed.set()
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="redis-broker")

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
        if self._task is not None:
            self._task.cancel()
            self._changed.set()
            await asyncio.wait({self._task}, timeout=2.0)
        await self._client.aclose()
