"""The websocket protocol `lodestar serve` runs: uvicorn's sans-I/O one, lighter per socket.

Thousands of sockets sit idle at once (a board left open): what each keeps is the budget
(DESIGN §8, `bench/results/ws-impl.md`)."""

import asyncio
from typing import Any, Generic, TypeVar

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

from .wakeups import OneWaiter

T = TypeVar("T")


class Inbox(OneWaiter, Generic[T]):
    """What uvicorn's protocol uses of its `asyncio.Queue` of ASGI receive events
    (`put_nowait`, `get`, `empty`): a list and a `OneWaiter`, for a backlog that is one message
    at most (uvicorn pauses reading until the app takes it). One reader, as ASGI's `receive`
    has."""

    __slots__ = ("_items",)

    def __init__(self) -> None:
        super().__init__()
        self._items: list[T] = []

    def put_nowait(self, item: T) -> None:
        self._items.append(item)
        self.wake()

    def empty(self) -> bool:
        return not self._items

    async def get(self) -> T:
        while not self._items:
            await self.wait()
        return self._items.pop(0)


class Gate:
    """An `asyncio.Event`'s `set`, `clear`, `wait` and `is_set`, for uvicorn's protocol's
    `writable`: open but while the transport's buffer is full, and then one future that every
    waiting sender awaits (an Event keeps a deque per socket)."""

    __slots__ = ("_loop", "_shut")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._shut: asyncio.Future[None] | None = None  # None: open

    def set(self) -> None:
        shut, self._shut = self._shut, None
        if shut is not None and not shut.done():
            shut.set_result(None)

    def is_set(self) -> bool:
        return self._shut is None

    def clear(self) -> None:
        if self._shut is None:
            self._shut = self._loop.create_future()

    async def wait(self) -> None:
        while (shut := self._shut) is not None:
            # shielded: a sender cancelled while waiting leaves the others waiting
            await asyncio.shield(shut)


class SansIOProtocol(WebSocketsSansIOProtocol):
    """uvicorn's sans-I/O websocket protocol with less kept per socket: its receive queue and
    `writable` event as `Inbox` and `Gate`; and the handshake's request and response (header
    maps, ~2 KiB), which uvicorn keeps for the socket's life though it reads them only until
    the handshake is answered, let go once it is. websockets' parser keeps the request in its
    generator's frame for good, out of reach: its headers are emptied."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.queue = Inbox()  # type: ignore[assignment]
        self.writable = Gate(self.loop)  # type: ignore[assignment]

    async def send(self, message: Any) -> None:
        await super().send(message)
        if self.handshake_complete and "response" in self.__dict__:
            self.request.headers.clear()
            del self.request, self.response
