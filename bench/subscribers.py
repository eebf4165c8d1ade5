"""`python -m bench.subscribers`: websocket subscribers to `boardEvents`, in their own process.

Controlled over stdin/stdout, one JSON object per line:

    → {"ws": url, "cycle": "cycle_1", "tokens": [...], "per_token": 16, "first": 0}  (first line)
    → {"cmd": "connect", "n": 100, "since": 7}   ← {"connected": 100, "failed": 0, "seconds": 1.2}
    → {"cmd": "report", "after": 7, "upto": 27}  ← latencies of every (subscriber, event) pair,
                                                   as a histogram (`bucket_ms`) that the
                                                   driver merges across processes
    → {"cmd": "presence", "n": 300}              ← presence messages and bytes received, and
                                                   whether every socket's last list counts n
    → {"cmd": "drop"}                            ← {"connected": 0}   (closes every socket)
    → {"cmd": "quit"}

Each socket speaks graphql-transport-ws with the token in `connection_init`, without
compression. A message is time-stamped (`time.time()`) the moment it is read, before anything
else is done with it; the latency of a delivery is that stamp minus the event's `at` (written
in the check-in's transaction just before its commit — so the figure includes the commit).
"""

import asyncio
import contextlib
import math
import sys
import time
from datetime import datetime
from typing import Any

import orjson
import websockets
from websockets.asyncio.client import ClientConnection, connect

from .queries import BOARD_EVENTS


def bucket_ms(seconds: float) -> float:
    """A latency's histogram bucket: 0.1 ms below a second, 1 ms above (a 60-second run's
    histogram stays small however far behind it falls)."""
    ms = seconds * 1000
    return round(ms, 1) if ms < 1000 else float(round(ms))


def summarize(hist: list[list[float]]) -> dict[str, float]:
    """n, p50, p99 and max (ms, nearest rank) of a histogram of [bucket_ms, count] pairs."""
    ordered = sorted(hist)
    n = int(sum(c for _, c in ordered))
    out = {"n": n, "p50_ms": math.nan, "p99_ms": math.nan, "max_ms": math.nan}
    if not n:
        return out
    ranks = {"p50_ms": max(1, math.ceil(0.5 * n)), "p99_ms": max(1, math.ceil(0.99 * n))}
    seen = 0
    for ms, count in ordered:
        seen += int(count)
        for name, rank in ranks.items():
            if math.isnan(out[name]) and seen >= rank:
                out[name] = ms
    out["max_ms"] = ordered[-1][0]
    return out


CONNECT_CONCURRENCY = 50
OPEN_TIMEOUT = 30.0


class Sub:
    def __init__(self) -> None:
        self.seen: dict[int, float] = {}  # seq -> receipt time
        self.dupes = 0
        self.resyncs = 0
        self.errors: list[str] = []
        self.presence_messages = 0
        self.presence_bytes = 0
        self.presence_count = 0  # in the last presence list received
        self.ws: ClientConnection | None = None
        self.task: asyncio.Task[None] | None = None


class Pool:
    def __init__(self, cfg: dict[str, Any]) -> None:
        self.ws_url: str = cfg["ws"]
        self.cycle: str = cfg["cycle"]
        self.tokens: list[str] = cfg["tokens"]
        self.per_token: int = cfg.get("per_token", 16)
        # this process's first subscriber among all of the run's (several processes share
        # the tokens: each socket's token is chosen by its index across all of them)
        self.first: int = cfg.get("first", 0)
        # handshakes in flight at once (the processes of one run share CONNECT_CONCURRENCY)
        self.concurrency: int = cfg.get("concurrency", CONNECT_CONCURRENCY)
        self.presence: str | None = cfg.get("presence")  # the app's presence document
        self.subs: list[Sub] = []
        self.at: dict[int, float] = {}  # seq -> event time (epoch seconds)

    async def _open(self, index: int, since: int | None, gate: asyncio.Semaphore) -> Sub:
        sub = Sub()
        token = self.tokens[(self.first + index) // self.per_token]
        async with gate:
            ws = await connect(
                self.ws_url,
                subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
                compression=None,
                open_timeout=OPEN_TIMEOUT,
                ping_interval=None,
                max_size=2**22,
            )
            await ws.send(
                orjson.dumps({"type": "connection_init", "payload": {"token": token}}).decode()
            )
            ack = orjson.loads(await asyncio.wait_for(ws.recv(), OPEN_TIMEOUT))
            if ack.get("type") != "connection_ack":
                await ws.close()
                raise RuntimeError(f"no connection_ack: {ack}")
            await ws.send(
                orjson.dumps(
                    {
                        "id": "1",
                        "type": "subscribe",
                        "payload": {
                            "query": BOARD_EVENTS,
                            "variables": {"c": self.cycle, "s": since},
                        },
                    }
                ).decode()
            )
            if self.presence:
                await ws.send(
                    orjson.dumps(
                        {
                            "id": "2",
                            "type": "subscribe",
                            "payload": {"query": self.presence, "variables": {"c": self.cycle}},
                        }
                    ).decode()
                )
        sub.ws = ws
        sub.task = asyncio.create_task(self._read(sub, ws))
        return sub

    async def _read(self, sub: Sub, ws: ClientConnection) -> None:
        at = self.at
        seen = sub.seen
        try:
            async for raw in ws:
                t = time.time()
                msg = orjson.loads(raw)
                kind = msg.get("type")
                if kind == "next" and msg.get("id") == "2":
                    sub.presence_messages += 1
                    sub.presence_bytes += len(raw)
                    update = ((msg.get("payload") or {}).get("data") or {}).get("presence")
                    if update is None:
                        sub.errors.append(str(msg.get("payload"))[:300])
                    else:
                        sub.presence_count = update["count"]
                elif kind == "next":
                    data = (msg.get("payload") or {}).get("data") or {}
                    event = data.get("boardEvents")
                    if not event:
                        sub.errors.append(str(msg.get("payload"))[:300])
                        continue
                    if event["__typename"] == "ResyncRequired":
                        sub.resyncs += 1
                        continue
                    seq = event["seq"]
                    if seq in seen:
                        sub.dupes += 1
                        continue
                    seen[seq] = t
                    if seq not in at:
                        at[seq] = datetime.fromisoformat(event["at"]).timestamp()
                elif kind == "ping":
                    await ws.send('{"type":"pong"}')
                elif kind in ("error", "complete"):
                    sub.errors.append(f"{kind}: {str(msg.get('payload'))[:300]}")
        except websockets.ConnectionClosed as exc:
            if exc.rcvd is None or exc.rcvd.code != 1000:
                sub.errors.append(f"closed: {exc}")

    async def connect(self, n: int, since: int | None) -> dict[str, Any]:
        t0 = time.perf_counter()
        gate = asyncio.Semaphore(self.concurrency)
        start = len(self.subs)
        results = await asyncio.gather(
            *(self._open(start + i, since, gate) for i in range(n)), return_exceptions=True
        )
        failed = [r for r in results if isinstance(r, BaseException)]
        self.subs.extend(r for r in results if isinstance(r, Sub))
        return {
            "connected": len(self.subs),
            "failed": len(failed),
            "failures": sorted({f"{type(e).__name__}: {e}"[:200] for e in failed})[:5],
            "seconds": time.perf_counter() - t0,
        }

    async def drop(self) -> dict[str, Any]:
        for sub in self.subs:
            if sub.ws is not None:
                with contextlib.suppress(Exception):
                    await sub.ws.close()
        for sub in self.subs:
            if sub.task is not None:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(sub.task, 5)
        self.subs.clear()
        return {"connected": 0}

    def report(self, after: int, upto: int) -> dict[str, Any]:
        seqs = range(after + 1, upto + 1)
        hist: dict[float, int] = {}
        lost = 0
        for sub in self.subs:
            for seq in seqs:
                t = sub.seen.get(seq)
                if t is None or seq not in self.at:
                    lost += 1
                else:
                    key = bucket_ms(t - self.at[seq])
                    hist[key] = hist.get(key, 0) + 1
        pairs = [[k, n] for k, n in hist.items()]
        return {
            **summarize(pairs),
            "hist": pairs,
            "events": len(seqs),
            "subscribers": len(self.subs),
            "expected": len(seqs) * len(self.subs),
            "lost": lost,
            "dupes": sum(s.dupes for s in self.subs),
            "resyncs": sum(s.resyncs for s in self.subs),
            "errors": sorted({e for s in self.subs for e in s.errors})[:5],
        }

    def presence_report(self, n: int) -> dict[str, Any]:
        return {
            "messages": sum(s.presence_messages for s in self.subs),
            "bytes": sum(s.presence_bytes for s in self.subs),
            "settled": all(s.presence_count == n for s in self.subs),
            "errors": sorted({e for s in self.subs for e in s.errors})[:5],
        }

    def received(self, after: int, upto: int) -> int:
        return sum(1 for s in self.subs for seq in range(after + 1, upto + 1) if seq in s.seen)


async def main() -> None:
    async def line() -> dict[str, Any]:
        text = await asyncio.to_thread(sys.stdin.readline)
        if not text:
            return {"cmd": "quit"}
        return dict(orjson.loads(text))

    def reply(obj: dict[str, Any]) -> None:
        sys.stdout.write(orjson.dumps(obj).decode() + "\n")
        sys.stdout.flush()

    pool = Pool(await line())
    reply({"ok": True})
    while True:
        cmd = await line()
        what = cmd.get("cmd")
        if what == "connect":
            reply(await pool.connect(int(cmd["n"]), cmd.get("since")))
        elif what == "report":
            reply(pool.report(int(cmd["after"]), int(cmd["upto"])))
        elif what == "received":
            reply({"received": pool.received(int(cmd["after"]), int(cmd["upto"]))})
        elif what == "presence":
            reply(pool.presence_report(int(cmd["n"])))
        elif what == "drop":
            reply(await pool.drop())
        else:
            await pool.drop()
            reply({"bye": True})
            return


if __name__ == "__main__":
    asyncio.run(main())
