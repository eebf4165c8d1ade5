"""The server the bench runs: the real `lodestar serve` (same uvicorn options, same app) with
three probes added around the app, from outside `backend/`:

- every HTTP response carries `Server-Timing: app;dur=<ms>, cpu;dur=<ms>` — the time from the
  request's arrival in the app to the start of the response (Strawberry answers in one body,
  so this is the whole execution: auth, SQL, evaluation, resolvers, JSON), and the process's
  CPU time over the same span (the request's own when it is the only one in flight — steadier
  than wall time on a crowded machine);
- an event-loop lag sampler runs in the lifespan: it sleeps `LAG_TICK` and records how late
  it wakes up; `GET /__bench/lag` returns p50/p99/max since the last `?reset=1`, with the
  process's CPU time and the cyclic garbage collector's pauses (a `gc.callbacks` hook) over
  the same span;
- `GET /__bench/stats` returns the live hub's subscriber count and the process RSS (after a
  `gc.collect()` when `?gc=1`, then also the objects the collector tracks and those frozen;
  with `?trace=1` under PYTHONTRACEMALLOC, what was allocated since the last such call, by
  `&by=lineno|filename|traceback`). `BENCH_SERVER_TRACEMALLOC=N` traces the servers the
  bench starts (N frames); the memory part then keeps what its subscribers allocated, by
  `BENCH_TRACE_BY` (default lineno), in the run's JSON (`allocations`).

With `BENCH_PROFILE=<file>` the server profiles itself with pyinstrument from startup to
shutdown (`python -m bench --profile-server DIR` sets it for every server it starts).

Run as `python -m bench.probe serve --host 127.0.0.1 --port P` (any `lodestar` arguments).
"""

import asyncio
import collections
import gc
import os
import sys
import time
from typing import Any

import orjson

LAG_TICK = 0.005  # seconds between samples: 200/s, negligible next to a request
MAX_SAMPLES = 200_000


def rss_kib(pid: int | str = "self") -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


class Probe:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.lags: collections.deque[float] = collections.deque(maxlen=MAX_SAMPLES)
        self._sampler: asyncio.Task[None] | None = None
        # since the last reset: the process's CPU time, and the cyclic collector's pauses
        self.cpu0 = time.process_time()
        self.gc_pauses: list[tuple[int, float]] = []  # (generation, seconds)
        self._gc_start = 0.0
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        elif len(self.gc_pauses) < MAX_SAMPLES:
            self.gc_pauses.append((info["generation"], time.perf_counter() - self._gc_start))

    def __getattr__(self, name: str) -> Any:  # state, router… of the wrapped Starlette app
        return getattr(self.app, name)

    async def _sample(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            t0 = loop.time()
            await asyncio.sleep(LAG_TICK)
            self.lags.append(max(0.0, loop.time() - t0 - LAG_TICK))

    def __call__(self, scope: Any, receive: Any, send: Any) -> Any:
        # a socket goes straight to the app: the probe keeps no frame of its own per socket
        # (it would count in the memory of an idle subscriber)
        if scope["type"] == "websocket":
            return self.app(scope, receive, send)
        return self._serve(scope, receive, send)

    async def _serve(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            self._sampler = asyncio.create_task(self._sample(), name="bench-lag-sampler")
            profiler = _start_profiler()
            try:
                await self.app(scope, receive, send)
            finally:
                self._sampler.cancel()
                if profiler is not None:
                    _write_profile(profiler)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"].startswith("/__bench/"):
            await self._bench(scope, send)
            return
        start, cpu = time.perf_counter(), time.process_time()

        async def timed_send(message: Any) -> None:
            if message["type"] == "http.response.start":
                dur = (time.perf_counter() - start) * 1000
                cpu_ms = (time.process_time() - cpu) * 1000
                headers = list(message.get("headers", []))
                timing = f"app;dur={dur:.3f}, cpu;dur={cpu_ms:.3f}"
                headers.append((b"server-timing", timing.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, timed_send)

    def _allocations(self, key: str, top: int = 40) -> list[str]:
        """With PYTHONTRACEMALLOC set: what was allocated since the previous such call, the
        total first, then the `top` by `key` (lineno, filename; traceback with
        PYTHONTRACEMALLOC=N frames) — what an idle subscriber keeps, when the call before
        had none."""
        import tracemalloc

        if not tracemalloc.is_tracing():
            return []
        snapshot = tracemalloc.take_snapshot()
        before, self.snapshot = getattr(self, "snapshot", None), snapshot
        if before is None:
            return []
        diff = snapshot.compare_to(before, key)
        total = sum(s.size_diff for s in diff)
        largest = [
            str(s) if key != "traceback" else "\n".join(s.traceback.format()) + f"\n  {s}"
            for s in diff[:top]
        ]
        return [f"total {total / 1024:+.0f} KiB", *largest]

    async def _bench(self, scope: Any, send: Any) -> None:
        query = scope.get("query_string", b"").decode()
        body: dict[str, Any]
        if scope["path"] == "/__bench/lag":
            from .stats import percentile

            samples = list(self.lags)
            by_gen = [[s for g, s in self.gc_pauses if g == gen] for gen in range(3)]
            full = by_gen[2]
            body = {
                "n": len(samples),
                "p50_ms": percentile(samples, 50) * 1000 if samples else 0.0,
                "p99_ms": percentile(samples, 99) * 1000 if samples else 0.0,
                "max_ms": max(samples) * 1000 if samples else 0.0,
                "cpu_s": time.process_time() - self.cpu0,
                "gc_ms": sum(s for _, s in self.gc_pauses) * 1000,
                "gc_max_ms": max((s for _, s in self.gc_pauses), default=0.0) * 1000,
                "gc_full": len(full),
                "gc_full_max_ms": max(full, default=0.0) * 1000,
                "gc_by_generation": [
                    {"n": len(p), "ms": sum(p) * 1000, "max_ms": max(p, default=0.0) * 1000}
                    for p in by_gen
                ],
            }
            if "reset=1" in query:
                self.lags.clear()
                self.gc_pauses.clear()
                self.cpu0 = time.process_time()
        elif scope["path"] == "/__bench/stats":
            from backend.live.runtime import get_hub

            if "gc=1" in query:
                gc.collect()
            hub = get_hub()
            body = {
                "subscribers": sum(len(s.subscribers) for s in hub.streams.values()),
                "rss_kib": rss_kib(),
            }
            if "gc=1" in query:
                body["gc_tracked"] = len(gc.get_objects())
                body["gc_frozen"] = gc.get_freeze_count()
            if "trace=1" in query:
                params = dict(p.partition("=")[::2] for p in query.split("&"))
                body["allocations"] = self._allocations(
                    params.get("by", "lineno"), int(params.get("top", "40"))
                )
        else:
            body = {"error": "unknown probe"}
        payload = orjson.dumps(body)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": payload})


def _start_profiler() -> Any:
    """With BENCH_PROFILE=<file>, the whole server process is profiled (pyinstrument, every
    task of the loop's thread) from startup to shutdown, and the report written there."""
    if not os.environ.get("BENCH_PROFILE"):
        return None
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001, async_mode="disabled")
    profiler.start()
    return profiler


def _write_profile(profiler: Any) -> None:
    from .profile import flat

    profiler.stop()
    session = profiler.last_session
    text = [
        f"wall {session.duration:.2f} s · CPU {session.cpu_time:.2f} s",
        flat(session.root_frame(), 40),
        profiler.output_text(unicode=True, color=False),
    ]
    with open(os.environ["BENCH_PROFILE"], "w") as f:
        f.write("\n".join(text))


def main(argv: list[str]) -> None:
    import backend.app
    import backend.cli

    real_create_app = backend.app.create_app

    def create_app(*args: Any, **kwargs: Any) -> Any:
        return Probe(real_create_app(*args, **kwargs))

    # `lodestar serve` imports create_app when it runs: it gets the probed one
    backend.app.create_app = create_app
    backend.cli.main(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
