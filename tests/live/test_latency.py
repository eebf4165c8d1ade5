"""A rough, ad-hoc look at check-in → event latency with ~300 subscribers on one server process
over loopback. It prints the figures (run with `-s`) and asserts only that every subscriber
got every event: wall-clock times are never asserted (the benchmark issue measures them).

Latency here = from sending the checkIn POST to the event's arrival at each subscriber's
socket, as stamped by this (single, busy) client process — an upper bound of the server's.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from collections.abc import AsyncIterator

import pytest

from tests.servers import Server

from .client import ADMIN, Gql, Socket, Sub, board_seq, check_in, token_for, tracking_cycle

SUBSCRIBERS = int(os.environ.get("LODESTAR_LATENCY_SUBSCRIBERS", "300"))
PEOPLE = 20  # at most 20 sockets per person (the server's limit): 15 each for 300
CHECK_INS = 6


@pytest.fixture(scope="module")
async def watchers(server: Server) -> AsyncIterator[tuple[Gql, str, int, list[Sub]]]:
    admin = Gql(server.base, await token_for(server, ADMIN))
    cycle = await tracking_cycle(admin)
    people = [p["email"] for p in (await admin.ok("{ people { email } }"))["people"]][:PEOPLE]
    tokens = [await token_for(server, email) for email in people]
    seq0 = await board_seq(admin, cycle)
    sockets: list[Socket] = []
    try:
        for start in range(0, SUBSCRIBERS, 50):
            sockets += await asyncio.gather(
                *(
                    Socket.open(server.ws_url, token=tokens[i % len(tokens)], within=30)
                    for i in range(start, min(start + 50, SUBSCRIBERS))
                )
            )
        subs = [await s.board(cycle, since=seq0) for s in sockets]
        yield admin, cycle, seq0, subs
    finally:
        await asyncio.gather(*(s.close() for s in sockets))
        await admin.close()


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return (
        f"min {ordered[0] * 1000:6.1f}  median {statistics.median(ordered) * 1000:6.1f}"
        f"  p95 {p95 * 1000:6.1f}  max {ordered[-1] * 1000:6.1f} ms"
    )


async def test_check_in_to_event_latency_with_a_few_hundred_subscribers(
    server: Server, watchers: tuple[Gql, str, int, list[Sub]]
) -> None:
    _, _, seq0, subs = watchers
    writer = Gql(server.base, await token_for(server, "zhangsan@example.com"))
    try:
        # warm-up: every subscription is live (and has replayed nothing) before measuring
        await check_in(writer, "kr_27", 20)
        firsts = await asyncio.gather(*(sub.next(within=60) for sub in subs))
        assert {e["seq"] for e in firsts} == {seq0 + 1}

        everything: list[float] = []
        round_trips: list[float] = []
        lines = []
        for n in range(CHECK_INS):
            sent = time.perf_counter()
            await check_in(writer, "kr_27", 21 + n % 9)
            round_trips.append(time.perf_counter() - sent)
            events = await asyncio.gather(*(sub.next(within=60) for sub in subs))
            assert {e["seq"] for e in events} == {seq0 + 2 + n}
            latencies = [e["_t"] - sent for e in events]
            everything += latencies
            lines.append(f"  check-in {n + 1:2}: {summary(latencies)}")
            await asyncio.sleep(0.1)  # one at a time, as people do in a meeting
    finally:
        await writer.close()

    print(
        f"\ncheck-in → event latency, {len(subs)} subscribers on one process "
        f"(SQLite, memory broker, loopback, {CHECK_INS} check-ins):\n"
        + "\n".join(lines)
        + f"\n  all        : {summary(everything)}"
        + f"\n  checkIn POST round trip: {summary(round_trips)}"
    )
