"""SQL statements of one request, counted in-process.

Every concrete subclass of Tortoise's `BaseDBAsyncClient` (SQLite, asyncpg, their transaction
wrappers…) gets its `execute_*` methods wrapped; a call made from inside another wrapped call
(a client delegating to itself) counts once. The app runs in this process through httpx's
ASGI transport, with its lifespan (live hub) but Tortoise initialised here.
"""

import contextlib
import contextvars
import functools
import importlib
import inspect
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.base.executor import EXECUTOR_CACHE

from .dataset import SECRET_KEY, Dataset

METHODS = (
    "execute_insert",
    "execute_query",
    "execute_query_dict",
    "execute_query_dict_with_affected",
    "execute_many",
    "execute_script",
)
BACKENDS = ("tortoise.backends.sqlite.client", "tortoise.backends.asyncpg.client")
_inside: contextvars.ContextVar[bool] = contextvars.ContextVar("bench_sql_inside", default=False)


@dataclass
class Counter:
    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)

    def reset(self) -> None:
        self.statements.clear()


def _concrete_clients() -> list[type]:
    for name in BACKENDS:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    found: list[type] = []
    stack = list(BaseDBAsyncClient.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if not inspect.isabstract(cls) and cls not in found:
            found.append(cls)
    return found


@contextlib.contextmanager
def counting() -> Iterator[Counter]:
    counter = Counter()
    undo: list[tuple[type, str, Any]] = []

    def wrap(fn: Any) -> Any:
        @functools.wraps(fn)
        async def counted(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
            if _inside.get():
                return await fn(self, query, *args, **kwargs)
            counter.statements.append(query)
            token = _inside.set(True)
            try:
                return await fn(self, query, *args, **kwargs)
            finally:
                _inside.reset(token)

        return counted

    for cls in _concrete_clients():
        for name in METHODS:
            original = getattr(cls, name, None)
            if original is None:
                continue
            undo.append((cls, name, cls.__dict__.get(name)))
            setattr(cls, name, wrap(original))
    try:
        yield counter
    finally:
        for cls, name, own in reversed(undo):
            if own is None:
                delattr(cls, name)
            else:
                setattr(cls, name, own)


@contextlib.asynccontextmanager
async def in_process_app(ds: Dataset, workdir: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The app in this process (its lifespan run, Tortoise initialised here)."""
    from backend.app import create_app
    from backend.db import tortoise_config
    from backend.settings import Settings

    settings = replace(
        Settings.from_env(), database_url=ds.url, secret_key=SECRET_KEY, var_dir=workdir
    )
    app = create_app(settings, manage_db=False)
    EXECUTOR_CACHE.clear()
    await Tortoise.init(config=tortoise_config(ds.url))
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                yield client
    finally:
        await Tortoise.close_connections()
