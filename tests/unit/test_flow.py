"""The send window (how far behind a socket's reader is), the hub's subscriber asking a
reader that fell a window behind to resync, and the Redis broker's publish queue."""

import socket
from datetime import UTC, datetime

import pytest
from prometheus_client import REGISTRY

from backend.live.events import LiveEvent, Resync
from backend.live.flow import SendWindow
from backend.live.hub import Subscriber
from backend.live.redis_broker import RedisBroker

# (frame sizes sent, pongs received after each frame) → pings sent after which frame, behind
# at the end. Window 100: a ping at each quarter (25) while none is unanswered.
WINDOW_CASES = [
    ("small frames, no ping yet", [10, 10], [0, 0], [], False),
    ("a quarter sent: ping", [10, 20], [0, 0], [1], False),
    ("one ping at a time", [30, 30, 30], [0, 0, 0], [0], False),
    ("more than the window unanswered", [30, 30, 30, 20], [0, 0, 0, 0], [0], True),
    ("the pong acknowledges up to its ping", [30, 30, 30, 20], [0, 1, 0, 0], [0, 2], False),
    ("a pong with no ping changes nothing", [10, 10], [1, 1], [], False),
]


@pytest.mark.parametrize(
    ("frames", "pongs", "pings", "behind"),
    [case[1:] for case in WINDOW_CASES],
    ids=[case[0] for case in WINDOW_CASES],
)
def test_send_window(frames: list[int], pongs: list[int], pings: list[int], behind: bool) -> None:
    window = SendWindow(100)
    pinged = []
    for i, (size, pong) in enumerate(zip(frames, pongs, strict=True)):
        if window.sent_frame(size):
            pinged.append(i)
        if pong:
            window.pong()
    assert (pinged, window.behind) == (pings, behind)


def test_no_window_never_pings_and_is_never_behind() -> None:
    window = SendWindow(0)
    assert not any(window.sent_frame(10**6) for _ in range(5))
    assert not window.behind


class _Stream:
    def remove(self, subscriber: Subscriber) -> None:
        pass


def _event(seq: int) -> LiveEvent:
    return LiveEvent(seq, 1, "key_result.checked_in", None, 1, 1, 1, {}, datetime.now(UTC))  # type: ignore[arg-type]


async def test_a_subscriber_whose_reader_is_a_window_behind_is_told_to_resync() -> None:
    window = SendWindow(100)
    subscriber = Subscriber(_Stream(), window)  # type: ignore[arg-type]
    subscriber.offer(_event(7))
    assert (await subscriber.get()).seq == 7  # type: ignore[union-attr]

    window.sent_frame(101)  # sent, never acknowledged
    subscriber.offer(_event(8))
    subscriber.offer(_event(9))
    assert await subscriber.get() == Resync("SLOW_CONSUMER", 7)
    assert subscriber.empty() and subscriber.overflowed


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _count(name: str) -> float:
    return REGISTRY.get_sample_value(f"lodestar_live_{name}_total") or 0.0


async def test_redis_publish_queues_without_waiting_and_drops_beyond_its_bound() -> None:
    broker = RedisBroker(f"redis://127.0.0.1:{_closed_port()}/0", timeout=1.0, queue_size=3)
    dropped, failed = _count("publish_dropped"), _count("publish_failures")
    for n in range(5):
        await broker.publish("lodestar:org:1", str(n).encode())  # no await reaches Redis
    assert broker.queued == 3
    assert _count("publish_dropped") == dropped + 2

    await broker.close()  # what is queued is tried once more: Redis is not there
    assert broker.queued == 0
    assert _count("publish_failures") == failed + 3
