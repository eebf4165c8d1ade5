"""Part 2 — the `checkIn` mutation as the web app sends it (`M_CHECK_IN`: the key result's
fields and what the viewer may do with it; roll-up, activity, publish included) against the
floor of the same writes as raw SQL in one transaction.

What DESIGN §8 judges: the server CPU of one check-in (the probe's Server-Timing `cpu`, read
one at a time so the process's CPU is the request's own) and the p99 round trip of each
check-in while `CONCURRENCY` clients send them back to back."""

import asyncio
import random
import time
from typing import Any

import httpx

from . import gql
from .dataset import Dataset
from .floor import Driver, checkin_floor, timed
from .queries import check_in
from .server import Server
from .stats import percentile

CONCURRENCY = 8
CONCURRENT_OPS = 160  # sent by the CONCURRENCY clients together (or until the time cap)
MIN_OPS = 3  # one at a time, even past the time cap


def _pick(ds: Dataset, rng: random.Random) -> tuple[int, float]:
    kr, start, target = rng.choice(ds.checkin_krs)
    lo, hi = sorted((start, target))
    return kr, round(rng.uniform(lo, hi), 1)


async def _one(client: httpx.AsyncClient, ds: Dataset, rng: random.Random) -> gql.Reply:
    kr, value = _pick(ds, rng)
    document, variables = check_in(kr, value, rng.randint(3, 9))
    return await gql.call(client, document, variables, ds.admin_token)


async def run(ds: Dataset, server: Server, ops: int, cap_s: float) -> dict[str, Any]:
    rng = random.Random(ds.size)
    latencies: list[float] = []
    cpu: list[float] = []
    concurrent: list[float] = []
    async with httpx.AsyncClient(base_url=server.base, timeout=120) as client:
        await _one(client, ds, rng)  # warm-up
        # latency: one at a time
        deadline = time.monotonic() + cap_s
        while len(latencies) < ops and (time.monotonic() < deadline or len(latencies) < MIN_OPS):
            reply = await _one(client, ds, rng)
            latencies.append(reply.wall_s)
            cpu.append(reply.server_cpu_s)
        # CONCURRENCY clients, each sending its next check-in once answered
        n = len(latencies)
        left = [CONCURRENT_OPS]
        deadline = time.monotonic() + cap_s

        async def worker() -> None:
            while left[0] > 0 and time.monotonic() < deadline:
                left[0] -= 1
                concurrent.append((await _one(client, ds, rng)).wall_s)

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        throughput = len(concurrent) / (time.perf_counter() - t0)

    # the floor: the same writes, raw, one transaction each, with the real event's payload
    floor: list[float] = []
    async with Driver(ds) as db:
        rows = await db.fetch(
            "SELECT payload, objective_id, key_result_id FROM activity_event "
            "WHERE kind = 'key_result.checked_in' ORDER BY id DESC LIMIT 1"
        )
        payload = rows[0][0]
        payload = payload.encode() if isinstance(payload, str) else bytes(payload)
        objective_id, kr_id = rows[0][1], rows[0][2]
        t0 = time.perf_counter()
        for i in range(max(n, 50)):
            floor.append(await timed(checkin_floor, db, kr_id, objective_id, float(i), payload))
        floor_tput = len(floor) / (time.perf_counter() - t0)
    p50, f50 = percentile(latencies, 50), percentile(floor, 50)
    return {
        "size": ds.size,
        "engine": ds.engine,
        "ops": n,
        "p50_ms": p50 * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "cpu_p50_ms": percentile(cpu, 50) * 1000,
        "cpu_p99_ms": percentile(cpu, 99) * 1000,
        "throughput": throughput,
        "concurrency": CONCURRENCY,
        "concurrent_ops": len(concurrent),
        "concurrent_p50_ms": percentile(concurrent, 50) * 1000,
        "concurrent_p99_ms": percentile(concurrent, 99) * 1000,
        "floor_p50_ms": f50 * 1000,
        "floor_p99_ms": percentile(floor, 99) * 1000,
        "floor_throughput": floor_tput,
        "ratio": p50 / f50,
    }
