"""Part 1 — the board query over HTTP against its floor, and SQL statements per request."""

import time
from pathlib import Path
from typing import Any

import httpx

from . import gql
from .dataset import Dataset
from .floor import Driver, board_floor, timed_cpu
from .queries import BOARD, CHECK_IN, OBJECTIVES
from .server import Server
from .sqlcount import counting, in_process_app
from .stats import median


def count_nodes(roots: list[dict[str, Any]]) -> int:
    n, stack = 0, list(roots)
    while stack:
        node = stack.pop()
        n += 1
        stack.extend(node.get("children") or ())
    return n


async def run(ds: Dataset, server: Server, runs: int, cap_s: float) -> dict[str, Any]:
    """Board and flat `objectives` over HTTP, interleaved with the floor run by run (both see
    the same machine weather): `runs` runs, fewer (at least 3) when `cap_s` runs out."""
    vars_ = {"c": ds.cycle_gid}
    board_server: list[float] = []
    board_cpu: list[float] = []
    board_wall: list[float] = []
    flat_server: list[float] = []
    floor: list[float] = []
    floor_cpu: list[float] = []
    async with (
        httpx.AsyncClient(base_url=server.base, timeout=300) as client,
        Driver(ds) as db,
    ):
        first = await gql.call(client, BOARD, vars_, ds.admin_token)  # warm-up, and a check
        shown = count_nodes(first.data["board"])
        if shown != ds.board_objectives:
            raise RuntimeError(f"board shows {shown} objectives, expected {ds.board_objectives}")
        floor_json = await board_floor(db)
        deadline = time.monotonic() + cap_s
        while len(floor) < runs and (len(floor) < 3 or time.monotonic() < deadline):
            reply = await gql.call(client, BOARD, vars_, ds.admin_token)
            board_server.append(reply.server_s)
            board_cpu.append(reply.server_cpu_s)
            board_wall.append(reply.wall_s)
            wall, cpu = await timed_cpu(board_floor, db)
            floor.append(wall)
            floor_cpu.append(cpu)
        for _ in range(max(2, len(floor) // 2)):
            flat_server.append((await gql.call(client, OBJECTIVES, vars_, ds.admin_token)).server_s)
        compressed = await compression(client, ds, max(3, len(floor) // 2))
    b, f = median(board_server), median(floor)
    return {
        "size": ds.size,
        "engine": ds.engine,
        "objectives": ds.board_objectives,
        "key_results": ds.key_results,
        "runs": len(floor),
        "server_ms": b * 1000,
        "wall_ms": median(board_wall) * 1000,
        "objectives_flat_ms": median(flat_server) * 1000,
        "floor_ms": f * 1000,
        "ratio": b / f,
        "server_cpu_ms": median(board_cpu) * 1000,
        "floor_cpu_ms": median(floor_cpu) * 1000,
        "cpu_ratio": median(board_cpu) / median(floor_cpu),
        "response_kib": first.size / 1024,
        "floor_kib": len(floor_json) / 1024,
        "compression": compressed,
    }


async def compression(client: httpx.AsyncClient, ds: Dataset, runs: int) -> dict[str, Any]:
    """The web app's board query answered plain and gzipped, interleaved: bytes on the wire
    and the server CPU the compression adds."""
    vars_ = {"c": ds.cycle_gid}
    plain_cpu: list[float] = []
    gzip_cpu: list[float] = []
    plain = gzipped = 0
    for _ in range(runs):
        reply = await gql.call(client, OBJECTIVES, vars_, ds.admin_token)
        plain_cpu.append(reply.server_cpu_s)
        plain = reply.wire
        reply = await gql.call(client, OBJECTIVES, vars_, ds.admin_token, encoding="gzip")
        gzip_cpu.append(reply.server_cpu_s)
        gzipped = reply.wire
    return {
        "plain_kib": plain / 1024,
        "gzip_kib": gzipped / 1024,
        "plain_cpu_ms": median(plain_cpu) * 1000,
        "gzip_cpu_ms": median(gzip_cpu) * 1000,
    }


async def statements(ds: Dataset, workdir: Path) -> dict[str, int]:
    """SQL statements of one board, one flat objectives query and one check-in, in-process
    (after a warm-up request: opening the connection is not counted)."""
    vars_ = {"c": ds.cycle_gid}
    out: dict[str, int] = {}
    async with in_process_app(ds, workdir) as client:
        await gql.call(client, "{ viewer { id } }", None, ds.admin_token)  # warm-up
        with counting() as counter:
            await gql.call(client, BOARD, vars_, ds.admin_token)
            out["board"] = counter.count
            counter.reset()
            await gql.call(client, OBJECTIVES, vars_, ds.admin_token)
            out["objectives"] = counter.count
            counter.reset()
            kr, start, target = ds.checkin_krs[0]
            await gql.call(
                client,
                CHECK_IN,
                {"k": f"kr_{kr}", "v": round((start + target) / 2, 1), "c": 6},
                ds.admin_token,
            )
            out["check_in"] = counter.count
    return out
