"""One task waiting on an object that something else wakes.

Thousands of sockets sit idle at once, each with a few of these waiting (its receive queue,
its place in the live stream, its presence watch): while its task waits, one future; otherwise
nothing. An `asyncio.Event` keeps a deque (~0.7 KiB) for the socket's whole life, an
`asyncio.Queue` three deques and an Event (~3.2 KiB)."""

import asyncio


class OneWaiter:
    """Base of an object one task at a time waits on (`wait`) until another wakes it
    (`wake`). A wake with nobody waiting is not kept: the waiter checks its condition before
    each wait."""

    __slots__ = ("_waiter",)

    def __init__(self) -> None:
        self._waiter: asyncio.Future[None] | None = None

    def wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def has_waiter(self) -> bool:
        """Whether a task waits now (and was not woken yet)."""
        waiter = self._waiter
        return waiter is not None and not waiter.done()

    async def wait(self) -> None:
        self._waiter = asyncio.get_running_loop().create_future()
        try:
            await self._waiter
        finally:
            self._waiter = None
