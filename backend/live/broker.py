"""Brokers carry small published events between processes.

`memory://` serves one process; the Redis broker (the scale-out path) implements the same
methods. Publishing happens only after the writing transaction has committed, and never
waits long: a message the broker does not carry is read from the activity log instead.
"""

import asyncio
from collections import defaultdict
from collections.abc import Callable
from typing import Protocol

Listener = Callable[[str, bytes], None]


class Broker(Protocol):
    async def publish(self, channel: str, message: bytes) -> None: ...

    def listen(self, channel: str, listener: Listener) -> Callable[[], None]:
        """Call `listener` for each message on `channel`; returns the unsubscribe function."""
        ...

    async def ping(self) -> bool:
        """Whether the broker answers (readiness)."""
        ...

    async def close(self) -> None: ...


class MemoryBroker:
    def __init__(self) -> None:
        self._listeners: dict[str, list[Listener]] = defaultdict(list)

    async def publish(self, channel: str, message: bytes) -> None:
        for listener in list(self._listeners.get(channel, ())):
            listener(channel, message)
        await asyncio.sleep(0)

    def listen(self, channel: str, listener: Listener) -> Callable[[], None]:
        self._listeners[channel].append(listener)

        def stop() -> None:
            listeners = self._listeners.get(channel)
            if listeners and listener in listeners:
                listeners.remove(listener)
            if not listeners:
                self._listeners.pop(channel, None)

        return stop

    async def ping(self) -> bool:
        return True

    async def close(self) -> None:
        self._listeners.clear()


def org_channel(org_id: int) -> str:
    return f"lodestar:org:{org_id}"


_broker: Broker = MemoryBroker()


def get_broker() -> Broker:
    return _broker


def set_broker(broker: Broker) -> None:
    global _broker
    _broker = broker
