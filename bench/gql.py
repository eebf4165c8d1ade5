"""A minimal GraphQL-over-HTTP client for the bench (bearer token, Server-Timing read)."""

import time
from dataclasses import dataclass
from typing import Any

import httpx
import orjson


class GraphQLError(RuntimeError):
    pass


@dataclass
class Reply:
    data: Any
    server_s: float  # from the Server-Timing header (app time)
    server_cpu_s: float  # the server process's CPU time over the same span
    wall_s: float  # client round trip
    size: int  # response bytes (decoded)
    wire: int  # response bytes as sent (compressed when `encoding` allowed it)


async def call(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    token: str | None = None,
    encoding: str = "identity",
) -> Reply:
    """`encoding`: the Accept-Encoding sent — identity by default, so a query's time is the
    query's, not the compression's (measured on its own, `board.compression`)."""
    headers = {"content-type": "application/json", "accept-encoding": encoding}
    if token:
        headers["authorization"] = f"Bearer {token}"
    body = orjson.dumps({"query": query, "variables": variables or {}})
    t0 = time.perf_counter()
    res = await client.post("/graphql", content=body, headers=headers)
    wall = time.perf_counter() - t0
    payload = orjson.loads(res.content)
    if res.status_code != 200 or payload.get("errors"):
        raise GraphQLError(f"HTTP {res.status_code}: {payload.get('errors') or payload}")
    timing = dict(
        part.strip().split(";dur=")
        for part in res.headers.get("server-timing", "").split(",")
        if ";dur=" in part
    )
    server = float(timing.get("app", wall * 1000)) / 1000
    cpu = float(timing.get("cpu", "nan")) / 1000
    return Reply(payload["data"], server, cpu, wall, len(res.content), res.num_bytes_downloaded)
