"""The protocols to the letter, on a real server: the graphql-http audit of graphql-over-HTTP
(the npm package's serverAudits, 0 errors and 0 warnings), request errors without `data` and a
400 when the client accepts application/graphql-response+json, malformed requests answered
as JSON; graphql-transport-ws frames that are not protocol messages closed with 4400, a second
connection_init with 4429, a subscription id in use with 4409, a socket that never sends its
connection_init with 4408."""

import asyncio
import json
import subprocess
from typing import Any

import httpx
import pytest
import websockets
from websockets.exceptions import ConnectionClosed

from tests.live.client import ADMIN, PROTOCOL, token_for
from tests.servers import REPO, Server

GRAPHQL_RESPONSE = "application/graphql-response+json"


def test_the_graphql_http_audit_passes_without_a_warning(server: Server) -> None:
    out = subprocess.run(
        ["node", "tools/graphql-http-audit.mjs", f"{server.base}/graphql"],
        cwd=REPO / "frontend",
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    results = json.loads(out)
    assert len(results) > 50
    assert [r for r in results if r["status"] != "ok"] == []


async def post(server: Server, body: Any, accept: str = "application/json") -> httpx.Response:
    async with httpx.AsyncClient(base_url=server.base, timeout=30) as http:
        return await http.post(
            "/graphql",
            content=json.dumps(body),
            headers={"Content-Type": "application/json", "Accept": accept},
        )


@pytest.mark.parametrize(
    "body",
    [
        {"query": "{ viewer { id }"},  # parse
        {"query": "{ viewer { nickname } }"},  # validation
        {"query": "query($n: Int!) { notifications(first: $n) { id } }", "variables": {"n": "x"}},
    ],
    ids=["parse", "validation", "variables"],
)
async def test_request_errors_have_no_data_and_are_400_as_graphql_response(
    server: Server, body: dict[str, Any]
) -> None:
    res = await post(server, body, GRAPHQL_RESPONSE)
    assert res.status_code == 400
    assert res.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    answer = res.json()
    assert "data" not in answer and answer["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    legacy = await post(server, body)  # application/json: 200, as the spec asks
    assert legacy.status_code == 200 and "data" not in legacy.json()


async def test_several_operations_need_an_operation_name(server: Server) -> None:
    two = "query A { viewer { id } } query B { cycles { id } }"
    answer = (await post(server, {"query": two})).json()
    assert "data" not in answer
    assert answer["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "operationName"}
    named = (await post(server, {"query": two, "operationName": "A"})).json()
    assert named == {"data": {"viewer": None}}


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"query": "query A { viewer { id } }", "operationName": "B"}, 400, "named B"),
        ({"query": "subscription { notifications { id } }"}, 400, "over the websocket"),
        ("a string", 400, "as a JSON object"),
        ([{"query": "{ viewer { id } }"}], 400, "batches"),
        ({"query": 5}, 400, "malformed"),
        ({"query": "{ viewer { id } }", "variables": [1]}, 400, "malformed"),
    ],
)
async def test_malformed_requests_are_answered_as_json(
    server: Server, body: Any, status: int, words: str
) -> None:
    res = await post(server, body)
    assert res.status_code == status
    (error,) = res.json()["errors"]
    assert words in error["message"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_mutation_by_get_is_405(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.base) as http:
        res = await http.get("/graphql", params={"query": "mutation { signOut }"})
    assert res.status_code == 405
    assert res.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize(
    "frame",
    [
        "[]",
        '[{"type": "ping"}]',
        '"ping"',
        '{"type": "ping", "payload": "x"}',
        '{"type": "subscribe", "id": "1", "payload": "{ viewer { id } }"}',
        '{"type": "subscribe", "id": "1", "payload": {"query": 5}}',
        '{"type": "subscribe", "id": 1, "payload": {"query": "{ viewer { id } }"}}',
        '{"type": "subscribe", "id": "1", "payload": {"query": "{ viewer { id } }",'
        ' "variables": 1}}',
        '{"type": 7}',
    ],
)
async def test_a_frame_that_is_not_a_protocol_message_closes_with_4400(
    server: Server, frame: str
) -> None:
    token = await token_for(server, ADMIN)
    before = server.log.read_text(errors="replace").count("Traceback")
    async with websockets.connect(server.ws_url, subprotocols=[PROTOCOL]) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {"token": token}}))
        assert json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] == "connection_ack"
        await ws.send(frame)
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 10)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4400
    await asyncio.sleep(0.1)
    assert server.log.read_text(errors="replace").count("Traceback") == before


async def _acked(ws: Any, token: str) -> None:
    await ws.send(json.dumps({"type": "connection_init", "payload": {"token": token}}))
    assert json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] == "connection_ack"


async def _closed_with(ws: Any) -> int | None:
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            await asyncio.wait_for(ws.recv(), 10)
    return closed.value.rcvd.code if closed.value.rcvd is not None else None


async def test_a_second_connection_init_closes_with_4429(server: Server) -> None:
    token = await token_for(server, ADMIN)
    async with websockets.connect(server.ws_url, subprotocols=[PROTOCOL]) as ws:
        await _acked(ws, token)
        await ws.send(json.dumps({"type": "ping"}))  # the socket works on after its init
        assert json.loads(await asyncio.wait_for(ws.recv(), 10)) == {"type": "pong"}
        await ws.send(json.dumps({"type": "connection_init", "payload": {"token": token}}))
        assert await _closed_with(ws) == 4429


async def test_a_socket_that_never_sends_connection_init_closes_with_4408(server: Server) -> None:
    # an idle handshake holds no connection for long: closed after the init's wait (10 s)
    async with websockets.connect(server.ws_url, subprotocols=[PROTOCOL]) as ws:
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 30)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4408


async def test_a_subscription_id_in_use_closes_with_4409(server: Server) -> None:
    token = await token_for(server, ADMIN)
    subscribe = {
        "type": "subscribe",
        "id": "1",
        "payload": {"query": "subscription { notifications { id } }"},
    }
    async with websockets.connect(server.ws_url, subprotocols=[PROTOCOL]) as ws:
        await _acked(ws, token)
        await ws.send(json.dumps(subscribe))
        await ws.send(json.dumps(subscribe))
        assert await _closed_with(ws) == 4409
