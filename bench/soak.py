"""Part 6 — soak: a board left open. Steady check-ins for a long while to subscribers that stay
connected, the server's RSS sampled throughout; after a warm-up it must stay flat (a leak per
event shows as a slope: issue 19 found ~7.6 KB per event, ~650 MB a day at 1 event/s).

Each sample is taken after a full `gc.collect()` in the server (`/__bench/stats?gc=1`), so
garbage waiting for the collector does not count; the number of objects the collector tracks
is sampled too (a leak of objects shows there even when the allocator hides it in RSS).
The slope is a least-squares fit over the samples after the warm-up.
"""

import asyncio
import random
import time
from pathlib import Path
from typing import Any

import httpx

from .dataset import Dataset
from .live import _check_in, _drain, _probe, _seq, _wait_hub, subscriber_process
from .server import Server

SUBSCRIBERS = 50
RATE = 5.0  # check-ins per second
WARMUP_FRACTION = 1 / 6  # of the run: caches fill, the allocator settles
SAMPLES = 120  # RSS samples over the run (at least one a second)


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of y over x (0 for fewer than two distinct x)."""
    n = len(points)
    if n < 2:
        return 0.0
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    if sxx == 0:
        return 0.0
    return sum((x - mx) * (y - my) for x, y in points) / sxx


async def run(
    ds: Dataset, server: Server, workdir: Path, *, seconds: float, drain_s: float
) -> dict[str, Any]:
    rng = random.Random(19)
    every = max(1.0, seconds / SAMPLES)
    warmup = seconds * WARMUP_FRACTION
    samples: list[dict[str, float]] = []  # t (s since start), rss_kib, objects, events
    sent = 0
    async with (
        httpx.AsyncClient(base_url=server.base, timeout=120) as client,
        subscriber_process(ds, server, workdir) as subs,
    ):
        after = await _seq(client, ds)
        connected = await subs.ask({"cmd": "connect", "n": SUBSCRIBERS, "since": after})
        if connected["failed"]:
            raise RuntimeError(f"{connected['failed']} subscribers failed: {connected['failures']}")
        await _wait_hub(client, SUBSCRIBERS)

        t0 = time.perf_counter()

        async def sample() -> None:
            while True:
                # the probe's loop-lag samples (200 a second, kept up to 200,000: ~23 MiB an
                # hour until then) are the instrument's, not the server's: dropped each time
                await _probe(client, "/__bench/lag?reset=1")
                stats = await _probe(client, "/__bench/stats?gc=1")
                samples.append(
                    {
                        "t": time.perf_counter() - t0,
                        "rss_kib": stats["rss_kib"],
                        "objects": stats["gc_tracked"],
                        "events": sent,
                    }
                )
                await asyncio.sleep(every)

        sampler = asyncio.create_task(sample())
        try:
            # steady: one check-in at a time on a fixed schedule (a slow answer is caught
            # up by the next ones, never by a burst in flight)
            for i in range(int(RATE * seconds)):
                delay = t0 + i / RATE - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                await _check_in(client, ds, rng)
                sent += 1
            elapsed = time.perf_counter() - t0
        finally:
            sampler.cancel()
        upto = await _seq(client, ds)
        await _drain(subs, after, upto, (upto - after) * SUBSCRIBERS, drain_s)
        delivery = await subs.ask({"cmd": "report", "after": after, "upto": upto})

    settled = [s for s in samples if s["t"] >= warmup]
    if len(settled) < 2:
        raise RuntimeError(f"only {len(settled)} RSS samples after the warm-up")
    hours = [(s["t"] / 3600, s["rss_kib"] / 1024) for s in settled]
    objects = [(s["events"], s["objects"]) for s in settled]
    rss = [(s["events"], s["rss_kib"]) for s in settled]
    mib_per_hour = slope(hours)
    span_h = hours[-1][0] - hours[0][0]
    return {
        "size": ds.size,
        "subscribers": SUBSCRIBERS,
        "rate": RATE,
        "seconds": seconds,
        "achieved_rate": sent / elapsed,
        "warmup_s": warmup,
        "samples": samples,
        "rss_start_kib": settled[0]["rss_kib"],
        "rss_end_kib": settled[-1]["rss_kib"],
        "rss_min_kib": min(s["rss_kib"] for s in settled),
        "rss_max_kib": max(s["rss_kib"] for s in settled),
        "mib_per_hour": mib_per_hour,
        "fitted_growth_mib": mib_per_hour * span_h,
        "kib_per_event": slope(rss),
        "objects_per_event": slope(objects),
        "delivery": delivery,
    }
