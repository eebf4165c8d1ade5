"""Live tests run against REAL server processes (uvicorn via `python -m backend serve`), never
Starlette's TestClient: its websocket runs the app on another thread and cannot time out a
receive. Each module starts its servers once; every receive is bounded by a timeout.

SQLite servers start from a copy of one migrated, demo-seeded database (made once per
session). PostgreSQL and Redis are used only by the cluster test; when they are unreachable
those tests skip with the reason, unless LODESTAR_REQUIRE_SERVICES=1 (then they fail).
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.servers import Server, run_cli, server_env

if TYPE_CHECKING:
    from .client import Gql, Socket


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with the demo company, made once and copied per module."""
    var = tmp_path_factory.mktemp("live-template")
    db = var / "template.sqlite3"
    env = server_env(var, f"sqlite://{db}")
    run_cli(env, "migrate")
    run_cli(env, "seed-demo")
    return db


@pytest.fixture(scope="module")
def sqlite_server(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """A single-process server (memory broker) on this module's own copy of the demo; a
    module may set more environment in a `SERVER_ENV` dict."""
    var = tmp_path_factory.mktemp("live")
    db = var / "lodestar.sqlite3"
    shutil.copyfile(sqlite_template, db)
    env = {**server_env(var, f"sqlite://{db}"), **getattr(request.module, "SERVER_ENV", {})}
    server = Server("sqlite", env, var).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def server(sqlite_server: Server) -> Server:
    """The module's server: one SQLite process (the cluster module brings its own)."""
    return sqlite_server


@pytest.fixture(scope="module")
async def api(server: Server) -> AsyncIterator[Callable[[str], Awaitable[Gql]]]:
    """api(email) -> a GraphQL client acting as that person (bearer token)."""
    from .client import Gql, token_for  # client.py imports Server from here

    made: dict[str, Gql] = {}

    async def get(email: str) -> Gql:
        if email not in made:
            made[email] = Gql(server.base, await token_for(server, email))
        return made[email]

    yield get
    await asyncio.gather(*(c.close() for c in made.values()))


@pytest.fixture
async def sockets(server: Server) -> AsyncIterator[Callable[..., Awaitable[Socket]]]:
    """open(email) -> an initialised socket of that person (the admin by default); all closed
    after the test."""
    from .client import ADMIN, Socket, token_for

    opened: list[Socket] = []

    async def open_(email: str = ADMIN) -> Socket:
        socket = await Socket.open(server.ws_url, token=await token_for(server, email))
        opened.append(socket)
        return socket

    yield open_
    await asyncio.gather(*(s.close() for s in opened))
