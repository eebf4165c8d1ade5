"""Part 9 — a presence storm: N browser tabs of N people open one board at once.

Each tab subscribes to `boardEvents` and, as the web app's board does, to `presence`. The
same storm without `presence` is the control, measured right before on the same server.
Figures: the time until every tab is subscribed, and with presence until every tab's last
list counts everyone (at most a coalescing second later: lists go out once a second), the
presence messages and bytes the tabs received, and the server's CPU time over the storm.
Judged: subscribed in about the time without presence (≤ 1.25×), at about its CPU (≤ 1.25×).
"""

import asyncio
import time
from pathlib import Path
from typing import Any

import httpx

from .dataset import Dataset
from .live import _probe, _seq, _wait_hub, subscriber_process
from .server import Server

SETTLE_TIMEOUT = 300.0


async def _storm(
    ds: Dataset, server: Server, workdir: Path, client: httpx.AsyncClient, tabs: int, presence: bool
) -> dict[str, Any]:
    async with subscriber_process(ds, server, workdir, per_token=1, presence=presence) as subs:
        seq = await _seq(client, ds)
        await _probe(client, "/__bench/lag?reset=1")
        t0 = time.perf_counter()
        connected = await subs.ask({"cmd": "connect", "n": tabs, "since": seq})
        if connected["failed"]:
            raise RuntimeError(f"{connected['failed']} tabs failed: {connected['failures']}")
        await _wait_hub(client, tabs)
        subscribed = time.perf_counter() - t0
        settled = not presence
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while not settled and time.monotonic() < deadline:
            settled = (await subs.ask({"cmd": "presence", "n": tabs}))["settled"]
            if not settled:
                await asyncio.sleep(0.1)
        seconds = time.perf_counter() - t0
        lag = await _probe(client, "/__bench/lag?reset=1")
        await asyncio.sleep(1.5)  # the last coalesced update, if one is still due
        got = await subs.ask({"cmd": "presence", "n": tabs})
        await subs.ask({"cmd": "drop"})
        await _wait_hub(client, 0)
        return {
            "subscribed_s": subscribed,
            "seconds": seconds,
            "settled": settled,
            "server_cpu_s": lag["cpu_s"],
            "loop_lag_p99_ms": lag.get("p99_ms"),
            "messages": got["messages"],
            "bytes": got["bytes"],
            "errors": got["errors"],
        }


async def run(ds: Dataset, server: Server, workdir: Path, tabs: int) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=server.base, timeout=120) as client:
        control = await _storm(ds, server, workdir, client, tabs, presence=False)
        storm = await _storm(ds, server, workdir, client, tabs, presence=True)
    return {
        "tabs": tabs,
        "control": control,
        "presence": storm,
        "ratio": storm["subscribed_s"] / control["subscribed_s"],
        "cpu_ratio": storm["server_cpu_s"] / control["server_cpu_s"],
    }
