"""Values a process shares between requests, each kept with the organization's event seq read
before it was read (`SharedCycles`, `SharedDirectories`).

A value serves anyone who read that seq or an older one: every write that changes what the
values hold records an event in its transaction (`events/unit.py`), so the first reader after
one finds a newer seq and reads again — a process never serves what another process's write
made old, and needs no message to know it. Concurrent readers of a value not kept share one
read; at most `size` values are kept, the least recently used dropped first."""

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class SeqCache(Generic[K, V]):
    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[K, asyncio.Future[V]] = OrderedDict()
        self._seqs: dict[K, int] = {}  # the seq each value was (is being) read at

    async def get(self, key: K, seq: int, read: Callable[[], Awaitable[V]]) -> V:
        """The value of `key` as of `seq` or later: kept, or `read()` now."""
        found = self._values.get(key)
        if found is None or self._seqs[key] < seq or _failed(found):
            found = asyncio.ensure_future(read())
            self._values[key] = found
            self._seqs[key] = seq
            while len(self._values) > self.size:
                dropped, _ = self._values.popitem(last=False)
                del self._seqs[dropped]
        self._values.move_to_end(key)
        # shielded: a reader that goes away does not cancel the read others wait for
        return await asyncio.shield(found)


def _failed(future: asyncio.Future[V]) -> bool:
    return future.done() and (future.cancelled() or future.exception() is not None)
