"""Part 1 — the board query over HTTP against its floor, and SQL statements per request."""

import gc
import time
from pathlib import Path
from typing import Any

import httpx

from . import gql
from .dataset import Dataset
from .floor import Driver, app_board_floor, board_floor, timed_cpu
from .queries import BOARD, app, check_in
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
    """The nested `board` and the web app's own `Q_BOARD` over HTTP, each interleaved with its
    floor run by run (all see the same machine weather): `runs` runs, fewer (at least 3) when
    `cap_s` runs out. The bench's collector runs before each floor, so no garbage of the
    bench's own making is collected inside one."""
    vars_ = {"c": ds.cycle_gid}
    app_board = app("okr.js", "Q_BOARD")
    board_server: list[float] = []
    board_cpu: list[float] = []
    board_wall: list[float] = []
    floor: list[float] = []
    floor_cpu: list[float] = []
    app_server: list[float] = []
    app_cpu: list[float] = []
    app_floor: list[float] = []
    app_floor_cpu: list[float] = []
    async with (
        httpx.AsyncClient(base_url=server.base, timeout=300) as client,
        Driver(ds) as db,
    ):
        first = await gql.call(client, BOARD, vars_, ds.admin_token)  # warm-up, and a check
        shown = count_nodes(first.data["board"])
        if shown != ds.board_objectives:
            raise RuntimeError(f"board shows {shown} objectives, expected {ds.board_objectives}")
        floor_json = await board_floor(db)
        app_first = await gql.call(client, app_board, vars_, ds.admin_token)
        if len(app_first.data["objectives"]) != ds.board_objectives:
            raise RuntimeError("the app's board query does not show the board's objectives")
        app_floor_json = await app_board_floor(db)
        deadline = time.monotonic() + cap_s
        while len(floor) < runs and (len(floor) < 3 or time.monotonic() < deadline):
            reply = await gql.call(client, BOARD, vars_, ds.admin_token)
            board_server.append(reply.server_s)
            board_cpu.append(reply.server_cpu_s)
            board_wall.append(reply.wall_s)
            gc.collect()
            wall, cpu = await timed_cpu(board_floor, db)
            floor.append(wall)
            floor_cpu.append(cpu)
            reply = await gql.call(client, app_board, vars_, ds.admin_token)
            app_server.append(reply.server_s)
            app_cpu.append(reply.server_cpu_s)
            gc.collect()
            wall, cpu = await timed_cpu(app_board_floor, db)
            app_floor.append(wall)
            app_floor_cpu.append(cpu)
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
        "floor_ms": f * 1000,
        "ratio": b / f,
        "server_cpu_ms": median(board_cpu) * 1000,
        "floor_cpu_ms": median(floor_cpu) * 1000,
        "cpu_ratio": median(board_cpu) / median(floor_cpu),
        "response_kib": first.size / 1024,
        "floor_kib": len(floor_json) / 1024,
        "app": {
            "server_ms": median(app_server) * 1000,
            "server_cpu_ms": median(app_cpu) * 1000,
            "floor_ms": median(app_floor) * 1000,
            "floor_cpu_ms": median(app_floor_cpu) * 1000,
            "ratio": median(app_server) / median(app_floor),
            "cpu_ratio": median(app_cpu) / median(app_floor_cpu),
            "response_kib": app_first.size / 1024,
            "floor_kib": len(app_floor_json) / 1024,
        },
        "compression": compressed,
    }


async def compression(client: httpx.AsyncClient, ds: Dataset, runs: int) -> dict[str, Any]:
    """The web app's board query answered plain and gzipped, interleaved: bytes on the wire
    and the server CPU the compression adds."""
    vars_ = {"c": ds.cycle_gid}
    app_board = app("okr.js", "Q_BOARD")
    plain_cpu: list[float] = []
    gzip_cpu: list[float] = []
    plain = gzipped = 0
    for _ in range(runs):
        reply = await gql.call(client, app_board, vars_, ds.admin_token)
        plain_cpu.append(reply.server_cpu_s)
        plain = reply.wire
        reply = await gql.call(client, app_board, vars_, ds.admin_token, encoding="gzip")
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
            await gql.call(client, app("okr.js", "Q_BOARD"), vars_, ds.admin_token)
            out["objectives"] = counter.count
            counter.reset()
            kr, start, target = ds.checkin_krs[0]
            document, variables = check_in(kr, round((start + target) / 2, 1), 6)
            await gql.call(client, document, variables, ds.admin_token)
            out["check_in"] = counter.count
    return out
