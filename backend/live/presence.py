"""Who is watching a board (or is in a meeting) now: who has a room open.

Each process keeps its own watchers and writes them to a shared store with an expiry it
refreshes on a heartbeat, so the entries of a process that dies disappear by themselves.
A change is announced on the broker; every process then re-reads the store — once per room,
at most once a second however many join or leave meanwhile — and gives the new list to its
local watchers, who share the message made of it. A second socket of someone already here
announces nothing. With `memory://` the store is this process. A room is a
board (its cycle's id, as text) or a meeting (`meeting_room`).
"""

import asyncio
import contextlib
import logging
import os
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar, cast

import redis.asyncio as redis

from ..wakeups import OneWaiter
from .broker import Broker
from .redis_broker import cancellable

HEARTBEAT = 10.0  # seconds between refreshes of this process's entries
TTL = 30.0  # an entry not refreshed for this long is gone (its process died)
COALESCE = 1.0  # seconds: at most one read of a room, and one new list, per this

log = logging.getLogger("lodestar.live")
T = TypeVar("T")


def presence_channel(org_id: int) -> str:
    return f"lodestar:presence:{org_id}"


def board_room(cycle_id: int) -> str:
    return str(cycle_id)


def meeting_room(meeting_id: int) -> str:
    return f"meeting-{meeting_id}"


class Store(Protocol):
    async def put(self, key: str, members: dict[str, float]) -> None: ...

    async def drop(self, key: str, members: list[str]) -> None: ...

    async def read(self, key: str) -> dict[str, float]: ...


class MemoryStore:
    def __init__(self) -> None:
        self.data: dict[str, dict[str, float]] = defaultdict(dict)

    async def put(self, key: str, members: dict[str, float]) -> None:
        self.data[key].update(members)

    async def drop(self, key: str, members: list[str]) -> None:
        for member in members:
            self.data[key].pop(member, None)

    async def read(self, key: str) -> dict[str, float]:
        return dict(self.data.get(key, {}))


class RedisStore:
    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    # every call through `cancellable`: a socket that closes mid-call must still leave
    async def put(self, key: str, members: dict[str, float]) -> None:
        if members:
            await cancellable(
                self.client.hset(key, mapping={k: str(v) for k, v in members.items()})
            )
            await cancellable(self.client.expire(key, int(TTL * 4)))

    async def drop(self, key: str, members: list[str]) -> None:
        if members:
            await cancellable(self.client.hdel(key, *members))

    async def read(self, key: str) -> dict[str, float]:
        raw = await cancellable(self.client.hgetall(key))
        return {(k.decode() if isinstance(k, bytes) else k): float(v) for k, v in raw.items()}


class Snapshot:
    """One room's list of who is here, as last read from the store, and what the watchers of
    this process make of it once for all (the message they are sent): dropped with it."""

    __slots__ = ("ids", "read", "shared")

    def __init__(self, ids: list[int], read: int) -> None:
        self.ids = ids
        self.read = read  # the latest read of the store that found this list
        self.shared: dict[Any, asyncio.Future[Any]] = {}

    async def share(self, key: Any, make: Callable[[], Awaitable[T]]) -> T:
        """`make()`, run once per key for every watcher of this list."""
        made = self.shared.get(key)
        if made is None:
            made = self.shared[key] = asyncio.ensure_future(make())
        # shielded: a watcher that leaves meanwhile must not cancel the others' message
        return cast(T, await asyncio.shield(made))


class Room:
    """A room's watchers in this process, and its latest list."""

    __slots__ = ("last_read", "reads", "refresh", "snapshot", "users", "watches")

    def __init__(self) -> None:
        self.users: Counter[int] = Counter()  # sockets per person
        self.watches: list[Watch] = []
        self.snapshot: Snapshot | None = None
        self.refresh: asyncio.Task[None] | None = None  # the one read that is due
        self.last_read = -COALESCE
        self.reads = 0  # reads of the store begun


class Watch(OneWaiter):
    """One socket in a room: woken when there is a list it was not given yet (a board's every
    tab has one, idle most of its life: a `OneWaiter`, with the wake kept until `changed`
    takes it)."""

    __slots__ = ("given", "room", "stale", "woken")

    def __init__(self, room: Room) -> None:
        super().__init__()
        self.room = room
        self.given: Snapshot | None = None
        # a newcomer is given only a list read after it was stored, one that has it
        self.stale = 0
        self.woken = False  # since `changed` last returned

    def wake(self) -> None:
        self.woken = True
        super().wake()

    async def changed(self) -> None:
        """Returns once woken since it last returned (at once if it was meanwhile)."""
        while not self.woken:
            await self.wait()
        self.woken = False

    def take(self) -> Snapshot | None:
        """The room's list if this socket was not given it yet."""
        snapshot = self.room.snapshot
        if snapshot is None or snapshot is self.given or snapshot.read <= self.stale:
            return None
        self.given = snapshot
        return snapshot

    async def next(self) -> Snapshot:
        while (snapshot := self.take()) is None:
            await self.changed()
        return snapshot


class Presence:
    def __init__(self, broker: Broker, store: Store) -> None:
        self.broker = broker
        self.store = store
        self.process = f"{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.rooms: dict[tuple[int, str], Room] = {}
        self._stops: dict[int, Callable[[], None]] = {}
        self._heartbeat = asyncio.create_task(self._beat(), name="presence-heartbeat")

    @staticmethod
    def key(org_id: int, room: str) -> str:
        return f"lodestar:presence:{org_id}:{room}"

    def _member(self, user_id: int) -> str:
        return f"{self.process}:{user_id}"

    async def join(self, org_id: int, room: str, user_id: int) -> Watch:
        board = (org_id, room)
        here = self.rooms.get(board)
        if here is None:
            here = self.rooms[board] = Room()
        watch = Watch(here)
        here.watches.append(watch)
        here.users[user_id] += 1
        if org_id not in self._stops:
            self._stops[org_id] = self.broker.listen(presence_channel(org_id), self._on_change)
        if here.users[user_id] > 1:
            # another tab of someone already here changes nothing: it announces nothing and
            # gets the list the others have (or the one being read)
            watch.wake()
            return watch
        try:
            # hear every later change before the list is first read (Redis)
            listening = getattr(self.broker, "listening", None)
            if listening is not None:
                await listening(presence_channel(org_id))
            await self.store.put(self.key(*board), {self._member(user_id): time.time() + TTL})
            watch.stale = here.reads
            await self._announce(org_id, room)
        except BaseException:
            # cancelled (the socket closed meanwhile) or the store failed: the caller never
            # gets to `leave`, so undo here, or the heartbeat would keep a ghost watcher
            with contextlib.suppress(Exception):
                await asyncio.shield(self.leave(org_id, room, user_id, watch))
            raise
        return watch

    async def leave(self, org_id: int, room: str, user_id: int, watch: Watch) -> None:
        board = (org_id, room)
        here = watch.room
        here.watches.remove(watch)
        here.users[user_id] -= 1
        if here.users[user_id] <= 0:
            del here.users[user_id]
            await self.store.drop(self.key(*board), [self._member(user_id)])
            await self._announce(org_id, room)
        if not here.watches and self.rooms.get(board) is here:
            del self.rooms[board]
            if here.refresh is not None:
                here.refresh.cancel()
            if not any(b[0] == org_id for b in self.rooms) and org_id in self._stops:
                self._stops.pop(org_id)()

    async def who(self, org_id: int, room: str) -> list[int]:
        now = time.time()
        entries = await self.store.read(self.key(org_id, room))
        return sorted({int(m.rsplit(":", 1)[1]) for m, expiry in entries.items() if expiry > now})

    async def _announce(self, org_id: int, room: str) -> None:
        await self.broker.publish(presence_channel(org_id), room.encode())

    def _on_change(self, channel: str, data: bytes) -> None:
        board = (int(channel.rsplit(":", 1)[1]), data.decode())
        here = self.rooms.get(board)
        if here is not None and here.refresh is None:
            # coalesced: one read of the store per room per COALESCE, whatever the storm
            loop = asyncio.get_running_loop()
            delay = max(0.0, here.last_read + COALESCE - loop.time())
            here.refresh = asyncio.create_task(self._refresh(board, here, delay))

    async def _refresh(self, board: tuple[int, str], here: Room, delay: float) -> None:
        await asyncio.sleep(delay)
        # a change announced from now on may be missing from this read: it is read again
        here.refresh = None
        here.last_read = asyncio.get_running_loop().time()
        try:
            await self._read(board, here)
        except Exception:
            log.exception("presence: reading room %s failed; the heartbeat retries", board)

    async def _read(self, board: tuple[int, str], here: Room) -> None:
        here.reads += 1
        read = here.reads
        ids = await self.who(*board)
        snapshot = here.snapshot
        if snapshot is not None and snapshot.read > read:
            return  # a later read (the heartbeat's, the refresh's) finished first
        if snapshot is None or snapshot.ids != ids:
            snapshot = here.snapshot = Snapshot(ids, read)
        else:
            snapshot.read = read  # the same list: newcomers may have it now
        for watch in here.watches:
            if watch.given is not snapshot:
                watch.wake()

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(HEARTBEAT)
            expiry = time.time() + TTL
            for board, here in list(self.rooms.items()):
                members = {self._member(u): expiry for u in here.users}
                with contextlib.suppress(Exception):  # a broken store retries next beat
                    await self.store.put(self.key(*board), members)
                    # entries of a process that died expire silently, and an announcement
                    # can be missed (a Redis reconnect): notice any change here
                    await self._read(board, here)

    async def close(self) -> None:
        self._heartbeat.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._heartbeat
        for here in self.rooms.values():
            if here.refresh is not None:
                here.refresh.cancel()
        for stop in self._stops.values():
            stop()
