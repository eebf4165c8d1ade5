"""Clients for the live tests: GraphQL over HTTP as one person, and graphql-transport-ws
sockets whose every receive is bounded by a timeout."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections import defaultdict
from typing import Any

import httpx
import websockets
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.typing import Subprotocol

from tests.servers import Server

PASSWORD = "lodestar"  # every demo person's password
ADMIN = "admin@example.com"
PROTOCOL = Subprotocol("graphql-transport-ws")
TIMEOUT = 20.0  # generous: a loaded 2-core CI machine is slow, and nothing waits it out

KR_FIELDS = """
  id objectiveId title kind unit startValue targetValue currentValue rangeMin rangeMax
  dueDate weight confidence progressSource archived
"""
OBJECTIVE_FIELDS = """
  id title level state visibility parentId sourceKeyResultId teamId version
  owner { id displayName handle }
"""
BOARD_EVENTS = f"""
subscription Board($cycleId: ID!, $since: Int) {{
  boardEvents(cycleId: $cycleId, since: $since) {{
    __typename
    ... on LiveBoardEvent {{
      seq cycleId actorId
      objectives {{ objectiveId progress status }}
      keyResults {{
        keyResultId objectiveId progress rawProgress expectedProgress status statusReasons weight
        currentValue
      }}
    }}
    ... on KeyResultCheckedIn {{ note keyResult {{ ...KR }} }}
    ... on KeyResultChanged {{ change keyResult {{ ...KR }} }}
    ... on ObjectiveCreated {{ objective {{ ...O }} }}
    ... on ObjectiveChanged {{ change objective {{ ...O }} }}
    ... on ObjectivePublished {{ objective {{ ...O }} }}
    ... on ObjectiveArchived {{ objective {{ ...O }} }}
    ... on AlignmentChanged {{ objective {{ ...O }} }}
    ... on WeightsChanged {{ objective {{ ...O }} }}
    ... on CyclePhaseChanged {{ phase }}
    ... on ObjectiveRemoved {{ objectiveId }}
    ... on ResyncRequired {{ reason resyncSeq: seq }}
  }}
}}
fragment KR on KeyResultSummary {{ {KR_FIELDS} }}
fragment O on ObjectiveSummary {{ {OBJECTIVE_FIELDS} keyResults {{ ...KR }} }}
"""
PRESENCE = """
subscription Presence($cycleId: ID!) {
  presence(cycleId: $cycleId) { cycleId count watchers { id handle } }
}
"""


class GraphQLError(AssertionError):
    pass


class Gql:
    """GraphQL over HTTP as one person (bearer token), or as nobody."""

    def __init__(self, base: str, token: str | None = None) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.token = token
        self.http = httpx.AsyncClient(base_url=base, headers=headers, timeout=30)

    async def raw(self, query: str, **variables: Any) -> dict[str, Any]:
        res = await self.http.post("/graphql", json={"query": query, "variables": variables})
        return res.json()

    async def ok(self, query: str, **variables: Any) -> dict[str, Any]:
        body = await self.raw(query, **variables)
        if body.get("errors"):
            raise GraphQLError(f"{body['errors']} for {query.strip()[:120]}")
        return body["data"]

    async def close(self) -> None:
        await self.http.aclose()


async def sign_in(base: str, email: str, password: str = PASSWORD) -> httpx.AsyncClient:
    """A cookie-holding client after `signIn` (its jar carries the session cookie)."""
    http = httpx.AsyncClient(base_url=base, timeout=30)
    res = await http.post(
        "/graphql",
        json={
            "query": "mutation($e: String!, $p: String!)"
            " { signIn(email: $e, password: $p) { id } }",
            "variables": {"e": email, "p": password},
        },
    )
    body = res.json()
    assert not body.get("errors"), body
    return http


async def token_for(server: Server, email: str, password: str = PASSWORD) -> str:
    """An API token of this person (made once per server database)."""
    if email not in server.tokens:
        http = await sign_in(server.base, email, password)
        try:
            res = await http.post(
                "/graphql",
                json={"query": 'mutation { createApiToken(name: "live tests") { token } }'},
            )
            body = res.json()
            assert not body.get("errors"), body
            server.tokens[email] = body["data"]["createApiToken"]["token"]
        finally:
            await http.aclose()
    return server.tokens[email]


async def as_user(server: Server, email: str = ADMIN) -> Gql:
    return Gql(server.base, await token_for(server, email))


async def tracking_cycle(api: Gql) -> str:
    """The current TRACKING quarter (the latest-starting one; the demo also tracks a year)."""
    cycles = (await api.ok("{ cycles { id name phase startsOn endsOn } }"))["cycles"]
    tracking = [c for c in cycles if c["phase"] == "TRACKING"]
    assert tracking, cycles
    return max(tracking, key=lambda c: c["startsOn"])["id"]


class Closed(Exception):
    def __init__(self, code: int | None, reason: str = "") -> None:
        super().__init__(f"socket closed ({code} {reason})")
        self.code = code


class SubscriptionError(AssertionError):
    def __init__(self, payload: Any) -> None:
        super().__init__(f"subscription error: {payload}")
        self.payload = payload


class Completed(Exception):
    pass


class Socket:
    """A graphql-transport-ws connection. A reader task routes messages to per-operation
    queues (stamped with their arrival time); tests only ever wait on those with timeouts."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self._ids = itertools.count(1)
        self.queues: defaultdict[str, asyncio.Queue[dict[str, Any]]] = defaultdict(asyncio.Queue)
        self.close_code: int | None = None
        self.reader = asyncio.create_task(self._read())

    @classmethod
    async def open(
        cls,
        url: str,
        *,
        token: str | None = None,
        headers: dict[str, str] | None = None,
        within: float = TIMEOUT,
    ) -> Socket:
        """Connect and initialise; raises Closed when the server refuses."""
        ws = await asyncio.wait_for(
            websockets.connect(
                url, subprotocols=[PROTOCOL], additional_headers=headers, open_timeout=within
            ),
            within,
        )
        payload = {"token": token} if token else {}
        try:
            await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
            first = json.loads(await asyncio.wait_for(ws.recv(), within))
        except ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
            raise Closed(code, closed.rcvd.reason if closed.rcvd else "") from None
        if first.get("type") != "connection_ack":
            await ws.close()
            raise AssertionError(f"expected connection_ack, got {first}")
        return cls(ws)

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                msg = json.loads(raw)
                msg["_t"] = time.perf_counter()
                if msg.get("type") == "ping":
                    await self.ws.send(json.dumps({"type": "pong"}))
                elif "id" in msg:
                    self.queues[msg["id"]].put_nowait(msg)
        except ConnectionClosed:
            pass
        finally:
            rcvd = getattr(self.ws, "close_code", None)
            self.close_code = rcvd
            for queue in list(self.queues.values()):
                queue.put_nowait({"type": "__closed__", "code": rcvd})

    async def subscribe(self, query: str, **variables: Any) -> Sub:
        op_id = str(next(self._ids))
        self.queues[op_id]  # created before any answer can arrive
        await self.ws.send(
            json.dumps(
                {
                    "id": op_id,
                    "type": "subscribe",
                    "payload": {"query": query, "variables": variables},
                }
            )
        )
        return Sub(self, op_id)

    async def board(self, cycle_id: str, since: int | None = None) -> Sub:
        return await self.subscribe(BOARD_EVENTS, cycleId=cycle_id, since=since)

    async def close(self) -> None:
        await self.ws.close()
        try:
            await asyncio.wait_for(self.reader, TIMEOUT)
        except (TimeoutError, asyncio.CancelledError):
            self.reader.cancel()


class Sub:
    def __init__(self, socket: Socket, op_id: str) -> None:
        self.socket = socket
        self.id = op_id
        self.queue = socket.queues[op_id]
        self.received: list[dict[str, Any]] = []

    async def message(self, within: float = TIMEOUT) -> dict[str, Any]:
        """The next raw message of this operation (next, error, complete or __closed__)."""
        return await asyncio.wait_for(self.queue.get(), within)

    async def next(self, within: float = TIMEOUT) -> dict[str, Any]:
        """The next result's data field (the event), stamped with `_t` (arrival)."""
        msg = await self.message(within)
        if msg["type"] == "next":
            payload = msg["payload"]
            if payload.get("errors"):
                raise SubscriptionError(payload["errors"])
            (event,) = payload["data"].values()
            event["_t"] = msg["_t"]
            self.received.append(event)
            return event
        if msg["type"] == "error":
            raise SubscriptionError(msg["payload"])
        if msg["type"] == "complete":
            raise Completed()
        raise Closed(msg.get("code"))

    async def until_seq(self, seq: int, within: float = 30.0) -> list[dict[str, Any]]:
        """Every event up to and including the one numbered `seq` (or a later one)."""
        deadline = time.monotonic() + within
        got: list[dict[str, Any]] = []
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no event with seq >= {seq}; got {[e.get('seq') for e in got]}")
            event = await self.next(left)
            got.append(event)
            if event.get("seq", -1) >= seq:
                return got

    async def quiet(self, wait: float = 0.5) -> list[dict[str, Any]]:
        """Whatever arrives until nothing has for `wait` seconds."""
        got: list[dict[str, Any]] = []
        while True:
            try:
                got.append(await self.next(wait))
            except TimeoutError:
                return got

    async def stop(self) -> None:
        with contextlib.suppress(ConnectionClosed):
            await self.socket.ws.send(json.dumps({"id": self.id, "type": "complete"}))


async def open_socket(server: Server, email: str = ADMIN) -> Socket:
    return await Socket.open(server.ws_url, token=await token_for(server, email))


async def refused_code(url: str, **kwargs: Any) -> int | None:
    """How the server refuses a socket: the close code after `connection_init` (4403), or
    the HTTP status of a refused handshake (403); None if it was accepted."""
    try:
        socket = await Socket.open(url, **kwargs)
    except Closed as closed:
        return closed.code
    except InvalidStatus as refused:
        return int(refused.response.status_code)
    await socket.close()
    return None


async def board_seq(api: Gql, cycle_id: str) -> int:
    return int((await api.ok("query($c: ID!) { boardSeq(cycleId: $c) }", c=cycle_id))["boardSeq"])


CHECK_IN = """
mutation($kr: ID!, $v: Float, $c: Int, $n: String) {
  checkIn(input: {keyResultId: $kr, value: $v, confidence: $c, note: $n}) {
    id currentValue progress rawProgress status objective { id progress status }
  }
}
"""


async def check_in(api: Gql, kr: str, value: float, note: str = "") -> dict[str, Any]:
    return (await api.ok(CHECK_IN, kr=kr, v=value, n=note))["checkIn"]


async def create_objective(api: Gql, cycle_id: str, title: str, **fields: Any) -> dict[str, Any]:
    data = await api.ok(
        "mutation($i: CreateObjectiveInput!) { createObjective(input: $i) {"
        " id version visibility state } }",
        i={"cycleId": cycle_id, "title": title, **fields},
    )
    return data["createObjective"]


async def create_key_result(api: Gql, objective_id: str, title: str, **fields: Any) -> str:
    spec = {"kind": "INCREASE", "startValue": 0, "targetValue": 10, "weight": 100, **fields}
    data = await api.ok(
        "mutation($i: CreateKeyResultInput!) { createKeyResult(input: $i) { id } }",
        i={"objectiveId": objective_id, "title": title, **spec},
    )
    return str(data["createKeyResult"]["id"])


async def viewer_id(api: Gql) -> str:
    return str((await api.ok("{ viewer { id } }"))["viewer"]["id"])
