"""Size limits before any parsing: a request body past LODESTAR_MAX_BODY_BYTES is answered 413
as soon as that much has arrived, a socket message past 64 KiB closes the socket (1009), and
an answer past LODESTAR_MAX_RESPONSE_BYTES (here made small) is refused with a clear error.
Meanwhile everyone else is served."""

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import websockets
from websockets.exceptions import ConnectionClosed

from backend.settings import Settings
from tests.live.board import board_query
from tests.live.client import ADMIN, PROTOCOL, Gql, token_for, tracking_cycle
from tests.servers import Server

MAX_RESPONSE = 20_000
SERVER_ENV = {"LODESTAR_MAX_RESPONSE_BYTES": str(MAX_RESPONSE)}
LIMIT = Settings.max_body_bytes


def padded(size: int) -> bytes:
    """A well-formed GraphQL request of about `size` bytes (the padding in a variable)."""
    return json.dumps({"query": "{ viewer { id } }", "variables": {"pad": "x" * size}}).encode()


async def test_a_body_over_the_limit_is_refused_413_with_a_clear_message(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.base, timeout=30) as http:
        for language, words in (("en", "larger than the 1048576 bytes"), ("zh-CN", "请求大小超过")):
            res = await http.post(
                "/graphql",
                content=padded(LIMIT + 1000),
                headers={"Content-Type": "application/json", "Accept-Language": language},
            )
            assert res.status_code == 413
            (error,) = res.json()["errors"]
            assert words in error["message"]
            assert error["extensions"]["code"] == "BAD_USER_INPUT"

        async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as it comes
            body = padded(LIMIT * 3)
            for start in range(0, len(body), 64 * 1024):
                yield body[start : start + 64 * 1024]

        res = await http.post(
            "/graphql", content=chunks(), headers={"Content-Type": "application/json"}
        )
        assert res.status_code == 413

        # under the limit, a large body is parsed (off the event loop) and answered
        res = await http.post(
            "/graphql", content=padded(LIMIT - 1000), headers={"Content-Type": "application/json"}
        )
        assert res.status_code == 200 and res.json() == {"data": {"viewer": None}}


async def test_large_anonymous_bodies_do_not_stall_others(
    server: Server, api: Callable[[str], Awaitable[Gql]]
) -> None:
    admin = await api(ADMIN)
    await admin.ok("{ viewer { id } }")  # warm
    body = padded(3 * 1024 * 1024)  # the audit's was 30 MB

    async def attack(http: httpx.AsyncClient) -> int:
        res = await http.post("/graphql", content=body, headers={"Content-Type": "text/plain"})
        res2 = await http.post(
            "/graphql", content=body, headers={"Content-Type": "application/json"}
        )
        return res.status_code * 1000 + res2.status_code

    async with httpx.AsyncClient(base_url=server.base, timeout=30) as http:
        attacks = asyncio.gather(*(attack(http) for _ in range(6)))
        slowest = 0.0
        for _ in range(5):
            start = time.perf_counter()
            await admin.ok("{ viewer { id } }")
            slowest = max(slowest, time.perf_counter() - start)
        assert set(await attacks) == {415_413}
    assert slowest < 1.0, f"a small request waited {slowest:.2f} s"


async def test_a_socket_message_over_64_kib_closes_the_socket(server: Server) -> None:
    token = await token_for(server, ADMIN)
    async with websockets.connect(server.ws_url, subprotocols=[PROTOCOL]) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {"token": token}}))
        assert json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] == "connection_ack"
        await ws.send(json.dumps({"type": "ping", "payload": {"pad": "x" * 70_000}}))
        try:
            await asyncio.wait_for(ws.recv(), 10)
            closed = None
        except ConnectionClosed as exc:
            closed = exc.rcvd.code if exc.rcvd else None
        assert closed == 1009


async def test_an_answer_over_the_response_limit_is_refused_clearly(
    server: Server, api: Callable[[str], Awaitable[Gql]]
) -> None:
    admin = await api(ADMIN)
    cycle = await tracking_cycle(admin)
    res = await admin.http.post(
        "/graphql",
        json={"query": board_query(), "variables": {"c": cycle}},
        headers={"Accept-Language": "en"},
    )
    assert res.status_code == 200
    body = res.json()
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert f"more than the {MAX_RESPONSE} allowed" in error["message"]
    assert len(res.content) < 1000
    # a small answer is unaffected
    assert (await admin.ok("query($c: ID!) { boardSeq(cycleId: $c) }", c=cycle))["boardSeq"] >= 0
