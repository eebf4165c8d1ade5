"""Who is watching a board (or is in a meeting) now: who has a room open.

Each process keeps its own watchers and writes them to a shared store with an expiry it
refreshes on a heartbeat, so the entries of a process that dies disappear by themselves.
A change is announced on the broker; every process then re-reads the store and pushes the
new list to its local subscribers. With `memory://` the store is this process. A room is a
board (its cycle's id, as text) or a meeting (`meeting_room`).
"""

import asyncio
import contextlib
import os
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Protocol

import redis.asyncio as redis

from .broker import Broker
from .redis_broker import cancellable

HEARTBEAT = 10.0  # seconds between refreshes of this process's entries
TTL = 30.0  # an entry not refreshed for this long is gone (its process died)


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


class Presence:
    def __init__(self, broker: Broker, store: Store) -> None:
        self.broker = broker
        self.store = store
        self.process = f"{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.local: dict[tuple[int, str], Counter[int]] = defaultdict(Counter)
        self.watchers: dict[tuple[int, str], list[asyncio.Queue[None]]] = defaultdict(list)
        self._stops: dict[int, Callable[[], None]] = {}
        self._seen: dict[tuple[int, str], list[int]] = {}
        self._heartbeat = asyncio.create_task(self._beat(), name="presence-heartbeat")

    @staticmethod
    def key(org_id: int, room: str) -> str:
        return f"lodestar:presence:{org_id}:{room}"

    def _member(self, user_id: int) -> str:
        return f"{self.process}:{user_id}"

    async def join(self, org_id: int, room: str, user_id: int) -> asyncio.Queue[None]:
        board = (org_id, room)
        self.local[board][user_id] += 1
        changes: asyncio.Queue[None] = asyncio.Queue(maxsize=1)
        self.watchers[board].append(changes)
        if org_id not in self._stops:
            self._stops[org_id] = self.broker.listen(presence_channel(org_id), self._on_change)
        try:
            # hear every later change before the caller first reads who is here (Redis)
            listening = getattr(self.broker, "listening", None)
            if listening is not None:
                await listening(presence_channel(org_id))
            await self.store.put(self.key(*board), {self._member(user_id): time.time() + TTL})
            await self._announce(org_id, room)
        except BaseException:
            # cancelled (the socket closed meanwhile) or the store failed: the caller never
            # gets to `leave`, so undo here, or the heartbeat would keep a ghost watcher
            with contextlib.suppress(Exception):
                await asyncio.shield(self.leave(org_id, room, user_id, changes))
            raise
        return changes

    async def leave(
        self, org_id: int, room: str, user_id: int, changes: asyncio.Queue[None]
    ) -> None:
        board = (org_id, room)
        self.watchers[board].remove(changes)
        self.local[board][user_id] -= 1
        if self.local[board][user_id] <= 0:
            del self.local[board][user_id]
            await self.store.drop(self.key(*board), [self._member(user_id)])
            await self._announce(org_id, room)
        if not self.watchers[board]:
            del self.watchers[board]
            if not any(b[0] == org_id for b in self.watchers) and org_id in self._stops:
                self._stops.pop(org_id)()

    async def who(self, org_id: int, room: str) -> list[int]:
        now = time.time()
        entries = await self.store.read(self.key(org_id, room))
        return sorted({int(m.rsplit(":", 1)[1]) for m, expiry in entries.items() if expiry > now})

    async def _announce(self, org_id: int, room: str) -> None:
        await self.broker.publish(presence_channel(org_id), room.encode())

    def _on_change(self, channel: str, data: bytes) -> None:
        self._wake((int(channel.rsplit(":", 1)[1]), data.decode()))

    def _wake(self, board: tuple[int, str]) -> None:
        for changes in self.watchers.get(board, ()):
            with contextlib.suppress(asyncio.QueueFull):  # one pending wake-up is enough
                changes.put_nowait(None)

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(HEARTBEAT)
            expiry = time.time() + TTL
            for board, users in list(self.local.items()):
                members = {self._member(u): expiry for u in users}
                with contextlib.suppress(Exception):  # a broken store retries next beat
                    await self.store.put(self.key(*board), members)
                    # entries of a process that died expire silently, and an announcement
                    # can be missed (a Redis reconnect): notice any change here
                    now = await self.who(*board)
                    if self._seen.get(board) != now:
                        self._wake(board)
                    self._seen[board] = now

    async def close(self) -> None:
        self._heartbeat.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._heartbeat
        for stop in self._stops.values():
            stop()
