"""Operations a socket starts together share one read of its person and rights; one that
comes after that read is done reads again; a read in flight survives an operation's cancel."""

import asyncio
from typing import Any

import pytest

from backend.api.engine.view import TransportWSHandler, Unavailable


class View:
    def __init__(self, fail: bool = False) -> None:
        self.reads = 0
        self.fail = fail
        self.release = asyncio.Event()

    async def operation_rights(self, connection: Any) -> Any:
        self.reads += 1
        await self.release.wait()
        if self.fail:
            raise Unavailable("r1")
        return ("user", "actor", f"credential read {self.reads}")


def handler(view: View) -> TransportWSHandler:
    made = TransportWSHandler.__new__(TransportWSHandler)  # no socket: only `_rights` is used
    made.view = view  # type: ignore[assignment]
    made.connection = object()  # type: ignore[assignment]
    return made


async def test_operations_arriving_together_share_one_read_and_later_ones_read_again() -> None:
    view = View()
    socket = handler(view)
    first = asyncio.create_task(socket._rights())
    second = asyncio.create_task(socket._rights())
    gone = asyncio.create_task(socket._rights())
    await asyncio.sleep(0)
    gone.cancel()  # an operation completed by the client while the read was under way
    view.release.set()
    assert await first == await second == ("user", "actor", "credential read 1")
    assert view.reads == 1
    assert socket._reading is None  # nothing kept for the socket's life
    assert await socket._rights() == ("user", "actor", "credential read 2")
    assert view.reads == 2


async def test_a_failed_read_fails_every_operation_that_shared_it() -> None:
    view = View(fail=True)
    socket = handler(view)
    waiting = [asyncio.create_task(socket._rights()) for _ in range(2)]
    await asyncio.sleep(0)
    view.release.set()
    for task in waiting:
        with pytest.raises(Unavailable):
            await task
    assert view.reads == 1 and socket._reading is None
