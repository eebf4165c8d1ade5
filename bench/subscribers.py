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
compression, through a minimal client (`wsclient.py`: a message costs a few µs, so the
subscribers measure the server, not themselves). A message is time-stamped (`time.time()`)
the moment its bytes are read, before anything else is done with it; the latency of a
delivery is that stamp minus the event's `at` (written in the check-in's transaction just
before its commit — so the figure includes the commit).
"""

import asyncio
import math
import sys
import time
from datetime import datetime
from typing import Any

import orjson

from .queries import BOARD_EVENTS
from .wsclient import Client, connect


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
    """One socket's subscriptions: what it received, handled as each frame is read."""

    def __init__(self, at: dict[int, float]) -> None:
        self.at = at  # the pool's: seq -> event time
        self.seen: dict[int, float] = {}  # seq -> receipt time
        self.dupes = 0
        self.resyncs = 0
        self.errors: list[str] = []
        self.presence_messages = 0
        self.presence_bytes = 0
        self.presence_count = 0  # in the last presence list received
        self.conn: Client | None = None
        self.acked: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()

    def on_text(self, raw: bytes, t: float) -> None:
        msg = orjson.loads(raw)
        kind = msg.get("type")
        if not self.acked.done():
            self.acked.set_result(msg)
        elif kind == "next" and msg.get("id") == "2":
            self.presence_messages += 1
            self.presence_bytes += len(raw)
            update = ((msg.get("payload") or {}).get("data") or {}).get("presence")
            if update is None:
                self.errors.append(str(msg.get("payload"))[:300])
            else:
                self.presence_count = update["count"]
        elif kind == "next":
            data = (msg.get("payload") or {}).get("data") or {}
            event = data.get("boardEvents")
            if not event:
                self.errors.append(str(msg.get("payload"))[:300])
            elif event["__typename"] == "ResyncRequired":
                self.resyncs += 1
            elif (seq := event["seq"]) in self.seen:
                self.dupes += 1
            else:
                self.seen[seq] = t
                if seq not in self.at:
                    self.at[seq] = datetime.fromisoformat(event["at"]).timestamp()
        elif kind == "ping":
            assert self.conn is not None
            self.conn.send(b'{"type":"pong"}')
        elif kind in ("error", "complete"):
            self.errors.append(f"{kind}: {str(msg.get('payload'))[:300]}")

    def on_closed(self, done: "asyncio.Future[int]") -> None:
        code = done.result()
        if code != 1000:
            self.errors.append(f"closed: {code}")


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
        sub = Sub(self.at)
        token = self.tokens[(self.first + index) // self.per_token]
        async with gate:
            conn = sub.conn = await connect(
                self.ws_url, "graphql-transport-ws", sub.on_text, time.time, OPEN_TIMEOUT
            )
            conn.send(orjson.dumps({"type": "connection_init", "payload": {"token": token}}))
            try:
                ack = await asyncio.wait_for(asyncio.shield(sub.acked), OPEN_TIMEOUT)
            except BaseException:
                await conn.close()
                raise
            if ack.get("type") != "connection_ack":
                await conn.close()
                raise RuntimeError(f"no connection_ack: {ack}")
            conn.send(
                orjson.dumps(
                    {
                        "id": "1",
                        "type": "subscribe",
                        "payload": {
                            "query": BOARD_EVENTS,
                            "variables": {"c": self.cycle, "s": since},
                        },
                    }
                )
            )
            if self.presence:
                conn.send(
                    orjson.dumps(
                        {
                            "id": "2",
                            "type": "subscribe",
                            "payload": {"query": self.presence, "variables": {"c": self.cycle}},
                        }
                    )
                )
        conn.closed.add_done_callback(sub.on_closed)
        return sub

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
        await asyncio.gather(
            *(sub.conn.close() for sub in self.subs if sub.conn is not None),
            return_exceptions=True,
        )
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
    import uvloop  # the server's loop too: its reads cost a fraction of asyncio's

    uvloop.run(main())
