"""Bad input on a real server: never an internal error (HTTP 500, or a dropped socket with a
traceback). JSON nested deep, lone surrogates and NUL, by POST, GET and over the socket."""

import asyncio
import json

import httpx
import pytest
import websockets
from websockets.exceptions import ConnectionClosed

from tests.live.client import ADMIN, PROTOCOL, token_for
from tests.servers import Server


def nested(depth: int) -> bytes:
    return b'{"query": "{ viewer { id } }", "extensions": {"x": %s1%s}}' % (
        b"[" * depth,
        b"]" * depth,
    )


@pytest.mark.parametrize(("depth", "status"), [(1000, 200), (5000, 400), (100_000, 400)])
async def test_json_nested_deep(server: Server, depth: int, status: int) -> None:
    async with httpx.AsyncClient(base_url=server.base, timeout=30) as http:
        res = await http.post(
            "/graphql", content=nested(depth), headers={"Content-Type": "application/json"}
        )
    assert res.status_code == status
    if status == 200:
        assert res.json() == {"data": {"viewer": None}}
    else:
        assert "not valid JSON" in res.json()["errors"][0]["message"]


async def test_a_get_with_nul_or_a_surrogate_in_its_variables(server: Server) -> None:
    query = "query($s: String) { people(search: $s) { id } }"
    async with httpx.AsyncClient(base_url=server.base, timeout=30) as http:
        for variables, words in (('{"s": "\\u0000"}', "NUL"), ('{"s": "\\udc00"}', "malformed")):
            res = await http.get(
                "/graphql",
                params={"query": query, "variables": variables},
                headers={"Accept": "application/json"},
            )
            assert res.status_code == 400
            assert words in res.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    "frame",
    [
        '{"type": "subscribe", "id": "1", "payload": {"query": "{ viewer { id } }",'
        ' "variables": {"s": "\\ud800"}}}',
        '{"type": "subscribe", "id": "1", "payload": {"query": "{ viewer { id } }",'
        ' "variables": {"s": "\\u0000"}}}',
        "[" * 5000 + "]" * 5000,
    ],
    ids=["surrogate", "nul", "deep"],
)
async def test_a_socket_message_with_bad_text_closes_with_4400(server: Server, frame: str) -> None:
    token = await token_for(server, ADMIN)
    async with websockets.connect(server.ws_url, subprotocols=[PROTOCOL]) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {"token": token}}))
        assert json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] == "connection_ack"
        await ws.send(frame)
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 10)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4400
