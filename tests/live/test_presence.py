"""Presence in isolation (a memory broker, the memory store, no server): what a join costs the
room's other watchers — one coalesced read and one list per second at most, however many
arrive; a second tab of someone already present announces nothing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from backend.live import presence as presence_module
from backend.live.broker import MemoryBroker
from backend.live.presence import MemoryStore, Presence, Watch

ORG, ROOM = 1, "7"


class Counting(MemoryBroker):
    def __init__(self) -> None:
        super().__init__()
        self.published = 0

    async def publish(self, channel: str, message: bytes) -> None:
        self.published += 1
        await super().publish(channel, message)


class CountingStore(MemoryStore):
    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    async def read(self, key: str) -> dict[str, float]:
        self.reads += 1
        return await super().read(key)


@pytest.fixture
async def room() -> AsyncIterator[tuple[Presence, Counting, CountingStore]]:
    broker, store = Counting(), CountingStore()
    presence = Presence(broker, store)
    yield presence, broker, store
    await presence.close()


async def _first(watch: Watch) -> list[int]:
    return (await asyncio.wait_for(watch.next(), 5)).ids


async def test_a_storm_of_joins_is_one_read_and_one_list_a_second(
    room: tuple[Presence, Counting, CountingStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    presence, broker, store = room
    monkeypatch.setattr(presence_module, "COALESCE", 0.5)  # the rule, in half the time
    first = await presence.join(ORG, ROOM, 1)
    assert await _first(first) == [1]  # an idle room is read at once
    reads = store.reads

    watches = [await presence.join(ORG, ROOM, user) for user in range(2, 52)]
    assert broker.published == 51  # each new person announces once
    await asyncio.sleep(0.1)
    assert first.take() is None  # nothing yet: the next read is due half a second later
    assert store.reads == reads
    assert await _first(first) == list(range(1, 52))
    assert store.reads == reads + 1  # fifty joins, one read of the room
    # every watcher shares that one list (and so the one message made of it)
    lists = [await _first(w) for w in watches]
    assert all(ids is lists[0] for ids in lists)
    assert first.take() is None  # nothing more to give until someone comes or goes


async def test_a_second_tab_of_someone_present_announces_nothing(
    room: tuple[Presence, Counting, CountingStore],
) -> None:
    presence, broker, store = room
    watcher = await presence.join(ORG, ROOM, 1)
    await _first(watcher)
    one = await presence.join(ORG, ROOM, 2)
    assert await _first(one) == await _first(watcher) == [1, 2]
    published, reads = broker.published, store.reads

    again = await presence.join(ORG, ROOM, 2)
    assert await _first(again) == [1, 2]  # the new tab gets the list at once
    assert (broker.published, store.reads) == (published, reads)
    await asyncio.sleep(0.1)
    assert watcher.take() is None

    # closing one of the two tabs changes nothing either; closing the last one does
    await presence.leave(ORG, ROOM, 2, again)
    assert broker.published == published
    await presence.leave(ORG, ROOM, 2, one)
    assert broker.published == published + 1
    assert await _first(watcher) == [1]
