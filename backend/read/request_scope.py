"""What one HTTP request's operation keeps for its own later reads, and only for them.

`request_scope()` wraps the execution of one HTTP request (`api.engine.view`); `kept()` is its
dict, in that request's own task only — a task the request starts, a socket's operation (whose
rights are read when it starts, and which may run for hours) or anything outside a request
gets None and reads afresh. Everything kept is dropped when the request ends.
"""

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_scope: ContextVar[tuple[asyncio.Task[Any] | None, dict[str, Any]] | None] = ContextVar(
    "lodestar_request_scope", default=None
)


@contextmanager
def request_scope() -> Iterator[None]:
    kept: dict[str, Any] = {}
    token = _scope.set((asyncio.current_task(), kept))
    try:
        yield
    finally:
        kept.clear()  # for any task started meanwhile that still holds it
        _scope.reset(token)


def kept() -> dict[str, Any] | None:
    """The running request's own dict, in its own task; else None."""
    scope = _scope.get()
    if scope is None or scope[0] is not asyncio.current_task():
        return None
    return scope[1]
