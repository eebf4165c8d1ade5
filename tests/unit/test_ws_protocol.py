"""The protocol `lodestar serve` runs sockets with keeps less per socket than uvicorn's — a
light receive queue and `writable` gate, no handshake once it has been answered — and the
socket works on as before, backpressure included."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
import websockets

from backend.cli import serve_options
from backend.settings import Settings
from backend.ws_protocol import Gate, Inbox, SansIOProtocol
from tests.live.client import PROTOCOL
from tests.servers import free_port

FLOOD = 400  # messages of 64 KiB the server sends unasked: far more than the sockets buffer


async def echo(scope: Any, receive: Any, send: Any) -> None:
    """Echoes a text upper-cased; "flood" is answered with FLOOD numbered messages."""
    if scope["type"] != "websocket":
        return
    await receive()  # websocket.connect
    await send({"type": "websocket.accept", "subprotocol": "graphql-transport-ws"})
    while (message := await receive())["type"] == "websocket.receive":
        if message["text"] == "flood":
            for i in range(FLOOD):
                await send({"type": "websocket.send", "text": f"{i:08d}" + "x" * 65_520})
        else:
            await send({"type": "websocket.send", "text": message["text"].upper()})


@asynccontextmanager
async def serving(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AsyncIterator[Any]:
    """A real uvicorn running `echo` with `lodestar serve`'s options; yields (server, url)."""
    monkeypatch.setenv("LODESTAR_VAR_DIR", str(tmp_path))
    port = free_port()
    config = uvicorn.Config(echo, **serve_options(Settings.from_env(), "127.0.0.1", port))
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        for _ in range(500):  # uvicorn says nothing when it is up: look at its flag
            if server.started:
                break
            await asyncio.sleep(0.01)
        yield server, f"ws://127.0.0.1:{port}/graphql"
    finally:
        server.should_exit = True
        await task


async def test_an_open_socket_keeps_no_handshake_and_light_queues(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    async with (
        serving(monkeypatch, tmp_path) as (server, url),
        websockets.connect(url, subprotocols=[PROTOCOL]) as socket,
    ):
        assert socket.subprotocol == PROTOCOL  # the answer was whole
        await socket.send("ping")
        assert await socket.recv() == "PING"
        (protocol,) = server.server_state.connections
        assert isinstance(protocol, SansIOProtocol)
        assert "request" not in vars(protocol) and "response" not in vars(protocol)
        assert isinstance(protocol.queue, Inbox) and isinstance(protocol.writable, Gate)
        # the request websockets' parser keeps in its generator's frame: nothing but its line
        kept = protocol.conn.parser.gi_frame.f_locals["request"]
        assert list(kept.headers.raw_items()) == []
        await socket.send("still here")
        assert await socket.recv() == "STILL HERE"


async def test_a_reader_that_stops_holds_the_sender_at_the_gate_then_gets_everything(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    async with (
        serving(monkeypatch, tmp_path) as (server, url),
        websockets.connect(url, subprotocols=[PROTOCOL], max_queue=2, max_size=None) as socket,
    ):
        await socket.send("flood")
        (protocol,) = server.server_state.connections
        for _ in range(1000):  # the client reads nothing: the server's transport fills up
            if not protocol.writable.is_set():
                break
            await asyncio.sleep(0.01)
        assert not protocol.writable.is_set(), "the sender was never held"
        got = [(await asyncio.wait_for(socket.recv(), 20))[:8] for _ in range(FLOOD)]
        assert got == [f"{i:08d}" for i in range(FLOOD)]
        await socket.send("after")
        assert await asyncio.wait_for(socket.recv(), 20) == "AFTER"


async def test_inbox_hands_items_in_order_and_wakes_its_reader() -> None:
    inbox: Inbox[int] = Inbox()
    assert inbox.empty()
    inbox.put_nowait(1)
    inbox.put_nowait(2)
    assert not inbox.empty()
    assert [await inbox.get(), await inbox.get()] == [1, 2]
    assert inbox.empty()
    reader = asyncio.create_task(inbox.get())
    await asyncio.sleep(0)
    assert not reader.done()  # nothing yet: it waits
    inbox.put_nowait(3)
    assert await asyncio.wait_for(reader, 1) == 3
    cancelled = asyncio.create_task(inbox.get())
    await asyncio.sleep(0)
    cancelled.cancel()
    await asyncio.gather(cancelled, return_exceptions=True)
    inbox.put_nowait(4)  # a reader cancelled while waiting loses nothing
    assert await inbox.get() == 4


async def test_gate_holds_every_sender_while_shut_and_a_cancelled_one_frees_no_other() -> None:
    gate = Gate(asyncio.get_running_loop())
    await asyncio.wait_for(gate.wait(), 1)  # open from the start
    gate.clear()
    gate.clear()  # shut twice: one wait
    first, second = asyncio.create_task(gate.wait()), asyncio.create_task(gate.wait())
    await asyncio.sleep(0.01)
    assert not first.done() and not second.done()
    first.cancel()
    await asyncio.gather(first, return_exceptions=True)
    await asyncio.sleep(0.01)
    assert not second.done()  # still shut for the other sender
    gate.set()
    await asyncio.wait_for(second, 1)
    gate.set()  # open twice: nothing to wake
    await asyncio.wait_for(gate.wait(), 1)
