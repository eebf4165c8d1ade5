"""The protocol `lodestar serve` runs sockets with lets go of the handshake once it has been
answered (uvicorn's keeps it for the socket's life), and the socket works on as before."""

import asyncio
from pathlib import Path
from typing import Any

import pytest
import uvicorn
import websockets

from backend.cli import serve_options
from backend.settings import Settings
from backend.ws_protocol import SansIOProtocol
from tests.live.client import PROTOCOL
from tests.servers import free_port


async def echo(scope: Any, receive: Any, send: Any) -> None:
    if scope["type"] != "websocket":
        return
    await receive()  # websocket.connect
    await send({"type": "websocket.accept", "subprotocol": "graphql-transport-ws"})
    while (message := await receive())["type"] == "websocket.receive":
        await send({"type": "websocket.send", "text": message["text"].upper()})


async def test_an_open_socket_keeps_no_handshake(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LODESTAR_VAR_DIR", str(tmp_path))
    port = free_port()
    config = uvicorn.Config(echo, **serve_options(Settings.from_env(), "127.0.0.1", port))
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    try:
        for _ in range(500):  # uvicorn says nothing when it is up: look at its flag
            if server.started:
                break
            await asyncio.sleep(0.01)
        url = f"ws://127.0.0.1:{port}/graphql"
        async with websockets.connect(url, subprotocols=[PROTOCOL]) as socket:
            assert socket.subprotocol == PROTOCOL  # the answer was whole
            await socket.send("ping")
            assert await socket.recv() == "PING"
            (protocol,) = server.server_state.connections
            assert isinstance(protocol, SansIOProtocol)
            assert "request" not in vars(protocol) and "response" not in vars(protocol)
            await socket.send("still here")
            assert await socket.recv() == "STILL HERE"
    finally:
        server.should_exit = True
        await serving
