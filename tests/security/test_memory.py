"""Memory under attack, on a real server: the audit left it at 466 MB from 134 MB. Large
bodies are refused past the limit or parsed and let go, large answers are capped, too costly
queries never run, the metrics keep no series per unusual HTTP method, and glibc returns large
buffers (gctune.return_large_buffers): the process ends near where it started."""

import asyncio
import json
from pathlib import Path

import httpx
import pytest

from tests.live.client import ADMIN, token_for
from tests.security.test_query_cost import TEN_DEEP
from tests.servers import Server

# measured: 137 → 141 MB here; before these limits the same rounds took a server from 149 to
# 186 MB (and the audit's full-size attack from 134 to 466)
GROWTH_MB = 20


def rss_mb(server: Server) -> float:
    assert server.proc is not None
    status = Path(f"/proc/{server.proc.pid}/status")
    if not status.exists():
        pytest.skip("no /proc here: RSS is measured on Linux")
    line = next(x for x in status.read_text().splitlines() if x.startswith("VmRSS"))
    return int(line.split()[1]) / 1024


async def warm(server: Server, token: str) -> None:
    """One ordinary request of each kind: what stays loaded after the first is not growth."""
    auth = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=server.base, timeout=60, headers=auth) as http:
        cycle_id = (await http.post("/graphql", json={"query": "{ cycles { id } }"})).json()
        await http.post(
            "/graphql",
            json={
                "query": "query($c: ID!) { objectives(cycleId: $c) { id keyResults { id } } }",
                "variables": {"c": cycle_id["data"]["cycles"][0]["id"]},
            },
        )
        await http.get("/healthz")
        await http.get("/metrics")


async def attack(server: Server, token: str) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=server.base, timeout=60, headers=auth) as http:
        cycle = (await http.post("/graphql", json={"query": "{ cycles { id } }"})).json()
        cycle_id = cycle["data"]["cycles"][0]["id"]
        big = json.dumps({"query": "{ viewer { id } }", "variables": {"x": "a" * 900_000}})
        for _ in range(20):  # under the body limit: parsed (off the loop) and let go
            await http.post("/graphql", content=big, headers={"Content-Type": "application/json"})
        huge = b"[" + b'"aaaaaaaa",' * 800_000 + b"1]"  # ~8 MB: refused at 1 MiB
        for _ in range(5):
            await http.post("/graphql", content=huge, headers={"Content-Type": "application/json"})
        objectives = await http.post(
            "/graphql",
            json={
                "query": "query($c: ID!) { objectives(cycleId: $c) { id } }",
                "variables": {"c": cycle_id},
            },
        )
        objective = objectives.json()["data"]["objectives"][0]["id"]
        heavy = (
            "query($c: ID!) { objectives(cycleId: $c) { id title keyResults { id title "
            "objective { id title keyResults { id title objective { id title } } } } } }"
        )
        for _ in range(5):
            await http.post("/graphql", json={"query": TEN_DEEP, "variables": {"id": objective}})
            await http.post("/graphql", json={"query": heavy, "variables": {"c": cycle_id}})
        for i in range(300):  # every text different
            await http.post("/graphql", json={"query": f"{{ viewer {{ id }} }} # {i}" + "x" * 2000})
        for method in ("PROPFIND", "MKCOL", "LOCK", "UNLOCK", "COPY", "MOVE", "SEARCH"):
            await http.request(method, "/healthz")


async def test_the_process_ends_near_where_it_started(server: Server) -> None:
    token = await token_for(server, ADMIN)
    await warm(server, token)
    before = rss_mb(server)
    for _ in range(2):
        await attack(server, token)
    await asyncio.sleep(0.5)
    after = rss_mb(server)
    assert after - before < GROWTH_MB, f"{before:.0f} MB → {after:.0f} MB"
    async with httpx.AsyncClient(base_url=server.base) as http:
        metrics = (await http.get("/metrics")).text
    assert 'method="PROPFIND"' not in metrics and 'method="OTHER"' in metrics
