"""Parts 3 and 4 — fan-out of check-ins to websocket subscribers of one server process, and
the server memory an idle subscriber costs.

Three processes: the server (`bench.probe`), the subscribers (`bench.subscribers`, its own
process), and this one, which sends the check-ins. The subscribers subscribe with `since`, so
a late subscription cannot lose an event; the figures start only once the server's hub counts
every subscriber, so no replay is timed as a live delivery.
"""

import asyncio
import contextlib
import math
import random
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import orjson

from . import gql
from .dataset import Dataset
from .queries import CHECK_IN, app
from .server import REPO, Server
from .stats import summary_ms

PER_TOKEN = 16  # sockets per user (the server allows 20 per user)
READY_TIMEOUT = 30.0
REPLY_TIMEOUT = 300.0


def tokens_needed(subscribers: int) -> int:
    return math.ceil(subscribers / PER_TOKEN) + 1


class Subscribers:
    """The subscriber process, driven line by line."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc

    async def ask(self, obj: dict[str, Any], wait_s: float = REPLY_TIMEOUT) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(orjson.dumps(obj) + b"\n")
        await self.proc.stdin.drain()
        line = await asyncio.wait_for(self.proc.stdout.readline(), wait_s)
        if not line:
            raise RuntimeError(f"the subscriber process ended (exit {self.proc.returncode})")
        return dict(orjson.loads(line))


@contextlib.asynccontextmanager
async def subscriber_process(
    ds: Dataset,
    server: Server,
    workdir: Path,
    per_token: int = PER_TOKEN,
    presence: bool = False,
) -> AsyncIterator[Subscribers]:
    log = (workdir / f"subscribers-{ds.size}.log").open("ab")
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.subscribers",
        cwd=REPO,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=log,
        limit=2**20,
    )
    subs = Subscribers(proc)
    try:
        await subs.ask(
            {
                "ws": server.ws,
                "cycle": ds.cycle_gid,
                "tokens": ds.member_tokens,
                "per_token": per_token,
                "presence": app("live.js", "S_PRESENCE") if presence else None,
            }
        )
        yield subs
    finally:
        with contextlib.suppress(Exception):
            await subs.ask({"cmd": "quit"}, wait_s=30)
        if proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                proc.terminate()
            try:
                await asyncio.wait_for(proc.wait(), 10)
            except TimeoutError:
                proc.kill()
                await proc.wait()
        log.close()


async def _probe(client: httpx.AsyncClient, path: str) -> dict[str, Any]:
    res = await client.get(path)
    res.raise_for_status()
    return dict(res.json())


async def _wait_hub(client: httpx.AsyncClient, n: int) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while True:
        got = (await _probe(client, "/__bench/stats"))["subscribers"]
        if got == n:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"the hub has {got} subscribers, expected {n}")
        await asyncio.sleep(0.1)


async def _seq(client: httpx.AsyncClient, ds: Dataset) -> int:
    """The organisation's last event seq, read from the database (not through the server:
    `boardSeq` loads a whole snapshot, which would load the server being measured)."""
    from .floor import Driver

    async with Driver(ds) as db:
        rows = await db.fetch("SELECT last_seq FROM organization WHERE id = ?", [ds.org_id])
    return int(rows[0][0])


async def _check_in(client: httpx.AsyncClient, ds: Dataset, rng: random.Random) -> float:
    kr, start, target = rng.choice(ds.checkin_krs)
    lo, hi = sorted((start, target))
    reply = await gql.call(
        client,
        CHECK_IN,
        {"k": f"kr_{kr}", "v": round(rng.uniform(lo, hi), 1), "c": rng.randint(3, 9)},
        ds.admin_token,
    )
    return reply.wall_s


async def _drain(subs: Subscribers, after: int, upto: int, expected: int, wait_s: float) -> None:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if (await subs.ask({"cmd": "received", "after": after, "upto": upto}))[
            "received"
        ] >= expected:
            return
        await asyncio.sleep(0.2)


async def run(
    ds: Dataset,
    server: Server,
    workdir: Path,
    *,
    subscribers: int,
    memory: bool,
    fanout: bool,
    single_events: int,
    sustained_s: float,
    rate: float,
    drain_s: float,
) -> dict[str, Any]:
    rng = random.Random(7)
    out: dict[str, Any] = {"size": ds.size, "subscribers": subscribers, "drain_s": drain_s}
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=50)
    async with (
        httpx.AsyncClient(base_url=server.base, timeout=120, limits=limits) as client,
        subscriber_process(ds, server, workdir) as subs,
    ):
        # warm-up: a check-in and one subscriber, so one-time costs (imports, the org's
        # stream) are paid before the baseline is read
        await _check_in(client, ds, rng)
        seq = await _seq(client, ds)
        warm = await subs.ask({"cmd": "connect", "n": 1, "since": seq})
        if warm["failed"]:
            raise RuntimeError(f"a subscriber failed: {warm['failures']}")
        await _wait_hub(client, 1)
        await subs.ask({"cmd": "drop"})
        await _wait_hub(client, 0)
        await asyncio.sleep(0.5)
        base_rss = (await _probe(client, "/__bench/stats?gc=1"))["rss_kib"]
        # the writer's own round trip with nobody watching: the floor of the one below
        alone = []
        for _ in range(single_events if fanout else 0):
            alone.append(await _check_in(client, ds, rng))
            await asyncio.sleep(0.2)

        seq = await _seq(client, ds)
        connected = await subs.ask({"cmd": "connect", "n": subscribers, "since": seq})
        out["connect"] = connected
        if connected["failed"]:
            raise RuntimeError(f"{connected['failed']} subscribers failed: {connected['failures']}")
        await _wait_hub(client, subscribers)
        await asyncio.sleep(1.0)
        if memory:
            stats = await _probe(client, "/__bench/stats?gc=1")
            rss = stats["rss_kib"]
            out["gc_objects"] = {k: v for k, v in stats.items() if k.startswith("gc_")}
            out["memory"] = {
                "rss_idle_kib": base_rss,
                "rss_with_kib": rss,
                "per_subscriber_kib": (rss - base_rss) / subscribers,
            }
        if not fanout:
            return out

        # one check-in at a time
        after = await _seq(client, ds)
        watched = []
        for _ in range(single_events):
            watched.append(await _check_in(client, ds, rng))
            await asyncio.sleep(0.4)
        upto = await _seq(client, ds)
        await _drain(subs, after, upto, (upto - after) * subscribers, drain_s)
        out["single"] = await subs.ask({"cmd": "report", "after": after, "upto": upto})
        # the writer's response must not wait for the fan-out of its own event
        out["writer"] = {"alone": summary_ms(alone), "watched": summary_ms(watched)}

        if sustained_s <= 0:
            return out
        # sustained: `rate` check-ins per second, open loop (a slow answer does not slow the
        # schedule), at most MAX_IN_FLIGHT outstanding
        await _probe(client, "/__bench/lag?reset=1")
        after = await _seq(client, ds)
        sent, skipped, latencies = 0, 0, []
        in_flight: set[asyncio.Task[float]] = set()
        max_in_flight = int(rate * 10)
        t0 = time.perf_counter()
        total = int(rate * sustained_s)
        for i in range(total):
            delay = t0 + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            if len(in_flight) >= max_in_flight:
                skipped += 1
                continue
            task = asyncio.create_task(_check_in(client, ds, rng))
            task.add_done_callback(
                lambda t: None if t.cancelled() or t.exception() else latencies.append(t.result())
            )
            in_flight.add(task)
            task.add_done_callback(in_flight.discard)
            sent += 1
        elapsed = time.perf_counter() - t0
        unfinished = 0
        if in_flight:
            _, pending = await asyncio.wait(in_flight, timeout=drain_s)
            unfinished = len(pending)
            for task in pending:
                task.cancel()
        lag = await _probe(client, "/__bench/lag?reset=1")
        upto = await _seq(client, ds)
        await _drain(subs, after, upto, (upto - after) * subscribers, drain_s)
        report = await subs.ask({"cmd": "report", "after": after, "upto": upto})
        from .stats import percentile

        out["sustained"] = {
            **report,
            "rate": rate,
            "seconds": sustained_s,
            "sent": sent,
            "skipped": skipped,
            "unfinished": unfinished,
            "achieved_rate": sent / elapsed,
            "checkin_p50_ms": percentile(latencies, 50) * 1000,
            "checkin_p99_ms": percentile(latencies, 99) * 1000,
            "loop_lag": lag,
        }
    return out
