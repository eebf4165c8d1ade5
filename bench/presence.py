"""Part 9 — a presence storm: N browser tabs of N people open one board at once.

Each tab subscribes to `boardEvents` and, as the web app's board does, to `presence`. The
same storm without `presence` is the control, on the same server: after a warm-up storm
(one-time costs), control and presence storms take turns, ABBA (C P P C C P), and each side's
median is compared — a single pair swung 1.0–1.45× with the machine's other load.
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
from .stats import median

SETTLE_TIMEOUT = 300.0
ORDER = (False, True, True, False, False, True)  # presence off / on, ABBA


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
    runs: dict[bool, list[dict[str, Any]]] = {False: [], True: []}
    async with httpx.AsyncClient(base_url=server.base, timeout=120) as client:
        await _storm(ds, server, workdir, client, max(1, tabs // 10), presence=True)  # warm-up
        for presence in ORDER:
            runs[presence].append(await _storm(ds, server, workdir, client, tabs, presence))
    control, storm = _middle(runs[False]), _middle(runs[True])
    return {
        "tabs": tabs,
        "control": control,
        "presence": storm,
        "ratio": storm["subscribed_s"] / control["subscribed_s"],
        "cpu_ratio": median([r["server_cpu_s"] for r in runs[True]])
        / median([r["server_cpu_s"] for r in runs[False]]),
        "ratios": [
            p["subscribed_s"] / c["subscribed_s"]
            for c, p in zip(runs[False], runs[True], strict=True)
        ],
    }


def _middle(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median time (an odd number of them)."""
    return sorted(runs, key=lambda r: r["subscribed_s"])[len(runs) // 2]
