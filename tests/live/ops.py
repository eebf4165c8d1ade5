"""What the operator tests share: a server started with extra settings on its own copy of the
demo, reading `/metrics` as numbers, the server's JSON log lines, and waiting (bounded) for a
condition the server reports."""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from tests.servers import Server, server_env

from .client import Gql, Socket, Sub, as_user, board_seq, open_socket, tracking_cycle

WITHIN = 30.0  # generous bound for anything the server does in milliseconds
ZHANGSAN = "zhangsan@example.com"  # owns kr_27 in the demo's tracking quarter


async def watching(server: Server) -> tuple[Gql, str, int, Socket, Sub]:
    """Zhangsan, the tracking quarter, its board's seq now, and a socket subscribed to the
    board from there."""
    api = await as_user(server, ZHANGSAN)
    cycle = await tracking_cycle(api)
    seq0 = await board_seq(api, cycle)
    socket = await open_socket(server, ZHANGSAN)
    return api, cycle, seq0, socket, await socket.board(cycle, since=seq0)


@contextmanager
def demo_server(template: Path, var: Path, name: str, **env: str) -> Iterator[Server]:
    """A single process on a copy of the demo database, with extra LODESTAR_* settings."""
    db = var / "lodestar.sqlite3"
    shutil.copyfile(template, db)
    server = Server(name, {**server_env(var, f"sqlite://{db}"), **env}, var).start()
    try:
        yield server
    finally:
        server.stop()


async def scrape(server: Server) -> dict[str, float]:
    """`/metrics` as {'name{labels}': value} (labels as Prometheus prints them)."""
    async with httpx.AsyncClient(base_url=server.base, timeout=WITHIN) as http:
        res = await http.get("/metrics")
    assert res.status_code == 200, res.text
    values: dict[str, float] = {}
    for line in res.text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            values[name] = float(value)
    return values


async def eventually(check: Callable[[], Awaitable[Any]], what: str) -> Any:
    """Poll `check` until it returns something truthy; fail after WITHIN seconds."""
    deadline = time.monotonic() + WITHIN
    while True:
        if result := await check():
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {WITHIN:.0f}s: {what}")
        await asyncio.sleep(0.1)


def log_lines(server: Server) -> list[dict[str, Any]]:
    """The server's JSON log lines (its banner and anything else skipped)."""
    lines = []
    for raw in server.log.read_text(errors="replace").splitlines():
        if raw.startswith("{"):
            try:
                lines.append(json.loads(raw))
            except ValueError:
                continue
    return lines
