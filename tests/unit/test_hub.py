"""The per-process hub: every subscriber gets every event once, in seq order, whatever order
the broker delivers them in, and a slow subscriber never holds up the others."""

import asyncio
from datetime import UTC, datetime

import pytest

from backend.live import hub as hub_module
from backend.live.broker import MemoryBroker, org_channel
from backend.live.events import LiveEvent
from backend.live.hub import Hub, Subscriber

ORG = 1


def event(seq: int) -> LiveEvent:
    return LiveEvent(seq, ORG, "key_result.checked_in", None, 1, 1, 1, {}, datetime.now(UTC))


class FakeLog:
    """The activity log: events committed so far, some of which were never published."""

    def __init__(self, committed: int = 0) -> None:
        self.committed = committed
        self.reads: list[tuple[int, int | None]] = []

    async def last_seq(self, org_id: int) -> int:
        return self.committed

    async def read(self, org_id: int, after: int, upto: int | None) -> list[LiveEvent]:
        self.reads.append((after, upto))
        top = self.committed if upto is None else min(upto, self.committed)
        return [event(s) for s in range(after + 1, top + 1)]

    async def enrich_many(self, events: list[LiveEvent]) -> None:
        for e in events:
            e.audience = "enriched"


async def received(subscriber: Subscriber, n: int) -> list[int | str]:
    out: list[int | str] = []
    for _ in range(n):
        item = await asyncio.wait_for(subscriber.get(), 2)
        out.append(item.seq if isinstance(item, LiveEvent) else f"resync@{item.seq}")
    return out


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hub_module, "GAP_WAIT", 0.02)
    monkeypatch.setattr(hub_module, "POLL_EVERY", 0.05)


@pytest.mark.parametrize(
    ("published", "committed", "expected"),
    [
        pytest.param([1, 2, 3], 3, [1, 2, 3], id="in-order"),
        pytest.param([2, 1, 3], 3, [1, 2, 3], id="swapped"),
        pytest.param([3, 2, 1], 3, [1, 2, 3], id="reversed"),
        pytest.param([1, 1, 2, 2, 3], 3, [1, 2, 3], id="duplicates"),
        pytest.param([1, 3], 3, [1, 2, 3], id="gap-read-from-log"),
        pytest.param([4], 4, [1, 2, 3, 4], id="process-died-before-publishing"),
        pytest.param([], 2, [1, 2], id="nothing-published-idle-poll"),
    ],
)
async def test_delivers_every_event_once_in_order(
    published: list[int], committed: int, expected: list[int]
) -> None:
    broker, log = MemoryBroker(), FakeLog(committed=0)
    hub = Hub(broker, log)
    subscriber = await hub.subscribe(ORG)
    log.committed = committed
    for seq in published:
        await broker.publish(org_channel(ORG), event(seq).to_message())
    assert await received(subscriber, len(expected)) == expected
    await asyncio.sleep(0.1)
    assert subscriber.empty()
    await hub.close()


async def test_events_are_enriched_once_before_delivery() -> None:
    broker, log = MemoryBroker(), FakeLog()
    hub = Hub(broker, log)
    a, b = await hub.subscribe(ORG), await hub.subscribe(ORG)
    log.committed = 1
    await broker.publish(org_channel(ORG), event(1).to_message())
    first, second = await a.get(), await b.get()
    assert first is second and isinstance(first, LiveEvent) and first.audience == "enriched"
    await hub.close()


async def test_one_broker_listener_per_organization() -> None:
    broker, log = MemoryBroker(), FakeLog()
    hub = Hub(broker, log)
    subscribers = [await hub.subscribe(ORG) for _ in range(5)]
    assert len(broker._listeners[org_channel(ORG)]) == 1
    for s in subscribers:
        s.close()
    assert org_channel(ORG) not in broker._listeners
    await hub.close()


async def test_a_slow_subscriber_is_told_to_resync_and_others_are_unaffected(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(hub_module, "QUEUE_SIZE", 3)
    broker, log = MemoryBroker(), FakeLog()
    hub = Hub(broker, log)
    slow, fast = await hub.subscribe(ORG), await hub.subscribe(ORG)
    got: list[int | str] = []

    async def drain() -> None:
        got.extend(await received(fast, 6))

    reader = asyncio.create_task(drain())
    log.committed = 6
    for seq in range(1, 7):
        await broker.publish(org_channel(ORG), event(seq).to_message())
    await reader
    assert got == [1, 2, 3, 4, 5, 6]
    assert await received(slow, 1) == ["resync@0"]  # it never took an event off its queue
    assert slow.empty()
    await hub.close()


async def test_malformed_messages_are_dropped() -> None:
    broker, log = MemoryBroker(), FakeLog()
    hub = Hub(broker, log)
    subscriber = await hub.subscribe(ORG)
    await broker.publish(org_channel(ORG), b"not json")
    log.committed = 1
    await broker.publish(org_channel(ORG), event(1).to_message())
    assert await received(subscriber, 1) == [1]
    await hub.close()
