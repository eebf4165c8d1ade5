"""The per-process hub in isolation: a memory broker and a fake activity log, no server.

It delivers an organization's events to every subscriber once, in seq order, whatever the
broker does: out of order, a publish lost (read back from the log), a slow client.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from backend.events.kinds import EventKind
from backend.live import hub as hub_module
from backend.live.broker import MemoryBroker, org_channel
from backend.live.events import LiveEvent, Resync
from backend.live.hub import Hub, Subscriber

ORG = 1


def event(seq: int) -> LiveEvent:
    return LiveEvent(
        seq=seq,
        org_id=ORG,
        kind=EventKind.KEY_RESULT_CHECKED_IN,
        actor_id=1,
        cycle_id=1,
        objective_id=1,
        key_result_id=1,
        payload={"n": seq},
        at=datetime.now(UTC),
    )


class FakeLog:
    """The activity log: committed events, whether or not they were published."""

    def __init__(self) -> None:
        self.rows: dict[int, LiveEvent] = {}
        self.reads = 0

    async def last_seq(self, org_id: int) -> int:
        return max(self.rows, default=0)

    async def read(self, org_id: int, after: int, upto: int | None) -> list[LiveEvent]:
        self.reads += 1
        return [
            LiveEvent.from_message(self.rows[s].to_message())
            for s in sorted(self.rows)
            if s > after and (upto is None or s <= upto)
        ]

    async def enrich_many(self, events: list[LiveEvent]) -> None:
        for e in events:
            e.audience = "enriched"


class World:
    def __init__(self) -> None:
        self.broker = MemoryBroker()
        self.log = FakeLog()
        self.hub = Hub(self.broker, self.log)

    async def commit(self, seq: int, publish: bool = True) -> None:
        self.log.rows[seq] = event(seq)
        if publish:
            await self.broker.publish(org_channel(ORG), event(seq).to_message())


@pytest.fixture
async def world() -> AsyncIterator[World]:
    w = World()
    yield w
    await w.hub.close()


async def take(sub: Subscriber, n: int, within: float = 10.0) -> list[int | str]:
    out: list[int | str] = []
    for _ in range(n):
        item = await asyncio.wait_for(sub.get(), within)
        out.append(item.seq if isinstance(item, LiveEvent) else f"resync:{item.reason}")
    return out


async def test_out_of_order_publishes_are_delivered_in_seq_order(world: World) -> None:
    sub = await world.hub.subscribe(ORG)
    for seq in (2, 1, 4, 3):
        world.log.rows[seq] = event(seq)
    for seq in (2, 1, 4, 3):
        await world.broker.publish(org_channel(ORG), event(seq).to_message())
    assert await take(sub, 4) == [1, 2, 3, 4]


async def test_a_lost_publish_is_read_from_the_log_and_duplicates_are_dropped(
    world: World,
) -> None:
    subs = [await world.hub.subscribe(ORG) for _ in range(3)]
    await world.commit(1)
    await world.commit(2, publish=False)  # the writer died between commit and publish
    await world.commit(3)
    await world.commit(3)  # published twice (a retry): delivered once
    await world.commit(4)
    for sub in subs:
        assert await take(sub, 4) == [1, 2, 3, 4]
        assert sub.empty()


async def test_a_gap_is_filled_while_events_keep_arriving(world: World) -> None:
    """A busy board never pauses for GAP_WAIT; the missing seq must still be read from the
    log soon after it is missed, not only once the flow of events stops."""
    sub = await world.hub.subscribe(ORG)
    total = 30
    producer_done = asyncio.Event()

    async def producer() -> None:
        for seq in range(1, total + 1):
            await world.commit(seq, publish=seq != 3)
            await asyncio.sleep(hub_module.GAP_WAIT / 4)  # faster than GAP_WAIT, never idle
        producer_done.set()

    task = asyncio.create_task(producer())
    try:
        got = await take(sub, 3, within=30)
        delivered_mid_stream = not producer_done.is_set()
        got += await take(sub, total - 3, within=30)
    finally:
        await task
    assert got == list(range(1, total + 1))
    assert delivered_mid_stream, "the gap was filled only after the events stopped coming"


async def test_a_lost_last_publish_is_found_by_the_idle_poll(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hub_module, "POLL_EVERY", 0.1)
    sub = await world.hub.subscribe(ORG)
    await world.commit(1)
    await world.commit(2, publish=False)  # nothing comes after it to reveal the gap
    assert await take(sub, 2) == [1, 2]


async def test_a_slow_subscriber_is_told_to_resync_and_holds_up_nobody(world: World) -> None:
    slow = await world.hub.subscribe(ORG)
    fast = await world.hub.subscribe(ORG)
    total = hub_module.QUEUE_SIZE + 20
    received: list[int | str] = []

    async def reader() -> None:
        received.extend(await take(fast, total))

    task = asyncio.create_task(reader())
    for seq in range(1, total + 1):
        await world.commit(seq)
    await asyncio.wait_for(task, 30)
    assert received == list(range(1, total + 1))
    first = await asyncio.wait_for(slow.get(), 5)
    assert isinstance(first, Resync) and first.reason == "SLOW_CONSUMER"
    assert first.seq < total
    assert slow.empty()


async def test_the_stream_stops_listening_when_its_last_subscriber_leaves(world: World) -> None:
    a, b = await world.hub.subscribe(ORG), await world.hub.subscribe(ORG)
    a.close()
    assert ORG in world.hub.streams
    b.close()
    assert ORG not in world.hub.streams
    assert org_channel(ORG) not in world.broker._listeners
    # a later subscriber starts a new stream after the current seq
    await world.commit(1)
    c = await world.hub.subscribe(ORG)
    await world.commit(2)
    assert await take(c, 1) == [2]


async def test_a_waiting_subscription_takes_events_through_its_sink_in_order(
    world: World,
) -> None:
    """While its task waits, the stream hands each event to the subscription's sink; one the
    sink declines (no shared frame yet) is queued, and until the task has taken it and waits
    again nothing reaches the sink: nothing overtakes."""
    sub = await world.hub.subscribe(ORG)
    order: list[tuple[str, int]] = []
    decline = {2}

    async def sink(item: LiveEvent) -> bool:
        if item.seq in decline:
            return False
        order.append(("sink", item.seq))
        return True

    sub.sink = sink

    async def task() -> None:
        while len(order) < 4:
            item = await sub.get()
            assert isinstance(item, LiveEvent)
            order.append(("task", item.seq))
            await asyncio.sleep(0.05)  # still sending it when the next events arrive

    reader = asyncio.create_task(task())
    await asyncio.sleep(0)  # the task waits in get()
    for seq in (1, 2, 3, 4):
        await world.commit(seq)
    await asyncio.wait_for(reader, 10)
    assert [seq for _, seq in order] == [1, 2, 3, 4]
    assert order[:2] == [("sink", 1), ("task", 2)]
    assert ("sink", 3) not in order  # the task was still busy with 2


async def test_a_failing_sink_leaves_the_event_to_the_subscription(world: World) -> None:
    sub = await world.hub.subscribe(ORG)

    async def sink(item: LiveEvent) -> bool:
        raise ConnectionError("the socket is gone")

    sub.sink = sink
    got = asyncio.create_task(take(sub, 1))
    await asyncio.sleep(0)
    await world.commit(1)
    assert await asyncio.wait_for(got, 10) == [1]


async def test_a_lagging_socket_is_not_sent_to_directly_but_told_to_resync(
    world: World,
) -> None:
    from backend.live.flow import SendWindow

    window = SendWindow(limit=100)
    token = hub_module.current_window.set(window)
    try:
        sub = await world.hub.subscribe(ORG)
    finally:
        hub_module.current_window.reset(token)
    taken: list[int] = []

    async def sink(item: LiveEvent) -> bool:
        taken.append(item.seq)
        return True

    sub.sink = sink
    got = asyncio.create_task(sub.get())
    await asyncio.sleep(0)
    window.sent_frame(1_000)  # a window's worth sent and never acknowledged
    await world.commit(1)
    first = await asyncio.wait_for(got, 10)
    assert isinstance(first, Resync) and first.reason == "SLOW_CONSUMER"
    assert taken == []
