"""Faults that must not slow everyone, against real server processes: a broker that accepts
connections but never answers, a client that stops reading its socket, a server stopped
under open sockets. Nothing here is timed: each test waits (with a generous bound) for what
the server does, and checks the order of what happened."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.servers import Server

from .client import check_in, open_socket
from .ops import WITHIN, ZHANGSAN, demo_server, eventually, scrape, watching


class HungRedis:
    """A TCP server that accepts connections and reads every command, and never answers."""

    def __init__(self) -> None:
        self.received = bytearray()
        self.server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        port = self.server.sockets[0].getsockname()[1]
        return f"redis://127.0.0.1:{port}/0"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                self.received += data
        finally:
            writer.close()


@pytest.fixture(scope="module")
async def hung_redis() -> AsyncIterator[HungRedis]:
    fake = HungRedis()
    fake.server = await asyncio.start_server(fake._serve, "127.0.0.1", 0)
    try:
        yield fake
    finally:
        fake.server.close()


@pytest.fixture(scope="module")
def hung_broker_server(
    hung_redis: HungRedis, sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    var = tmp_path_factory.mktemp("hung-broker")
    with demo_server(sqlite_template, var, "hung-broker", LODESTAR_BROKER_URL=hung_redis.url) as s:
        yield s


async def test_writes_do_not_wait_for_a_hung_broker_and_events_arrive_through_the_log(
    hung_redis: HungRedis, hung_broker_server: Server
) -> None:
    server = hung_broker_server
    zhangsan, _, seq0, socket, sub = await watching(server)
    try:
        # Each check-in commits, then publishes to a Redis that never answers: it must be
        # answered anyway (before the fix, the first one waited on Redis for ever).
        for value in range(1, 6):
            answer = await asyncio.wait_for(check_in(zhangsan, "kr_27", value), WITHIN)
            assert answer["currentValue"] == value
        assert hung_redis.received, "the broker was tried"

        events = await sub.until_seq(seq0 + 5)
        assert [e["seq"] for e in events] == list(range(seq0 + 1, seq0 + 6))
    finally:
        await socket.close()

    metrics = await scrape(server)
    assert metrics['lodestar_live_events_received_total{via="log"}'] >= 5
    assert metrics.get('lodestar_live_events_received_total{via="broker"}', 0) == 0
    failed = await eventually(
        lambda: _failures(server), "the publishes that Redis never answered are counted"
    )
    assert failed >= 1

    ready = await zhangsan.http.get("/readyz")
    body = ready.json()
    assert (ready.status_code, body["ok"], body["database"]) == (503, False, "ok")
    assert body["broker"] != "ok"


async def _failures(server: Server) -> float:
    return (await scrape(server)).get("lodestar_live_publish_failures_total", 0)


@pytest.fixture(scope="module")
def small_window_server(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    var = tmp_path_factory.mktemp("small-window")
    # a window of ~10 board events: far less than the kernel's socket buffers hold
    with demo_server(sqlite_template, var, "small-window", LODESTAR_WS_SEND_WINDOW="16384") as s:
        yield s


SLOW = 'lodestar_live_resyncs_total{reason="SLOW_CONSUMER"}'


async def test_a_client_that_stops_reading_is_told_to_resync_and_keeps_its_socket(
    small_window_server: Server,
) -> None:
    server = small_window_server
    zhangsan, cycle, seq0, socket, sub = await watching(server)
    try:
        await check_in(zhangsan, "kr_27", 1)
        assert (await sub.next())["seq"] == seq0 + 1  # live, pongs answered

        before = (await scrape(server)).get(SLOW, 0)
        socket.ws.transport.pause_reading()  # the client stops reading; TCP still accepts
        writes = 40
        for i in range(writes):
            await check_in(zhangsan, "kr_27", 2 + i)
        # the server decides while the client is still not reading, not when a buffer fills
        await eventually(
            lambda: _above(server, SLOW, before), "the server gives up on the silent reader"
        )
        socket.ws.transport.resume_reading()

        got = []
        while not got or got[-1]["__typename"] != "ResyncRequired":
            got.append(await sub.next())
        *delivered, resync = got
        seqs = [e["seq"] for e in delivered]
        assert seqs == list(range(seq0 + 2, seq0 + 2 + len(seqs))), "in order, no gap"
        assert len(seqs) < writes, "cut short instead of sending everything"
        assert resync["reason"] == "SLOW_CONSUMER"
        assert resync["resyncSeq"] == seq0 + 1 + len(seqs)

        # the socket stays open: the client resumes from where it was told to
        again = await socket.board(cycle, since=resync["resyncSeq"])
        rest = await again.until_seq(seq0 + 1 + writes)
        assert [e["seq"] for e in rest] == list(range(resync["resyncSeq"] + 1, seq0 + 2 + writes))
    finally:
        await socket.close()


async def _above(server: Server, name: str, before: float) -> bool:
    return (await scrape(server)).get(name, 0) > before


@pytest.fixture(scope="module")
def restartable_server(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    var = tmp_path_factory.mktemp("restartable")
    with demo_server(sqlite_template, var, "restartable") as s:
        yield s


async def test_a_stopping_server_tells_sockets_to_reconnect_and_they_resume_with_since(
    restartable_server: Server,
) -> None:
    server = restartable_server
    zhangsan, cycle, seq0, _, sub = await watching(server)
    await check_in(zhangsan, "kr_27", 7)
    assert (await sub.next())["seq"] == seq0 + 1

    await asyncio.to_thread(server.stop)  # SIGTERM, as a supervisor or a deploy does
    closed = await sub.message(WITHIN)
    assert closed == {"type": "__closed__", "code": 1012}  # service restart: come back now

    server.start()
    await check_in(zhangsan, "kr_27", 8)  # while the client was away
    socket = await open_socket(server, ZHANGSAN)
    try:
        resumed = await socket.board(cycle, since=seq0 + 1)
        assert (await resumed.next())["seq"] == seq0 + 2
    finally:
        await socket.close()
