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
import os
import random
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson

from . import gql
from .dataset import Dataset
from .queries import app, check_in
from .server import REPO, Server
from .stats import summary_ms
from .subscribers import CONNECT_CONCURRENCY, summarize

PER_TOKEN = 16  # sockets per user (the server allows 20 per user)
READY_TIMEOUT = 30.0
# the cluster part's broker: a database of its own (channel names carry it)
BENCH_REDIS = os.environ.get("LODESTAR_BENCH_REDIS", "redis://127.0.0.1:6379/11")
REPLY_TIMEOUT = 300.0


async def redis_reachable(url: str) -> str | None:
    """None when Redis answers at `url`, else why not."""
    import redis.asyncio as redis

    client = redis.Redis.from_url(url, socket_connect_timeout=3)
    try:
        await client.ping()
        return None
    except (OSError, redis.RedisError) as exc:
        return f"Redis not reachable at {url} ({exc})"
    finally:
        await client.aclose()


def tokens_needed(subscribers: int, processes: int = 1) -> int:
    """Member tokens for `subscribers` sockets over `processes` processes (each process
    starts on a token of its own), and one more."""
    capacity = math.ceil(subscribers / processes)
    return processes * math.ceil(capacity / PER_TOKEN) + 1


class Subscribers:
    """One subscriber process, driven line by line."""

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


class SubscriberGroup:
    """Several subscriber processes acting as one: a single process cannot read thousands of
    sockets' frames as fast as a server sends them (it would measure itself), so the
    subscribers are split evenly between processes, and between servers."""

    def __init__(self, procs: list[Subscribers]) -> None:
        self.procs = procs

    async def ask(self, obj: dict[str, Any], wait_s: float = REPLY_TIMEOUT) -> dict[str, Any]:
        """The same command to every process; the first one's answer (drop, quit)."""
        return (await asyncio.gather(*(p.ask(obj, wait_s) for p in self.procs)))[0]

    def shares(self, n: int) -> list[int]:
        k = len(self.procs)
        return [n // k + (1 if i < n % k else 0) for i in range(k)]

    async def connect(self, n: int, since: int | None) -> dict[str, Any]:
        parts = await asyncio.gather(
            *(
                p.ask({"cmd": "connect", "n": share, "since": since})
                for p, share in zip(self.procs, self.shares(n), strict=True)
            )
        )
        return {
            "connected": sum(r["connected"] for r in parts),
            "failed": sum(r["failed"] for r in parts),
            "failures": sorted({f for r in parts for f in r["failures"]})[:5],
            "seconds": max(r["seconds"] for r in parts),
        }

    async def received(self, after: int, upto: int) -> int:
        cmd = {"cmd": "received", "after": after, "upto": upto}
        return sum(r["received"] for r in await asyncio.gather(*(p.ask(cmd) for p in self.procs)))

    async def report(self, after: int, upto: int) -> dict[str, Any]:
        cmd = {"cmd": "report", "after": after, "upto": upto}
        parts = await asyncio.gather(*(p.ask(cmd) for p in self.procs))
        hist = [pair for r in parts for pair in r["hist"]]
        return {
            **summarize(hist),
            "events": parts[0]["events"],
            **{k: sum(r[k] for r in parts) for k in ("subscribers", "expected", "lost")},
            **{k: sum(r[k] for r in parts) for k in ("dupes", "resyncs")},
            "errors": sorted({e for r in parts for e in r["errors"]})[:5],
        }

    def cpu_s(self) -> float:
        return sum(cpu_s(p.proc.pid) for p in self.procs)


def cpu_s(pid: int) -> float:
    """A process's CPU time so far (user + system), read from /proc: the same clock for the
    servers and the subscriber processes."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.asynccontextmanager
async def subscriber_process(
    ds: Dataset,
    server: Server,
    workdir: Path,
    per_token: int = PER_TOKEN,
    presence: bool = False,
) -> AsyncIterator[Subscribers]:
    async with subscriber_group(ds, [server], workdir, 1, per_token, presence) as group:
        yield group.procs[0]


@contextlib.asynccontextmanager
async def subscriber_group(
    ds: Dataset,
    servers: list[Server],
    workdir: Path,
    processes: int,
    per_token: int = PER_TOKEN,
    presence: bool = False,
    capacity: int = 0,
) -> AsyncIterator[SubscriberGroup]:
    """`processes` subscriber processes, process i on server i mod len(servers); each holds at
    most `capacity` sockets (0: one process, any number), given its own range of tokens."""
    log = (workdir / f"subscribers-{ds.size}.log").open("ab")
    procs: list[Subscribers] = []
    try:
        for i in range(processes):
            proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bench.subscribers",
                cwd=REPO,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=log,
                limit=2**24,
            )
            procs.append(Subscribers(proc))
            await procs[-1].ask(
                {
                    "ws": servers[i % len(servers)].ws,
                    "cycle": ds.cycle_gid,
                    "tokens": ds.member_tokens,
                    "per_token": per_token,
                    # each process's sockets start on a token of their own
                    "first": i * math.ceil(capacity / per_token) * per_token,
                    "concurrency": max(1, CONNECT_CONCURRENCY // processes),
                    "presence": app("live.js", "S_PRESENCE") if presence else None,
                }
            )
        yield SubscriberGroup(procs)
    finally:
        for subs in procs:
            with contextlib.suppress(Exception):
                await subs.ask({"cmd": "quit"}, wait_s=30)
        for subs in procs:
            proc = subs.proc
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


async def _wait_hubs(clients: list[httpx.AsyncClient], group: SubscriberGroup, n: int) -> None:
    """Every server's hub counts the subscribers its processes connected to it."""
    per_server = [0] * len(clients)
    for i, share in enumerate(group.shares(n)):
        per_server[i % len(clients)] += share
    await asyncio.gather(*(_wait_hub(c, k) for c, k in zip(clients, per_server, strict=True)))


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
    document, variables = check_in(kr, round(rng.uniform(lo, hi), 1), rng.randint(3, 9))
    reply = await gql.call(client, document, variables, ds.admin_token)
    return reply.wall_s


async def _drain(
    subs: "Subscribers | SubscriberGroup", after: int, upto: int, expected: int, wait_s: float
) -> None:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if isinstance(subs, SubscriberGroup):
            got = await subs.received(after, upto)
        else:
            got = (await subs.ask({"cmd": "received", "after": after, "upto": upto}))["received"]
        if got >= expected:
            return
        await asyncio.sleep(0.2)


class CpuSplit:
    """CPU seconds spent over a phase by the servers, the subscriber processes and this
    (check-in sending) process: which side a figure is waiting on."""

    def __init__(self, servers: list[Server], group: SubscriberGroup) -> None:
        self.servers, self.group = servers, group
        self.t0 = time.perf_counter()
        self.start = self._now()

    def _now(self) -> tuple[float, float, float]:
        servers = sum(cpu_s(s.pid) for s in self.servers)
        return servers, self.group.cpu_s(), time.process_time()

    def done(self) -> dict[str, float]:
        wall = time.perf_counter() - self.t0
        servers, subscribers, driver = (b - a for a, b in zip(self.start, self._now(), strict=True))
        return {
            "wall_s": wall,
            "servers_cpu_s": servers,
            "subscribers_cpu_s": subscribers,
            "driver_cpu_s": driver,
            "processes": len(self.group.procs),
        }


async def _connect(
    group: SubscriberGroup, clients: list[httpx.AsyncClient], ds: Dataset, n: int
) -> dict[str, Any]:
    seq = await _seq(clients[0], ds)
    connected = await group.connect(n, seq)
    if connected["failed"]:
        raise RuntimeError(f"{connected['failed']} subscribers failed: {connected['failures']}")
    await _wait_hubs(clients, group, n)
    return connected


async def _single(rig: "Rig", events: int, drain_s: float) -> tuple[dict[str, Any], list[float]]:
    """One check-in at a time (sent to the first server): the delivery of each, and the
    writer's own round trips."""
    client, ds = rig.clients[0], rig.ds
    after = await _seq(client, ds)
    split = CpuSplit(rig.servers, rig.group)
    watched = []
    for _ in range(events):
        watched.append(await _check_in(client, ds, rig.rng))
        await asyncio.sleep(0.4)
    upto = await _seq(client, ds)
    await _drain(rig.group, after, upto, (upto - after) * rig.subscribers, drain_s)
    cpu = split.done()
    return {**await rig.group.report(after, upto), "cpu": cpu}, watched


async def _sustained(rig: "Rig", seconds: float, rate: float, drain_s: float) -> dict[str, Any]:
    """`rate` check-ins per second, open loop (a slow answer does not slow the schedule), at
    most `rate` × 10 outstanding, spread over the servers in turn."""
    clients, ds, group = rig.clients, rig.ds, rig.group
    for client in clients:
        await _probe(client, "/__bench/lag?reset=1")
    after = await _seq(clients[0], ds)
    split = CpuSplit(rig.servers, group)
    sent, skipped, latencies = 0, 0, []
    in_flight: set[asyncio.Task[float]] = set()
    max_in_flight = int(rate * 10)
    t0 = time.perf_counter()
    total = int(rate * seconds)
    for i in range(total):
        delay = t0 + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        if len(in_flight) >= max_in_flight:
            skipped += 1
            continue
        task = asyncio.create_task(_check_in(clients[i % len(clients)], ds, rig.rng))
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
    lags = [await _probe(client, "/__bench/lag?reset=1") for client in clients]
    upto = await _seq(clients[0], ds)
    await _drain(group, after, upto, (upto - after) * rig.subscribers, drain_s)
    cpu = split.done()
    report = await group.report(after, upto)
    from .stats import percentile

    return {
        **report,
        "rate": rate,
        "seconds": seconds,
        "sent": sent,
        "skipped": skipped,
        "unfinished": unfinished,
        "achieved_rate": sent / elapsed,
        "checkin_p50_ms": percentile(latencies, 50) * 1000,
        "checkin_p99_ms": percentile(latencies, 99) * 1000,
        "loop_lag": lags[0],
        "loop_lags": lags,
        "cpu": cpu,
    }


@dataclass(frozen=True)
class Phases:
    """What is timed once the subscribers are connected: `single_events` check-ins one at a
    time, then `sustained_s` seconds of `rate` check-ins a second (0: none)."""

    single_events: int
    sustained_s: float
    rate: float
    drain_s: float


@dataclass(frozen=True)
class Rig:
    """What a fan-out part measures with: the servers, an HTTP client per server, the
    subscriber processes, and the check-ins' organisation and random choices."""

    servers: list[Server]
    clients: list[httpx.AsyncClient]
    group: SubscriberGroup
    ds: Dataset
    rng: random.Random
    subscribers: int

    async def timed_phases(self, out: dict[str, Any], phases: Phases) -> list[float]:
        """Runs `phases` into `out`; the writer's own round trips of the single check-ins."""
        watched: list[float] = []
        if phases.single_events:
            out["single"], watched = await _single(self, phases.single_events, phases.drain_s)
        if phases.sustained_s > 0:
            out["sustained"] = await _sustained(
                self, phases.sustained_s, phases.rate, phases.drain_s
            )
        return watched


@contextlib.asynccontextmanager
async def _rig(
    ds: Dataset,
    servers: list[Server],
    workdir: Path,
    processes: int,
    subscribers: int,
    rng: random.Random,
) -> AsyncIterator[Rig]:
    """An HTTP client per server and the subscriber processes, sized for `subscribers`."""
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=50)
    async with contextlib.AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(
                httpx.AsyncClient(base_url=s.base, timeout=120, limits=limits)
            )
            for s in servers
        ]
        capacity = math.ceil(subscribers / processes)
        group = await stack.enter_async_context(
            subscriber_group(ds, servers, workdir, processes, capacity=capacity)
        )
        yield Rig(servers, clients, group, ds, rng, subscribers)


async def run(
    ds: Dataset,
    server: Server,
    workdir: Path,
    *,
    subscribers: int,
    memory: bool,
    fanout: bool,
    phases: Phases,
    processes: int = 1,
) -> dict[str, Any]:
    """One server: the memory of idle subscribers, and the fan-out with the writer's round
    trip watched against the same check-ins sent with nobody watching."""
    rng = random.Random(7)
    out: dict[str, Any] = {"size": ds.size, "subscribers": subscribers, "drain_s": phases.drain_s}
    async with _rig(ds, [server], workdir, processes, subscribers, rng) as rig:
        client, clients, group = rig.clients[0], rig.clients, rig.group
        # warm-up: a check-in and one subscriber, so one-time costs (imports, the org's
        # stream) are paid before the baseline is read
        await _check_in(client, ds, rng)
        await _connect(group, clients, ds, 1)
        await group.ask({"cmd": "drop"})
        await _wait_hub(client, 0)
        await asyncio.sleep(0.5)
        # with PYTHONTRACEMALLOC set, what the subscribers allocated is kept beside the RSS
        # (BENCH_TRACE_BY=lineno|filename|traceback, as the probe takes it)
        trace = f"&trace=1&top=400&by={os.environ.get('BENCH_TRACE_BY', 'lineno')}"
        # the writer's own round trip with nobody watching: the floor of the one below
        alone = []
        for _ in range(phases.single_events if fanout else 0):
            alone.append(await _check_in(client, ds, rng))
            await asyncio.sleep(0.2)
        # read after those check-ins: what they leave (~1 MiB: caches, the database's pages)
        # is not the subscribers'
        base_rss = (await _probe(client, f"/__bench/stats?gc=1{trace}"))["rss_kib"]

        out["connect"] = await _connect(group, clients, ds, subscribers)
        await asyncio.sleep(1.0)
        if memory:
            stats = await _probe(client, f"/__bench/stats?gc=1{trace}")
            rss = stats["rss_kib"]
            if stats.get("allocations"):
                out["allocations"] = stats["allocations"]
            out["gc_objects"] = {k: v for k, v in stats.items() if k.startswith("gc_")}
            out["memory"] = {
                "rss_idle_kib": base_rss,
                "rss_with_kib": rss,
                "per_subscriber_kib": (rss - base_rss) / subscribers,
            }
        if fanout:
            watched = await rig.timed_phases(out, phases)
            # the writer's response must not wait for the fan-out of its own event
            out["writer"] = {"alone": summary_ms(alone), "watched": summary_ms(watched)}
    return out


async def run_wide(
    ds: Dataset,
    servers: list[Server],
    workdir: Path,
    *,
    subscribers: int,
    processes: int,
    phases: Phases,
) -> dict[str, Any]:
    """Many subscribers over several subscriber processes, on one server or spread over
    several (PostgreSQL + Redis broker), each phase with the CPU split between the sides."""
    out: dict[str, Any] = {
        "size": ds.size,
        "engine": ds.engine,
        "servers": len(servers),
        "subscribers": subscribers,
        "drain_s": phases.drain_s,
    }
    async with _rig(ds, servers, workdir, processes, subscribers, random.Random(11)) as rig:
        for client in rig.clients:  # warm-up: one-time costs paid before anything is timed
            await _check_in(client, ds, rig.rng)
        out["connect"] = await _connect(rig.group, rig.clients, ds, subscribers)
        await asyncio.sleep(1.0)
        await rig.timed_phases(out, phases)
    return out
